/**
 * The SQL syntax tree perfguard's rules need: queries (CTEs, set operations, SELECT with FROM/JOIN, WHERE,
 * GROUP BY, ORDER BY, LIMIT), the statements around them (INSERT, CTAS, UNLOAD, CREATE VIEW, UPDATE,
 * DELETE) and DDL (CREATE TABLE in Athena/Hive, Iceberg and MySQL forms, CREATE INDEX, ALTER TABLE).
 * Every node carries exact 0-based offsets (`start` inclusive, `end` exclusive) into the SQL text.
 */

export interface Span {
  start: number;
  end: number;
}

/** An identifier: `name` is folded (lower case) for comparisons; `text` is the source text. */
export interface Ident extends Span {
  name: string;
  text: string;
  quoted: boolean;
}

export type LiteralKind = 'string' | 'number' | 'null' | 'boolean' | 'typed' | 'interval';

export type Expr =
  | ColumnRef
  | Literal
  | (Span & { type: 'param' })
  | Star
  | Call
  | (Span & { type: 'cast'; expr: Expr; typeName: string; try: boolean })
  | (Span & { type: 'extract'; field: string; expr: Expr })
  | Binary
  | (Span & { type: 'unary'; op: string; expr: Expr })
  | Between
  | In
  | (Span & { type: 'is'; expr: Expr; not: boolean; what: string; right?: Expr })
  | (Span & { type: 'exists'; query: Query })
  | (Span & { type: 'subquery'; query: Query })
  | (Span & { type: 'case'; operand?: Expr; whens: { when: Expr; then: Expr }[]; else?: Expr })
  | (Span & { type: 'paren'; expr: Expr })
  /** Arrays, rows, lambdas, subscripts, field access on an expression, windows: children only. */
  | (Span & { type: 'other'; children: Expr[] });

export interface ColumnRef extends Span {
  type: 'column';
  /** `[column]`, `[table, column]`, `[schema, table, column]`, … */
  parts: Ident[];
}

export interface Literal extends Span {
  type: 'literal';
  kind: LiteralKind;
  /** Number text, string content, or the typed literal's string content. */
  value: string;
  /** `DATE`, `TIMESTAMP`, … for typed literals; the unit for intervals (`DAY`). */
  typeName?: string;
}

export interface Star extends Span {
  type: 'star';
  qualifier?: Ident[];
}

export interface Call extends Span {
  type: 'call';
  name: Ident[];
  args: Expr[];
  distinct: boolean;
  /** A window function (`OVER …`): not a plain aggregate. */
  window: boolean;
}

export interface Binary extends Span {
  type: 'binary';
  /** Upper-case operator: AND, OR, =, <>, <, <=, >, >=, +, -, *, /, %, ||, LIKE, NOT LIKE, … */
  op: string;
  left: Expr;
  right: Expr;
}

export interface Between extends Span {
  type: 'between';
  expr: Expr;
  low: Expr;
  high: Expr;
  not: boolean;
}

export interface In extends Span {
  type: 'in';
  expr: Expr;
  list?: Expr[];
  query?: Query;
  not: boolean;
}

export interface OrderItem extends Span {
  expr: Expr;
}

export interface Query extends Span {
  type: 'query';
  with: Cte[];
  body: QueryBody;
  orderBy: OrderItem[];
  /** LIMIT / FETCH FIRST clause. */
  limit?: Span;
}

export interface Cte extends Span {
  name: Ident;
  columns?: Ident[];
  query: Query;
}

export type QueryBody = Select | SetOp | (Span & { type: 'paren'; query: Query }) | Values;

export interface Values extends Span {
  type: 'values';
  rows: Expr[];
}

export interface SetOp extends Span {
  type: 'setop';
  op: 'UNION' | 'INTERSECT' | 'EXCEPT';
  all: boolean;
  left: QueryBody;
  right: QueryBody;
}

export interface SelectItem extends Span {
  expr: Expr;
  alias?: Ident;
}

export interface Select extends Span {
  type: 'select';
  distinct: boolean;
  items: SelectItem[];
  from: FromItem[];
  where?: Expr;
  groupBy: Expr[];
  /** GROUP BY ALL / ROLLUP / CUBE / GROUPING SETS present. */
  grouped: boolean;
  having?: Expr;
}

export type FromItem = TableRef | DerivedRef | Join | FunctionRef;

export interface TableRef extends Span {
  type: 'table';
  name: Ident[];
  /** Span of the (possibly qualified) name. */
  nameSpan: Span;
  alias?: Ident;
  columnAliases?: Ident[];
}

export interface DerivedRef extends Span {
  type: 'derived';
  query: Query;
  alias?: Ident;
  columnAliases?: Ident[];
}

/** UNNEST(…), TABLE(f(…)) and other relation-valued functions. */
export interface FunctionRef extends Span {
  type: 'function';
  args: Expr[];
  alias?: Ident;
  columnAliases?: Ident[];
}

export type JoinKind = 'inner' | 'left' | 'right' | 'full' | 'cross' | 'comma';

export interface Join extends Span {
  type: 'join';
  kind: JoinKind;
  left: FromItem;
  right: FromItem;
  on?: Expr;
  using?: Ident[];
}

export interface ColumnDef extends Span {
  name: Ident;
  /** The type as written (`decimal(10,2)`, `array<string>`); empty for Iceberg partition fields. */
  typeName: string;
  /** MySQL inline PRIMARY KEY / UNIQUE. */
  primaryKey?: boolean;
  unique?: boolean;
}

export interface PropertyList extends Span {
  /** Lower-case keys; values unquoted (ARRAY['a','b'] becomes "a,b"). */
  values: Record<string, string>;
  /** Span of each value, by key. */
  valueSpans: Record<string, Span>;
}

export interface CreateTable extends Span {
  type: 'create-table';
  name: Ident[];
  nameSpan: Span;
  external: boolean;
  columns: ColumnDef[];
  /** Span of the parenthesized column list. */
  columnsSpan?: Span;
  partitionKeys: ColumnDef[];
  /** Iceberg partition transforms as written (`bucket(16, id)`), by source column. */
  partitionTransforms: { column: string; transform: string }[];
  storedAs?: { value: string; span: Span };
  inputFormat?: string;
  serde?: { value: string; span: Span };
  location?: string;
  tblProperties?: PropertyList;
  /** CTAS `WITH ( … )`. */
  withProperties?: PropertyList;
  query?: Query;
  /** MySQL keys: each index as its column list (primary key first when present). */
  indexes: { name?: string; columns: string[]; primary: boolean; unique: boolean }[];
  /** MySQL table options (ENGINE=…, AUTO_INCREMENT present, …). */
  mysqlOptions: boolean;
  /** Offset after the last clause (before `;`). */
  clausesEnd: number;
}

export type Statement =
  | (Span & { type: 'query'; query: Query })
  | (Span & {
      type: 'insert';
      table: Ident[];
      tableSpan: Span;
      columns?: Ident[];
      query?: Query;
    })
  | (Span & { type: 'unload'; query: Query })
  | (Span & { type: 'create-view'; name: Ident[]; nameSpan: Span; query: Query })
  | CreateTable
  | (Span & { type: 'create-index'; name?: Ident; table: Ident[]; columns: Ident[] })
  | (Span & {
      type: 'alter-table';
      table: Ident[];
      /** ADD INDEX / KEY / PRIMARY KEY / UNIQUE column lists. */
      indexes: string[][];
    })
  | (Span & {
      type: 'dml';
      verb: 'UPDATE' | 'DELETE';
      table: TableRef;
      where?: Expr;
      set: Expr[];
    })
  | (Span & { type: 'explain'; inner?: Statement })
  | (Span & { type: 'other'; keyword: string });

export interface SqlError {
  offset: number;
  message: string;
}

export interface ParsedStatement extends Span {
  /** Undefined when the statement could not be parsed at all. */
  node?: Statement;
  /** Syntax errors in this statement; a statement with errors yields no findings that need its structure. */
  errors: SqlError[];
  /** The parse gave up on time (very long or pathological input). */
  timedOut?: boolean;
  /** The first keyword's span (where statement-level findings are reported). */
  head: Span;
  /** A template control block (`{% if %}`) sits inside: the text is not the SQL that runs. */
  templated: boolean;
}
