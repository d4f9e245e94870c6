/**
 * A tolerant recursive-descent parser for the SQL perfguard analyses (Athena/Trino and MySQL).
 *
 * It builds the structure the rules need with exact offsets: queries (CTEs, set operations, SELECT lists,
 * FROM/JOIN with aliases, WHERE/ON/HAVING predicates, subqueries, GROUP BY, ORDER BY, LIMIT), the statements
 * around them and DDL. Each statement is parsed on its own: a syntax error marks that statement only (its
 * `errors`) and parsing resumes after the next top-level `;`. Parsing is linear in the tokens; a step and
 * time budget stops pathological input (the statement is then `timedOut`).
 */
import type {
  Call,
  ColumnDef,
  CreateTable,
  Cte,
  Expr,
  FromItem,
  Ident,
  JoinKind,
  OrderItem,
  ParsedStatement,
  PropertyList,
  Query,
  QueryBody,
  Select,
  SelectItem,
  Span,
  SqlError,
  Statement,
  TableRef,
} from './ast';
import { tokenize, type SqlDialect, type Token } from './tokenize';

export interface ParseOptions {
  dialect?: SqlDialect;
  /** Wall-clock budget per statement, ms (default 1000). */
  timeoutMs?: number;
}

export interface ParsedSql {
  dialect: SqlDialect;
  statements: ParsedStatement[];
  /** Tokenizer problems (unterminated strings or comments), as offsets. */
  lexErrors: number[];
  /** Comment spans (template control blocks flagged). */
  comments: { start: number; end: number; template?: boolean }[];
}

/** Words that end an expression or a clause and are never taken as bare identifiers or aliases. */
const RESERVED = new Set(
  (
    'SELECT FROM WHERE GROUP HAVING ORDER LIMIT OFFSET FETCH UNION INTERSECT EXCEPT MINUS JOIN ON USING INNER LEFT ' +
    'RIGHT FULL CROSS OUTER NATURAL AS AND OR NOT IN IS BETWEEN LIKE ILIKE RLIKE REGEXP CASE WHEN THEN ELSE END ' +
    'WITH WINDOW INTO VALUES SET TABLESAMPLE LATERAL QUALIFY STRAIGHT_JOIN ESCAPE DISTINCT ALL ' +
    'PARTITION BY FOR LOCK INTERVAL CREATE TABLE INSERT UPDATE DELETE DROP ALTER UNNEST ROWS RETURNING'
  ).split(' '),
);

/** Words that may stand for a value without parentheses. */
const NILADIC = new Set([
  'CURRENT_DATE',
  'CURRENT_TIME',
  'CURRENT_TIMESTAMP',
  'LOCALTIME',
  'LOCALTIMESTAMP',
  'CURRENT_USER',
  'CURRENT_CATALOG',
  'CURRENT_SCHEMA',
  'CURRENT_PATH',
  'SYSDATE',
  'UTC_DATE',
  'UTC_TIMESTAMP',
]);

const TYPED_LITERALS = new Set([
  'DATE',
  'TIMESTAMP',
  'TIME',
  'DECIMAL',
  'NUMERIC',
  'CHAR',
  'VARCHAR',
  'JSON',
  'REAL',
  'DOUBLE',
  'BIGINT',
  'INTEGER',
  'INT',
  'SMALLINT',
  'TINYINT',
  'IPADDRESS',
  'UUID',
  'X',
  'N',
  'B',
  '_UTF8MB4',
  '_UTF8',
  '_LATIN1',
  '_BINARY',
]);

const COMPARISON = new Set(['=', '==', '<>', '!=', '<', '<=', '>', '>=', '<=>']);

class SyntaxErr extends Error {
  constructor(
    readonly offset: number,
    message: string,
    readonly timeout = false,
  ) {
    super(message);
  }
}

export function parseSql(text: string, options: ParseOptions = {}): ParsedSql {
  const dialect = options.dialect ?? 'athena';
  const lex = tokenize(text, dialect);
  const p = new Parser(text, lex.tokens, dialect, options.timeoutMs ?? 1000);
  const statements = p.statements(lex.comments);
  return { dialect, statements, lexErrors: lex.errors, comments: lex.comments };
}

/** Number of syntax errors in a text (the fix checker's counter for 'sql'). */
export function countSqlErrors(text: string, dialect: SqlDialect = 'athena'): number {
  const parsed = parseSql(text, { dialect });
  let n = parsed.lexErrors.length;
  for (const s of parsed.statements) n += s.errors.length;
  return n;
}

class Parser {
  private i = 0;
  private steps = 0;
  private deadline = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly toks: Token[],
    private readonly dialect: SqlDialect,
    private readonly timeoutMs: number,
  ) {}

  // ---- token helpers ----

  private peek(k = 0): Token {
    const t = this.toks[this.i + k];
    return t ?? (this.toks[this.toks.length - 1] as Token);
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') this.i++;
    if ((++this.steps & 1023) === 0 && Date.now() > this.deadline)
      throw new SyntaxErr(t.start, 'analysis timed out', true);
    return t;
  }

  private get prevEnd(): number {
    const t = this.toks[this.i - 1];
    return t ? t.end : 0;
  }

  private isWord(w: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'word' && t.value === w;
  }

  private isOp(op: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'op' && t.text === op;
  }

  private eatWord(w: string): boolean {
    if (this.isWord(w)) {
      this.next();
      return true;
    }
    return false;
  }

  private eatWords(...ws: string[]): boolean {
    for (let k = 0; k < ws.length; k++) if (!this.isWord(ws[k] as string, k)) return false;
    for (let k = 0; k < ws.length; k++) this.next();
    return true;
  }

  private eatOp(op: string): boolean {
    if (this.isOp(op)) {
      this.next();
      return true;
    }
    return false;
  }

  private fail(message: string): never {
    const t = this.peek();
    throw new SyntaxErr(t.start, `${message}, found ${t.kind === 'eof' ? 'end of input' : `"${t.text}"`}`);
  }

  private expectWord(w: string): Token {
    if (!this.isWord(w)) this.fail(`expected ${w}`);
    return this.next();
  }

  private expectOp(op: string): Token {
    if (!this.isOp(op)) this.fail(`expected "${op}"`);
    return this.next();
  }

  /** Skip a balanced parenthesized group starting at `(`; returns its span. */
  private skipParens(): Span {
    const start = this.expectOp('(').start;
    let depth = 1;
    while (depth > 0) {
      const t = this.next();
      if (t.kind === 'eof') throw new SyntaxErr(t.start, 'unclosed parenthesis');
      if (t.kind === 'op') {
        if (t.text === '(') depth++;
        else if (t.text === ')') depth--;
      }
    }
    return { start, end: this.prevEnd };
  }

  private isIdentStart(k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'qident' || (t.kind === 'word' && !RESERVED.has(t.value));
  }

  private ident(): Ident {
    const t = this.peek();
    if (t.kind === 'qident') {
      this.next();
      return { name: this.fold(t.value), text: t.text, quoted: true, start: t.start, end: t.end };
    }
    if (t.kind === 'word') {
      this.next();
      return { name: t.text.toLowerCase(), text: t.text, quoted: false, start: t.start, end: t.end };
    }
    if (t.kind === 'param') {
      // A template placeholder standing for a name: unknown, never resolved.
      this.next();
      return { name: '', text: t.text, quoted: false, start: t.start, end: t.end };
    }
    if (t.kind === 'string' && this.dialect === 'mysql') {
      this.next();
      return { name: t.value.toLowerCase(), text: t.text, quoted: true, start: t.start, end: t.end };
    }
    return this.fail('expected an identifier');
  }

  private fold(s: string): string {
    return s.toLowerCase();
  }

  /** a.b.c */
  private qualifiedName(): Ident[] {
    const parts = [this.ident()];
    while (this.isOp('.') && ['word', 'qident', 'param'].includes(this.peek(1).kind)) {
      this.next();
      parts.push(this.ident());
    }
    return parts;
  }

  // ---- statements ----

  statements(comments: { start: number; end: number; template?: boolean }[]): ParsedStatement[] {
    const out: ParsedStatement[] = [];
    while (this.peek().kind !== 'eof') {
      if (this.eatOp(';')) continue;
      const first = this.peek();
      const startIndex = this.i;
      this.deadline = Date.now() + this.timeoutMs;
      this.steps = 0;
      this.depth = 0;
      const errors: SqlError[] = [];
      let node: Statement | undefined;
      let timedOut = false;
      try {
        node = this.statement();
        if (!this.isOp(';') && this.peek().kind !== 'eof')
          this.fail('expected ";" or the end of the statement');
      } catch (e) {
        if (!(e instanceof SyntaxErr)) throw e;
        errors.push({ offset: e.offset, message: e.message });
        timedOut = e.timeout;
        node = undefined;
        this.skipToStatementEnd();
      }
      const lastTok = this.toks[Math.max(startIndex, this.i - 1)] as Token;
      const end = Math.max(lastTok.end, first.end);
      const templated = comments.some((c) => c.template && c.start >= first.start && c.end <= end);
      const ps: ParsedStatement = {
        start: first.start,
        end,
        errors,
        head: { start: first.start, end: first.end },
        templated,
      };
      if (node) ps.node = node;
      if (timedOut) ps.timedOut = true;
      out.push(ps);
      if (this.i === startIndex) this.next();
    }
    return out;
  }

  private skipToStatementEnd(): void {
    let depth = 0;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') return;
      if (t.kind === 'op') {
        if (t.text === '(') depth++;
        else if (t.text === ')') depth = Math.max(0, depth - 1);
        else if (t.text === ';' && depth === 0) return;
      }
      this.i++;
    }
  }

  private statement(): Statement {
    const t = this.peek();
    const start = t.start;
    if (this.isQueryStart()) {
      const query = this.query();
      return { type: 'query', query, start, end: query.end };
    }
    if (t.kind !== 'word') this.fail('expected a statement');
    switch (t.value) {
      case 'INSERT':
        return this.insert();
      case 'CREATE':
        return this.create();
      case 'UNLOAD': {
        this.next();
        this.expectOp('(');
        const query = this.query();
        this.expectOp(')');
        this.skipRest();
        return { type: 'unload', query, start, end: this.prevEnd };
      }
      case 'EXPLAIN':
      case 'DESCRIBE':
      case 'DESC': {
        this.next();
        if (this.eatWord('ANALYZE')) this.eatWord('VERBOSE');
        if (this.isOp('(')) this.skipParens();
        while (this.isWord('FORMAT') || this.isWord('EXTENDED')) {
          this.next();
          if (this.eatOp('=') || this.peek().kind === 'word') this.next();
        }
        if (this.isQueryStart() || this.isWord('INSERT') || this.isWord('UPDATE') || this.isWord('DELETE')) {
          const inner = this.statement();
          return { type: 'explain', inner, start, end: inner.end };
        }
        this.skipRest();
        return { type: 'explain', start, end: this.prevEnd };
      }
      case 'ALTER':
        return this.alter();
      case 'UPDATE':
      case 'DELETE':
        return this.dml();
      default:
        this.next();
        this.skipRest();
        return { type: 'other', keyword: t.value, start, end: this.prevEnd };
    }
  }

  /** Skip to the end of the statement (balanced), for clauses perfguard does not analyse. */
  private skipRest(): void {
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof' || (t.kind === 'op' && (t.text === ';' || t.text === ')'))) return;
      if (t.kind === 'op' && t.text === '(') this.skipParens();
      else this.next();
    }
  }

  private isQueryStart(k = 0): boolean {
    const t = this.peek(k);
    if (t.kind === 'word') return t.value === 'SELECT' || t.value === 'WITH' || t.value === 'VALUES';
    if (t.kind === 'op' && t.text === '(') {
      let j = k + 1;
      while (this.peek(j).kind === 'op' && this.peek(j).text === '(') j++;
      const u = this.peek(j);
      return u.kind === 'word' && (u.value === 'SELECT' || u.value === 'WITH' || u.value === 'VALUES');
    }
    return false;
  }

  private insert(): Statement {
    const start = this.next().start;
    this.eatWord('IGNORE');
    if (!this.eatWord('INTO')) {
      this.expectWord('OVERWRITE');
      this.eatWord('TABLE');
    }
    this.eatWord('TABLE');
    const nameStart = this.peek().start;
    const table = this.qualifiedName();
    const tableSpan = { start: nameStart, end: this.prevEnd };
    let columns: Ident[] | undefined;
    if (this.isWord('PARTITION')) {
      this.next();
      this.skipParens();
    }
    if (this.isOp('(') && !this.isQueryStart()) {
      this.next();
      columns = [this.ident()];
      while (this.eatOp(',')) columns.push(this.ident());
      this.expectOp(')');
    }
    let query: Query | undefined;
    if (this.isQueryStart()) query = this.query();
    else if (this.eatWord('VALUES') || this.eatWord('VALUE')) {
      this.skipRest();
    } else if (this.isWord('SET')) this.skipRest();
    else this.fail('expected a query or VALUES');
    if (this.isWord('ON')) this.skipRest();
    const s: Statement = { type: 'insert', table, tableSpan, start, end: this.prevEnd };
    if (columns) s.columns = columns;
    if (query) s.query = query;
    return s;
  }

  private dml(): Statement {
    const verbTok = this.next();
    const verb = verbTok.value as 'UPDATE' | 'DELETE';
    while (this.isWord('LOW_PRIORITY') || this.isWord('QUICK') || this.isWord('IGNORE')) this.next();
    if (verb === 'DELETE') this.expectWord('FROM');
    const table = this.tableRef();
    const set: Expr[] = [];
    if (verb === 'UPDATE') {
      this.expectWord('SET');
      do set.push(this.expr());
      while (this.eatOp(','));
    }
    let where: Expr | undefined;
    if (this.eatWord('WHERE')) where = this.expr();
    if (this.isWord('ORDER') || this.isWord('LIMIT')) this.skipRest();
    const s: Statement = { type: 'dml', verb, table, set, start: verbTok.start, end: this.prevEnd };
    if (where) s.where = where;
    return s;
  }

  private alter(): Statement {
    const start = this.next().start;
    if (!this.eatWord('TABLE')) {
      this.skipRest();
      return { type: 'other', keyword: 'ALTER', start, end: this.prevEnd };
    }
    this.eatWords('IF', 'EXISTS');
    const table = this.qualifiedName();
    const indexes: string[][] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof' || (t.kind === 'op' && t.text === ';')) break;
      if (this.isWord('ADD')) {
        this.next();
        const before = this.i;
        const key = this.keyDefinition();
        if (key) indexes.push(key.columns);
        else if (this.i === before) continue;
        continue;
      }
      if (t.kind === 'op' && t.text === '(') this.skipParens();
      else this.next();
    }
    return { type: 'alter-table', table, indexes, start, end: this.prevEnd };
  }

  /** MySQL key definitions: PRIMARY KEY (…), [UNIQUE] KEY|INDEX [name] (…), CONSTRAINT x UNIQUE/FOREIGN KEY … */
  private keyDefinition():
    { name?: string; columns: string[]; primary: boolean; unique: boolean } | undefined {
    if (this.isWord('CONSTRAINT')) {
      this.next();
      if (this.isIdentStart() && !this.isWord('PRIMARY') && !this.isWord('UNIQUE') && !this.isWord('FOREIGN'))
        this.ident();
    }
    let primary = false;
    let unique = false;
    let foreign = false;
    if (this.eatWords('PRIMARY', 'KEY')) primary = true;
    else if (this.isWord('UNIQUE')) {
      this.next();
      unique = true;
      if (!this.eatWord('KEY')) this.eatWord('INDEX');
    } else if (this.isWord('FOREIGN')) {
      this.next();
      this.expectWord('KEY');
      foreign = true;
    } else if (this.isWord('KEY') || this.isWord('INDEX')) this.next();
    else if (this.isWord('FULLTEXT') || this.isWord('SPATIAL')) {
      this.next();
      if (!this.eatWord('KEY')) this.eatWord('INDEX');
      if (this.isIdentStart()) this.ident();
      if (this.isOp('(')) this.skipParens();
      return undefined;
    } else return undefined;
    let name: string | undefined;
    if (!this.isOp('(') && this.isIdentStart()) name = this.ident().name;
    if (this.eatWord('USING')) this.next();
    if (!this.isOp('(')) return undefined;
    this.next();
    const columns: string[] = [];
    do {
      const id = this.ident();
      columns.push(id.name);
      if (this.isOp('(')) this.skipParens();
      this.eatWord('ASC');
      this.eatWord('DESC');
    } while (this.eatOp(','));
    this.expectOp(')');
    // Trailing options: USING BTREE, COMMENT '…', REFERENCES t (c) ON DELETE …
    while (this.isWord('USING') || this.isWord('COMMENT') || this.isWord('REFERENCES') || this.isWord('ON')) {
      if (this.eatWord('REFERENCES')) {
        this.qualifiedName();
        if (this.isOp('(')) this.skipParens();
      } else if (this.eatWord('ON')) {
        this.next(); // DELETE / UPDATE
        while (this.peek().kind === 'word' && !this.isWord('ON')) this.next(); // CASCADE, SET NULL, NO ACTION
      } else {
        this.next();
        this.next();
      }
    }
    if (foreign) return { columns, primary: false, unique: false, ...(name ? { name } : {}) };
    return { columns, primary, unique, ...(name ? { name } : {}) };
  }

  private create(): Statement {
    const start = this.next().start;
    this.eatWords('OR', 'REPLACE');
    if (this.isWord('VIEW') || this.isWords('MATERIALIZED', 'VIEW') || this.isWords('PROTECTED', 'MULTI')) {
      while (!this.isWord('VIEW')) this.next();
      this.next();
      this.eatWords('IF', 'NOT', 'EXISTS');
      const nameStart = this.peek().start;
      const name = this.qualifiedName();
      const nameSpan = { start: nameStart, end: this.prevEnd };
      if (this.isOp('(')) this.skipParens();
      while (!this.isWord('AS') && this.peek().kind !== 'eof' && !this.isOp(';')) {
        if (this.isOp('(')) this.skipParens();
        else this.next();
      }
      this.expectWord('AS');
      const query = this.query();
      return { type: 'create-view', name, nameSpan, query, start, end: query.end };
    }
    let unique = false;
    if (this.eatWord('UNIQUE')) unique = true;
    this.eatWord('FULLTEXT');
    if (this.isWord('INDEX')) {
      this.next();
      void unique;
      let name: Ident | undefined;
      if (!this.isWord('ON')) name = this.ident();
      if (this.eatWord('USING')) this.next();
      this.expectWord('ON');
      const table = this.qualifiedName();
      this.expectOp('(');
      const columns: Ident[] = [];
      do {
        columns.push(this.ident());
        if (this.isOp('(')) this.skipParens();
        this.eatWord('ASC');
        this.eatWord('DESC');
      } while (this.eatOp(','));
      this.expectOp(')');
      this.skipRest();
      const s: Statement = { type: 'create-index', table, columns, start, end: this.prevEnd };
      if (name) s.name = name;
      return s;
    }
    let external = false;
    while (this.isWord('EXTERNAL') || this.isWord('TEMPORARY') || this.isWord('TRANSIENT')) {
      if (this.next().value === 'EXTERNAL') external = true;
    }
    if (!this.eatWord('TABLE')) {
      this.skipRest();
      return { type: 'other', keyword: 'CREATE', start, end: this.prevEnd };
    }
    return this.createTable(start, external);
  }

  private isWords(...ws: string[]): boolean {
    return ws.every((w, k) => this.isWord(w, k));
  }

  private createTable(start: number, external: boolean): CreateTable {
    this.eatWords('IF', 'NOT', 'EXISTS');
    const nameStart = this.peek().start;
    const name = this.qualifiedName();
    const node: CreateTable = {
      type: 'create-table',
      name,
      nameSpan: { start: nameStart, end: this.prevEnd },
      external,
      columns: [],
      partitionKeys: [],
      partitionTransforms: [],
      indexes: [],
      mysqlOptions: false,
      start,
      end: 0,
      clausesEnd: 0,
    };
    if (this.isWord('LIKE')) {
      this.skipRest();
      node.end = node.clausesEnd = this.prevEnd;
      return node;
    }
    if (this.isOp('(') && !this.isQueryStart()) {
      const cs = this.next().start;
      if (!this.isOp(')'))
        do {
          const key = this.keyDefinition();
          if (key) {
            node.indexes.push(key);
            continue;
          }
          if (this.isWord('CHECK')) {
            this.next();
            this.skipParens();
            continue;
          }
          node.columns.push(this.columnDef(true));
        } while (this.eatOp(','));
      this.expectOp(')');
      node.columnsSpan = { start: cs, end: this.prevEnd };
      const pk = node.columns.filter((c) => c.primaryKey).map((c) => c.name.name);
      if (pk.length > 0) node.indexes.unshift({ columns: pk, primary: true, unique: true });
      for (const c of node.columns)
        if (c.unique && !c.primaryKey)
          node.indexes.push({ columns: [c.name.name], primary: false, unique: true });
    }
    // Clauses in any order.
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof' || (t.kind === 'op' && t.text === ';')) break;
      if (this.isWord('AS') && this.isQueryStart(1)) {
        this.next();
        node.query = this.query();
        if (this.isWord('WITH')) {
          // WITH [NO] DATA
          this.next();
          this.eatWord('NO');
          this.eatWord('DATA');
        }
        continue;
      }
      if (this.isWord('WITH') && this.isOp('(', 1)) {
        this.next();
        node.withProperties = this.propertyList();
        continue;
      }
      if (this.isWord('AS') && this.isQueryStart(0)) this.next();
      if (this.isQueryStart()) {
        node.query = this.query();
        continue;
      }
      if (this.eatWord('COMMENT')) {
        this.eatOp('=');
        this.next();
        continue;
      }
      if (this.eatWords('PARTITIONED', 'BY')) {
        this.expectOp('(');
        do {
          if (this.peek().kind === 'word' && this.isOp('(', 1)) {
            const fs = this.peek().start;
            const fn = this.next().value.toLowerCase();
            this.expectOp('(');
            let col = '';
            const args: string[] = [];
            do {
              const a = this.next();
              args.push(a.text);
              if (a.kind === 'word' || a.kind === 'qident') col = a.kind === 'qident' ? a.value : a.text;
            } while (this.eatOp(','));
            this.expectOp(')');
            void fn;
            node.partitionTransforms.push({
              column: col.toLowerCase(),
              transform: this.text.slice(fs, this.prevEnd),
            });
            continue;
          }
          const c = this.columnDef(false);
          if (c.typeName) node.partitionKeys.push(c);
          else node.partitionTransforms.push({ column: c.name.name, transform: c.name.text });
        } while (this.eatOp(','));
        this.expectOp(')');
        continue;
      }
      if (this.eatWords('CLUSTERED', 'BY') || this.eatWords('SORTED', 'BY')) {
        this.skipParens();
        if (this.eatWord('SORTED')) {
          this.expectWord('BY');
          this.skipParens();
        }
        if (this.eatWord('INTO')) {
          this.next();
          this.eatWord('BUCKETS');
        }
        continue;
      }
      if (this.eatWords('ROW', 'FORMAT')) {
        if (this.eatWord('SERDE')) {
          const s = this.next();
          node.serde = { value: s.value, span: { start: s.start, end: s.end } };
          if (this.eatWords('WITH', 'SERDEPROPERTIES')) this.skipParens();
        } else {
          this.eatWord('DELIMITED');
          node.serde = {
            value: 'org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe',
            span: { start: t.start, end: this.prevEnd },
          };
          while (
            ['FIELDS', 'COLLECTION', 'MAP', 'LINES', 'NULL', 'ESCAPED'].includes(this.peek().value) &&
            this.peek().kind === 'word'
          ) {
            while (this.peek().kind === 'word') this.next();
            this.next(); // the string
            if (this.eatWords('ESCAPED', 'BY')) this.next();
          }
        }
        continue;
      }
      if (this.eatWords('STORED', 'AS')) {
        if (this.eatWord('INPUTFORMAT')) {
          const s = this.next();
          node.inputFormat = s.value;
          node.storedAs = { value: inputFormatName(s.value), span: { start: s.start, end: s.end } };
          if (this.eatWord('OUTPUTFORMAT')) this.next();
        } else {
          const s = this.next();
          node.storedAs = { value: s.text.toUpperCase(), span: { start: s.start, end: s.end } };
        }
        continue;
      }
      if (this.eatWord('LOCATION')) {
        node.location = this.next().value;
        continue;
      }
      if (this.eatWord('TBLPROPERTIES')) {
        node.tblProperties = this.propertyList();
        continue;
      }
      if (this.isWord('WITH') && this.isOp('(', 1)) {
        this.next();
        node.withProperties = this.propertyList();
        continue;
      }
      // MySQL table options: ENGINE=InnoDB, AUTO_INCREMENT=…, DEFAULT CHARSET=…, …
      if (t.kind === 'word') {
        node.mysqlOptions = true;
        this.next();
        if (this.isOp('(')) this.skipParens();
        continue;
      }
      if (t.kind === 'op' && t.text === '(') {
        this.skipParens();
        continue;
      }
      this.next();
    }
    node.end = node.clausesEnd = this.prevEnd;
    return node;
  }

  private propertyList(): PropertyList {
    const start = this.expectOp('(').start;
    const values: Record<string, string> = {};
    const valueSpans: Record<string, Span> = {};
    if (!this.isOp(')'))
      do {
        const k = this.next();
        const key = (k.kind === 'word' ? k.text : k.value).toLowerCase();
        if (!this.eatOp('=')) this.eatOp(':');
        const vs = this.peek().start;
        let v: string;
        if (this.isWord('ARRAY')) {
          this.next();
          this.expectOp('[');
          const items: string[] = [];
          if (!this.isOp(']'))
            do {
              const it = this.next();
              items.push(it.kind === 'word' ? it.text : it.value);
            } while (this.eatOp(','));
          this.expectOp(']');
          v = items.join(',');
        } else {
          const vt = this.next();
          v = vt.kind === 'string' || vt.kind === 'qident' ? vt.value : vt.text;
        }
        values[key] = v;
        valueSpans[key] = { start: vs, end: this.prevEnd };
      } while (this.eatOp(','));
    this.expectOp(')');
    return { start, end: this.prevEnd, values, valueSpans };
  }

  private columnDef(allowConstraints: boolean): ColumnDef {
    const name = this.ident();
    const start = name.start;
    let typeStart = -1;
    let typeEnd = -1;
    let depth = 0;
    let primaryKey = false;
    let unique = false;
    for (;;) {
      const t = this.peek();
      if (t.kind === 'eof') break;
      if (t.kind === 'op') {
        if (depth === 0 && (t.text === ',' || t.text === ')')) break;
        if (t.text === '(' || t.text === '<') depth++;
        else if (t.text === ')' || t.text === '>') depth--;
        else if (t.text === '>>') depth -= 2;
        if (t.text === ';') break;
      }
      if (depth === 0 && t.kind === 'word' && allowConstraints && typeStart >= 0) {
        if (t.value === 'PRIMARY' && this.isWord('KEY', 1)) {
          primaryKey = true;
          this.next();
          this.next();
          continue;
        }
        if (t.value === 'UNIQUE') unique = true;
      }
      if (depth === 0 && t.kind === 'word' && typeStart >= 0 && isColumnOption(t.value)) {
        // Column options end the type (COMMENT 'x', NOT NULL, DEFAULT …).
        this.next();
        if (t.value === 'COMMENT' || t.value === 'DEFAULT') {
          if (this.isOp('(')) this.skipParens();
          else this.next();
        }
        continue;
      }
      if (typeStart >= 0 && typeEnd >= 0 && depth === 0 && t.kind !== 'op' && !typeContinues(t)) {
        // Unknown words after the type: options we do not model.
        this.next();
        continue;
      }
      if (typeStart < 0) typeStart = t.start;
      this.next();
      typeEnd = t.end;
      if (t.kind === 'op' && t.text === ':' && depth > 0) continue;
    }
    const typeName = typeStart >= 0 ? this.text.slice(typeStart, typeEnd) : '';
    const c: ColumnDef = { name, typeName, start, end: Math.max(name.end, typeEnd) };
    if (primaryKey) c.primaryKey = true;
    if (unique) c.unique = true;
    return c;
  }

  // ---- queries ----

  query(): Query {
    if (++this.depth > 200) this.fail('nesting too deep');
    const start = this.peek().start;
    const ctes: Cte[] = [];
    if (this.eatWord('WITH')) {
      this.eatWord('RECURSIVE');
      do ctes.push(this.cte());
      while (this.eatOp(','));
    }
    const body = this.queryBody();
    const orderBy: OrderItem[] = [];
    let limit: Span | undefined;
    if (this.eatWords('ORDER', 'BY')) orderBy.push(...this.orderItems());
    for (;;) {
      if (this.isWord('LIMIT')) {
        const ls = this.next().start;
        if (!this.eatWord('ALL')) {
          this.limitValue();
          if (this.eatOp(',') || this.eatWord('OFFSET')) this.limitValue();
        }
        limit = { start: ls, end: this.prevEnd };
        continue;
      }
      if (this.isWord('OFFSET')) {
        this.next();
        this.limitValue();
        if (!this.eatWord('ROWS')) this.eatWord('ROW');
        continue;
      }
      if (this.isWord('FETCH')) {
        const ls = this.next().start;
        if (!this.eatWord('FIRST')) this.expectWord('NEXT');
        if (!this.isWord('ROW') && !this.isWord('ROWS')) this.limitValue();
        if (!this.eatWord('ROWS')) this.expectWord('ROW');
        if (!this.eatWord('ONLY')) this.eatWords('WITH', 'TIES');
        limit = { start: ls, end: this.prevEnd };
        continue;
      }
      if (this.isWord('FOR') && (this.isWord('UPDATE', 1) || this.isWord('SHARE', 1))) {
        this.next();
        this.next();
        continue;
      }
      if (this.eatWords('LOCK', 'IN', 'SHARE', 'MODE')) continue;
      break;
    }
    this.depth--;
    const q: Query = { type: 'query', with: ctes, body, orderBy, start, end: this.prevEnd };
    if (limit) q.limit = limit;
    return q;
  }

  private limitValue(): void {
    const t = this.peek();
    if (t.kind === 'number' || t.kind === 'param') this.next();
    else this.expr();
  }

  private cte(): Cte {
    const name = this.ident();
    let columns: Ident[] | undefined;
    if (this.isOp('(')) {
      this.next();
      columns = [this.ident()];
      while (this.eatOp(',')) columns.push(this.ident());
      this.expectOp(')');
    }
    this.expectWord('AS');
    this.eatWords('NOT', 'MATERIALIZED');
    this.eatWord('MATERIALIZED');
    this.expectOp('(');
    const query = this.query();
    this.expectOp(')');
    const c: Cte = { name, query, start: name.start, end: this.prevEnd };
    if (columns) c.columns = columns;
    return c;
  }

  private orderItems(): OrderItem[] {
    const out: OrderItem[] = [];
    do {
      const expr = this.expr();
      if (!this.eatWord('ASC')) this.eatWord('DESC');
      if (this.eatWord('NULLS')) {
        if (!this.eatWord('FIRST')) this.expectWord('LAST');
      }
      out.push({ expr, start: expr.start, end: this.prevEnd });
    } while (this.eatOp(','));
    return out;
  }

  private queryBody(): QueryBody {
    let left = this.queryTerm();
    while (this.isWord('UNION') || this.isWord('EXCEPT') || this.isWord('MINUS')) {
      const w = this.next().value;
      const all = this.eatWord('ALL');
      if (!all) this.eatWord('DISTINCT');
      const right = this.queryTerm();
      left = {
        type: 'setop',
        op: w === 'UNION' ? 'UNION' : 'EXCEPT',
        all,
        left,
        right,
        start: left.start,
        end: right.end,
      };
    }
    return left;
  }

  private queryTerm(): QueryBody {
    let left = this.queryPrimary();
    while (this.isWord('INTERSECT')) {
      this.next();
      const all = this.eatWord('ALL');
      if (!all) this.eatWord('DISTINCT');
      const right = this.queryPrimary();
      left = { type: 'setop', op: 'INTERSECT', all, left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private queryPrimary(): QueryBody {
    const t = this.peek();
    if (t.kind === 'op' && t.text === '(') {
      this.next();
      const query = this.query();
      this.expectOp(')');
      return { type: 'paren', query, start: t.start, end: this.prevEnd };
    }
    if (this.isWord('VALUES')) {
      this.next();
      const rows: Expr[] = [];
      do rows.push(this.expr());
      while (this.eatOp(','));
      return { type: 'values', rows, start: t.start, end: this.prevEnd };
    }
    if (this.isWord('TABLE')) {
      // TABLE t  ==  SELECT * FROM t
      this.next();
      const ref = this.tableRef();
      return {
        type: 'select',
        distinct: false,
        items: [{ expr: { type: 'star', start: t.start, end: t.end }, start: t.start, end: t.end }],
        from: [ref],
        groupBy: [],
        grouped: false,
        start: t.start,
        end: this.prevEnd,
      };
    }
    return this.select();
  }

  private select(): Select {
    const start = this.expectWord('SELECT').start;
    let distinct = false;
    for (;;) {
      if (this.eatWord('DISTINCT')) distinct = true;
      else if (
        this.eatWord('ALL') ||
        this.eatWord('SQL_CALC_FOUND_ROWS') ||
        this.eatWord('SQL_NO_CACHE') ||
        this.eatWord('HIGH_PRIORITY') ||
        this.eatWord('STRAIGHT_JOIN')
      ) {
        /* modifiers */
      } else break;
    }
    const items: SelectItem[] = [];
    do items.push(this.selectItem());
    while (this.eatOp(','));
    const sel: Select = {
      type: 'select',
      distinct,
      items,
      from: [],
      groupBy: [],
      grouped: false,
      start,
      end: 0,
    };
    if (this.eatWord('INTO')) {
      // MySQL SELECT … INTO @var / OUTFILE
      while (this.peek().kind !== 'eof' && !this.isWord('FROM') && !this.isOp(';')) this.next();
    }
    if (this.eatWord('FROM')) {
      do sel.from.push(this.fromItem());
      while (this.eatOp(','));
      // A comma list is a cross join: keep the items as a list.
    }
    if (this.eatWord('WHERE')) sel.where = this.expr();
    if (this.eatWords('GROUP', 'BY')) {
      if (this.eatWord('ALL')) sel.grouped = true;
      else this.eatWord('DISTINCT');
      do {
        if (this.isWords('GROUPING', 'SETS')) {
          this.next();
          this.next();
          sel.grouped = true;
          this.expectOp('(');
          do sel.groupBy.push(this.expr());
          while (this.eatOp(','));
          this.expectOp(')');
        } else {
          if (this.isWord('ROLLUP') || this.isWord('CUBE')) sel.grouped = true;
          if (this.peek().kind === 'op' && this.peek().text === '(' && this.isOp(')', 1)) {
            this.next();
            this.next();
            sel.grouped = true;
            continue;
          }
          sel.groupBy.push(this.expr());
        }
      } while (this.eatOp(','));
      this.eatWords('WITH', 'ROLLUP');
    }
    if (this.eatWord('HAVING')) sel.having = this.expr();
    if (this.eatWord('WINDOW')) {
      do {
        this.ident();
        this.expectWord('AS');
        this.skipParens();
      } while (this.eatOp(','));
    }
    if (this.eatWord('QUALIFY')) this.expr();
    sel.end = this.prevEnd;
    return sel;
  }

  private selectItem(): SelectItem {
    const t = this.peek();
    if (t.kind === 'op' && t.text === '*') {
      this.next();
      const star = { type: 'star' as const, start: t.start, end: t.end };
      this.starExcept();
      return { expr: star, start: t.start, end: this.prevEnd };
    }
    // t.* / s.t.*
    if (this.isIdentStart()) {
      let k = 0;
      while ((this.peek(k).kind === 'word' || this.peek(k).kind === 'qident') && this.isOp('.', k + 1)) {
        if (this.isOp('*', k + 2)) {
          const qualifier: Ident[] = [];
          for (let j = 0; j <= k; j += 2) {
            qualifier.push(this.ident());
            this.next(); // .
          }
          const st = this.next();
          const star = { type: 'star' as const, qualifier, start: t.start, end: st.end };
          this.starExcept();
          return { expr: star, start: t.start, end: this.prevEnd };
        }
        k += 2;
      }
    }
    const expr = this.expr();
    const item: SelectItem = { expr, start: expr.start, end: expr.end };
    const alias = this.alias();
    if (alias) {
      item.alias = alias;
      item.end = alias.end;
    }
    return item;
  }

  /** Spark/BigQuery `* EXCEPT (…)` is not Trino; tolerate nothing here but keep the seam. */
  private starExcept(): void {}

  private alias(): Ident | undefined {
    if (this.eatWord('AS')) {
      if (this.peek().kind === 'string') {
        const t = this.next();
        return { name: t.value.toLowerCase(), text: t.text, quoted: true, start: t.start, end: t.end };
      }
      return this.ident();
    }
    if (this.isIdentStart() && !this.isAliasStopWord()) return this.ident();
    if (this.dialect === 'mysql' && this.peek().kind === 'string') {
      const t = this.next();
      return { name: t.value.toLowerCase(), text: t.text, quoted: true, start: t.start, end: t.end };
    }
    return undefined;
  }

  /** Non-reserved words that still cannot be an implicit alias in this position. */
  private isAliasStopWord(): boolean {
    const t = this.peek();
    if (t.kind !== 'word') return false;
    return (
      t.value === 'OVER' ||
      t.value === 'FILTER' ||
      t.value === 'WITHIN' ||
      t.value === 'USE' ||
      t.value === 'FORCE' ||
      t.value === 'IGNORE' ||
      t.value === 'NULLS' ||
      t.value === 'ASC' ||
      t.value === 'DESC' ||
      t.value === 'ROW' ||
      t.value === 'FIRST' ||
      t.value === 'NEXT' ||
      t.value === 'WITHOUT'
    );
  }

  private columnAliasList(): Ident[] | undefined {
    if (!this.isOp('(')) return undefined;
    this.next();
    const out = [this.ident()];
    while (this.eatOp(',')) out.push(this.ident());
    this.expectOp(')');
    return out;
  }

  private fromItem(): FromItem {
    let left = this.fromPrimary();
    for (;;) {
      let kind: JoinKind;
      const natural = this.eatWord('NATURAL');
      if (this.eatWord('JOIN') || this.eatWord('STRAIGHT_JOIN')) kind = 'inner';
      else if (this.eatWords('INNER', 'JOIN')) kind = 'inner';
      else if (this.eatWords('CROSS', 'JOIN')) kind = 'cross';
      else if (this.eatWords('LEFT', 'JOIN') || this.eatWords('LEFT', 'OUTER', 'JOIN')) kind = 'left';
      else if (this.eatWords('RIGHT', 'JOIN') || this.eatWords('RIGHT', 'OUTER', 'JOIN')) kind = 'right';
      else if (this.eatWords('FULL', 'JOIN') || this.eatWords('FULL', 'OUTER', 'JOIN')) kind = 'full';
      else if (this.eatWords('LEFT', 'SEMI', 'JOIN') || this.eatWords('LEFT', 'ANTI', 'JOIN')) kind = 'left';
      else {
        if (natural) this.fail('expected JOIN');
        break;
      }
      const right = this.fromPrimary();
      const join: FromItem = { type: 'join', kind, left, right, start: left.start, end: right.end };
      if (this.eatWord('ON')) join.on = this.expr();
      else if (this.eatWord('USING')) {
        this.expectOp('(');
        join.using = [this.ident()];
        while (this.eatOp(',')) join.using.push(this.ident());
        this.expectOp(')');
      }
      join.end = this.prevEnd;
      left = join;
    }
    return left;
  }

  private fromPrimary(): FromItem {
    const t = this.peek();
    const start = t.start;
    this.eatWord('LATERAL');
    if (this.isOp('(')) {
      if (this.isQueryStart()) {
        this.next();
        const query = this.query();
        this.expectOp(')');
        const d: FromItem = { type: 'derived', query, start, end: this.prevEnd };
        const alias = this.alias();
        if (alias) d.alias = alias;
        const cols = alias ? this.columnAliasList() : undefined;
        if (cols) d.columnAliases = cols;
        d.end = this.prevEnd;
        return d;
      }
      // ( a JOIN b ) — a parenthesized join.
      this.next();
      const inner = this.fromItem();
      this.expectOp(')');
      const alias = this.alias();
      if (alias) this.columnAliasList();
      return inner;
    }
    if (this.isWord('UNNEST') || (this.isWord('TABLE') && this.isOp('(', 1))) {
      this.next();
      this.expectOp('(');
      const args: Expr[] = [];
      if (!this.isOp(')'))
        do args.push(this.expr());
        while (this.eatOp(','));
      this.expectOp(')');
      this.eatWords('WITH', 'ORDINALITY');
      const f: FromItem = { type: 'function', args, start, end: this.prevEnd };
      const alias = this.alias();
      if (alias) f.alias = alias;
      const cols = this.columnAliasList();
      if (cols) f.columnAliases = cols;
      f.end = this.prevEnd;
      return f;
    }
    return this.tableRef();
  }

  private tableRef(): TableRef {
    const start = this.peek().start;
    const name = this.qualifiedName();
    if (this.isOp('[')) {
      // A templated name (`item[ TABLE_SUFFIX ]`): the real table is unknown.
      while (!this.isOp(']') && this.peek().kind !== 'eof') this.next();
      this.expectOp(']');
      (name[name.length - 1] as Ident).name = '';
    }
    const ref: TableRef = { type: 'table', name, nameSpan: { start, end: this.prevEnd }, start, end: 0 };
    if (
      this.isWord('FOR') &&
      (this.isWord('SYSTEM_TIME', 1) || this.isWord('VERSION', 1) || this.isWord('TIMESTAMP', 1))
    ) {
      this.next();
      this.next();
      this.expectWord('AS');
      this.expectWord('OF');
      this.expr();
    }
    if (this.isWord('PARTITION') && this.isOp('(', 1)) {
      this.next();
      this.skipParens();
    }
    const alias = this.alias();
    if (alias) {
      ref.alias = alias;
      const cols = this.columnAliasList();
      if (cols) ref.columnAliases = cols;
    }
    if (this.eatWord('TABLESAMPLE')) {
      this.next();
      this.skipParens();
    }
    // MySQL index hints
    while (
      (this.isWord('USE') || this.isWord('FORCE') || this.isWord('IGNORE')) &&
      (this.isWord('INDEX', 1) || this.isWord('KEY', 1))
    ) {
      this.next();
      this.next();
      if (this.eatWord('FOR')) {
        this.next();
        this.eatWord('BY');
      }
      this.skipParens();
    }
    ref.end = this.prevEnd;
    return ref;
  }

  // ---- expressions ----

  expr(): Expr {
    if (++this.depth > 300) this.fail('expression nested too deep');
    const e = this.orExpr();
    this.depth--;
    return e;
  }

  private bin(op: string, left: Expr, right: Expr): Expr {
    return { type: 'binary', op, left, right, start: left.start, end: right.end };
  }

  private orExpr(): Expr {
    let left = this.andExpr();
    while (this.isWord('OR') || (this.isOp('||') && this.dialect === 'mysql') || this.isWord('XOR')) {
      const op = this.next().value === 'XOR' ? 'XOR' : 'OR';
      left = this.bin(op, left, this.andExpr());
    }
    return left;
  }

  private andExpr(): Expr {
    let left = this.notExpr();
    while (this.isWord('AND') || (this.isOp('&&') && this.dialect === 'mysql')) {
      this.next();
      left = this.bin('AND', left, this.notExpr());
    }
    return left;
  }

  private notExpr(): Expr {
    if (this.isWord('NOT') || (this.isOp('!') && this.dialect === 'mysql')) {
      const t = this.next();
      const e = this.notExpr();
      return { type: 'unary', op: 'NOT', expr: e, start: t.start, end: e.end };
    }
    return this.comparison();
  }

  private comparison(): Expr {
    let left = this.concat();
    for (;;) {
      const t = this.peek();
      if (t.kind === 'op' && COMPARISON.has(t.text)) {
        this.next();
        let op = t.text === '!=' ? '<>' : t.text === '==' ? '=' : t.text;
        if (this.isWord('ANY') || this.isWord('SOME') || this.isWord('ALL')) {
          op += ' ' + this.next().value;
          const s = this.peek().start;
          this.expectOp('(');
          const query = this.query();
          this.expectOp(')');
          left = this.bin(op, left, { type: 'subquery', query, start: s, end: this.prevEnd });
          continue;
        }
        left = this.bin(op, left, this.concat());
        continue;
      }
      if (t.kind !== 'word') break;
      let not = false;
      if (
        t.value === 'NOT' &&
        ['IN', 'BETWEEN', 'LIKE', 'ILIKE', 'RLIKE', 'REGEXP', 'SIMILAR'].includes(this.peek(1).value)
      ) {
        this.next();
        not = true;
      }
      const w = this.peek();
      if (w.kind !== 'word') break;
      if (w.value === 'IS') {
        this.next();
        const isNot = this.eatWord('NOT');
        let what: string;
        let right: Expr | undefined;
        if (this.eatWords('DISTINCT', 'FROM')) {
          what = 'DISTINCT FROM';
          right = this.concat();
        } else {
          what = this.next().value; // NULL, TRUE, FALSE, UNKNOWN
          if (!['NULL', 'TRUE', 'FALSE', 'UNKNOWN'].includes(what)) this.fail('expected NULL after IS');
        }
        const e: Expr = { type: 'is', expr: left, not: isNot, what, start: left.start, end: this.prevEnd };
        if (right) e.right = right;
        left = e;
        continue;
      }
      if (w.value === 'IN') {
        this.next();
        this.expectOp('(');
        let e: Expr;
        if (this.isQueryStart()) {
          const query = this.query();
          this.expectOp(')');
          e = { type: 'in', expr: left, query, not, start: left.start, end: this.prevEnd };
        } else {
          const list: Expr[] = [];
          if (!this.isOp(')'))
            do list.push(this.expr());
            while (this.eatOp(','));
          this.expectOp(')');
          e = { type: 'in', expr: left, list, not, start: left.start, end: this.prevEnd };
        }
        left = e;
        continue;
      }
      if (w.value === 'BETWEEN') {
        this.next();
        if (!this.eatWord('SYMMETRIC')) this.eatWord('ASYMMETRIC');
        const low = this.concat();
        this.expectWord('AND');
        const high = this.concat();
        left = { type: 'between', expr: left, low, high, not, start: left.start, end: high.end };
        continue;
      }
      if (['LIKE', 'ILIKE', 'RLIKE', 'REGEXP', 'SIMILAR'].includes(w.value)) {
        this.next();
        if (w.value === 'SIMILAR') this.expectWord('TO');
        const right = this.concat();
        let e = this.bin((not ? 'NOT ' : '') + w.value, left, right);
        if (this.eatWord('ESCAPE')) {
          const esc = this.concat();
          e = { ...e, end: esc.end };
        }
        left = e;
        continue;
      }
      if (not) this.fail('expected IN, BETWEEN or LIKE');
      break;
    }
    return left;
  }

  private concat(): Expr {
    let left = this.additive();
    while (this.isOp('||') && this.dialect !== 'mysql') {
      this.next();
      left = this.bin('||', left, this.additive());
    }
    return left;
  }

  private additive(): Expr {
    let left = this.multiplicative();
    for (;;) {
      const t = this.peek();
      if (
        t.kind === 'op' &&
        (t.text === '+' ||
          t.text === '-' ||
          t.text === '&' ||
          t.text === '|' ||
          t.text === '^' ||
          t.text === '<<' ||
          t.text === '>>')
      ) {
        this.next();
        left = this.bin(t.text, left, this.multiplicative());
        continue;
      }
      break;
    }
    return left;
  }

  private multiplicative(): Expr {
    let left = this.unary();
    for (;;) {
      const t = this.peek();
      if (
        (t.kind === 'op' && (t.text === '*' || t.text === '/' || t.text === '%')) ||
        (t.kind === 'word' && (t.value === 'DIV' || t.value === 'MOD') && this.dialect === 'mysql')
      ) {
        this.next();
        left = this.bin(t.text.toUpperCase(), left, this.unary());
        continue;
      }
      break;
    }
    return left;
  }

  private unary(): Expr {
    const t = this.peek();
    if (t.kind === 'op' && (t.text === '-' || t.text === '+' || t.text === '~')) {
      this.next();
      const e = this.unary();
      return { type: 'unary', op: t.text, expr: e, start: t.start, end: e.end };
    }
    return this.postfix(this.primary());
  }

  private postfix(e: Expr): Expr {
    for (;;) {
      if (this.isOp('[')) {
        this.next();
        const idx = this.expr();
        this.expectOp(']');
        e = { type: 'other', children: [e, idx], start: e.start, end: this.prevEnd };
        continue;
      }
      if (this.isOp('::')) {
        this.next();
        const ts = this.peek().start;
        this.typeName();
        e = {
          type: 'cast',
          expr: e,
          typeName: this.text.slice(ts, this.prevEnd),
          try: false,
          start: e.start,
          end: this.prevEnd,
        };
        continue;
      }
      if (
        this.isOp('.') &&
        (this.peek(1).kind === 'word' || this.peek(1).kind === 'qident') &&
        e.type !== 'column'
      ) {
        this.next();
        this.ident();
        e = { type: 'other', children: [e], start: e.start, end: this.prevEnd };
        continue;
      }
      if (this.isWords('AT', 'TIME', 'ZONE')) {
        this.next();
        this.next();
        this.next();
        const z = this.concat();
        e = { type: 'other', children: [e, z], start: e.start, end: z.end };
        continue;
      }
      if (this.isWord('COLLATE')) {
        this.next();
        this.next();
        e = { ...e, end: this.prevEnd } as Expr;
        continue;
      }
      return e;
    }
  }

  /** A type name: words, then optional (…) or <…>; returns nothing (callers slice the text). */
  private typeName(): void {
    const t = this.next();
    if (t.kind !== 'word' && t.kind !== 'qident') throw new SyntaxErr(t.start, 'expected a type name');
    // double precision, timestamp with time zone, interval day to second, unsigned, …
    while (
      this.peek().kind === 'word' &&
      [
        'PRECISION',
        'WITH',
        'WITHOUT',
        'TIME',
        'ZONE',
        'VARYING',
        'UNSIGNED',
        'SIGNED',
        'TO',
        'DAY',
        'SECOND',
        'MONTH',
        'YEAR',
        'INTEGER',
        'CHAR',
        'CHARACTER',
      ].includes(this.peek().value)
    )
      this.next();
    if (this.isOp('(')) this.skipParens();
    if (this.isOp('<')) {
      let depth = 0;
      do {
        const u = this.next();
        if (u.kind === 'eof') throw new SyntaxErr(u.start, 'unclosed type');
        if (u.text === '<') depth++;
        else if (u.text === '>') depth--;
        else if (u.text === '>>') depth -= 2;
      } while (depth > 0);
    }
    while (this.peek().kind === 'word' && ['WITH', 'WITHOUT', 'TIME', 'ZONE'].includes(this.peek().value))
      this.next();
  }

  private primary(): Expr {
    const t = this.peek();
    switch (t.kind) {
      case 'number':
        this.next();
        return { type: 'literal', kind: 'number', value: t.text, start: t.start, end: t.end };
      case 'string': {
        this.next();
        let value = t.value;
        let end = t.end;
        // Adjacent string literals concatenate (MySQL, and continuation lines in Trino).
        while (this.peek().kind === 'string') {
          const u = this.next();
          value += u.value;
          end = u.end;
        }
        return { type: 'literal', kind: 'string', value, start: t.start, end };
      }
      case 'param':
        this.next();
        return { type: 'param', start: t.start, end: t.end };
      case 'qident':
        return this.identExpr();
      case 'op':
        if (t.text === '(') return this.parenExpr();
        if (t.text === '*') {
          this.next();
          return { type: 'star', start: t.start, end: t.end };
        }
        if (t.text === '@' && this.dialect === 'mysql') {
          this.next();
          this.eatOp('@');
          this.next();
          return { type: 'param', start: t.start, end: this.prevEnd };
        }
        if (t.text === '[') {
          this.next();
          const children: Expr[] = [];
          if (!this.isOp(']'))
            do children.push(this.expr());
            while (this.eatOp(','));
          this.expectOp(']');
          return { type: 'other', children, start: t.start, end: this.prevEnd };
        }
        return this.fail('expected an expression');
      case 'word':
        return this.wordExpr(t);
      default:
        return this.fail('expected an expression');
    }
  }

  private parenExpr(): Expr {
    const start = this.next().start;
    if (this.isQueryStart()) {
      const query = this.query();
      this.expectOp(')');
      return this.postfix({ type: 'subquery', query, start, end: this.prevEnd });
    }
    const items: Expr[] = [];
    if (!this.isOp(')'))
      do items.push(this.expr());
      while (this.eatOp(','));
    this.expectOp(')');
    if (this.isOp('->')) {
      // (a, b) -> expr
      this.next();
      const body = this.expr();
      return { type: 'other', children: [body], start, end: body.end };
    }
    if (items.length === 1) return { type: 'paren', expr: items[0] as Expr, start, end: this.prevEnd };
    return { type: 'other', children: items, start, end: this.prevEnd };
  }

  private wordExpr(t: Token): Expr {
    const start = t.start;
    const v = t.value;
    const nxt = this.peek(1);
    if (v === 'NULL') {
      this.next();
      return { type: 'literal', kind: 'null', value: 'NULL', start, end: t.end };
    }
    if (v === 'TRUE' || v === 'FALSE') {
      this.next();
      return { type: 'literal', kind: 'boolean', value: v, start, end: t.end };
    }
    if (TYPED_LITERALS.has(v) && nxt.kind === 'string') {
      this.next();
      this.next();
      // TIMESTAMP '…' AT TIME ZONE handled by postfix
      return { type: 'literal', kind: 'typed', value: nxt.value, typeName: v, start, end: nxt.end };
    }
    if (v === 'INTERVAL') {
      this.next();
      let value: string;
      if (this.peek().kind === 'string') value = this.next().value;
      else if (this.isOp('-') || this.isOp('+')) {
        const sign = this.next().text;
        value = sign + this.next().value;
      } else value = this.unary().type;
      let unit = '';
      if (this.peek().kind === 'word' && !RESERVED.has(this.peek().value)) {
        unit = this.next().value;
        if (this.eatWord('TO')) this.next();
      }
      return { type: 'literal', kind: 'interval', value, typeName: unit, start, end: this.prevEnd };
    }
    if (v === 'CASE') return this.caseExpr();
    if ((v === 'CAST' || v === 'TRY_CAST' || v === 'SAFE_CAST') && nxt.kind === 'op' && nxt.text === '(') {
      this.next();
      this.next();
      const e = this.expr();
      if (!this.eatWord('AS')) {
        // MySQL CONVERT-like CAST(x, type) is not valid; fail loudly.
        this.expectWord('AS');
      }
      const ts = this.peek().start;
      this.typeName();
      const typeName = this.text.slice(ts, this.prevEnd);
      this.expectOp(')');
      return { type: 'cast', expr: e, typeName, try: v !== 'CAST', start, end: this.prevEnd };
    }
    if (v === 'EXTRACT' && nxt.kind === 'op' && nxt.text === '(') {
      this.next();
      this.next();
      const field = this.next().value;
      this.expectWord('FROM');
      const e = this.expr();
      this.expectOp(')');
      return { type: 'extract', field, expr: e, start, end: this.prevEnd };
    }
    if (v === 'EXISTS' && nxt.kind === 'op' && nxt.text === '(') {
      this.next();
      this.next();
      const query = this.query();
      this.expectOp(')');
      return { type: 'exists', query, start, end: this.prevEnd };
    }
    if ((v === 'ARRAY' || v === 'MAP') && nxt.kind === 'op' && nxt.text === '[') {
      this.next();
      const arr = this.primary();
      return { ...arr, start } as Expr;
    }
    if (NILADIC.has(v) && !(nxt.kind === 'op' && nxt.text === '(')) {
      this.next();
      const id: Ident = { name: v.toLowerCase(), text: t.text, quoted: false, start, end: t.end };
      return { type: 'call', name: [id], args: [], distinct: false, window: false, start, end: t.end };
    }
    if (
      RESERVED.has(v) &&
      !(
        nxt.kind === 'op' &&
        nxt.text === '(' &&
        ![
          'SELECT',
          'FROM',
          'WHERE',
          'AND',
          'OR',
          'NOT',
          'IN',
          'ON',
          'AS',
          'WITH',
          'UNION',
          'JOIN',
          'WHEN',
          'THEN',
          'ELSE',
          'END',
          'CASE',
          'BETWEEN',
          'IS',
          'LIKE',
        ].includes(v)
      )
    )
      this.fail('expected an expression');
    return this.identExpr();
  }

  private identExpr(): Expr {
    const start = this.peek().start;
    const parts = [this.ident()];
    while (this.isOp('.') && (this.peek(1).kind === 'word' || this.peek(1).kind === 'qident')) {
      this.next();
      parts.push(this.ident());
    }
    if (this.isOp('(')) return this.call(parts, start);
    if (this.isOp('->') && parts.length === 1) {
      this.next();
      const body = this.expr();
      return { type: 'other', children: [body], start, end: body.end };
    }
    return { type: 'column', parts, start, end: this.prevEnd };
  }

  private call(name: Ident[], start: number): Expr {
    this.expectOp('(');
    const args: Expr[] = [];
    let distinct = false;
    if (!this.isOp(')')) {
      if (this.eatWord('DISTINCT')) distinct = true;
      else this.eatWord('ALL');
      do {
        args.push(this.expr());
        // Special argument syntax: SUBSTRING(x FROM a FOR b), POSITION(a IN b), TRIM(BOTH x FROM y),
        // GROUP_CONCAT(x ORDER BY y SEPARATOR ','), array_agg(x ORDER BY y), USING charset.
        for (;;) {
          if (
            this.eatWord('FROM') ||
            this.eatWord('FOR') ||
            this.eatWord('SEPARATOR') ||
            this.eatWord('USING') ||
            this.eatWord('AS')
          ) {
            args.push(this.expr());
            continue;
          }
          if (this.eatWords('ORDER', 'BY')) {
            for (const o of this.orderItems()) args.push(o.expr);
            continue;
          }
          if (this.eatWords('IGNORE', 'NULLS') || this.eatWords('RESPECT', 'NULLS')) continue;
          break;
        }
      } while (this.eatOp(','));
    }
    this.expectOp(')');
    const first = name[0] as Ident;
    if (name.length === 1 && ['TRIM', 'LTRIM', 'RTRIM'].includes(first.text.toUpperCase())) {
      /* TRIM(BOTH …) parsed as exprs above */
    }
    const c: Call = { type: 'call', name, args, distinct, window: false, start, end: this.prevEnd };
    if (this.eatWords('WITHIN', 'GROUP')) this.skipParens();
    if (this.eatWord('FILTER')) {
      this.expectOp('(');
      this.expectWord('WHERE');
      c.args.push(this.expr());
      this.expectOp(')');
    }
    if (this.eatWords('IGNORE', 'NULLS') || this.eatWords('RESPECT', 'NULLS')) {
      /* window null treatment */
    }
    if (this.eatWord('OVER')) {
      c.window = true;
      if (this.isOp('(')) this.windowSpec(c.args);
      else this.ident();
    }
    c.end = this.prevEnd;
    return c;
  }

  /** OVER ( [name] [PARTITION BY …] [ORDER BY …] [frame] ): column refs are kept as extra args. */
  private windowSpec(into: Expr[]): void {
    this.expectOp('(');
    if (
      this.isIdentStart() &&
      !this.isWord('PARTITION') &&
      !this.isWord('ORDER') &&
      !this.isWord('ROWS') &&
      !this.isWord('RANGE') &&
      !this.isWord('GROUPS')
    )
      this.ident();
    if (this.eatWords('PARTITION', 'BY')) {
      do into.push(this.expr());
      while (this.eatOp(','));
    }
    if (this.eatWords('ORDER', 'BY')) for (const o of this.orderItems()) into.push(o.expr);
    // Frame: skip to the closing parenthesis.
    let depth = 1;
    while (depth > 0) {
      const t = this.next();
      if (t.kind === 'eof') throw new SyntaxErr(t.start, 'unclosed window');
      if (t.kind === 'op' && t.text === '(') depth++;
      else if (t.kind === 'op' && t.text === ')') depth--;
    }
  }

  private caseExpr(): Expr {
    const start = this.next().start;
    let operand: Expr | undefined;
    if (!this.isWord('WHEN')) operand = this.expr();
    const whens: { when: Expr; then: Expr }[] = [];
    while (this.eatWord('WHEN')) {
      const when = this.expr();
      this.expectWord('THEN');
      whens.push({ when, then: this.expr() });
    }
    let elseExpr: Expr | undefined;
    if (this.eatWord('ELSE')) elseExpr = this.expr();
    this.expectWord('END');
    if (whens.length === 0) this.fail('CASE needs WHEN');
    const e: Expr = { type: 'case', whens, start, end: this.prevEnd };
    if (operand) e.operand = operand;
    if (elseExpr) e.else = elseExpr;
    return e;
  }
}

function isColumnOption(w: string): boolean {
  return [
    'COMMENT',
    'NOT',
    'NULL',
    'DEFAULT',
    'AUTO_INCREMENT',
    'UNIQUE',
    'PRIMARY',
    'KEY',
    'REFERENCES',
    'CHARACTER',
    'CHARSET',
    'COLLATE',
    'ON',
    'GENERATED',
    'VIRTUAL',
    'STORED',
    'INVISIBLE',
    'VISIBLE',
    'CHECK',
    'CONSTRAINT',
  ].includes(w);
}

/** Words that continue a type (`double precision`, `timestamp with time zone`, `int unsigned`). */
function typeContinues(t: Token): boolean {
  return (
    t.kind === 'word' &&
    [
      'PRECISION',
      'WITH',
      'WITHOUT',
      'TIME',
      'ZONE',
      'VARYING',
      'UNSIGNED',
      'SIGNED',
      'ZEROFILL',
      'LOCAL',
    ].includes(t.value)
  );
}

/** The storage format named by a Hive INPUTFORMAT class. */
function inputFormatName(cls: string): string {
  const c = cls.toLowerCase();
  if (c.includes('parquet')) return 'PARQUET';
  if (c.includes('orc')) return 'ORC';
  if (c.includes('avro')) return 'AVRO';
  if (c.includes('sequencefile')) return 'SEQUENCEFILE';
  if (c.includes('rcfile')) return 'RCFILE';
  if (c.includes('ion')) return 'ION';
  return 'TEXTFILE';
}
