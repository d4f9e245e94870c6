/** Command-line arguments of `perfguard`: parsed strictly, every mistake a usage error (exit 2). */
import { parseArgs } from 'util';

export const FORMATS = ['stylish', 'json', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

export interface LintArgs {
  command: 'lint';
  paths: string[];
  format: Format;
  fix: boolean;
  config?: string;
  quiet: boolean;
  /** Exit 1 when there are more warnings than this. */
  maxWarnings?: number;
  output?: string;
  /** undefined: colour when stdout is a terminal and NO_COLOR is unset. */
  color?: boolean;
  /** Add per-file timing and sizes to the json output. */
  stats: boolean;
  /** Threads to lint with (1: no worker threads); undefined: automatic. */
  jobs?: number;
}

export type ParsedArgs = LintArgs | { command: 'help' } | { command: 'version' };

export class UsageError extends Error {}

export const HELP = `perfguard: lint AWS serverless code against the team's performance guide

Usage:
  perfguard lint [paths...] [options]

Paths are files or folders (default: the current folder). Folders are searched for
Python, JavaScript/TypeScript, SQL, Terraform, YAML/JSON templates and .cnf/.ini files,
honouring .gitignore files, the default excludes (node_modules, site-packages, layers,
build output, tests, ...) and "exclude" in .perfguard.json. A file named explicitly
is always linted. Files that are binary, unreadable or over 2 MB are skipped with a
note on stderr.

Options:
  -f, --format <name>    stylish (default), json or sarif (SARIF 2.1.0)
      --fix              apply safe fixes in place, then report what is left
  -c, --config <file>    configuration file (default: .perfguard.json in the current folder)
  -o, --output <file>    write the report to a file instead of stdout
  -q, --quiet            report errors only
      --max-warnings <n> exit with 1 when there are more than n warnings
      --color, --no-color  force or disable colour in the stylish report
      --stats            add per-file sizes and times to the json report
  -j, --jobs <n>         lint on n threads (default: one per CPU, at most 8, when
                         there are enough files to pay for starting them; 1: no
                         worker threads). The report is the same for any n.
                         --fix always runs on one thread.
  -h, --help             show this help
  -v, --version          show the version

The workspace root is the current folder: paths in reports are relative to it.

Exit codes:
  0  no error-level finding (and no more warnings than --max-warnings)
  1  error-level findings, or more warnings than --max-warnings
  2  usage error, configuration problem or internal failure. A configuration file
     that cannot be read or parsed (or has invalid settings) is reported on stderr
     with its name and the problem; the files are still linted with the defaults
     for what could not be read, and the exit code is 2.
Engine notes (a rule that failed on one file, a skipped file) go to stderr and do
not change the exit code.
`;

export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  const [command, ...paths] = positionals;
  if (command === undefined) throw new UsageError('missing command: perfguard lint [paths...]');
  if (command !== 'lint') throw new UsageError(`unknown command "${command}"; the command is "lint"`);

  const format = values.format ?? 'stylish';
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`unknown format "${format}"; use one of ${FORMATS.join(', ')}`);

  let maxWarnings: number | undefined;
  if (values['max-warnings'] !== undefined) {
    const s = values['max-warnings'];
    maxWarnings = Number(s);
    if (!/^\d+$/.test(s.trim()) || !Number.isSafeInteger(maxWarnings))
      throw new UsageError(`--max-warnings needs a whole number of 0 or more, not "${s}"`);
  }
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    const s = values.jobs;
    jobs = Number(s);
    if (!/^\d+$/.test(s.trim()) || !Number.isSafeInteger(jobs) || jobs < 1)
      throw new UsageError(`--jobs needs a whole number of 1 or more, not "${s}"`);
  }
  if (values.color && values['no-color']) throw new UsageError('--color and --no-color exclude each other');
  for (const k of ['config', 'output'] as const) {
    if (values[k] === '') throw new UsageError(`--${k} needs a file name`);
  }

  const out: LintArgs = {
    command: 'lint',
    paths,
    format: format as Format,
    fix: values.fix ?? false,
    quiet: values.quiet ?? false,
    stats: values.stats ?? false,
  };
  if (values.config !== undefined) out.config = values.config;
  if (values.output !== undefined) out.output = values.output;
  if (maxWarnings !== undefined) out.maxWarnings = maxWarnings;
  if (jobs !== undefined) out.jobs = jobs;
  if (values.color) out.color = true;
  if (values['no-color']) out.color = false;
  return out;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      fix: { type: 'boolean' },
      config: { type: 'string', short: 'c' },
      output: { type: 'string', short: 'o' },
      quiet: { type: 'boolean', short: 'q' },
      'max-warnings': { type: 'string' },
      color: { type: 'boolean' },
      'no-color': { type: 'boolean' },
      stats: { type: 'boolean' },
      jobs: { type: 'string', short: 'j' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}
