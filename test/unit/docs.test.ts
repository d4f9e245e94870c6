/**
 * Every rule has its docs page and every page belongs to a rule.
 *
 * A page is `docs/rules/<id>.md`: an H1 naming the id, then the H2 sections, in this order: "What it does",
 * "Why is this bad?", "Example", "Use instead", "Fix safety", "Options", "When not to use it".
 *
 * Checked examples: a fenced code block with the comment line `<!-- file: <path> -->` right before it is a file
 * of a small workspace (the path's extension picks the language). All marked blocks of "Example" form one
 * workspace, and the rule must report in each of them; all marked blocks of "Use instead" form another, and the
 * rule must report nothing there. A block that only gives context (the Terraform that names a handler, say) is
 * marked `<!-- file: <path> (context) -->`: it is in the workspace but not checked. Unmarked blocks are prose.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { docsPath } from '../../src/core/model/types';
import { Workspace } from '../../src/core/engine/workspace';
import type { Rule } from '../../src/core/engine/rule';
import { allRules } from '../../src/core/rules';

const REPO = path.resolve(__dirname, '..', '..');
const DOCS = path.join(REPO, 'docs', 'rules');

export const REQUIRED_SECTIONS = [
  'What it does',
  'Why is this bad?',
  'Example',
  'Use instead',
  'Fix safety',
  'Options',
  'When not to use it',
];

interface CodeBlock {
  /** From `<!-- file: path -->`, when marked. */
  file?: string;
  context: boolean;
  code: string;
  /** 1-based line of the opening fence. */
  line: number;
}

interface Section {
  level: number;
  title: string;
  line: number;
  blocks: CodeBlock[];
}

const FILE_MARK = /^<!--\s*file:\s*(\S+?)(\s+\(context\))?\s*-->\s*$/;

/**
 * The headings and fenced code blocks of a Markdown page (CommonMark's block structure for the parts used:
 * ATX headings, ``` / ~~~ fences of any length; headings inside fences do not count).
 */
export function scanMarkdown(text: string): Section[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const sections: Section[] = [{ level: 0, title: '', line: 0, blocks: [] }];
  let fence: { char: string; len: number; start: number; mark?: RegExpExecArray; body: string[] } | undefined;
  let prev = '';
  for (const [i, line] of lines.entries()) {
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1]![0] === fence.char && close[1]!.length >= fence.len) {
        const block: CodeBlock = {
          context: !!fence.mark?.[2],
          code: fence.body.join('\n') + '\n',
          line: fence.start,
        };
        if (fence.mark) block.file = fence.mark[1]!;
        sections[sections.length - 1]!.blocks.push(block);
        fence = undefined;
      } else fence.body.push(line);
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (open) {
      const mark = FILE_MARK.exec(prev.trim()) ?? undefined;
      fence = { char: open[1]![0]!, len: open[1]!.length, start: i + 1, body: [], ...(mark ? { mark } : {}) };
      prev = line;
      continue;
    }
    const h = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) sections.push({ level: h[1]!.length, title: h[2]!, line: i + 1, blocks: [] });
    if (line.trim() !== '') prev = line;
  }
  return sections;
}

function listDocs(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...listDocs(p));
    else if (e.name.endsWith('.md')) out.push(p);
  }
  return out.sort();
}

async function findingsIn(rule: Rule, blocks: CodeBlock[]): Promise<Map<string, number>> {
  const ws = new Workspace('/docs', [rule]);
  const marked = blocks.filter((b): b is CodeBlock & { file: string } => b.file !== undefined);
  for (const b of marked) ws.setFile(b.file, b.code);
  const counts = new Map<string, number>();
  for (const b of marked) {
    if (b.context) continue;
    const r = await ws.lint(b.file, b.code, { ignoreExcludes: true });
    assert.deepStrictEqual(r.diagnostics, [], `engine diagnostics for ${b.file}`);
    counts.set(b.file, r.findings.filter((f) => f.ruleId === rule.meta.id).length);
  }
  return counts;
}

describe('docs', () => {
  it('markdown scanner: headings outside fences, marked blocks', () => {
    const s = scanMarkdown(
      '# a/b\n\n## Example\n<!-- file: x.py -->\n```python\n# not a heading\nx = 1\n```\n\n<!-- file: t.tf (context) -->\n~~~~\n```\n~~~~\n## Use instead\n```\ny\n```\n',
    );
    assert.deepStrictEqual(
      s.map((x) => [x.level, x.title, x.blocks.map((b) => [b.file, b.context, b.code])]),
      [
        [0, '', []],
        [1, 'a/b', []],
        [
          2,
          'Example',
          [
            ['x.py', false, '# not a heading\nx = 1\n'],
            ['t.tf', true, '```\n'],
          ],
        ],
        [2, 'Use instead', [[undefined, false, 'y\n']]],
      ],
    );
  });

  for (const rule of allRules) {
    const id = rule.meta.id;
    describe(id, () => {
      const file = path.join(REPO, docsPath(id));

      it(`has ${docsPath(id)} with an H1 naming the id and the required sections in order`, () => {
        assert.ok(fs.existsSync(file), `missing ${docsPath(id)}`);
        const sections = scanMarkdown(fs.readFileSync(file, 'utf8'));
        const h1 = sections.filter((s) => s.level === 1);
        assert.strictEqual(h1.length, 1, 'exactly one H1');
        assert.ok(h1[0]!.title.replace(/`/g, '').includes(id), `the H1 "${h1[0]!.title}" should name ${id}`);
        const h2 = sections.filter((s) => s.level === 2).map((s) => s.title);
        const found = h2.filter((t) => REQUIRED_SECTIONS.includes(t));
        assert.deepStrictEqual(found, REQUIRED_SECTIONS, `H2 sections of ${docsPath(id)}`);
        for (const t of REQUIRED_SECTIONS) {
          const s = sections.find((x) => x.level === 2 && x.title === t)!;
          const i = sections.indexOf(s);
          const next = sections[i + 1];
          const body = fs
            .readFileSync(file, 'utf8')
            .split(/\r?\n/)
            .slice(s.line, next ? next.line - 1 : undefined)
            .join('\n')
            .trim();
          assert.ok(body.length > 0, `section "${t}" is empty`);
        }
      });

      it('its marked examples trigger the rule and its marked "Use instead" blocks do not', async function () {
        if (!fs.existsSync(file)) this.skip();
        const sections = scanMarkdown(fs.readFileSync(file, 'utf8'));
        const blocksOf = (title: string) =>
          sections.filter((s) => s.level === 2 && s.title === title).flatMap((s) => s.blocks);
        const example = blocksOf('Example').filter((b) => b.file);
        const instead = blocksOf('Use instead').filter((b) => b.file);
        if (example.length + instead.length === 0) this.skip(); // no marked blocks: prose only
        for (const [f, n] of await findingsIn(rule, example))
          assert.ok(n > 0, `"Example" block ${f} should trigger ${id}`);
        for (const [f, n] of await findingsIn(rule, instead))
          assert.strictEqual(n, 0, `"Use instead" block ${f} should not trigger ${id}`);
      });
    });
  }

  it('every page under docs/rules belongs to a rule', () => {
    const ids = new Set(allRules.map((r) => r.meta.id));
    const orphans = listDocs(DOCS)
      .map((p) => path.relative(DOCS, p).split(path.sep).join('/').replace(/\.md$/, ''))
      .filter((id) => !ids.has(id));
    assert.deepStrictEqual(orphans, [], 'docs pages without a rule');
  });
});
