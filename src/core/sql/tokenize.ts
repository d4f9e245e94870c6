/**
 * A SQL tokenizer with exact offsets for Athena (Trino) and MySQL: words, quoted identifiers, strings,
 * numbers, operators, parameters and template placeholders. Comments and whitespace are skipped but kept
 * as a list (suppressions and fixes need to know where they are). It never throws: an unterminated string
 * or comment runs to the end of the text and is flagged.
 */

export type SqlDialect = 'athena' | 'mysql';

export type TokenKind =
  /** A bare word: keyword or identifier (`upper` holds its upper-case form). */
  | 'word'
  /** `"x"` (Athena) or `` `x` `` (MySQL); `value` is the unquoted name. */
  | 'qident'
  /** `'x'`; `value` is the content with doubled quotes collapsed. */
  | 'string'
  | 'number'
  /** Operators and punctuation: `( ) , ; . = <> != < <= > >= + - * / % || -> => [ ] :: ? ` and the rest. */
  | 'op'
  /** A value the linter cannot know: `?`, `%s`, `%(name)s`, `:name`, `{{ … }}`, `${…}`, masked interpolations. */
  | 'param'
  | 'eof';

export interface Token {
  kind: TokenKind;
  /** The source text of the token. */
  text: string;
  /** Upper-case text for words; unquoted value for strings and quoted identifiers. */
  value: string;
  start: number;
  end: number;
  /** Set on strings, quoted identifiers and comments that run to the end of the text. */
  unterminated?: boolean;
}

export interface Comment {
  start: number;
  end: number;
  /** A template control block (`{% … %}`): the statement around it is not plain SQL. */
  template?: boolean;
}

export interface TokenizeResult {
  tokens: Token[];
  comments: Comment[];
  /** Offsets of problems (unterminated strings or comments). */
  errors: number[];
}

/** The character used to mask interpolations in embedded SQL (a private-use code point; tokenized as a param). */
export const MASK_CHAR = '\uE000';

const THREE_CHAR_OPS = ['<=>', '->>', '...'];
const TWO_CHAR_OPS = ['<=', '>=', '<>', '!=', '||', '->', '=>', '::', '&&', '<<', '>>', ':='];
const ONE_CHAR_OPS = '()[],;.=<>+-*/%|&^~!?:{}@';

function isWordStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (c > 127 && c !== 0xe000 && c !== 0xa0);
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || (c >= 48 && c <= 57) || c === 36;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11 || c === 0xa0 || c === 0xfeff;
}

export function tokenize(text: string, dialect: SqlDialect = 'athena'): TokenizeResult {
  const tokens: Token[] = [];
  const comments: Comment[] = [];
  const errors: number[] = [];
  const n = text.length;
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number, value?: string, unterminated?: boolean) => {
    const t: Token = { kind, text: text.slice(start, end), value: value ?? '', start, end };
    if (kind === 'word') t.value = t.text.toUpperCase();
    if (unterminated) {
      t.unterminated = true;
      errors.push(start);
    }
    tokens.push(t);
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    const start = i;
    // Comments: -- …, # … (MySQL), /* … */
    if (c === 45 && text.charCodeAt(i + 1) === 45) {
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e;
      comments.push({ start, end: i });
      continue;
    }
    if (c === 35 && dialect === 'mysql') {
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e;
      comments.push({ start, end: i });
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const e = text.indexOf('*/', i + 2);
      if (e < 0) errors.push(start);
      i = e < 0 ? n : e + 2;
      comments.push({ start, end: i });
      continue;
    }
    // Template placeholders: {{ … }} is a value, {% … %} and {# … #} are control/comments (Jinja, dbt).
    if (c === 123 && (text[i + 1] === '{' || text[i + 1] === '%' || text[i + 1] === '#')) {
      const close = text[i + 1] === '{' ? '}}' : text[i + 1] + '}';
      const e = text.indexOf(close, i + 2);
      i = e < 0 ? n : e + 2;
      if (text[start + 1] === '{') push('param', start, i, undefined, e < 0);
      else comments.push({ start, end: i, template: text[start + 1] === '%' });
      continue;
    }
    // {name} placeholders (Python str.format templates kept in .sql files), glued to adjacent word characters
    // and further placeholders (`{prefix}orders`): one unknown value.
    if (c === 123 && /^\{\s*[A-Za-z_][\w.]*\s*\}/.test(text.slice(i, i + 80))) {
      while (i < n) {
        if (text.charCodeAt(i) === 123) {
          const e = text.indexOf('}', i);
          if (e < 0 || !/^\{\s*[A-Za-z_][\w.]*\s*\}$/.test(text.slice(i, e + 1))) break;
          i = e + 1;
        } else if (isWordPart(text.charCodeAt(i))) i++;
        else break;
      }
      push('param', start, i);
      continue;
    }
    // ${name} (Terraform/JS templates written into .sql files) is a value.
    if (c === 36 && text[i + 1] === '{') {
      const e = text.indexOf('}', i + 2);
      i = e < 0 ? n : e + 1;
      push('param', start, i, undefined, e < 0);
      continue;
    }
    if (c === 0xe000) {
      while (i < n && text.charCodeAt(i) === 0xe000) i++;
      push('param', start, i);
      continue;
    }
    // Strings: '…' with '' (and \' in MySQL); typed prefixes (X'…', E'…', N'…', U&'…') stay words before a string.
    if (c === 39 || (c === 34 && dialect === 'mysql')) {
      const q = text[i] as string;
      let v = '';
      i++;
      let closed = false;
      while (i < n) {
        const ch = text[i] as string;
        if (ch === '\\' && dialect === 'mysql') {
          v += text.slice(i, i + 2);
          i += 2;
          continue;
        }
        if (ch === q) {
          if (text[i + 1] === q) {
            v += q;
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        v += ch;
        i++;
      }
      push('string', start, Math.min(i, n), v, !closed);
      continue;
    }
    // Quoted identifiers: "x" (Athena) and `x` (both; Athena DDL uses backticks too).
    if (c === 34 || c === 96) {
      const q = text[i] as string;
      let v = '';
      i++;
      let closed = false;
      while (i < n) {
        const ch = text[i] as string;
        if (ch === q) {
          if (text[i + 1] === q) {
            v += q;
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        v += ch;
        i++;
      }
      push('qident', start, Math.min(i, n), v, !closed);
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(text.charCodeAt(i + 1)))) {
      if (c === 48 && (text[i + 1] === 'x' || text[i + 1] === 'X') && /[0-9a-fA-F]/.test(text[i + 2] ?? '')) {
        i += 2;
        while (i < n && /[0-9a-fA-F_]/.test(text[i] as string)) i++;
      } else {
        while (i < n && (isDigit(text.charCodeAt(i)) || text[i] === '_')) i++;
        if (text[i] === '.' && text[i + 1] !== '.') {
          i++;
          while (i < n && isDigit(text.charCodeAt(i))) i++;
        }
        if ((text[i] === 'e' || text[i] === 'E') && /[-+0-9]/.test(text[i + 1] ?? '')) {
          const save = i;
          i++;
          if (text[i] === '+' || text[i] === '-') i++;
          if (isDigit(text.charCodeAt(i))) while (i < n && isDigit(text.charCodeAt(i))) i++;
          else i = save;
        }
      }
      // 1d, 2f style suffixes are not SQL; a word directly after a number (e.g. 1day) stays separate.
      push('number', start, i, text.slice(start, i));
      continue;
    }
    if (isWordStart(c)) {
      i++;
      while (i < n && isWordPart(text.charCodeAt(i))) i++;
      push('word', start, i);
      continue;
    }
    // Parameters: ?, %s, %(name)s, :name (not ::)
    if (c === 37 && (text[i + 1] === 's' || text[i + 1] === 'd') && !isWordPart(text.charCodeAt(i + 2))) {
      i += 2;
      push('param', start, i);
      continue;
    }
    if (c === 37 && text[i + 1] === '(') {
      const m = /^%\([A-Za-z_]\w*\)[sd]/.exec(text.slice(i, i + 80));
      if (m) {
        i += m[0].length;
        push('param', start, i);
        continue;
      }
    }
    if (c === 58 && isWordStart(text.charCodeAt(i + 1)) && text[i - 1] !== ':') {
      i++;
      while (i < n && isWordPart(text.charCodeAt(i))) i++;
      push('param', start, i);
      continue;
    }
    if (c === 63) {
      i++;
      push('param', start, i);
      continue;
    }
    const three = text.slice(i, i + 3);
    if (THREE_CHAR_OPS.includes(three)) {
      i += 3;
      push('op', start, i, three);
      continue;
    }
    const two = text.slice(i, i + 2);
    if (TWO_CHAR_OPS.includes(two)) {
      i += 2;
      push('op', start, i, two);
      continue;
    }
    if (ONE_CHAR_OPS.includes(text[i] as string)) {
      i++;
      push('op', start, i, text[start]);
      continue;
    }
    // Anything else (stray characters): an op token so the parser sees and rejects it.
    i++;
    push('op', start, i, text[start]);
  }
  tokens.push({ kind: 'eof', text: '', value: '', start: n, end: n });
  return { tokens, comments, errors };
}
