/**
 * The plain TypeScript Python reader (`python-read.ts`) against tree-sitter-python: on every input it accepts,
 * its tree must be tree-sitter's (type, named-ness, field name of each child, every offset, recursively; see
 * `compare`); on syntax errors it must decline. Inputs: every Python file of this repository, the generated
 * bench corpus, a table of constructs, a table of inputs to decline, and seeded random mutations of all of
 * them (identical or declined, never a wrong tree, never a throw).
 *
 * Set PERFGUARD_PY_CORPUS to a folder (searched recursively for `.py` files, e.g. a checkout of
 * aws-samples/serverless-patterns) to also compare on those; the test prints the acceptance rate.
 */
import * as assert from 'assert';
import { existsSync, readFileSync, readdirSync, statSync } from 'fs';
import { join } from 'path';
import { Parser } from 'web-tree-sitter';
import { pythonCorpus, rng } from '../../../bench/gen';
import { defaultConfig } from '../../../src/core/config';
import { ParsedFile, setFastPythonRead } from '../../../src/core/engine/file';
import { Workspace } from '../../../src/core/engine/workspace';
import { walkNamed } from '../../../src/core/handlers/ast';
import { lastDeclineReason, PyNode, readPython } from '../../../src/core/parse/python-read';
import { isTreeSitterNode, loadGrammar, parseWith, type Node } from '../../../src/core/parse/treesitter';
import { allRules } from '../../../src/core/rules';
import { compare } from './py-compare';

const ROOT = join(__dirname, '..', '..', '..');

/** Compare the reader with tree-sitter on `text`: returns whether the reader accepted it. */
function same(text: string, label: string): boolean {
  const tree = parseWith('python', text);
  try {
    const ours = readPython(text);
    if (!ours) return false;
    assert.ok(!tree.rootNode.hasError, `${label}: the reader accepted a text tree-sitter reads with errors`);
    const d = compare(ours, tree.rootNode);
    assert.strictEqual(d, undefined, `${label}: ${d}`);
    return true;
  } finally {
    tree.delete();
  }
}

function pyFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.') || name === 'dist') continue;
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) pyFiles(p, out);
    else if (name.endsWith('.py') && st.size < 2_000_000) out.push(p);
  }
  return out;
}

/** Constructs the reader must accept, each compared with tree-sitter. */
const CONSTRUCTS: string[] = [
  '',
  '\n\n  \n',
  '# only a comment\n',
  'import os\nimport os.path as p, sys\nfrom . import a\nfrom ..pkg.mod import (b as c, d,)\nfrom ... import e\n',
  'from x import *\nfrom __future__ import annotations\nimport a.b.c\n',
  '@dec\n@a.b(1, k=2)\ndef f(a, b: int, c=1, d: str = "x", *args, e, f: int = 2, **kw) -> dict:\n    pass\n',
  'async def f(event, context):\n    await g()\n    async for x in y:\n        pass\n    async with a as b:\n        pass\n',
  'def f(a, /, b, *, c):\n    return a\n',
  'def f(x: List[int], y: Optional[Dict[str, Any]] = None, z: typing.List[int] = [], w: str | None = None) -> tuple[int, ...]:\n    ...\n',
  'def f(*args: int, **kw: str):\n    pass\n',
  'class A:\n    type: str\n    match: int = 1\ndef f(x: List[int] | None, y: Dict[str, Any] | Dict[str, int] = {}) -> Dict[str, Any] | str:\n    pass\n',
  'class A(B, metaclass=M):\n    """Doc."""\n\n    x: int = 1\n    y: str\n\n    def m(self):\n        return self.x\n',
  'class A:\n    pass\nclass B(): pass\n',
  'if a:\n    pass\nelif b:\n    pass\nelif c: pass\nelse:\n    pass\n',
  'for i, (a, b) in enumerate(x):\n    continue\nelse:\n    break\n',
  'for [a, *b] in x: pass\nfor x, in y: pass\n',
  'while x < 3:\n    x += 1\nelse:\n    pass\n',
  'try:\n    pass\nexcept (A, B) as e:\n    raise\nexcept C:\n    raise X("m") from e\nexcept:\n    pass\nelse:\n    pass\nfinally:\n    pass\n',
  'try:\n    pass\nfinally:\n    pass\n',
  'with open(f) as fh, lock:\n    data = fh.read()\nwith a as (b, c), d as e.f:\n    pass\n',
  'def f():\n    global a, b\n    nonlocal c\n    assert x, "msg"\n    del a[0], b\n    return\n',
  'a = b = c\na, b = b, a\n*a, b = c\n[a, b] = c\n(a, b) = c\na.b[c] = d\nx: int = 5\ny: "T"\n',
  'x += 1\nx -= 1\nx *= 2\nx /= 2\nx //= 2\nx %= 2\nx **= 2\nx >>= 1\nx <<= 1\nx &= 1\nx ^= 1\nx |= 1\nx @= m\n',
  'a = 1; b = 2;\nc = 3\n',
  'f(a, *b, c=1, **d)\nf(*a.b, *c)\nf(x for x in y)\nf(a)(b)[c].d\n',
  'x = a[1:2], a[:], a[::2], a[1:], a[:2:], a[1, 2], a[b:c, d]\n',
  'x = {}\nx = {"a": 1, **b, "c": [1, 2,]}\nx = {1, 2}\nx = ()\nx = (1,)\nx = (1, 2)\nx = (a)\nx = [1, *a]\n',
  'x = [i for i in range(3) if i if i > 1]\nx = {k: v for k, v in d.items()}\nx = {a for a in b}\nx = (a for a in b for c in a)\n',
  'x = [y async for y in z]\nx = [lambda: a for a in b]\n',
  'x = [a for a in b, c,]\ny = (a for a in b, c)\n',
  'f = lambda: 0\ng = lambda a, b=1, *c, **d: a + b\nh = lambda *, a: a\n',
  'x = a if b else c if d else e\ny = lambda: a if b else c\n',
  'x = not a and b or c and not d\ny = a < b <= c == d != e > f >= g\nz = a in b not in c is d is not e\n',
  'x = a + b * c - d / e // f % g @ h ** -i ** j\ny = -a ** b\nz = ~a + +b\nw = a | b ^ c & d << e >> f\n',
  'x = a & b ^ c\ny = (a + b) * c\nz = await_ = 1\n',
  'async def f():\n    x = await a ** 2\n    y = await a.b(c)\n    return [await z for z in w]\n',
  'if (n := len(a)) > 10:\n    pass\nprint((y := 2))\n',
  'x = 1 + 2.5 + 1e3 + 1.5e-3 + 0x1F + 0o17 + 0b101 + 1_000 + 3j + .5 + 5. + 1L\n',
  'x = True, False, None, ...\n',
  's = "a" \'b\' """c""" \'\'\'d\'\'\' r"\\d" b"x" u"y" rb"z" Rb"w" BR"v" f"q" F"p"\n',
  's = "esc \\n \\t \\\\ \\" \\x41 \\u1234 \\U0001F600 \\N{DASH} \\101 \\q \\\n end"\n',
  's = r"\\\\" + r"a\\\\" + r"\\\\a" + r"""\\\\""" + r"\\"" + r"""x"y\\\\"""\n',
  's = f"{a} {b!r} {c:>10} {d:{w}.{p}f} {e=} {{lit}} {f(x)["k"]} {g + 1!s:^5}"\n',
  's = f"""\n{a}\n  {b}\n"""\n',
  's = ("a"\n     "b"\n     f"{c}")\n',
  'x = (a +\n     b)\ny = [\n  1,  # one\n  2,\n]\n',
  'x = 1 + \\\n    2\nassert a, \\\n  b\nx = "a" \\\n  "b"\n',
  'def f():\n    # leading comment\n    a = 1  # trailing\n    # inner\n# outer\n\nb = 2\n',
  "def f():\n    if x:\n        a\n    # at the function's indent\n        # deeper\n# module\n",
  'if x:\n    a\n# between\nelse:\n    b\n',
  '@dec  # c\ndef f(): pass  # d\n',
  'def f():\n    pass\n\n\n\n# end\n',
  'def f():\n    return 1',
  'x = 1  # no newline at the end',
  'print("x")\nprint\nprint(a, end="")\ntype(x)\nmatch = re.match(p, s)\nmatch.group(1)\ntype = 1\n',
  'x = yield\ny = yield a, b\nz = yield from g()\ndef g():\n    yield\n    yield 1\n    x = (yield)\n',
  'return_value = [*a, *b]\nx = {**a}\ny = *a, b\n',
  'raise\nraise E\nraise E from None\n',
  'x = a.b.c(d).e[f](g=h)\n',
  'def lambda_handler(event, context):\n    client = boto3.client("s3", config=Config(retries={"max_attempts": 3}))\n    import json\n    return {"statusCode": 200, "body": json.dumps(event)}\n',
  '\ufeffx = 1\n'.slice(1),
  'x = "café"\n# ünïcode comment\ny = "😀" + z\n',
  // A primary expression, then an operator or not (the reader's shortcut past the precedence levels).
  'f(a)[b].c\nx = f(a) + 1\ny = a.b < c\nz = a[1] if b else c\nw = a or b\nv = a and not b\nu = a in b\nt = a is b\n',
  'x = -a\ny = not a\nz = ~a.b\nw = "s" % a\nv = (a)(b) ** c\nu = [a][0] @ b\nf(a, b=c + d, *e)\n',
  'async def f():\n    x = await a\n    y = a.b if await c else d\n',
  // String content next to quotes of the other kind, braces outside f-strings, non-ASCII, escapes.
  's = "it\'s {x} é" + \'say "hi" {}\' + """a "b" \'c\' é""" + "\\t{" + f"{a}é{{b}}"\n',
];

/** Inputs the reader must decline (syntax errors, half-typed lines, constructs it does not model). */
const DECLINED: string[] = [
  'def f(:\n    pass\n',
  'x = (1, 2\n',
  'x = [1, 2\ny = 3\n',
  'if x\n    pass\n',
  'def f():\nreturn 1\n',
  '  x = 1\n',
  'def f():\n    x = 1\n      y = 2\n',
  'def f():\n        x = 1\n    y = 2\n',
  'x = \n',
  'x = "abc\n',
  'x = """abc\n',
  'import\n',
  'from x import\n',
  'class A(\n',
  'x = a +\n',
  'lambda_handler(event, context',
  'x = 1 +* 2\n',
  'match x:\n    case 1:\n        pass\n',
  'type X = int\n',
  'print "hello"\n',
  'exec "code"\n',
  'try:\n    pass\nexcept* E:\n    pass\n',
  'def f[T](x: T): pass\n',
  'x = a <> b\n',
  'def f():\n\tif x:\n\t\tpass\n',
  'x = 1\r\ny = 2\r\n',
  'x = f"{a!}"\n',
  'x = f"{}"\n',
  'x = f"}"\n',
  'try:\n    pass\n',
  'else:\n    pass\n',
  'with (open(a) as f, open(b) as g):\n    pass\n',
  'x = $\n',
];

describe('python-read: the Python reader builds tree-sitter-python’s tree or declines', function () {
  this.timeout(120_000);

  before(async () => {
    await loadGrammar('python');
  });

  it('every construct of the table: accepted, identical', () => {
    for (const text of CONSTRUCTS) {
      const accepted = same(text, JSON.stringify(text));
      assert.ok(accepted, `declined ${JSON.stringify(text)}: ${lastDeclineReason()}`);
    }
  });

  it('every input of the decline table: declined (no wrong tree, no throw)', () => {
    for (const text of DECLINED)
      assert.strictEqual(readPython(text), undefined, `accepted ${JSON.stringify(text)}`);
  });

  it('every Python file of this repository: identical or declined', () => {
    const files = pyFiles(ROOT);
    assert.ok(files.length >= 10, `found only ${files.length} .py files`);
    let accepted = 0;
    for (const f of files) if (same(readFileSync(f, 'utf8'), f)) accepted++;
    assert.ok(accepted / files.length >= 0.9, `accepted ${accepted} of ${files.length}`);
  });

  it('the generated bench corpus: every file accepted, identical', () => {
    const files = pythonCorpus(240);
    for (const f of files) assert.ok(same(f.text, f.rel), `declined ${f.rel}: ${lastDeclineReason()}`);
  });

  it('seeded random mutations: identical or declined, never a wrong tree, never a throw', () => {
    const rnd = rng(20261127);
    const bases = [...CONSTRUCTS.filter((t) => t.length > 20), ...pythonCorpus(12).map((f) => f.text)];
    const inserts = [
      '(',
      ')',
      '[',
      ']',
      '{',
      '}',
      ':',
      ',',
      '\n',
      ' ',
      '    ',
      '#',
      '"',
      "'",
      '\\',
      '=',
      '.',
      'x',
      'if ',
      '*',
      'f"{',
      '\t',
    ];
    let accepted = 0;
    const cases = 2500;
    for (let k = 0; k < cases; k++) {
      let t = bases[Math.floor(rnd() * bases.length)] as string;
      for (let j = 1 + Math.floor(rnd() * 3); j > 0; j--) {
        const at = Math.floor(rnd() * (t.length + 1));
        t =
          rnd() < 0.5
            ? t.slice(0, at) + t.slice(at + 1 + Math.floor(rnd() * 3))
            : t.slice(0, at) + (inserts[Math.floor(rnd() * inserts.length)] as string) + t.slice(at);
      }
      if (same(t, JSON.stringify(t.length < 300 ? t : `case ${k}`))) accepted++;
    }
    assert.ok(accepted > cases / 10, `accepted only ${accepted} of ${cases}`);
  });

  const corpus = process.env.PERFGUARD_PY_CORPUS;
  (corpus ? it : it.skip)('on the Python files of PERFGUARD_PY_CORPUS', () => {
    const files = pyFiles(corpus as string);
    let accepted = 0;
    const reasons = new Map<string, number>();
    for (const f of files) {
      if (same(readFileSync(f, 'utf8'), f)) accepted++;
      else {
        const r = lastDeclineReason().replace(/ at \d+$/, '');
        reasons.set(r, (reasons.get(r) ?? 0) + 1);
      }
    }
    const top = [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 8);
    console.log(
      `      PERFGUARD_PY_CORPUS: accepted ${accepted} of ${files.length} (${((100 * accepted) / Math.max(1, files.length)).toFixed(1)} %), 0 differences; declined: ${top.map(([r, n]) => `${r} ${n}`).join(', ')}`,
    );
    assert.ok(accepted / files.length >= 0.9, `accepted ${accepted} of ${files.length}`);
  });
});

describe('python-read: the node API answers as web-tree-sitter’s does', function () {
  this.timeout(60_000);
  const text = pythonCorpus(3).map((f) => f.text)[2] as string;
  let ours: PyNode;
  let tree: ReturnType<typeof parseWith>;

  before(async () => {
    await loadGrammar('python');
    ours = readPython(text) as PyNode;
    assert.ok(ours);
    tree = parseWith('python', text);
  });
  after(() => tree.delete());

  const key = (n: { type: string; startIndex: number; endIndex: number } | null) =>
    n ? `${n.type}@${n.startIndex}-${n.endIndex}` : 'null';

  it('descendantForIndex at every offset and over random ranges', () => {
    const rnd = rng(5);
    for (let i = 0; i <= text.length; i++)
      assert.strictEqual(
        key(ours.descendantForIndex(i)),
        key(tree.rootNode.descendantForIndex(i)),
        `at ${i}`,
      );
    for (let k = 0; k < 2000; k++) {
      const a = Math.floor(rnd() * text.length);
      const b = Math.min(text.length, a + Math.floor(rnd() * 40));
      assert.strictEqual(
        key(ours.descendantForIndex(a, b)),
        key(tree.rootNode.descendantForIndex(a, b)),
        `${a}-${b}`,
      );
    }
  });

  it('descendantsOfType (named and anonymous types, the node itself included)', () => {
    const types = [
      'call',
      'import_statement',
      'identifier',
      'lambda',
      'function_definition',
      'block',
      'type',
    ];
    const fns = ours.descendantsOfType('function_definition');
    const theirFns = tree.rootNode.descendantsOfType('function_definition');
    assert.deepStrictEqual(fns.map(key), theirFns.map(key));
    for (let i = 0; i < fns.length; i++)
      assert.deepStrictEqual(
        (fns[i] as PyNode).descendantsOfType(types).map(key),
        (theirFns[i] as Node).descendantsOfType(types).map(key),
      );
  });

  it('walk(), childWithDescendant, parent, fields, text and positions', () => {
    const seen: string[] = [];
    const theirs: string[] = [];
    walkNamed(ours, (type, c) => void seen.push(`${type}:${c.currentNode.startIndex}`));
    walkNamed(tree.rootNode, (type, c) => void theirs.push(`${type}:${c.currentNode.startIndex}`));
    assert.deepStrictEqual(seen, theirs);
    const calls = ours.descendantsOfType('call');
    const theirCalls = tree.rootNode.descendantsOfType('call');
    for (let i = 0; i < calls.length; i++) {
      const a = calls[i] as PyNode;
      const b = theirCalls[i] as Node;
      assert.strictEqual(a.text, b.text);
      assert.deepStrictEqual(a.startPosition, b.startPosition);
      assert.deepStrictEqual(a.endPosition, b.endPosition);
      assert.strictEqual(key(a.childForFieldName('function')), key(b.childForFieldName('function')));
      assert.strictEqual(a.namedChildCount, b.namedChildCount);
      assert.deepStrictEqual(a.namedChildren.map(key), b.namedChildren.map(key));
      assert.strictEqual(key(a.namedChild(0)), key(b.namedChild(0)));
      assert.strictEqual(key(ours.childWithDescendant(a)), key(tree.rootNode.childWithDescendant(b)));
      let pa: PyNode | null = a;
      let pb: Node | null = b;
      while (pa || pb) {
        assert.strictEqual(key(pa), key(pb));
        pa = pa?.parent ?? null;
        pb = pb?.parent ?? null;
      }
    }
    const imports = ours.descendantsOfType('import_from_statement')[0] as PyNode;
    const theirImports = tree.rootNode.descendantsOfType('import_from_statement')[0] as Node;
    assert.deepStrictEqual(
      imports.childrenForFieldName('name').map(key),
      theirImports.childrenForFieldName('name').map(key),
    );
    assert.strictEqual(isTreeSitterNode(ours), false);
    assert.strictEqual(isTreeSitterNode(tree.rootNode), true);
  });
});

describe('python-read: positions', function () {
  before(async () => {
    await loadGrammar('python');
  });

  it('rows and columns (UTF-16 code units) after non-ASCII text, as web-tree-sitter reports them', () => {
    const text = 'x = "é😀"; y = f(1)\n# ü\nz = g(2)\n';
    const tree = parseWith('python', text);
    try {
      const ours = (readPython(text) as PyNode).descendantsOfType('call');
      const theirs = tree.rootNode.descendantsOfType('call');
      assert.deepStrictEqual(
        ours.map((n) => [n.startPosition, n.endPosition]),
        theirs.map((n) => [n?.startPosition, n?.endPosition]),
      );
    } finally {
      tree.delete();
    }
  });
});

describe('python-read: ParsedFile.syntax', function () {
  this.timeout(60_000);
  before(async () => {
    await loadGrammar('python');
  });

  it("is the reader's root when it accepts the text, tree-sitter's otherwise or when switched off", () => {
    const ok = new ParsedFile('a.py', 'a.py', 'x = 1\n', 'python');
    assert.ok(ok.syntax instanceof PyNode);
    const bad = new ParsedFile('b.py', 'b.py', 'x = (1\n', 'python');
    assert.ok(bad.syntax && isTreeSitterNode(bad.syntax));
    setFastPythonRead(false);
    try {
      const off = new ParsedFile('c.py', 'c.py', 'x = 1\n', 'python');
      assert.ok(off.syntax && isTreeSitterNode(off.syntax));
    } finally {
      setFastPythonRead(true);
    }
    for (const f of [ok, bad]) f.dispose();
  });

  it('linting handler files the reader accepts never parses them with tree-sitter', async () => {
    const proto = Parser.prototype as { parse: Parser['parse'] };
    const original = proto.parse;
    let parses = 0;
    proto.parse = function (this: Parser, ...args: Parameters<Parser['parse']>) {
      parses++;
      return original.apply(this, args);
    };
    try {
      const ws = new Workspace('/t', allRules, defaultConfig());
      for (const f of pythonCorpus(20)) ws.setFile(f.rel, f.text);
      await ws.prepare();
      let findings = 0;
      for (const rel of ws.filePaths()) findings += ws.lintPrepared(rel).findings.length;
      assert.ok(findings > 0);
      assert.strictEqual(parses, 0);
    } finally {
      proto.parse = original;
    }
  });
});

// The files this test reads exist (a moved fixture folder should fail here, not silently test nothing).
assert.ok(existsSync(join(ROOT, 'test', 'fixtures')));
