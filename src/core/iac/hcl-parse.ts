/**
 * A hand-written parser for the HCL native syntax of Terraform files that builds the very `HclFile` that
 * `hclFileOf(tree, text)` (hcl.ts) builds from a tree-sitter tree, offsets included, about fifteen times
 * faster than the tree-sitter parse alone (6 ms against 90 ms for 5,000 lines), and with the last clean
 * version of the file it parses only the top-level items around an edit. It is the first choice for every
 * Terraform file; whatever it does not accept (a syntax error, a half-typed file, or a construct it leaves to
 * tree-sitter) makes it return `undefined`, and the tree-sitter path runs as before.
 *
 * The reference is the tree-sitter grammar (tree-sitter-hcl 1.2), not the HCL specification, because the result
 * must be the one that grammar gives:
 * - newlines are whitespace (the grammar has no newline tokens), so `a = b\n(c)` is a call `b(c)`;
 * - precedence as in the grammar: postfix (`.a`, `[i]`, splats) > unary > `* / %` > `+ -` > comparisons >
 *   `== !=` > `&&` > `||` > `? :`, binary operators left-associative, and so is `? :`
 *   (`a ? b : c ? d : e` is `(a ? b : c) ? d : e`);
 * - `(x)` is converted to `x` (hcl.ts drops the parentheses, and any step after them), but the node still spans
 *   the parentheses, which shows in the offsets of the operation or attribute around it;
 * - the external scanner skips whitespace before every template chunk, so each literal run of a template is
 *   trimmed at both ends (`"a ${b} c"` is `"a"`, b, `"c"`);
 * - heredoc bodies are raw text (hcl.ts slices them between interpolations), and a heredoc ends at the first
 *   line, outside directives, holding only its identifier.
 *
 * What is declined rather than reproduced (it is rare, and tree-sitter handles it): comments in templates or
 * between an attribute's name, `=` and value (tree-sitter keeps them as children there, which hcl.ts turns
 * into `unk` parts or reads in a child's place); keywords (`for`, `in`, `if`, …) as variables, attribute
 * steps or labels; non-ASCII characters outside strings and comments; Unicode spaces in templates; raw
 * newlines in quoted strings; hex numbers; `{` in block labels; empty interpolations; a heredoc inside a
 * template; a top-level object (`.tfvars.json`-style); nesting deep enough to exhaust the stack.
 *
 * The parser is a lexer working on character codes plus recursive descent; it keeps its state in module
 * variables (a parse is synchronous) and gives up by throwing one preallocated error.
 */
import {
  shiftAttribute,
  shiftBlock,
  stripIndent,
  unescapeHcl,
  type Expr,
  type HclAttribute,
  type HclBlock,
  type HclFile,
  type HclPrevious,
  type Step,
} from './hcl';

/** Thrown to give up; caught in `parseHcl` only. */
class Declined extends Error {}
const DECLINED = new Declined('perfguard: construct left to tree-sitter');

let src = '';
/** Next character to read; after `ws()`, the start of the next token. */
let pos = 0;
/** End of the last token read: the end of the syntax node just parsed. */
let tokEnd = 0;
/**
 * Offsets of the comments skipped so far: tree-sitter keeps a comment as a child of the node around it, which
 * matters where hcl.ts turns a node's children into `unk` parts (for expressions) or reads a child by position.
 */
const commentStarts: number[] = [];
const commentEnds: number[] = [];
/** Where the last `parseHcl` gave up (-1: it did not), for reports on what is left to tree-sitter. */
let declinedOffset = -1;
/** Templates being read around `pos` (a heredoc inside a template is left to tree-sitter). */
let templates = 0;

/** Keywords the grammar lexes as their own tokens: never accepted as names here. */
const KEYWORDS = new Set(['for', 'in', 'if', 'else', 'endif', 'endfor']);

/** Binary operators and their precedence in the grammar (higher binds tighter). */
const BINARY_PREC: Record<string, number> = {
  '*': 6,
  '/': 6,
  '%': 6,
  '+': 5,
  '-': 5,
  '>': 4,
  '>=': 4,
  '<': 4,
  '<=': 4,
  '==': 3,
  '!=': 3,
  '&&': 2,
  '||': 1,
};

/**
 * The file's syntax as `hclFileOf(tree, text)` gives it for a file without syntax errors, or `undefined` when
 * the text has a syntax error or a construct this parser leaves to tree-sitter.
 *
 * With `previous` (an earlier clean version of the file and its syntax), the top-level items before and after
 * the edited region are taken from it (those after it shifted by the change in length) and only the items
 * around the edit are parsed: a top-level item parses the same wherever it starts, so an unchanged text from
 * an item start on gives the same items.
 */
export function parseHcl(text: string, previous?: HclPrevious): HclFile | undefined {
  src = text;
  pos = 0;
  tokEnd = 0;
  commentStarts.length = 0;
  commentEnds.length = 0;
  templates = 0;
  declinedOffset = -1;
  try {
    const file: HclFile = { blocks: [], attributes: [], hasErrors: false };
    const resume = previous && !previous.file.hasErrors ? resumeFrom(previous, file) : undefined;
    const start = pos;
    ws();
    if (start === 0 && at(pos) === 123 /* { */) decline(); // config_file > object: hcl.ts reads nothing there
    topLevel(file, resume);
    return file;
  } catch (e) {
    // Nesting deep enough to exhaust the stack is left to tree-sitter too.
    if (e === DECLINED || e instanceof RangeError) {
      declinedOffset = pos;
      return undefined;
    }
    throw e;
  } finally {
    src = '';
  }
}

/** A top-level attribute or block of the previous version, in text order. */
interface OldItem {
  s: number;
  block?: HclBlock;
  attribute?: HclAttribute;
}

/** Where the previous version's items can be taken again after the edit. */
interface Resume {
  items: OldItem[];
  /** New-text offset from which the text is the previous version's (shifted by `delta`). */
  suffixStart: number;
  delta: number;
}

/**
 * Copy into `file` the previous version's top-level items up to the last block that ends before the first
 * changed character (attributes are not ended by their own text: `a = b` may go on as `a = b + 1`), set `pos`
 * there, and say where the rest may be taken from.
 */
function resumeFrom(previous: HclPrevious, file: HclFile): Resume {
  const old = previous.text;
  const max = Math.min(old.length, src.length);
  let prefix = 0;
  while (prefix < max && old.charCodeAt(prefix) === src.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (
    suffix < max - prefix &&
    old.charCodeAt(old.length - 1 - suffix) === src.charCodeAt(src.length - 1 - suffix)
  )
    suffix++;
  const items: OldItem[] = [];
  const { blocks, attributes } = previous.file;
  for (let i = 0, j = 0; i < blocks.length || j < attributes.length;) {
    const b = blocks[i];
    const a = attributes[j];
    if (b && (!a || b.s < a.s)) items.push({ s: b.s, block: blocks[i++] });
    else items.push({ s: a!.s, attribute: attributes[j++] });
  }
  let kept = 0;
  for (let k = 0; k < items.length; k++) {
    const b = items[k]!.block;
    if (b && b.e <= prefix) kept = k + 1;
    else if (!b && items[k]!.s >= prefix) break;
  }
  for (let k = 0; k < kept; k++) {
    const it = items[k]!;
    if (it.block) {
      file.blocks.push(it.block);
      pos = it.block.e;
    } else file.attributes.push(it.attribute!);
  }
  return { items, suffixStart: src.length - suffix, delta: src.length - old.length };
}

/** The index of the previous version's item starting at `s`, or -1. */
function itemAt(items: readonly OldItem[], s: number): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = items[mid]!.s;
    if (v === s) return mid;
    if (v < s) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** The top-level body, taking the previous version's items again once the text is theirs. */
function topLevel(file: HclFile, resume: Resume | undefined): void {
  for (;;) {
    if (resume && pos >= resume.suffixStart) {
      const k = itemAt(resume.items, pos - resume.delta);
      if (k >= 0) {
        const d = resume.delta;
        for (const it of resume.items.slice(k)) {
          if (it.block) file.blocks.push(d === 0 ? it.block : shiftBlock(it.block, d));
          else file.attributes.push(d === 0 ? it.attribute! : shiftAttribute(it.attribute!, d));
        }
        return;
      }
    }
    if (at(pos) !== at(pos)) return; // NaN: the end of the text
    item(file.attributes, file.blocks);
  }
}

/** The offset at which the last `parseHcl` call gave up, or -1 when it did not. */
export function declinedAt(): number {
  return declinedOffset;
}

function decline(): never {
  throw DECLINED;
}

/** Character code at `i` (NaN past the end). */
function at(i: number): number {
  return src.charCodeAt(i);
}

function isIdStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

function isIdContinue(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** ASCII whitespace as the grammar and the scanner (`iswspace`) see it. */
function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** Non-ASCII characters the wasm libc may count as space: their trimming is not reproduced. */
function isOtherSpace(c: number): boolean {
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    c === 0x180e ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

// ---- Lexing ------------------------------------------------------------------------------------------------

/** Skip whitespace and comments (the grammar's extras). */
function ws(): void {
  for (;;) {
    const c = at(pos);
    if (isSpace(c)) pos++;
    else if (c === 35 /* # */ || (c === 47 /* / */ && at(pos + 1) === 47)) {
      commentStarts.push(pos);
      const nl = src.indexOf('\n', pos);
      pos = nl < 0 ? src.length : nl;
      commentEnds.push(pos);
    } else if (c === 47 && at(pos + 1) === 42 /* * */) {
      commentStarts.push(pos);
      const end = src.indexOf('*/', pos + 2);
      if (end < 0) decline();
      pos = end + 2;
      commentEnds.push(pos);
    } else return;
  }
}

/** Consume the one-character token `c` (and the whitespace after it). */
function expect(c: number): void {
  if (at(pos) !== c) decline();
  pos++;
  tokEnd = pos;
  ws();
}

/** Whether the next token is the one-character token `c` and not the start of a longer one. */
function isChar(c: number): boolean {
  return at(pos) === c;
}

/** Read an identifier (letters, digits, `_`, `-`, `::`) without the whitespace after it. */
function identifier(): string {
  const s = pos;
  if (!isIdStart(at(pos))) decline();
  pos++;
  for (;;) {
    const c = at(pos);
    if (isIdContinue(c)) pos++;
    else if (c === 58 /* : */ && at(pos + 1) === 58) pos += 2;
    else break;
  }
  if (at(pos) >= 128) decline(); // Unicode identifier characters: left to tree-sitter
  tokEnd = pos;
  return src.slice(s, pos);
}

/** Whether the identifier at `pos` is exactly `word`. */
function isWord(word: string): boolean {
  return src.startsWith(word, pos) && !isIdContinue(at(pos + word.length)) && at(pos + word.length) !== 58;
}

/** The binary operator at `pos`, if any. */
function binaryOperator(): string | undefined {
  const c = at(pos);
  const d = at(pos + 1);
  switch (c) {
    case 42: // *
    case 47: // / (comments were skipped by ws)
    case 37: // %
    case 43: // +
    case 45: // -
      return src[pos];
    case 62: // >
    case 60: // <
      if (d === 60) return undefined; // `<<`: a heredoc, not an operator
      return d === 61 ? src.slice(pos, pos + 2) : src[pos];
    case 61: // =
    case 33: // !
      return d === 61 ? src.slice(pos, pos + 2) : undefined;
    case 38: // &
      return d === 38 ? '&&' : undefined;
    case 124: // |
      return d === 124 ? '||' : undefined;
    default:
      return undefined;
  }
}

// ---- Bodies ------------------------------------------------------------------------------------------------

/** Attributes and blocks until `}`. */
function body(attributes: HclAttribute[], blocks: HclBlock[]): void {
  while (at(pos) !== 125 /* } */) item(attributes, blocks);
}

/** One attribute or block. */
function item(attributes: HclAttribute[], blocks: HclBlock[]): void {
  const s = pos;
  const before = commentStarts.length;
  // Any identifier names an attribute or block type, keywords and `null` included (`null = { source = … }`).
  const name = identifier();
  const nameEnd = tokEnd;
  ws();
  if (at(pos) === 61 /* = */) {
    if (at(pos + 1) === 61 || at(pos + 1) === 62) decline(); // `==`, `=>`
    const eqOffset = pos;
    pos++;
    ws();
    // A comment between the name, `=` and the value would be a child of the attribute node in its place.
    if (commentStarts.length !== before) decline();
    const expr = expression();
    attributes.push({ name, s, e: tokEnd, nameEnd, eqOffset, expr });
  } else blocks.push(block(name, s, nameEnd));
}

/** A block whose type identifier was read: labels, `{`, body, `}`. */
function block(type: string, s: number, typeEnd: number): HclBlock {
  const labels: string[] = [];
  let headerEnd = typeEnd;
  for (;;) {
    const c = at(pos);
    if (c === 123 /* { */) break;
    if (c === 34 /* " */) labels.push(label());
    else {
      const id = identifier();
      if (KEYWORDS.has(id)) decline();
      labels.push(id);
    }
    headerEnd = tokEnd;
    ws();
  }
  pos++;
  const openEnd = pos;
  ws();
  const attributes: HclAttribute[] = [];
  const blocks: HclBlock[] = [];
  body(attributes, blocks);
  const closeStart = pos;
  pos++;
  tokEnd = pos;
  ws();
  return {
    type,
    labels,
    s,
    e: closeStart + 1,
    headerEnd,
    openEnd,
    closeStart,
    attributes,
    blocks,
    incomplete: false,
  };
}

/** A quoted block label (a `string_lit`): plain text and escapes only. */
function label(): string {
  const s = pos + 1;
  pos = s;
  for (;;) {
    const c = at(pos);
    if (c === 34 /* " */) break;
    // `{` could start an interpolation the grammar does not allow here; newlines and the end are errors.
    if (c !== c || c === 10 || c === 13 || c === 123 || (c >= 128 && isOtherSpace(c))) decline();
    if (c === 92 /* \ */) pos += escapeLength(pos);
    else pos++;
  }
  const e = pos;
  pos++;
  tokEnd = pos;
  return literalValue(s, e);
}

/** Length of the escape sequence at `i` (a backslash), declining sequences the scanner rejects. */
function escapeLength(i: number): number {
  const c = at(i + 1);
  if (c === 34 || c === 110 || c === 114 || c === 116 || c === 92) return 2; // " n r t \
  const digits = c === 117 /* u */ ? 4 : c === 85 /* U */ ? 8 : 0;
  if (digits === 0) decline();
  for (let k = 0; k < digits; k++) if (!isHex(at(i + 2 + k))) decline();
  return 2 + digits;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** The value of a quoted literal run [s, e): trimmed as the scanner skips spaces before each chunk. */
function literalValue(s: number, e: number): string {
  let a = s;
  let b = e;
  while (a < b && isSpace(at(a))) a++;
  while (b > a && isSpace(at(b - 1))) b--;
  return unescapeHcl(src.slice(a, b));
}

// ---- Expressions -------------------------------------------------------------------------------------------

/** An `expression`: operations, then conditionals (left-associative, as in the grammar). */
function expression(): Expr {
  const s = pos;
  let x = operation(0);
  while (isChar(63 /* ? */)) {
    expect(63);
    const t = expression();
    expect(58 /* : */);
    const f = operation(0);
    x = { k: 'cond', c: x, t, f, s, e: tokEnd };
  }
  return x;
}

/** Binary operations of precedence `min` and above (precedence climbing, left-associative). */
function operation(min: number): Expr {
  const s = pos;
  let l = unary();
  for (;;) {
    const op = binaryOperator();
    if (op === undefined) return l;
    const prec = BINARY_PREC[op]!;
    if (prec < min) return l;
    pos += op.length;
    tokEnd = pos;
    ws();
    const r = operation(prec + 1);
    l = { k: 'bin', op, l, r, s, e: tokEnd };
  }
}

/** `-x`, `!x` (binding tighter than binary operators, looser than steps), or a term with its steps. */
function unary(): Expr {
  const c = at(pos);
  if (c === 45 /* - */ || (c === 33 /* ! */ && at(pos + 1) !== 61)) {
    const s = pos;
    pos++;
    tokEnd = pos;
    ws();
    const x = unary();
    return { k: 'un', op: c === 45 ? '-' : '!', x, s, e: tokEnd };
  }
  return term();
}

/** A primary expression and the attribute, index and splat steps after it. */
function term(): Expr {
  const s = pos;
  const c = at(pos);
  let base: Expr | undefined;
  let root: string | undefined;
  let parenthesized = false;
  if (c === 40 /* ( */) {
    expect(40);
    base = expression();
    expect(41 /* ) */);
    parenthesized = true;
  } else if (c === 34 /* " */) base = quoted();
  else if (c === 60 /* < */ && at(pos + 1) === 60) base = heredoc();
  else if (c === 91 /* [ */) base = tupleOrFor();
  else if (c === 123 /* { */) base = objectOrFor();
  else if (isDigit(c)) base = number();
  else {
    const name = identifier();
    ws();
    if (name === 'true' || name === 'false')
      base = { k: 'lit', v: { kind: 'bool', value: name === 'true' }, s, e: tokEnd };
    else if (name === 'null') base = { k: 'lit', v: { kind: 'null' }, s, e: tokEnd };
    else if (KEYWORDS.has(name)) decline();
    else if (isChar(40 /* ( */)) base = call(name, s);
    else root = name;
  }
  const steps: Step[] = [];
  const splat = stepsInto(steps);
  const e = tokEnd;
  // hcl.ts converts `(x)` and `(x).y` alike to x.
  if (parenthesized) return base!;
  if (root !== undefined) {
    const t: Expr = { k: 'trav', root, steps, s, e };
    return splat ? { k: 'unk', parts: [t], s, e } : t;
  }
  if (steps.length === 0) return base!;
  return { k: 'post', base: base!, steps, s, e };
}

/**
 * Read `.name`, `.0`, `[x]`, `.*` and `[*]` steps into `steps`. A splat takes the attribute and index steps
 * after it into its own node, so hcl.ts records only `{ k: 'splat' }` for all of them. Returns whether there
 * was a splat.
 */
function stepsInto(steps: Step[]): boolean {
  let splat = false;
  let inSplat = false;
  for (;;) {
    const c = at(pos);
    if (c === 46 /* . */) {
      const d = at(pos + 1);
      if (d === 46) return splat; // `...`
      if (d === 42 /* * */) {
        pos += 2;
        tokEnd = pos;
        ws();
        steps.push({ k: 'splat' });
        splat = inSplat = true;
        continue;
      }
      const dot = pos;
      pos++;
      if (isDigit(at(pos))) {
        while (isDigit(at(pos))) pos++;
        // `x.0.y` is fine; `x.0.1` and `x.0abc` are left to tree-sitter.
        if (isIdStart(at(pos)) || at(pos) >= 128 || (at(pos) === 46 && isDigit(at(pos + 1)))) decline();
        tokEnd = pos;
        const value = Number(src.slice(dot + 1, pos));
        if (!inSplat)
          steps.push({ k: 'index', x: { k: 'lit', v: { kind: 'number', value }, s: dot, e: pos } });
        ws();
        continue;
      }
      if (!isIdStart(at(pos))) decline();
      const name = identifier();
      if (KEYWORDS.has(name)) decline();
      if (!inSplat) steps.push({ k: 'attr', name });
      ws();
      continue;
    }
    if (c === 91 /* [ */) {
      if (at(pos + 1) === 42 && at(pos + 2) === 93) {
        pos += 3;
        tokEnd = pos;
        ws();
        steps.push({ k: 'splat' });
        splat = inSplat = true;
        continue;
      }
      expect(91);
      const x = expression();
      expect(93 /* ] */);
      if (!inSplat) steps.push({ k: 'index', x });
      continue;
    }
    return splat;
  }
}

/** A number: digits, optionally a fraction and then an exponent (the grammar's `numeric_lit`). */
function number(): Expr {
  const s = pos;
  while (isDigit(at(pos))) pos++;
  if (at(pos) === 120 /* x */ && pos === s + 1 && at(s) === 48) decline(); // 0x…
  if (at(pos) === 46 /* . */ && isDigit(at(pos + 1))) {
    pos++;
    while (isDigit(at(pos))) pos++;
    const c = at(pos);
    if (
      (c === 101 || c === 69) /* e E */ &&
      (isDigit(at(pos + 1)) || ((at(pos + 1) === 43 || at(pos + 1) === 45) && isDigit(at(pos + 2))))
    ) {
      pos += 2;
      while (isDigit(at(pos))) pos++;
    }
  }
  // `1e5`, `1.x`, `1abc`: the grammar stops the number early; left to tree-sitter.
  if (endsTooSoon(at(pos))) decline();
  tokEnd = pos;
  const value = Number(src.slice(s, pos));
  ws();
  return { k: 'lit', v: { kind: 'number', value }, s, e: tokEnd };
}

/** Whether `c` after digits would make the grammar's lexer stop or go on differently from this parser. */
function endsTooSoon(c: number): boolean {
  return isIdStart(c) || c === 46 /* . */ || c >= 128;
}

/** `name(args)`, `name(args...)`; the name was read. */
function call(name: string, s: number): Expr {
  expect(40 /* ( */);
  const args: Expr[] = [];
  let expand = false;
  while (!isChar(41 /* ) */)) {
    args.push(expression());
    if (isChar(44 /* , */)) expect(44);
    else if (at(pos) === 46 && at(pos + 1) === 46 && at(pos + 2) === 46) {
      pos += 3;
      ws();
      expand = true;
      break;
    } else break;
  }
  expect(41);
  return { k: 'call', name, args, expand, s, e: tokEnd };
}

/** `[a, b]` or `[for x in xs : f(x) if c]`. */
function tupleOrFor(): Expr {
  const s = pos;
  const before = commentStarts.length;
  expect(91 /* [ */);
  if (isWord('for')) return forExpr(s, false, before);
  const items: Expr[] = [];
  while (!isChar(93 /* ] */)) {
    items.push(expression());
    if (isChar(44 /* , */)) expect(44);
    else break;
  }
  expect(93);
  return { k: 'tuple', items, s, e: tokEnd };
}

/** `{ k = v, "k": v, (k) = v }` or `{for k, v in m : k => v... if c}`. */
function objectOrFor(): Expr {
  const s = pos;
  const before = commentStarts.length;
  expect(123 /* { */);
  if (isWord('for')) return forExpr(s, true, before);
  const entries: { key: Expr; value: Expr }[] = [];
  while (!isChar(125 /* } */)) {
    const ks = pos;
    let key = expression();
    // A bare identifier key is a string (hcl.ts objectKeyOf); `(k)` spans its parentheses and stays a reference.
    if (key.k === 'trav' && key.steps.length === 0 && key.s === ks && key.e === tokEnd) {
      key = { k: 'lit', v: { kind: 'string', value: key.root }, s: key.s, e: key.e };
    }
    const c = at(pos);
    if (c === 61 /* = */) {
      if (at(pos + 1) === 61 || at(pos + 1) === 62) decline();
    } else if (c !== 58 /* : */) decline();
    pos++;
    ws();
    const value = expression();
    entries.push({ key, value });
    if (isChar(44 /* , */)) expect(44);
  }
  expect(125);
  return { k: 'obj', entries, s, e: tokEnd };
}

/** A token with no named children, as hcl.ts converts it (`tuple_start`, an identifier, `...`). */
function token(s: number, e: number): Expr {
  return { k: 'unk', parts: [], s, e };
}

/**
 * A for expression after its `[` or `{` (at `s`; `before`: the comment count there): the `unk` tree hcl.ts
 * makes of `for_expr > for_tuple_expr | for_object_expr`, one part per named child.
 */
function forExpr(s: number, object: boolean, before: number): Expr {
  /** Spans of the child expressions: a comment inside one is that expression's business. */
  const spans: number[] = [];
  const child = (): Expr => {
    const xs = pos;
    const x = expression();
    spans.push(xs, tokEnd);
    return x;
  };
  const parts: Expr[] = [token(s, s + 1)];
  // for_intro: `for k, v in xs :`
  const is = pos;
  pos += 3;
  ws();
  const intro: Expr[] = [];
  for (;;) {
    const ns = pos;
    const name = identifier();
    if (KEYWORDS.has(name)) decline();
    intro.push(token(ns, tokEnd));
    ws();
    if (intro.length === 1 && isChar(44 /* , */)) expect(44);
    else break;
  }
  if (!isWord('in')) decline();
  pos += 2;
  ws();
  intro.push(child());
  expect(58 /* : */);
  const introEnd = tokEnd;
  parts.push({ k: 'unk', parts: intro, s: is, e: introEnd });
  parts.push(child());
  if (object) {
    if (at(pos) !== 61 || at(pos + 1) !== 62) decline(); // =>
    pos += 2;
    ws();
    parts.push(child());
    if (at(pos) === 46 && at(pos + 1) === 46 && at(pos + 2) === 46) {
      parts.push(token(pos, pos + 3));
      pos += 3;
      tokEnd = pos;
      ws();
    }
  }
  let cond: Expr | undefined;
  if (isWord('if')) {
    const cs = pos;
    pos += 2;
    ws();
    const c = child();
    cond = { k: 'unk', parts: [c], s: cs, e: tokEnd };
    parts.push(cond);
  }
  const close = pos;
  if (at(pos) !== (object ? 125 : 93)) decline();
  parts.push(token(close, close + 1));
  pos++;
  tokEnd = pos;
  // A comment among the tokens and children of the for expression, its for_intro or its for_cond is one more
  // `unk` part of that node, in text order (tree-sitter moves a comment after a node's last token out to the
  // parent). One inside a child expression is that expression's business (hcl.ts filters comments out of
  // expressions; a nested for expression placed its own).
  for (let i = before; i < commentStarts.length; i++) {
    const c = commentStarts[i]!;
    if (within(c, spans)) continue;
    const comment = token(c, commentEnds[i]!);
    if (c > is && c < introEnd) insertInOrder(intro, comment);
    else if (cond?.k === 'unk' && c > cond.s && c < cond.e) insertInOrder(cond.parts, comment);
    else insertInOrder(parts, comment);
  }
  ws();
  const inner: Expr = { k: 'unk', parts, s, e: tokEnd };
  return { k: 'unk', parts: [inner], s, e: tokEnd };
}

/** Insert `x` into `parts` before the first part that starts after it. */
function insertInOrder(parts: Expr[], x: Expr): void {
  let k = parts.length;
  while (k > 0 && parts[k - 1]!.s > x.s) k--;
  parts.splice(k, 0, x);
}

/** Whether offset `at` is inside one of the spans [s, e) given as a flat list of pairs. */
function within(offset: number, spans: readonly number[]): boolean {
  for (let i = 0; i < spans.length; i += 2) if (offset > spans[i]! && offset < spans[i + 1]!) return true;
  return false;
}

// ---- Templates ---------------------------------------------------------------------------------------------

/** Which kind of template is being read (a directive's body is read in the kind of its template). */
type Ctx = 'quoted' | 'heredoc';

/** What ended a run of template content. */
interface Stop {
  /** `"`, the heredoc's closing line, or a directive keyword (`else`, `endif`, `endfor`). */
  kind: 'quote' | 'close' | 'else' | 'endif' | 'endfor';
  /** The `unk` of the directive tag that ended it. */
  tag?: Expr;
}

/** A piece of template content at the top level of a quoted string or heredoc. */
interface Piece {
  /** Literal run, trimmed (quoted strings only), or an interpolation / directive. */
  lit?: { s: number; e: number };
  x?: Expr;
  s: number;
  e: number;
}

/** A quoted string: a literal (`string_lit`) or a template with interpolations and directives. */
function quoted(): Expr {
  const s = pos;
  const before = commentStarts.length;
  pos++;
  const pieces: Piece[] = [];
  templates++;
  const stop = content('quoted', '', pieces, undefined);
  templates--;
  if (stop.kind !== 'quote') decline();
  pos++;
  tokEnd = pos;
  if (commentStarts.length !== before) decline();
  ws();
  const e = tokEnd;
  if (pieces.every((p) => p.lit)) {
    // string_lit: at most one literal run.
    const value = pieces.length === 0 ? '' : unescapeHcl(src.slice(pieces[0]!.lit!.s, pieces[0]!.lit!.e));
    return { k: 'lit', v: { kind: 'string', value }, s, e };
  }
  const parts: (string | Expr)[] = [];
  for (const p of pieces) parts.push(p.lit ? unescapeHcl(src.slice(p.lit.s, p.lit.e)) : p.x!);
  return { k: 'tpl', parts, s, e };
}

/** A heredoc `<<ID` / `<<-ID`: the raw lines up to the closing line, with interpolations and directives. */
function heredoc(): Expr {
  const s = pos;
  const before = commentStarts.length;
  if (templates > 0) decline();
  pos += 2;
  const strip = at(pos) === 45; /* - */
  if (strip) pos++;
  const idStart = pos;
  while (isIdContinue(at(pos))) pos++;
  if (pos === idStart || at(pos) >= 128) decline();
  const id = src.slice(idStart, pos);
  // Only spaces may follow the opening identifier on its line.
  while (at(pos) === 32 || at(pos) === 9 || at(pos) === 13) pos++;
  if (at(pos) !== 10) decline();
  pos++;
  const bodyStart = pos;
  const pieces: Piece[] = [];
  templates++;
  const stop = content('heredoc', id, pieces, undefined);
  templates--;
  if (stop.kind !== 'close') decline();
  // `pos` is at the closing identifier.
  const closeStart = pos;
  const bodyEnd = Math.max(bodyStart, src.lastIndexOf('\n', closeStart) + 1);
  const parts: (string | Expr)[] = [];
  let p = bodyStart;
  for (const piece of pieces) {
    if (piece.lit) continue;
    parts.push(src.slice(p, piece.s), piece.x!);
    p = piece.e;
  }
  parts.push(src.slice(p, bodyEnd));
  if (strip) stripIndent(parts);
  pos = closeStart + id.length;
  tokEnd = pos;
  if (commentStarts.length !== before) decline();
  ws();
  return { k: 'tpl', parts, s, e: tokEnd };
}

/**
 * Template content from `pos` until `"` (quoted), the closing line `id` (heredoc, top level only), or an
 * `else`/`endif`/`endfor` tag. At the top level (`nested` undefined) literal runs, interpolations and
 * directives go to `pieces`; inside a directive, the `unk` parts hcl.ts makes of them go to `nested`.
 */
function content(ctx: Ctx, id: string, pieces: Piece[], nested: Expr[] | undefined): Stop {
  /** Trimmed bounds of the current literal run (the scanner skips spaces before every chunk). */
  let runS = -1;
  let runE = -1;
  /** Whether spaces with a newline precede `pos` (where the scanner looks for a heredoc's closing line). */
  let newline = ctx === 'heredoc';
  const flush = (): void => {
    if (runS < 0) return;
    if (nested) nested.push(token(runS, runE));
    else pieces.push({ lit: { s: runS, e: runE }, s: runS, e: runE });
    runS = -1;
  };
  const chunk = (n: number): void => {
    if (runS < 0) runS = pos;
    pos += n;
    runE = pos;
    newline = false;
  };
  for (;;) {
    const c = at(pos);
    if (c !== c) decline(); // end of text inside a template
    if (isSpace(c)) {
      if (c === 10 || c === 13) {
        if (ctx === 'quoted') decline(); // HCL rejects it; the grammar would take it
        if (c === 10) newline = true;
      }
      pos++;
      continue;
    }
    if (c >= 128 && isOtherSpace(c)) decline();
    if (ctx === 'quoted' && c === 34 /* " */) {
      flush();
      return { kind: 'quote' };
    }
    if (c === 36 /* $ */ || c === 37 /* % */) {
      const d = at(pos + 1);
      if (d === 123 /* { */) {
        flush();
        newline = false;
        if (c === 36) interpolation(pieces, nested);
        else {
          const stop = directive(ctx, pieces, nested);
          if (stop) return stop;
        }
        continue;
      }
      // `$${` and `%%{` are one literal chunk; `$$` two characters; a lone `$` one.
      chunk(d === c ? (at(pos + 2) === 123 ? 3 : 2) : 1);
      continue;
    }
    if (ctx === 'heredoc' && newline && !nested && src.startsWith(id, pos)) {
      let q = pos + id.length;
      while (isSpace(at(q)) && at(q) !== 10) q++;
      if (at(q) === 10) {
        flush();
        return { kind: 'close' };
      }
    }
    if (ctx === 'quoted' && c === 92 /* \ */) chunk(escapeLength(pos));
    else chunk(1);
  }
}

/** `${ x }` at `pos`: its expression (top level) or the `unk` of the interpolation node (in a directive). */
function interpolation(pieces: Piece[], nested: Expr[] | undefined): void {
  const s = pos;
  pos += 2;
  ws();
  const parts: Expr[] = [token(s, s + 2)];
  strips(parts);
  if (isChar(125 /* } */)) decline(); // `${}`
  const x = expression();
  parts.push(x);
  strips(parts);
  if (!isChar(125)) decline();
  parts.push(token(pos, pos + 1));
  pos++;
  if (nested) nested.push({ k: 'unk', parts, s, e: pos });
  else pieces.push({ x, s, e: pos });
}

/** A strip marker `~` (a named token, so an `unk` part where hcl.ts keeps the children). */
function strips(parts: Expr[]): void {
  if (isChar(126 /* ~ */)) {
    parts.push(token(pos, pos + 1));
    pos++;
    ws();
  }
}

/** A directive tag `%{ … }` at `pos`: its keyword and the `unk` hcl.ts makes of the tag node. */
function tag(): { kw: string; x: Expr } {
  const s = pos;
  pos += 2;
  ws();
  const parts: Expr[] = [token(s, s + 2)];
  strips(parts);
  const kw = identifier();
  ws();
  if (kw === 'if') parts.push(expression());
  else if (kw === 'for') {
    let second = false;
    for (;;) {
      const ns = pos;
      const name = identifier();
      if (KEYWORDS.has(name)) decline();
      parts.push(token(ns, tokEnd));
      ws();
      if (!second && isChar(44 /* , */)) {
        expect(44);
        second = true;
      } else break;
    }
    if (!isWord('in')) decline();
    pos += 2;
    ws();
    parts.push(expression());
  } else if (kw !== 'else' && kw !== 'endif' && kw !== 'endfor') decline();
  strips(parts);
  if (!isChar(125 /* } */)) decline();
  parts.push(token(pos, pos + 1));
  pos++;
  return { kw, x: { k: 'unk', parts, s, e: pos } };
}

/**
 * A directive at `pos`. `%{ if }` / `%{ for }` read their body up to `%{ endif }` / `%{ endfor }` and add the
 * `unk` of the `template_directive` node; an `else`/`endif`/`endfor` tag is returned to the caller it ends.
 */
function directive(ctx: Ctx, pieces: Piece[], nested: Expr[] | undefined): Stop | undefined {
  const s = pos;
  const open = tag();
  if (open.kw === 'else' || open.kw === 'endif' || open.kw === 'endfor')
    return { kind: open.kw, tag: open.x };
  const parts: Expr[] = [open.x];
  let stop = content(ctx, '', pieces, parts);
  if (open.kw === 'if' && stop.kind === 'else') {
    parts.push(stop.tag!);
    stop = content(ctx, '', pieces, parts);
  }
  if (stop.kind !== (open.kw === 'if' ? 'endif' : 'endfor')) decline();
  parts.push(stop.tag!);
  const inner: Expr = { k: 'unk', parts, s, e: pos };
  const x: Expr = { k: 'unk', parts: [inner], s, e: pos };
  if (nested) nested.push(x);
  else pieces.push({ x, s, e: pos });
  return undefined;
}
