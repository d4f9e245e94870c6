/**
 * `perfguard lint [paths…] [--format stylish|json|sarif] [--fix] [--config FILE]`: the CLI entry point.
 * Exit codes: 0 no error-level finding; 1 error-level findings (or too many warnings); 2 usage, config or
 * internal failure (see HELP in args.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import { version } from '../../package.json';
import type { Rule } from '../core/engine/rule';
import { allRules } from '../core/rules';
import { HELP, parseCliArgs, UsageError, type LintArgs } from './args';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatStylish } from './formatters/stylish';
import { runLint } from './lint';
import { isLintWorker, runLintWorker } from './parallel';
import { exitCodeOf, type LintReport } from './report';

export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown };
}

export function render(report: LintReport, args: LintArgs, color: boolean): string {
  switch (args.format) {
    case 'json':
      return formatJson(report, { stats: args.stats });
    case 'sarif':
      return formatSarif(report);
    case 'stylish':
      return formatStylish(report, { color });
  }
}

function useColor(args: LintArgs, io: CliIo): boolean {
  if (args.color !== undefined) return args.color;
  if (args.output !== undefined) return false;
  const noColor = io.env.NO_COLOR;
  return !!io.stdout.isTTY && (noColor === undefined || noColor === '');
}

/** Run the CLI; resolves to the exit code. Never throws. */
export async function main(
  argv: readonly string[],
  io: CliIo,
  rules: readonly Rule[] = allRules,
): Promise<number> {
  const note = (line: string) => void io.stderr.write(line + '\n');
  try {
    let args;
    try {
      args = parseCliArgs(argv);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      note(`perfguard: ${e.message}`);
      note('Run "perfguard --help" for usage.');
      return 2;
    }
    if (args.command === 'help') {
      io.stdout.write(HELP);
      return 0;
    }
    if (args.command === 'version') {
      io.stdout.write(`${version}\n`);
      return 0;
    }
    const report = await runLint({
      root: io.cwd,
      paths: args.paths,
      fix: args.fix,
      ...(args.config !== undefined ? { config: args.config } : {}),
      quiet: args.quiet,
      ...(args.maxWarnings !== undefined ? { maxWarnings: args.maxWarnings } : {}),
      ...(args.jobs !== undefined ? { jobs: args.jobs } : {}),
      rules,
      version,
      note,
    });
    const text = render(report, args, useColor(args, io));
    let code = exitCodeOf(report);
    if (args.output !== undefined) {
      const out = path.resolve(io.cwd, args.output);
      try {
        fs.mkdirSync(path.dirname(out), { recursive: true });
        fs.writeFileSync(out, text);
      } catch (e) {
        note(`perfguard: error: cannot write ${args.output}: ${e instanceof Error ? e.message : String(e)}`);
        code = 2;
      }
    } else {
      io.stdout.write(text);
    }
    return code;
  } catch (e) {
    note(`perfguard: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    return 2;
  }
}

if (isLintWorker()) {
  // A worker thread of a parallel run (parallel.ts): the same bundle, another entry.
  runLintWorker();
} else if (require.main === module) {
  // A closed pipe (`perfguard lint | head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
  void main(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
  }).then((code) => {
    // Let stdout drain (a pipe may be slow) before exiting with the code.
    process.exitCode = code;
  });
}
