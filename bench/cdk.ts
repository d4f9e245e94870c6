/**
 * The CDK front ends (TypeScript and Python) on a generated stack, stage by stage, in CPU ms (min and median over
 * warm runs):
 *
 *   parse            warm tree-sitter parse of the file
 *   model (text)     the front end on a parsed file: the construct calls read from the text (what lint uses)
 *   model (tree)     the same read from the tree node by node (the fallback, and the reading before the text reader)
 *   lint after parse everything `lint` does once the tree is there: model, handler index, every rule
 *   first lint       a fresh workspace: parse + all of the above
 *   re-lint (edit)   the same workspace after a one-character edit (incremental parse + analysis)
 *   handler module   the front end on a Lambda handler module that never imports CDK (the pre-check)
 *
 *   npx tsx bench/cdk.ts [--lines 5000] [--runs 15] [--only ts,py] [--json]
 */
import { createWorkspace } from '../src/core';
import { ParsedFile } from '../src/core/engine/file';
import { cdkPythonResources, cdkPythonResourcesFromTree } from '../src/core/iac/cdk-python';
import { readStats } from '../src/core/iac/cdk-syntax';
import { cdkTypeScriptResources, cdkTypeScriptResourcesFromTree } from '../src/core/iac/cdk-typescript';
import type { Resource } from '../src/core/iac/model';
import type { LanguageId } from '../src/core/model/types';
import { loadGrammar, parseWith, type GrammarId } from '../src/core/parse/treesitter';
import { cdkPyOfLines, cdkTsOfLines } from './templates';
import { argValue, fmtStat as fmt, sample, sampleLintAndRelint, type Stat } from './measure';

export type { Stat } from './measure';

export interface CdkRow {
  lang: 'ts' | 'py';
  lines: number;
  chars: number;
  resources: number;
  findings: number;
  parse: Stat;
  modelText: Stat;
  modelTree: Stat;
  lintAfterParse: Stat;
  firstLint: Stat;
  relint: Stat;
  handlerModule: Stat;
}

interface Spec {
  path: string;
  language: LanguageId;
  grammar: GrammarId;
  text: (lines: number) => string;
  resources: (f: ParsedFile) => Resource[];
  fromTree: (f: ParsedFile) => Resource[];
  marker: RegExp;
  handler: { path: string; text: string };
}

const SPECS: Record<'ts' | 'py', Spec> = {
  ts: {
    path: 'lib/bench-stack.ts',
    language: 'typescript',
    grammar: 'typescript',
    text: cdkTsOfLines,
    resources: cdkTypeScriptResources,
    fromTree: cdkTypeScriptResourcesFromTree,
    marker: /memorySize: \d/,
    handler: {
      path: 'src/handler.ts',
      text: `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
const client = new DynamoDBClient({});
export const handler = async (event: { id: string }) => {
  const out = await client.send(new GetItemCommand({ TableName: process.env.TABLE, Key: { pk: { S: event.id } } }));
  return { statusCode: 200, body: JSON.stringify(out.Item ?? {}) };
};
`.repeat(20),
    },
  },
  py: {
    path: 'stacks/bench_stack.py',
    language: 'python',
    grammar: 'python',
    text: cdkPyOfLines,
    resources: cdkPythonResources,
    fromTree: cdkPythonResourcesFromTree,
    marker: /memory_size=\d/,
    handler: {
      path: 'src/handler.py',
      text: `import json
import boto3

TABLE = boto3.resource("dynamodb").Table("orders")


def handler(event, context):
    item = TABLE.get_item(Key={"pk": event["id"]}).get("Item", {})
    return {"statusCode": 200, "body": json.dumps(item)}
`.repeat(20),
    },
  },
};

/** A parsed file (its tree built, untimed) for a timed step. */
function parsed(spec: Spec, path: string, text: string): ParsedFile {
  const f = new ParsedFile(path, path, text, spec.language);
  void f.tree;
  return f;
}

export async function benchCdk(lang: 'ts' | 'py', lines: number, runs: number): Promise<CdkRow> {
  const spec = SPECS[lang];
  await loadGrammar(spec.grammar);
  const text = spec.text(lines);
  const parse = sample(runs, () => parseWith(spec.grammar, text).delete());

  let file: ParsedFile | undefined;
  let resources = 0;
  const fresh = (): void => {
    file?.dispose();
    file = parsed(spec, spec.path, text);
  };
  const textBefore = readStats.text;
  const modelText = sample(runs, () => void (resources = spec.resources(file!).length), fresh);
  if (readStats.text === textBefore) throw new Error('the stack was not read from the text');
  const modelTree = sample(runs, () => void spec.fromTree(file!), fresh);
  file?.dispose();
  // A new file each time (results are cached per file version); the pre-check needs no tree.
  let hf: ParsedFile | undefined;
  const handlerModule = sample(
    runs,
    () => void spec.resources(hf!),
    () => {
      hf?.dispose();
      hf = new ParsedFile(spec.handler.path, spec.handler.path, spec.handler.text, spec.language);
    },
  );
  hf?.dispose();

  let ws = createWorkspace('/bench');
  const lintAfterParse = sample(
    runs,
    () => void ws.lintPrepared(spec.path),
    () => {
      ws = createWorkspace('/bench');
      ws.setFile(spec.path, text);
      void ws.getFile(spec.path)!.tree;
    },
  );
  const { lint: firstLint, relint, findings } = await sampleLintAndRelint(spec.path, text, spec.marker, runs);
  return {
    lang,
    lines: text.split('\n').length - 1,
    chars: text.length,
    resources,
    findings,
    parse,
    modelText,
    modelTree,
    lintAfterParse,
    firstLint,
    relint,
    handlerModule,
  };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const arg = (name: string): string | undefined => argValue(argv, name);
  const lines = Number(arg('--lines') ?? 5000);
  const runs = Number(arg('--runs') ?? 15);
  const only = (arg('--only')?.split(',') ?? ['ts', 'py']) as ('ts' | 'py')[];
  const rows: CdkRow[] = [];
  for (const l of only) rows.push(await benchCdk(l, lines, runs));
  if (argv.includes('--json')) {
    console.log(JSON.stringify({ runs, rows }, null, 2));
    return;
  }
  console.log(`CPU ms (min, median) over ${runs} warm runs`);
  const stages: [string, keyof CdkRow][] = [
    ['parse', 'parse'],
    ['model (text reading)', 'modelText'],
    ['model (tree reading)', 'modelTree'],
    ['lint after parse', 'lintAfterParse'],
    ['first lint', 'firstLint'],
    ['re-lint after a 1-char edit', 'relint'],
    ['handler module (no CDK)', 'handlerModule'],
  ];
  for (const r of rows) {
    console.log(
      `\nCDK ${r.lang === 'ts' ? 'TypeScript' : 'Python'}: ${r.lines} lines, ${r.chars} chars, ${r.resources} resources, ${r.findings} findings`,
    );
    for (const [label, key] of stages) console.log(`  ${label.padEnd(30)} ${fmt(r[key] as Stat)}`);
  }
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
