/**
 * `mayHaveConventionHandlers` lets a JS/TS file that no infrastructure names (a CDK stack, a library module) skip
 * the tree: it must only ever err towards true. Checked on a table of export forms and on every JS/TS file of
 * this repository (plus PERFGUARD_CDK_TS_CORPUS=DIR): where it says false, the module analysis of the tree finds
 * no handler by convention.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import { corpusFiles } from '../corpus-files';
import { ParsedFile } from '../../../src/core/engine/file';
import { mayHaveConventionHandlers, moduleInfo } from '../../../src/core/handlers/module';
import { loadGrammar } from '../../../src/core/parse/treesitter';

function conventions(src: string, rel = 'lib/m.ts'): string[] {
  const f = new ParsedFile(rel, rel, src, rel.endsWith('.js') ? 'javascript' : 'typescript');
  try {
    return [...(moduleInfo(f)?.conventionHandlers.keys() ?? [])];
  } finally {
    f.dispose();
  }
}

/** [source, has a handler by convention] */
const CASES: [string, boolean][] = [
  ['export class PulseStack extends Stack {}\nconst handler = 1;', false],
  ["new lambda.Function(this, 'F', { handler: 'index.handler' });\nexport interface Props {}", false],
  ['export abstract class Base {}\nexport enum E { A }\nexport type T = { handler: string };', false],
  ['export async function* gen() {}\nexport function helper(event) {}', false],
  ["export const app = new cdk.App();\nexport const STAGE = 'prod', REGION = `eu-${n}`;", false],
  ['export declare const x: Map<string, number>;\nexport let y\nfoo()', false],
  ['// exports.handler = f\nconst s = "export const handler = 1";\nexport const z = 1;', false],
  ['export const handler = async () => 1;', true],
  ['export const a = f(1, 2),\n  handler = (e) => e;', true],
  ['export let x = 1, handler = (e) => e;', true],
  ['export async function handler(event) {}', true],
  ['export function ordersHandler(event) {}', true],
  ['export class RequestHandler {}', true],
  ['const main = (event) => 1;\nexport { main as handler };', true],
  ['export default async function (event) {}', true],
  ['export /* the entry */ const handler = (e) => e;', true],
  ['exports.handler = async (event) => 1;', true],
  ['module.exports = { handler: async (event) => 1 };', true],
];

describe('handlers: the text pre-check for handlers by convention', () => {
  before(async () => {
    await loadGrammar('typescript');
    await loadGrammar('javascript');
  });

  for (const [src, has] of CASES) {
    it(`${has ? 'may have' : 'has none'}: ${src.split('\n')[0]}`, () => {
      const found = conventions(src);
      assert.strictEqual(found.length > 0, has, `tree: ${found.join(', ')}`);
      // The pre-check may say true for a file without one, never false for a file with one.
      if (has) assert.strictEqual(mayHaveConventionHandlers('js', src), true);
      else assert.strictEqual(mayHaveConventionHandlers('js', src), false);
    });
  }

  it('never says no to a file with one (every JS/TS file of this repository, PERFGUARD_CDK_TS_CORPUS=DIR)', () => {
    const files = corpusFiles(
      ['*.ts', '*.js', '*.mjs'],
      'PERFGUARD_CDK_TS_CORPUS',
      (n) => /\.(ts|js)$/.test(n) && !n.endsWith('.d.ts'),
    );
    let skipped = 0;
    for (const f of files) {
      if (!fs.existsSync(f)) continue;
      const src = fs.readFileSync(f, 'utf8');
      if (mayHaveConventionHandlers('js', src)) continue;
      skipped++;
      assert.deepStrictEqual(conventions(src, f.endsWith('.js') ? 'x.js' : 'x.ts'), [], f);
    }
    assert.ok(skipped > 0, 'some files need no tree');
  });
});
