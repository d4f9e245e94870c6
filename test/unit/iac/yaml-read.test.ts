/**
 * The fast template reader (`yaml-read.ts`) against the `yaml` package: on every input it accepts, the tree must
 * be the package's tree (kinds, keys, values, tags, flow flags, every offset, and which nodes are absent); on the
 * inputs it declines, `templateTree` must still give the package's tree.
 *
 * Set PERFGUARD_YAML_CORPUS to a folder of YAML files (e.g. the template.yaml / serverless.yml files of
 * aws-samples/serverless-patterns) to also compare on those.
 */
import * as assert from 'assert';
import { existsSync, readFileSync, readdirSync, statSync } from 'fs';
import { join, relative } from 'path';
import { samOfLines, serverlessOfLines } from '../../../bench/templates';
import { ParsedFile } from '../../../src/core/engine/file';
import { isAbsent, templateTree, yamlPackageTree, type TNode } from '../../../src/core/iac/template-tree';
import { coreScalar, readYaml } from '../../../src/core/iac/yaml-read';

const ROOT = join(__dirname, '..', '..', '..');

/** A tree as plain data, with each node's absent flag, for deep comparison. */
function shape(n: TNode | undefined, absent: (n: TNode) => boolean): unknown {
  if (!n) return n;
  return {
    k: n.k,
    s: n.s,
    e: n.e,
    tag: n.tag,
    flow: n.flow,
    value: n.value,
    absent: absent(n),
    keys: Object.keys(n).sort(),
    entries: n.entries?.map((e) => ({ key: e.key, ks: e.ks, ke: e.ke, value: shape(e.value, absent) })),
    items: n.items?.map((i) => shape(i, absent)),
  };
}

/** The fast reader's tree (undefined when it declines), with the nodes it marked absent. */
function fast(text: string): { tree: TNode | undefined; declined: boolean; absent: Set<TNode> } {
  const absent = new Set<TNode>();
  const t = readYaml(text, (n) => absent.add(n));
  return { tree: t?.k === 'map' ? t : undefined, declined: t === undefined, absent };
}

/** Compare both readers on a text; returns whether the fast reader accepted it. */
function assertSame(text: string, what: string): boolean {
  const f = fast(text);
  if (f.declined) return false;
  const slow = yamlPackageTree(text);
  assert.deepStrictEqual(
    shape(f.tree, (n) => f.absent.has(n)),
    shape(slow, isAbsent),
    `${what}: the fast reader's tree differs from the yaml package's`,
  );
  return true;
}

function templateTreeOf(text: string): TNode | undefined {
  return templateTree(new ParsedFile('template.yaml', 'template.yaml', text, 'yaml'));
}

/** Every .yaml/.yml file of the repository (not dependencies or build output). */
function repoYamlFiles(dir = ROOT, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (['node_modules', '.git', 'dist', 'out', '.vscode-test'].includes(name)) continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) repoYamlFiles(p, out);
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

/** ```yaml blocks of the documentation, and YAML templates written as template literals in the unit tests. */
function embeddedYaml(): { what: string; text: string }[] {
  const out: { what: string; text: string }[] = [];
  const walk = (dir: string, ext: RegExp, f: (p: string, text: string) => void): void => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p, ext, f);
      else if (ext.test(name)) f(p, readFileSync(p, 'utf8'));
    }
  };
  walk(join(ROOT, 'docs'), /\.md$/, (p, text) => {
    for (const m of text.matchAll(/```ya?ml\n([\s\S]*?)```/g))
      out.push({ what: relative(ROOT, p), text: m[1]! });
  });
  walk(join(ROOT, 'test', 'unit'), /\.test\.ts$/, (p, text) => {
    for (const m of text.matchAll(/`([^`$\\]*)`/g))
      if (/(^|\n)(Resources|AWSTemplateFormatVersion|service|provider|Transform|Globals):/.test(m[1]!))
        out.push({ what: relative(ROOT, p), text: m[1]! });
  });
  return out;
}

/** Snippets covering each construct the reader supports: each must be accepted, with the package's tree. */
const ACCEPTED: string[] = [
  'a: 1\n',
  'a: 1',
  'a:\n',
  'a:',
  'a: \nb: 2\n',
  'a: # c\nb: 2\n',
  'a: # c\n',
  'x:\n  a: # c\ny: 1\n',
  'x:\n  a:\n  # c\ny: 1\n',
  'x:\n  a:\n    # c\ny: 1\n',
  'x:\n  - \n  # c\ny: 1\n',
  'x:\n  -\n',
  // Core schema scalars.
  'n: null\nN: Null\nNN: NULL\nt: ~\nb1: true\nb2: True\nb3: TRUE\nb4: false\nb5: False\nb6: FALSE\nb7: yes\nb8: on\n',
  'i1: 12\ni2: -3\ni3: +4\ni4: 0o17\ni5: 0x1F\ni6: 0X1F\ni7: 012\ni8: 1_000\ni9: 99999999999999999999\n',
  'f1: 1.5\nf2: .5\nf3: 1.\nf4: -1.5e3\nf5: 1e3\nf6: .inf\nf7: -.Inf\nf8: +.INF\nf9: .nan\nf10: .NaN\nf11: 1.10\nf12: version 1.10\nf13: 1.2.3\n',
  'a: 2001-01-01\nb: 1:30\nc: 0b101\nd: 0o8\ne: -0\nf: +0.0\n',
  'a: .\nc: "-"\nd: a-b\n',
  // Quoted scalars and escapes.
  "q1: \"1\"\nq2: 'true'\nq3: \"a\\tb\\n\\u00e9\\x41\\U0001F600\\\"\\\\\\/\"\nq4: 'it''s'\n",
  'a: "\\_\\N\\L\\P\\0\\a\\b\\e\\f\\r\\v\\ "\n',
  'a: ""\nb: \'\'\n',
  'emoji: "😀"\nb: é\n',
  'd: "a\n  b\n\n  c  \n  d"\n',
  'd: "a\\\n  b"\n',
  "s: 'a\n  b\n\n  c'\n",
  // Tags: CloudFormation's short forms, on scalars and collections.
  'r: !Ref 5\ns: !Ref true\nt: !Ref\nu: !Sub \'${A}-x\'\nv: !GetAtt A.Arn\nw: !Ref ""\n',
  'a: !If [c, a, b]\nb: !Join ["", [a, !Ref b]]\nc: !Select [0, !GetAZs ""]\n',
  'a: !If\n  - c\n  - a\n  - b\nb: !Sub\n  - x${y}\n  - y: !Ref z\n',
  'a: !Base64\n  Fn::Sub: |\n    #!/bin/bash\n    echo hi\n',
  'Fn::Join: [a, b]\nb:\n  Fn::GetAtt: [A, Arn]\n',
  'Key:\n  !Sub "x"\n',
  'Key: !Sub\n  "x"\n',
  'a: !Ref\nb: 1\n',
  'a: !Ref # c\nb: 1\n',
  'x:\n  a: !Ref\n',
  'x: [!Ref a, !GetAtt b.c]\n',
  // A tag alone on the line after its key, its collection below; block scalars on the line after the key.
  'a:\n  !Sub\n    - x\n    - y\nb: 1\n',
  'a:\n  !Sub\n  - x\nb: 1\n',
  'a:\n  !If\n    k: v\n',
  'x:\n  a:\n    !Sub\n    - q\n  b: 1\n',
  'a:\n  !Sub\n    k: v\n    # c\nb: 1\n',
  'x:\n  -\n    !If\n      - a\n',
  'a: !Sub\n  |\n    text\nb: 1\n',
  'a:\n  !Sub |\n    text\n',
  'a:\n  >-\n    t\n    u\n',
  'a: !Sub\n    |2\n      t\n',
  'x: [!Ref , b]\n',
  // Block scalars: literal, folded, chomping, indentation indicators, trailing lines.
  'l: |\n  a\n  b\n',
  'l: |-\n  a\n  b\n\n\nn: 1\n',
  'l: |+\n  a\n  b\n\n\nn: 1\n',
  'l: >\n  a\n  b\n\n  c\n    d\n  e\n',
  'l: >-\n  a\n  b\n',
  'l: >+\n  a\n\n',
  'l: |2\n    a\n  b\n',
  'l: |1-\n  a\n',
  'l: |\n\n  a\n',
  'l: |\n  a\n   \n',
  'l: |\n  a\n      \n',
  'l: |\n  a\n  # not a comment\nb: 1\n',
  'l: | # comment\n  a\n',
  'l: |\nb: 1\n',
  'l: |',
  'l: |\n  a',
  'x:\n  - |\n    a\n  - >-\n    b\n',
  // Plain scalars over several lines, comments after values.
  'p: a\n  b\n\n  c\nq: 1\n',
  'p: a b  \n  c # x\nq: 1\n',
  'p:\n  a\n  b\n',
  'a: x #c\n',
  'a: x#c\n',
  'a: b:c\n',
  'a:    1   \n',
  // Flow collections.
  'x: [a, b, ]\n',
  'x: []\ny: {}\n',
  'x: [a, [b, c], {d: e}]\n',
  'x: {a: 1, b: [2, 3], "c": d, \'e\': f}\n',
  'x: {"a":1, "b":"c"}\n',
  'x: {a, b: 1}\n',
  'x: {a: , b:}\n',
  'x: [\n  a,\n  b\n]\n',
  'x:\n  y: [\n    a, # c\n    b\n  ]\n',
  'x: { a: 1,\n  b: 2 }\n',
  'x: [http://a.b/c, a:b, "x"]\n',
  'k: [a, b] # c\n',
  'k: [a,\n    b]\n',
  'k:\n  - [a, b]\n  - {c: d}\n',
  '{a: 1}\n',
  // Documents.
  '# head\n---\na: 1\n...\n# tail\n',
  '---\na: 1\n',
  '--- # c\na: 1\n',
  'a: 1\n...\n',
  'a: 1\n\n\n',
  '\n\na: 1\n',
  // Sequences: at the key's column, compact maps, nested compact sequences.
  'x:\n- a\n- b\ny:\n- c\n',
  'x:\n  - a: 1\n    b: 2\n  - c: 3\n',
  'x:\n  -   a: 1\n      b: 2\n',
  'x:\n  - - a\n    - b\n  - - c\n',
  'x:\n  - a: 1\n    # c\n  - b\n',
  // Where comment lines after a collection's last value end its span.
  'x:\n  - a # c\n      # deep\n\n      # deep2\n  # shallow\ny: 1\n',
  'x:\n  a:\n    b: 1\n    # c\ny: 2\n',
  'x:\n  a:\n    b: 1\n  # c\ny: 2\n',
  'x:\n  a:\n    b: 1\n# c\ny: 2\n',
  'x:\n  a:\n    b: 1\n      # deep\n',
  'x:\n  a:\n    b: [1]   # c\n      # deep\n  # c2\n',
  'x:\n  a:\n    b: |\n      t\n    # c\n',
  'x:\n  a:\n    b: 1\n    # c\n\n',
  'x:\n  a:\n    b: 1\n    # c\n  ',
  'x:\n  y:\n    z: 1\n  w: 2\n',
  // Keys: duplicates, quoted, typed.
  'a: 1\na: 2\n',
  '"quoted key": 1\n\'k\': 2\n"a\\tb": 3\n',
  '1: a\n1.10: b\ntrue: c\nnull: d\n~: e\n0x1F: f\n',
  'a b: c d\n',
];

/** Inputs the reader must leave to the package. */
const DECLINED: string[] = [
  'x: &a 1\ny: *a\n',
  'x: &a 1\n',
  '<<: {a: 1}\n',
  '? a\n: b\n',
  'a: 1\n---\nb: 2\n',
  '%YAML 1.2\n---\na: 1\n',
  'a:\n\tb: 1\n',
  'a:\n  b: 1\n c: 2\n',
  'a: "x\n',
  "a: 'x\n",
  'a: [x, y\n',
  'a: {x: 1\n',
  'a: !!str 1\n',
  'a: 1\rb: 2\n',
  'a: b: c\n',
  'a: - x\n',
  'x: [a: 1]\n',
  '{a: 1}: x\n',
  'l: |\n    \n  a\n',
  'a: "x\ny"\n',
  'a:\n  !Sub\nb: 1\n',
  'a:\n  !Sub # c\n    - x\n',
  // Nesting deeper than the reader takes (the package's tree is cut at depth 200).
  Array.from({ length: 150 }, (_, i) => `${' '.repeat(i)}k${i}:\n`).join('') + `${' '.repeat(150)}v: 1\n`,
  `a: ${'['.repeat(120)}${']'.repeat(120)}\n`,
];

describe('iac: fast YAML reader (yaml-read.ts)', () => {
  describe('same tree as the yaml package', () => {
    it('on every construct of the snippet table (each accepted)', () => {
      for (const text of ACCEPTED)
        assert.ok(assertSame(text, JSON.stringify(text)), `declined: ${JSON.stringify(text)}`);
    });

    it('on the same snippets with Windows line breaks (each accepted)', () => {
      for (const lf of ACCEPTED) {
        const text = lf.replace(/\n/g, '\r\n');
        assert.ok(assertSame(text, JSON.stringify(text)), `declined: ${JSON.stringify(text)}`);
      }
    });

    it("on the repository's YAML files", () => {
      const files = repoYamlFiles();
      assert.ok(files.length > 0);
      for (const f of files) assert.ok(assertSame(readFileSync(f, 'utf8'), f), `declined: ${f}`);
    });

    it('on the YAML of the docs and the templates written in the unit tests', () => {
      const all = embeddedYaml();
      assert.ok(all.length > 50, `only ${all.length} embedded templates found`);
      for (const { what, text } of all) assertSame(text, what);
      const accepted = all.filter(({ text }) => !fast(text).declined).length;
      assert.ok(accepted / all.length > 0.95, `accepted ${accepted} of ${all.length}`);
    });

    it("on the benchmark's generated SAM templates and serverless.yml files", () => {
      for (const lines of [40, 400, 3000])
        for (const seed of [1, 2, 3]) {
          assert.ok(
            assertSame(samOfLines(lines, seed), `sam ${lines}/${seed}`),
            `declined sam ${lines}/${seed}`,
          );
          assert.ok(
            assertSame(serverlessOfLines(lines, seed), `serverless ${lines}/${seed}`),
            `declined serverless ${lines}/${seed}`,
          );
          if (lines === 400) {
            const crlf = samOfLines(lines, seed).replace(/\n/g, '\r\n');
            assert.ok(assertSame(crlf, `sam ${lines}/${seed} CRLF`), `declined sam ${lines}/${seed} CRLF`);
          }
        }
    });

    it('on mutated snippets (whatever it accepts)', () => {
      let seed = 7;
      const rnd = (): number => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed / 2147483648;
      };
      const inserts = [
        ' ',
        '\n',
        '#',
        ':',
        '- ',
        '  ',
        '"',
        "'",
        '[',
        ']',
        '{',
        '}',
        ',',
        '!Ref ',
        '|',
        '>',
        '\r\n',
        '\r',
      ];
      let accepted = 0;
      for (let k = 0; k < 3000; k++) {
        let t = ACCEPTED[Math.floor(rnd() * ACCEPTED.length)]!;
        // Half with Windows line breaks, which the mutations then mix with `\n` ones.
        if (rnd() < 0.5) t = t.replace(/\n/g, '\r\n');
        for (let j = 1 + Math.floor(rnd() * 3); j > 0; j--) {
          const at = Math.floor(rnd() * (t.length + 1));
          t =
            rnd() < 0.4
              ? t.slice(0, at) + t.slice(at + 1)
              : t.slice(0, at) + inserts[Math.floor(rnd() * inserts.length)]! + t.slice(at);
        }
        if (assertSame(t, JSON.stringify(t))) accepted++;
      }
      assert.ok(accepted > 800, `accepted only ${accepted} of 3000`);
    });

    const corpus = process.env.PERFGUARD_YAML_CORPUS;
    (corpus ? it : it.skip)('on the files of PERFGUARD_YAML_CORPUS', () => {
      const files = readdirSync(corpus!).map((f) => join(corpus!, f));
      let accepted = 0;
      for (const f of files) if (assertSame(readFileSync(f, 'utf8'), f)) accepted++;
      assert.ok(accepted / files.length >= 0.9, `accepted ${accepted} of ${files.length}`);
    });
  });

  describe('values and spans, as the package gives them', () => {
    it('a tagged scalar is a string; 1.10 is a number; an empty value is a written null, not absent', () => {
      const t = fast('a: !Ref 5\nversion: 1.10\nk:\nf: {x}\n');
      const [a, version, k, f] = t.tree!.entries!;
      assert.deepStrictEqual([a!.value.tag, a!.value.value, a!.value.s, a!.value.e], ['!Ref', '5', 3, 9]);
      assert.strictEqual(version!.value.value, 1.1);
      assert.deepStrictEqual([k!.value.value, t.absent.has(k!.value)], [null, false]);
      assert.strictEqual(t.absent.has(f!.value.entries![0]!.value), true);
    });

    it("a block scalar ends after its last line's break; a block map at its last value's line break", () => {
      const text = 'a:\n  b: |\n    x\n\n  c: 1 # c\nd: 2\n';
      const t = fast(text).tree!;
      const a = t.entries![0]!.value;
      assert.strictEqual(text.slice(a.entries![0]!.value.s, a.entries![0]!.value.e), '|\n    x\n');
      assert.strictEqual(text.slice(a.s, a.e), 'b: |\n    x\n\n  c: 1 # c\n');
    });

    it('core schema scalars', () => {
      const cases: [string, unknown][] = [
        ['~', null],
        ['', null],
        ['NULL', null],
        ['True', true],
        ['FALSE', false],
        ['yes', 'yes'],
        ['0o17', 15],
        ['0x1F', 31],
        ['-12', -12],
        ['.inf', Infinity],
        ['-.Inf', -Infinity],
        ['1e3', 1000],
        ['1.10', 1.1],
        ['1.2.3', '1.2.3'],
      ];
      for (const [src, v] of cases) assert.deepStrictEqual(coreScalar(src), v, src);
      assert.ok(Number.isNaN(coreScalar('.nan')));
    });
  });

  describe('declines, and templateTree falls back to the yaml package', () => {
    for (const text of DECLINED)
      it(JSON.stringify(text), () => {
        assert.strictEqual(
          readYaml(text, () => undefined),
          undefined,
        );
        assert.deepStrictEqual(shape(templateTreeOf(text), isAbsent), shape(yamlPackageTree(text), isAbsent));
      });
  });
});
