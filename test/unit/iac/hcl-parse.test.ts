/**
 * The hand-written HCL parser (hcl-parse.ts) against the reference it replaces: the tree-sitter tree converted
 * node by node (`hclFileOf(tree, text, { shortcuts: false })`). Whatever the fast parser accepts must be
 * deep-equal to the reference, offsets included; whatever tree-sitter finds broken it must decline, and then
 * `hclOf` must give exactly what the tree-sitter path gives.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { terraformOfLines } from '../../../bench/iac';
import { Workspace } from '../../../src/core/engine/workspace';
import { hclFileOf, type HclFile } from '../../../src/core/iac/hcl';
import { parseHcl } from '../../../src/core/iac/hcl-parse';
import { hclOf, setFastHclParse } from '../../../src/core/iac/terraform';
import { loadGrammar, parseWith } from '../../../src/core/parse/treesitter';

const ROOT = path.resolve(__dirname, '../../..');

function reference(text: string): HclFile {
  const tree = parseWith('terraform', text);
  try {
    return hclFileOf(tree, text, { shortcuts: false });
  } finally {
    tree.delete();
  }
}

/** The fast parser must accept `text` and give the reference. */
function assertSame(text: string, what: string): void {
  const ref = reference(text);
  assert.strictEqual(ref.hasErrors, false, `${what}: tree-sitter finds a syntax error`);
  const fast = parseHcl(text);
  assert.ok(fast, `${what}: declined`);
  assert.deepStrictEqual(fast, ref, what);
}

/** Either the fast parser declines, or it gives the reference (and tree-sitter found no error). */
function assertDeclinedOrSame(text: string, what: string): boolean {
  const fast = parseHcl(text);
  if (!fast) return false;
  const ref = reference(text);
  assert.strictEqual(ref.hasErrors, false, `${what}: accepted a text tree-sitter finds broken`);
  assert.deepStrictEqual(fast, ref, what);
  return true;
}

/** Files of the repository with Terraform in them (not node_modules, not build output). */
function repoTerraformFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.') || e.name === 'node_modules' || e.name === 'dist' || e.name === 'out')
      continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) repoTerraformFiles(p, out);
    else if (e.name.endsWith('.tf') || e.name.endsWith('.tfvars')) out.push(p);
  }
  return out;
}

/** The ```terraform examples of the rule pages. */
function docExamples(): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.md')) {
        const lines = fs.readFileSync(p, 'utf8').split('\n');
        let start = -1;
        lines.forEach((l, i) => {
          if (start < 0 && l.trim() === '```terraform') start = i + 1;
          else if (start >= 0 && l.trim() === '```') {
            out.push({
              where: `${path.relative(ROOT, p)}:${start}`,
              text: lines.slice(start, i).join('\n') + '\n',
            });
            start = -1;
          }
        });
      }
    }
  };
  walk(path.join(ROOT, 'docs'));
  return out;
}

/** Every construct the parser supports, each in a form that exercises its offsets. */
const SNIPPETS: Record<string, string> = {
  'empty file': '',
  'only comments': '# a\n// b\n/* c\n d */\n',
  'attributes and blocks': 'resource "aws_s3_bucket" "b" {\n  bucket = "x"\n  tags   = { A = 1 }\n}\n',
  'identifier labels, no labels, nested blocks':
    'terraform {\n  backend s3 {\n    key = "k"\n  }\n}\nlocals {\n  a = 1\n}\n',
  'one-line blocks': 'resource "t" "n" { a = 1 }\nx { }\ny {}\nz "l" { b { c = 2 } }\n',
  'labels with escapes and spaces': 'resource "a\\"b" " padded\t " {\n}\nresource "\\u0041\\n" "x\\\\y" {}\n',
  'identifiers with dashes and ::': 'a-b = c-d.e-f\nx = provider::aws::arn_parse("arn:aws:s3:::b").region\n',
  'top-level attributes (tfvars)': 'memory = 512\nname = "api"\nlist = [1, 2, 3]\n',
  'attribute names that are keywords':
    'terraform {\n  required_providers {\n    null = {\n      source = "hashicorp/null"\n    }\n    for = 1\n    in = 2\n    true = 3\n  }\n}\n',
  comments:
    '# top\nresource "t" "n" { # after brace\n  a = 1 # after value\n  // line\n  b = 2 /* after */\n  /* block */ c = [1, # in tuple\n    2]\n  d = {\n    # in object\n    k = 1 // after\n  }\n  e = x /* between */ .y\n}\n',
  numbers: 'a = 0\nb = 42\nc = 1.5\nd = 1.5e3\ne = 2.0E-2\nf = 1.25e+10\ng = 007\n',
  'bool and null': 'a = true\nb = false\nc = null\nd = true_ish\n',
  'plain strings': 'a = "x"\nb = ""\nc = "   "\nd = "  padded  "\ne = "tab\tinside"\n',
  escapes:
    'a = "line\\nnext\\ttab\\r\\"q\\" back\\\\slash"\nb = "\\u00e9\\U0001F600"\nc = "$${literal} %%{literal}"\nd = "$ alone % alone $$ double"\n',
  interpolations:
    'a = "${var.x}"\nb = "pre-${var.x}-post"\nc = "  ${a}  ${b}  "\nd = "${ "nested ${local.y}" }"\ne = "${f("a", "b")}"\nf = "${~ var.x ~}"\n',
  directives:
    'a = "%{ if var.x }yes ${var.y}%{ else }no%{ endif } tail"\nb = "%{ for k, v in var.m ~}${k}=${v},%{~ endfor }"\nc = "%{if a}%{for x in y}${x}%{endfor}%{endif}"\nd = "%{ for x in y }[${x}]%{ endfor }"\n',
  heredocs:
    'a = <<EOF\nhello ${var.x}\n  %{ if var.y }Y%{ endif }\nworld\nEOF\nb = <<-EOT\n    indented\n      more ${c}\n    back\n  EOT\nc = <<EOF\nEOF\nd = <<EOF\n"quotes" \\ and $${x} and EOFX\n  EOF\ne = <<EOF   \n${x}\nEOF\n',
  'heredoc with CRLF': 'a = <<EOF\r\nline\r\nEOF\r\nb = 1\r\n',
  'heredoc closing line inside a directive is text': 'a = <<EOF\n%{ if x }\nEOF\n%{ endif }\nEOF\n',
  tuples: 'a = []\nb = [1]\nc = [1, "two", var.three,]\nd = [\n  1,\n  2,\n]\ne = [[1], [2, [3]]]\n',
  objects:
    'a = {}\nb = { k = 1, "s" = 2, (var.k) = 3, a.b = 4, true = 5, -1 = 6 }\nc = {\n  x = 1\n  y : 2,\n  z = 3,\n}\nd = { a = { b = { c = 1 } } }\ne = { a = 1 b = 2 }\nf = { a = "x"\n  (k) = 2 }\n',
  'function calls':
    'a = f()\nb = f(1)\nc = f(1, 2,)\nd = merge(var.a, { b = 1 })\ne = concat(var.lists...)\nf = f (x)\ng = jsonencode({ A = [1, 2] })\n',
  traversals:
    'a = var.x\nb = aws_s3_bucket.b.arn\nc = x[0]\nd = x["k"].y\ne = x.0.y\nf = x[var.i][0].z\ng = f(x)[0].y\nh = [1, 2][0]\ni = { a = 1 }.a\nj = "s".x\nk = x[ 0 ]\n',
  splats:
    'a = x.*.id\nb = x[*].id\nc = x[*]\nd = x[*].y[0].z\ne = x[*].y[*].z\nf = f(x)[*].id\ng = aws_instance.web.*.id[0]\n',
  'for expressions':
    'a = [for x in var.l : upper(x)]\nb = [for i, x in var.l : x if i > 0]\nc = { for k, v in var.m : k => v }\nd = { for k, v in var.m : v => k... if k != "" }\ne = [for x in [for y in z : y] : x][0]\nf = {for s in var.list : s => s}\n',
  'comments inside the parts of a for expression':
    'a = { for k, v in m : k => {\n    x = 1 # inside the value\n    # more\n  } if v != null }\nb = [for x in y : f(x, # arg\n  1)]\nc = [for x in [for y in z : g(y, # inner\n  2)] : x]\n',
  'comments among the parts of a for expression':
    'a = [for x in y : x # why\n]\nb = { # why\n  for k in m : k => k }\n' +
    'c = [ /* a */ for /* b */ x /* c */ , /* d */ y /* e */ in /* f */ z /* g */ : /* h */ x /* i */ if /* j */ y /* k */ ]\n' +
    'd = { for k, v in m : k /* l */ => /* m */ v /* n */ ... /* o */ if v # p\n}\n' +
    'e = [for x in y : x # crlf\r\n]\nf = [for x in [for y in z : y # inner\n] : x # outer\n]\n',
  'unary and binary operators':
    'a = -1\nb = !var.x\nc = - - x\nd = -x * y\ne = !x.y\nf = 1 + 2 * 3 - 4 / 5 % 6\ng = a == b && c != d || !e\nh = a < b == c >= d\ni = a <= b && c > d\nj = x-1\nk = 5 - 1\n',
  conditionals:
    'a = x ? y : z\nb = x ? y : z ? u : v\nc = x ? y ? 1 : 2 : 3\nd = a == b ? c + 1 : d * 2\ne = length(x) > 0 ? x[0] : null\n',
  parentheses:
    'a = (1)\nb = (a + b) * c\nc = (x).y\nd = (x)[0]\ne = !(a)\nf = -(a.b)\ng = ((x))\nh = (a) ? (b) : (c)\ni = f((x), (y))\nj = [(x)]\nk = { (x) = (y) }\n',
  'newlines are whitespace to the grammar': 'a = b\n(c)\nd = x ?\ny :\nz\ne = 1 +\n2\n',
  'crlf and tabs': 'resource "t" "n" {\r\n\tname = "x"\r\n\tsub {\r\n\t\tv = 1\r\n\t}\r\n}\r\n',
  'non-ASCII in strings and comments': '# café\na = "naïve ${x} ✓"\nb = "😀"\n',
  'dynamic blocks':
    'resource "t" "n" {\n  dynamic "setting" {\n    for_each = var.settings\n    iterator = s\n    content {\n      name  = s.key\n      value = s.value\n    }\n  }\n}\n',
};

/** Valid for tree-sitter, but left to it: the fast parser must decline, and hclOf must not care. */
const LEFT_TO_TREE_SITTER: Record<string, string> = {
  'comment between name and =': 'a /* c */ = 1\n',
  'comment between = and the value': 'a = /* c */ 1\n',
  'comment in an interpolation': 'a = "${x /* c */}"\n',
  'keyword as a variable': 'a = { k = in }\n',
  'hex number': 'a = 0x1F\n',
  'space inside a splat': 'a = x[ * ]\n',
  'Unicode space at the end of a literal': 'a = "x\u2003"\n',
  'Unicode space at the end of a label': 'resource "x\u2003" "n" {}\n',
  'Unicode space after a heredoc closing identifier': 'a = <<EOF\nx\nEOF\u2003\nEOF\n',
  'object at the top (JSON-like tfvars)': '{ a = 1 }\n',
  'heredoc inside an interpolation': 'a = "${<<EOF\nx\nEOF\n}"\n',
  'interpolation in a label': 'resource "${x}" "n" {}\n',
};

/** Syntax errors: the fast parser declines and the tree-sitter path (with its recovery) decides. */
const BROKEN: Record<string, string> = {
  'unclosed brace': 'resource "aws_lambda_function" "a" {\n  memory_size = 128\n',
  'unfinished attribute before the next block':
    'resource "aws_lambda_function" "a" {\n  memory_size =\n}\n\nresource "aws_appautoscaling_target" "t" {\n  resource_id = "table/x"\n}\n',
  'unclosed object swallowing a block':
    'resource "aws_lambda_function" "a" {\n  tags = {\n\nresource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n',
  'heredoc without its closing line': 'a = <<EOF\nline\n',
  'heredoc closing line at the end of the text (no newline)': 'a = <<EOF\nline\nEOF',
  'heredoc without identifier': 'a = <<\nline\n\n',
  'stray closing brace': 'a = 1\n}\n',
  'stray token': 'resource "t" "n" {\n  a = 1 2\n}\n',
  'unterminated string': 'a = "abc\nb = 1\n',
  'bad escape': 'a = "\\q"\n',
  'unterminated block comment': 'a = 1 /* never closed\n',
  'missing comma in a tuple': 'a = [1 2]\n',
  'exponent without fraction': 'a = 1e5\n',
  'unclosed interpolation': 'a = "${x"\n',
  'endif without if': 'a = "%{ endif }"\n',
  'for without endfor': 'a = "%{ for x in y }${x}"\n',
  'label after the brace': 'resource "t" {\n} "n"\n',
};

/** `hclOf` with the fast parser on and off, each in a fresh workspace that saw `before` first (if given). */
async function hclOfBothWays(text: string, before?: string): Promise<{ fast: HclFile; slow: HclFile }> {
  const run = async (on: boolean): Promise<HclFile> => {
    const was = setFastHclParse(on);
    try {
      const ws = new Workspace('/ws', []);
      if (before !== undefined) {
        ws.setFile('main.tf', before);
        await ws.prepare('terraform');
        hclOf(ws, ws.getFile('main.tf')!);
      }
      ws.setFile('main.tf', text);
      await ws.prepare('terraform');
      return hclOf(ws, ws.getFile('main.tf')!);
    } finally {
      setFastHclParse(was);
    }
  };
  return { fast: await run(true), slow: await run(false) };
}

describe('iac: hand-written HCL parser (differential against tree-sitter)', () => {
  before(async () => {
    await loadGrammar('terraform');
  });

  describe('constructs', () => {
    for (const [name, text] of Object.entries(SNIPPETS)) {
      it(name, () => assertSame(text, name));
    }
  });

  it('every .tf and .tfvars file of the repository', () => {
    const files = repoTerraformFiles(ROOT);
    assert.ok(files.length >= 4, `only ${files.length} files found`);
    for (const f of files) assertSame(fs.readFileSync(f, 'utf8'), path.relative(ROOT, f));
  });

  it('the Terraform examples of the rule pages', () => {
    const examples = docExamples();
    assert.ok(examples.length >= 20, `only ${examples.length} examples found`);
    for (const ex of examples) {
      if (reference(ex.text).hasErrors) continue; // an excerpt, not a whole file
      assertSame(ex.text, ex.where);
    }
  });

  it("the benchmark's generated files (several sizes and seeds)", () => {
    for (const [lines, seed] of [
      [5000, 1],
      [1000, 2],
      [300, 3],
      [120, 7],
    ] as const) {
      assertSame(terraformOfLines(lines, seed), `${lines} lines, seed ${seed}`);
    }
  });

  it('one-character deletions and insertions: declined when broken, the reference when accepted', function () {
    this.timeout(120_000);
    const base = terraformOfLines(160, 5);
    const texts = Object.values(SNIPPETS).join('\n');
    let accepted = 0;
    let n = 0;
    for (const src of [base, texts]) {
      for (let i = 0; i < src.length; i += 11) {
        const ch = '{}[]()"=.,:?${#\n'[(i / 11) % 16]!;
        for (const text of [src.slice(0, i) + src.slice(i + 1), src.slice(0, i) + ch + src.slice(i)]) {
          n++;
          if (assertDeclinedOrSame(text, `mutation at ${i}`)) accepted++;
        }
      }
    }
    // Some mutations stay valid (a deleted space, a changed name): the parser must accept those too.
    assert.ok(accepted > n / 10, `${accepted} of ${n} accepted`);
  });

  it('with the previous version: the same result as a full parse, after edits anywhere', () => {
    const edits = ['', ' ', '\n', 'x', '1', '}', '{', '"', '# c\n', ' + 1', '.y', '\nz = 2\n', 'b {}\n'];
    for (const base of [terraformOfLines(200, 9), Object.values(SNIPPETS).join('\n')]) {
      let previous = { text: base, file: parseHcl(base)! };
      assert.ok(previous.file);
      let reused = 0;
      for (let i = 0, k = 0; i < base.length; i += 13, k++) {
        const at = Math.min(i, previous.text.length);
        const cut = k % 3 === 0 ? 1 + (k % 5) : 0;
        const text = previous.text.slice(0, at) + edits[k % edits.length]! + previous.text.slice(at + cut);
        const full = parseHcl(text);
        const inc = parseHcl(text, previous);
        assert.deepStrictEqual(inc, full, `edit ${k} at ${at}`);
        if (inc) {
          if (inc.blocks.some((b) => previous.file.blocks.includes(b))) reused++;
          previous = { text, file: inc };
        }
      }
      assert.ok(reused > 10, `blocks reused after only ${reused} edits`);
    }
  });

  it('declines nesting too deep for its stack instead of throwing', () => {
    const depth = 200_000;
    assert.strictEqual(parseHcl(`a = ${'['.repeat(depth)}${']'.repeat(depth)}\n`), undefined);
  });

  describe('left to tree-sitter', () => {
    for (const [name, text] of Object.entries(LEFT_TO_TREE_SITTER)) {
      it(name, async () => {
        assert.strictEqual(parseHcl(text), undefined, 'accepted');
        const { fast, slow } = await hclOfBothWays(text);
        assert.deepStrictEqual(fast, slow);
      });
    }
  });

  describe('syntax errors', () => {
    const good =
      'resource "aws_lambda_function" "a" {\n  memory_size = 128\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n';
    for (const [name, text] of Object.entries(BROKEN)) {
      it(name, async () => {
        assert.ok(reference(text).hasErrors, 'tree-sitter finds no error');
        assert.strictEqual(parseHcl(text), undefined, 'accepted');
        // As the first version of a file, and after a clean version (the last good parse completes it).
        for (const before of [undefined, good]) {
          const { fast, slow } = await hclOfBothWays(text, before);
          assert.strictEqual(fast.hasErrors, true);
          assert.deepStrictEqual(fast, slow);
        }
      });
    }
  });
});
