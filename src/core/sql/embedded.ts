/**
 * SQL inside code: the string passed to Athena (`start_query_execution(QueryString=…)`,
 * `StartQueryExecutionCommand({ QueryString })`, awswrangler `wr.athena.read_sql_query(…)`, pyathena and
 * pymysql `cursor.execute(…)`), found with tree-sitter, including a variable assigned a literal and passed there.
 *
 * The SQL text has exactly the length of the host text it covers, so a SQL offset plus `base` is the host
 * offset: quotes and the gaps between concatenated literals become spaces (line breaks kept), f-string and
 * template interpolations and escape sequences become `MASK_CHAR` runs of the same length (tokenized as an
 * unknown value), `\n`/`\t` escapes become spaces.
 */
import type { ParsedFile } from '../engine/file';
import type { SyntaxNode } from '../parse/syntax';
import { namedChildren, walk } from '../parse/treesitter';
import type { Span } from './ast';
import { MASK_CHAR, type SqlDialect } from './tokenize';

/** The API a SQL string is passed to. */
export type SqlApi =
  | 'start_query_execution'
  | 'StartQueryExecutionCommand'
  | 'startQueryExecution'
  | 'awswrangler'
  | 'pyathena'
  | 'pymysql'
  | 'cursor';

export interface HostString {
  /** How the host language quotes the literal, for encoding edits. */
  language: 'python' | 'js';
  quote: string;
  triple: boolean;
  raw: boolean;
  /** f-string (braces must be doubled) or JS template literal (backticks and `${` escaped). */
  template: boolean;
}

export interface EmbeddedSql {
  /** Host offset of SQL offset 0. */
  base: number;
  /** The SQL text (same length as host[base, base + text.length)). */
  text: string;
  /** Host-string spans (SQL offsets) that are not SQL text: quotes, gaps, interpolations, escapes. */
  opaque: Span[];
  /** Interpolations (SQL offsets): values unknown to the linter. */
  masked: Span[];
  /** Each literal fragment's quoting (edits must stay inside one fragment). */
  fragments: (Span & { host: HostString })[];
  api: SqlApi;
  /** The dialect the API implies (undefined when the file's imports must decide). */
  dialect?: SqlDialect;
  /**
   * A DB-API `cursor.execute(…)` in a module that imports neither pyathena nor a MySQL driver (psycopg2, sqlite3,
   * Aurora DSQL, …): not Athena or MySQL SQL unless `.perfguard.json` `sql.dialects` says so for the file.
   */
  unknownDriver?: boolean;
}

/** An Athena StartQueryExecution call (for athena/result-reuse). */
export interface AthenaCall {
  api: 'start_query_execution' | 'StartQueryExecutionCommand' | 'startQueryExecution';
  /** The callee name (`start_query_execution`, `StartQueryExecutionCommand`). */
  callee: Span;
  /** Keyword names (Python) or object keys (JS) given; undefined when unknown (`**kwargs`, a variable). */
  keys?: Set<string>;
  /** Python: the argument list node's span; JS: the object literal's span. */
  container: Span;
  /** Offset where a new argument / property may be inserted (before the closing bracket), and whether a comma is needed. */
  insertAt: number;
  needsComma: boolean;
  /** Indentation of existing arguments when they are one per line. */
  multilineIndent?: string;
  language: 'python' | 'js';
}

export interface CodeSql {
  sql: EmbeddedSql[];
  calls: AthenaCall[];
}

const PY_MYSQL_MODULES = ['pymysql', 'MySQLdb', 'mysql.connector', 'mysql', 'aiomysql'];
const PY_ATHENA_MODULES = ['pyathena'];

/** Callee names fromPython / fromJs look for (`execute` also covers `executemany`). */
const PY_SQL_CALLEES = /start_query_execution|read_sql_query|execute/;
const JS_SQL_CALLEES = /StartQueryExecutionCommand|startQueryExecution/;

/** Find SQL passed to Athena/MySQL APIs in a Python, JavaScript or TypeScript file (cached per file). */
export function codeSqlOf(file: ParsedFile): CodeSql {
  return file.view('sql:embedded', () => {
    // Cheap pre-check: a file that never names one of the callees below (fromPython / fromJs) has no SQL.
    const names = file.language === 'python' ? PY_SQL_CALLEES : JS_SQL_CALLEES;
    if (!names.test(file.text)) return { sql: [], calls: [] };
    const root = file.syntax;
    if (!root) return { sql: [], calls: [] };
    try {
      return file.language === 'python' ? fromPython(file, root) : fromJs(file, root);
    } catch {
      return { sql: [], calls: [] };
    }
  });
}

// ---------------------------------------------------------------- Python

function fromPython(file: ParsedFile, root: SyntaxNode): CodeSql {
  const sql: EmbeddedSql[] = [];
  const calls: AthenaCall[] = [];
  const imports = pythonImports(root);
  const mysqlFile = PY_MYSQL_MODULES.some((m) => imports.has(m));
  const athenaFile = PY_ATHENA_MODULES.some((m) => imports.has(m));
  walk(root, (n) => {
    if (n.type !== 'call') return;
    const fn = n.childForFieldName('function');
    const args = n.childForFieldName('arguments');
    if (!fn || !args || args.type !== 'argument_list') return;
    const name =
      fn.type === 'attribute' ? fn.childForFieldName('attribute') : fn.type === 'identifier' ? fn : null;
    if (!name) return;
    const callee = name.text;
    const objText = fn.type === 'attribute' ? (fn.childForFieldName('object')?.text ?? '') : '';
    const kw = new Map<string, SyntaxNode>();
    const positional: SyntaxNode[] = [];
    let spread = false;
    for (const a of namedChildren(args)) {
      if (a.type === 'keyword_argument') {
        const k = a.childForFieldName('name');
        const v = a.childForFieldName('value');
        if (k && v) kw.set(k.text, v);
      } else if (a.type === 'dictionary_splat' || a.type === 'list_splat') spread = true;
      else if (a.type !== 'comment') positional.push(a);
    }
    let valueNode: SyntaxNode | undefined;
    let api: SqlApi | undefined;
    let dialect: SqlDialect | undefined;
    let unknownDriver = false;
    if (callee === 'start_query_execution') {
      api = 'start_query_execution';
      dialect = 'athena';
      valueNode = kw.get('QueryString');
      calls.push(pythonCall(file, name, args, spread ? undefined : new Set(kw.keys())));
    } else if (callee === 'read_sql_query' && /athena/.test(objText)) {
      api = 'awswrangler';
      dialect = 'athena';
      valueNode = kw.get('sql') ?? positional[0];
    } else if ((callee === 'execute' || callee === 'executemany') && /cur|conn|db|cnx/i.test(objText)) {
      // A DB-API cursor is Athena only with pyathena, MySQL only with a MySQL driver; psycopg2, sqlite3,
      // Aurora DSQL and the like are neither (their SQL is read only when `sql.dialects` names the file).
      api = mysqlFile && !athenaFile ? 'pymysql' : athenaFile && !mysqlFile ? 'pyathena' : 'cursor';
      if (api === 'pymysql') dialect = 'mysql';
      if (api === 'pyathena') dialect = 'athena';
      if (!mysqlFile && !athenaFile) unknownDriver = true;
      valueNode = kw.get('operation') ?? kw.get('query') ?? kw.get('sql') ?? positional[0];
    }
    if (!api || !valueNode) return;
    const e = pythonSql(file, valueNode, n);
    if (e) {
      e.api = api;
      if (dialect) e.dialect = dialect;
      if (unknownDriver) e.unknownDriver = true;
      if (!sql.some((s) => s.base === e.base)) sql.push(e);
    }
  });
  return { sql: sql.sort((a, b) => a.base - b.base), calls };
}

/** Modules the file imports, at any depth (`try: import pymysql`, imports inside functions). */
function pythonImports(root: SyntaxNode): Set<string> {
  const out = new Set<string>();
  const stmts: SyntaxNode[] = [];
  walk(root, (n) => {
    if (n.type === 'import_statement' || n.type === 'import_from_statement') stmts.push(n);
  });
  for (const s of stmts) {
    if (s.type === 'import_statement')
      for (const c of namedChildren(s)) {
        const nm = c.type === 'aliased_import' ? c.childForFieldName('name') : c;
        if (nm) {
          out.add(nm.text);
          out.add(nm.text.split('.')[0] ?? '');
        }
      }
    else if (s.type === 'import_from_statement') {
      const m = s.childForFieldName('module_name');
      if (m) {
        out.add(m.text);
        out.add(m.text.split('.')[0] ?? '');
      }
    }
  }
  return out;
}

function pythonCall(
  file: ParsedFile,
  name: SyntaxNode,
  args: SyntaxNode,
  keys: Set<string> | undefined,
): AthenaCall {
  const kids = namedChildren(args).filter((c) => c.type !== 'comment');
  const last = kids[kids.length - 1];
  const close = args.endIndex - 1;
  const call: AthenaCall = {
    api: 'start_query_execution',
    callee: { start: name.startIndex, end: name.endIndex },
    container: { start: args.startIndex, end: args.endIndex },
    insertAt: last ? last.endIndex : close,
    needsComma: !!last,
    language: 'python',
  };
  if (keys) call.keys = keys;
  const indent = multilineIndent(file, kids, args);
  if (indent !== undefined) call.multilineIndent = indent;
  return call;
}

/** When each argument sits on its own line, the indentation they share. */
function multilineIndent(file: ParsedFile, kids: SyntaxNode[], container: SyntaxNode): string | undefined {
  if (kids.length === 0) return undefined;
  const open = file.index.positionAt(container.startIndex).line;
  const first = file.index.positionAt((kids[0] as SyntaxNode).startIndex);
  if (first.line === open) return undefined;
  return file.index.indentOf(first.line);
}

/** The string literal (or variable holding one) a call passes, as embedded SQL. */
function pythonSql(file: ParsedFile, value: SyntaxNode, call: SyntaxNode): EmbeddedSql | undefined {
  let v: SyntaxNode | null = value;
  if (v.type === 'identifier') v = resolvePythonName(v.text, call);
  if (!v) return undefined;
  // "…".format(…) and "…" % (…): the template string itself.
  if (v.type === 'call') {
    const f = v.childForFieldName('function');
    if (f?.type === 'attribute' && f.childForFieldName('attribute')?.text === 'format')
      v = f.childForFieldName('object');
  } else if (v.type === 'binary_operator' && v.child(1)?.type === '%') v = v.childForFieldName('left');
  if (v?.type === 'parenthesized_expression') v = v.namedChild(0);
  if (!v) return undefined;
  const strings: SyntaxNode[] = [];
  if (v.type === 'string') strings.push(v);
  else if (v.type === 'concatenated_string')
    strings.push(...namedChildren(v).filter((c) => c.type === 'string'));
  else if (v.type === 'binary_operator' && v.child(1)?.type === '+') {
    if (!collectPlus(v, strings)) return undefined;
  } else return undefined;
  if (strings.length === 0) return undefined;
  return buildEmbedded(file, strings, pyParts);
}

function collectPlus(n: SyntaxNode, out: SyntaxNode[]): boolean {
  if (n.type === 'string') {
    out.push(n);
    return true;
  }
  if (n.type === 'concatenated_string') {
    out.push(...namedChildren(n).filter((c) => c.type === 'string'));
    return true;
  }
  if (n.type === 'parenthesized_expression' && n.namedChild(0))
    return collectPlus(n.namedChild(0) as SyntaxNode, out);
  if (n.type === 'binary_operator' && n.child(1)?.type === '+') {
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    return !!l && !!r && collectPlus(l, out) && collectPlus(r, out);
  }
  return false;
}

/** The last assignment `name = <string>` before `at`, in the enclosing function, then the module. */
function resolvePythonName(name: string, at: SyntaxNode): SyntaxNode | null {
  let scope: SyntaxNode | null = at.parent;
  while (scope) {
    if (scope.type === 'function_definition' || scope.type === 'module') {
      const body = scope.type === 'module' ? scope : scope.childForFieldName('body');
      let found: SyntaxNode | null = null;
      if (body)
        walk(body, (n) => {
          if (n.startIndex >= at.startIndex) return false;
          if (n.type === 'function_definition' || n.type === 'class_definition') return n === scope;
          if (n.type === 'assignment') {
            const l = n.childForFieldName('left');
            const r = n.childForFieldName('right');
            if (l?.type === 'identifier' && l.text === name && r) found = r;
          }
          return true;
        });
      if (found) return found;
    }
    scope = scope.parent;
  }
  return null;
}

/** Host quoting and the content span of a Python string node. */
function pyParts(s: SyntaxNode): { host: HostString; contentStart: number; contentEnd: number } | undefined {
  const startTok = s.child(0);
  const endTok = s.child(s.childCount - 1);
  if (!startTok || !endTok || startTok.type !== 'string_start' || endTok.type !== 'string_end')
    return undefined;
  const prefixAndQuote = startTok.text;
  const m = /^([A-Za-z]*)('''|"""|'|")$/.exec(prefixAndQuote);
  if (!m) return undefined;
  const prefix = (m[1] ?? '').toLowerCase();
  if (prefix.includes('b')) return undefined;
  const quote = m[2] as string;
  return {
    host: {
      language: 'python',
      quote: quote[0] as string,
      triple: quote.length === 3,
      raw: prefix.includes('r'),
      template: prefix.includes('f'),
    },
    contentStart: startTok.endIndex,
    contentEnd: endTok.startIndex,
  };
}

type PartsOf = (s: SyntaxNode) => { host: HostString; contentStart: number; contentEnd: number } | undefined;

function buildEmbedded(file: ParsedFile, strings: SyntaxNode[], partsOf: PartsOf): EmbeddedSql | undefined {
  const first = strings[0] as SyntaxNode;
  const last = strings[strings.length - 1] as SyntaxNode;
  const firstParts = partsOf(first);
  if (!firstParts) return undefined;
  const base = firstParts.contentStart;
  const end = partsOf(last)?.contentEnd;
  if (end === undefined || end < base) return undefined;
  const chars = file.text.slice(base, end).split('');
  const opaque: Span[] = [];
  const masked: Span[] = [];
  const fragments: (Span & { host: HostString })[] = [];
  const blank = (from: number, to: number) => {
    if (to <= from) return;
    for (let k = from; k < to; k++) if (chars[k - base] !== '\n') chars[k - base] = ' ';
    opaque.push({ start: from - base, end: to - base });
  };
  const mask = (from: number, to: number) => {
    for (let k = from; k < to; k++) chars[k - base] = MASK_CHAR;
    opaque.push({ start: from - base, end: to - base });
  };
  let prevEnd = base;
  for (const s of strings) {
    const p = partsOf(s);
    if (!p) return undefined;
    blank(prevEnd, p.contentStart);
    fragments.push({ start: p.contentStart - base, end: p.contentEnd - base, host: p.host });
    walk(s, (n) => {
      if (n === s) return true;
      if (n.type === 'interpolation' || n.type === 'template_substitution') {
        mask(n.startIndex, n.endIndex);
        masked.push({ start: n.startIndex - base, end: n.endIndex - base });
        return false;
      }
      if (n.type === 'escape_sequence') {
        const t = n.text;
        if (/^\\[ntr]$/.test(t) || /^\\\r?\n$/.test(t)) blank(n.startIndex, n.endIndex);
        else mask(n.startIndex, n.endIndex);
        return false;
      }
      return true;
    });
    prevEnd = p.contentEnd;
  }
  return {
    base,
    text: chars.join(''),
    opaque: opaque.sort((a, b) => a.start - b.start),
    masked,
    fragments,
    api: 'cursor',
  };
}

// ---------------------------------------------------------------- JavaScript / TypeScript

function fromJs(file: ParsedFile, root: SyntaxNode): CodeSql {
  const sql: EmbeddedSql[] = [];
  const calls: AthenaCall[] = [];
  walk(root, (n) => {
    let obj: SyntaxNode | null = null;
    let api: AthenaCall['api'] | undefined;
    let callee: SyntaxNode | null = null;
    if (n.type === 'new_expression') {
      const c = n.childForFieldName('constructor');
      const name = c?.type === 'member_expression' ? c.childForFieldName('property') : c;
      if (name?.text === 'StartQueryExecutionCommand') {
        api = 'StartQueryExecutionCommand';
        callee = name;
        obj = firstArg(n.childForFieldName('arguments'));
      }
    } else if (n.type === 'call_expression') {
      const f = n.childForFieldName('function');
      const name = f?.type === 'member_expression' ? f.childForFieldName('property') : null;
      if (name?.text === 'startQueryExecution') {
        api = 'startQueryExecution';
        callee = name;
        obj = firstArg(n.childForFieldName('arguments'));
      }
    }
    if (!api || !callee) return;
    if (obj?.type === 'identifier') obj = resolveJsName(obj.text, n);
    if (obj?.type !== 'object') return;
    const keys = new Set<string>();
    let spread = false;
    let value: SyntaxNode | null = null;
    const props = namedChildren(obj).filter((c) => c.type !== 'comment');
    for (const p of props) {
      if (p.type === 'pair') {
        const k = p.childForFieldName('key');
        const key = k ? k.text.replace(/^['"]|['"]$/g, '') : '';
        keys.add(key);
        if (key === 'QueryString') value = p.childForFieldName('value');
      } else if (p.type === 'shorthand_property_identifier') {
        keys.add(p.text);
        if (p.text === 'QueryString') value = p;
      } else if (p.type === 'spread_element') spread = true;
    }
    const last = props[props.length - 1];
    const call: AthenaCall = {
      api,
      callee: { start: callee.startIndex, end: callee.endIndex },
      container: { start: obj.startIndex, end: obj.endIndex },
      insertAt: last ? last.endIndex : obj.endIndex - 1,
      needsComma: !!last,
      language: 'js',
    };
    if (!spread) call.keys = keys;
    const indent = multilineIndent(file, props, obj);
    if (indent !== undefined) call.multilineIndent = indent;
    calls.push(call);
    if (value) {
      const e = jsSql(file, value, n);
      if (e) {
        e.api = api;
        e.dialect = 'athena';
        if (!sql.some((s) => s.base === e.base)) sql.push(e);
      }
    }
    return;
  });
  return { sql: sql.sort((a, b) => a.base - b.base), calls };
}

function firstArg(args: SyntaxNode | null): SyntaxNode | null {
  if (!args) return null;
  return namedChildren(args).find((c) => c.type !== 'comment') ?? null;
}

function resolveJsName(name: string, at: SyntaxNode): SyntaxNode | null {
  let scope: SyntaxNode | null = at.parent;
  while (scope) {
    let found: SyntaxNode | null = null;
    for (const st of namedChildren(scope)) {
      if (st.startIndex >= at.startIndex) break;
      if (st.type === 'lexical_declaration' || st.type === 'variable_declaration') {
        for (const d of namedChildren(st)) {
          if (d.type !== 'variable_declarator') continue;
          const nm = d.childForFieldName('name');
          const val = d.childForFieldName('value');
          if (nm?.text === name && val) found = val;
        }
      } else if (st.type === 'export_statement') {
        const decl = st.childForFieldName('declaration');
        if (decl)
          for (const d of namedChildren(decl)) {
            const nm = d.childForFieldName('name');
            const val = d.childForFieldName('value');
            if (d.type === 'variable_declarator' && nm?.text === name && val) found = val;
          }
      }
    }
    if (found) return found;
    scope = scope.parent;
  }
  return null;
}

function jsSql(file: ParsedFile, value: SyntaxNode, at: SyntaxNode): EmbeddedSql | undefined {
  let v: SyntaxNode | null = value;
  if (v.type === 'identifier' || v.type === 'shorthand_property_identifier') v = resolveJsName(v.text, at);
  while (
    v &&
    (v.type === 'parenthesized_expression' || v.type === 'as_expression' || v.type === 'satisfies_expression')
  )
    v = v.namedChild(0);
  if (!v) return undefined;
  const strings: SyntaxNode[] = [];
  const collect = (n: SyntaxNode): boolean => {
    if (n.type === 'string' || n.type === 'template_string') {
      strings.push(n);
      return true;
    }
    if (n.type === 'parenthesized_expression' && n.namedChild(0))
      return collect(n.namedChild(0) as SyntaxNode);
    if (n.type === 'binary_expression' && n.child(1)?.type === '+') {
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      return !!l && !!r && collect(l) && collect(r);
    }
    return false;
  };
  if (!collect(v)) return undefined;
  return buildEmbedded(file, strings, (s) => {
    const q = file.text[s.startIndex] as string;
    return {
      host: { language: 'js', quote: q, triple: false, raw: false, template: q === '`' },
      contentStart: s.startIndex + 1,
      contentEnd: s.endIndex - 1,
    };
  });
}

// ---------------------------------------------------------------- edits inside host strings

/**
 * Encode SQL text for insertion into the host string fragment that covers `[start, end)` (SQL offsets).
 * Returns undefined when the edit would touch an interpolation, a quote or a gap between fragments.
 */
export function encodeForHost(e: EmbeddedSql, start: number, end: number, text: string): string | undefined {
  const frag = e.fragments.find((f) => f.start <= start && end <= f.end);
  if (!frag) return undefined;
  for (const o of e.opaque) if (o.start < end && start < o.end) return undefined;
  for (const o of e.opaque) if (start === end && o.start < start && start < o.end) return undefined;
  const h = frag.host;
  let out = text;
  if (h.language === 'python') {
    if (!h.raw) out = out.replace(/\\/g, '\\\\');
    else if (out.includes('\\')) return undefined;
    if (!h.triple) {
      if (out.includes('\n')) return undefined;
      if (out.includes(h.quote)) {
        if (h.raw) return undefined;
        out = out.split(h.quote).join('\\' + h.quote);
      }
    } else if (out.includes(h.quote.repeat(3))) return undefined;
    if (h.template) out = out.replace(/\{/g, '{{').replace(/\}/g, '}}');
  } else {
    out = out.replace(/\\/g, '\\\\');
    if (h.template) out = out.replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
    else {
      if (out.includes('\n')) return undefined;
      out = out.split(h.quote).join('\\' + h.quote);
    }
  }
  return out;
}
