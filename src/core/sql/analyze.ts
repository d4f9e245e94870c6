/**
 * Query analysis over the syntax tree and the catalog: which base tables a statement reads (through CTEs,
 * subqueries and views), which predicates reach each of them the way the engine pushes them down, which
 * columns it reads, which `*` reach the result, and what each column reference resolves to.
 *
 * Pushdown: a WHERE conjunct (or an inner join's ON conjunct) that refers to one relation constrains it; a
 * constraint on a derived relation's output column (a CTE, subquery or view) moves inside when that column is a
 * bare column of the inner query (through every branch of a UNION); an equality between two relations' columns
 * is a dynamic filter (Athena prunes partitions with it at run time).
 */
import type { Catalog, CatalogTable } from '../catalog/catalog';
import type {
  ColumnRef,
  Expr,
  FromItem,
  Ident,
  Query,
  QueryBody,
  Select,
  SelectItem,
  Statement,
  TableRef,
} from './ast';
import type { SqlDialect } from './tokenize';

export interface Constraint {
  /** The conjunct. */
  pred: Expr;
  /** Column reference nodes inside `pred` that stand for the constrained column. */
  refs: ColumnRef[];
  /** An equality with another relation's column (dynamic filtering), not a value bound. */
  dynamic?: boolean;
}

export interface TableUse {
  ref: TableRef;
  table?: CatalogTable;
  /** Set when the table is read through a view: the view's name (the ref is the view reference). */
  viaView?: string;
  /** Constraints by lower-case column name. */
  constraints: Map<string, Constraint[]>;
  /** Columns read, or 'all'. */
  columns: Set<string> | 'all';
  /** In a CTE nobody reads, or in a view definition: not executed by this statement. */
  unused?: boolean;
}

export interface StarUse {
  item: SelectItem;
  select: Select;
  /** The `*` reaches the statement's result (not pruned by a consumer that names columns). */
  reachesResult: boolean;
  /** Relations the star expands, in order (undefined entries: unknown columns). */
  relations: Relation[];
}

export interface Relation {
  alias: string;
  kind: 'table' | 'derived' | 'function';
  /** Known output columns (tables: catalog columns then partition keys). */
  columns?: string[];
  table?: CatalogTable;
  ref?: TableRef;
  /** Derived relations: the query and how to push into it. */
  query?: Query;
  columnAliases?: string[];
  viaView?: string;
}

export interface Resolution {
  relation: Relation;
  column: string;
  /** Column type when the relation is a catalog table. */
  type?: string;
}

export interface Analysis {
  uses: TableUse[];
  stars: StarUse[];
  /** Column references in predicates, ORDER BY and select lists, resolved. */
  resolved: Map<ColumnRef, Resolution>;
  /** Selects with their relations (for rules that look at clauses). */
  selects: { select: Select; relations: Relation[] }[];
}

type Need = Set<string> | 'all';

interface Pushed {
  column: string;
  c: Constraint;
}

interface Env {
  catalog: Catalog;
  dialect: SqlDialect;
  out: Analysis;
  views: Set<string>;
  depth: number;
  /** While inside a view's query: the reference to the view in the analysed statement. */
  viewRef?: TableRef;
  /** Output names per query body (a body's CTE scope is lexical, so the names never change). */
  names: Map<QueryBody, (string | undefined)[] | undefined>;
}

/** Analyse a statement's queries (cached by the caller per statement). */
export function analyzeStatement(st: Statement, catalog: Catalog, dialect: SqlDialect): Analysis {
  const out: Analysis = { uses: [], stars: [], resolved: new Map(), selects: [] };
  const env: Env = { catalog, dialect, out, views: new Set(), depth: 0, names: new Map() };
  switch (st.type) {
    case 'query':
    case 'unload':
      analyzeQuery(st.query, new Map(), [], 'all', env, undefined, false);
      break;
    case 'insert':
      if (st.query) analyzeQuery(st.query, new Map(), [], 'all', env, undefined, false);
      break;
    case 'create-table':
      if (st.query) analyzeQuery(st.query, new Map(), [], 'all', env, undefined, false);
      break;
    case 'create-view':
      analyzeQuery(st.query, new Map(), [], 'all', env, undefined, true);
      break;
    case 'explain':
      if (st.inner) return analyzeStatement(st.inner, catalog, dialect);
      break;
    case 'dml': {
      const rel = tableRelation(st.table, env, undefined);
      const sel: Select = {
        type: 'select',
        distinct: false,
        items: [],
        from: [st.table],
        groupBy: [],
        grouped: false,
        start: st.start,
        end: st.end,
      };
      if (st.where) sel.where = st.where;
      analyzeSelectWith(sel, [rel], new Map(), [], new Set(), env, undefined, false);
      break;
    }
    default:
      break;
  }
  return out;
}

interface CteDef {
  query: Query;
  columns?: string[];
}

function analyzeQuery(
  q: Query,
  outerCtes: Map<string, CteDef>,
  pushed: Pushed[],
  need: Need,
  env: Env,
  viaView: string | undefined,
  unused: boolean,
  outer?: Relation[],
): void {
  if (++env.depth > 60) {
    env.depth--;
    return;
  }
  const ctes = new Map(outerCtes);
  const referenced = new Set<string>();
  for (const c of q.with) {
    const def: CteDef = { query: c.query };
    if (c.columns) def.columns = c.columns.map((i) => i.name);
    ctes.set(c.name.name, def);
  }
  // ORDER BY columns are needed outputs too.
  const orderRefs = q.orderBy.flatMap((o) => columnRefs(o.expr));
  const bodyNeed: Need = need === 'all' ? 'all' : new Set([...need, ...orderRefs.map(lastName)]);
  analyzeBody(q.body, ctes, pushed, bodyNeed, env, viaView, unused, referenced, outer);
  if (q.body.type === 'select') {
    const rels = env.out.selects.find((s) => s.select === q.body)?.relations ?? [];
    for (const r of orderRefs) resolveRef(r, rels, env, outer, q.body);
  }
  // CTEs nobody reads: analysed for their own findings, but not executed.
  for (const c of q.with) {
    if (!referenced.has(c.name.name) && !usedLater(c.name.name, q))
      analyzeQuery(c.query, ctes, [], new Set(), env, viaView, true, outer);
  }
  env.depth--;
}

/** Whether a CTE name is read anywhere in the query's text structure (covers references from other CTEs). */
function usedLater(name: string, q: Query): boolean {
  let found = false;
  const visitFrom = (f: FromItem): void => {
    if (found) return;
    if (f.type === 'table') {
      if (f.name.length === 1 && f.name[0]?.name === name) found = true;
    } else if (f.type === 'derived') visitQuery(f.query);
    else if (f.type === 'join') {
      visitFrom(f.left);
      visitFrom(f.right);
      if (f.on) visitExpr(f.on);
    } else for (const a of f.args) visitExpr(a);
  };
  const visitExpr = (e: Expr): void => {
    if (found) return;
    forEachSubquery(e, visitQuery);
  };
  const visitBody = (b: QueryBody): void => {
    if (b.type === 'select') {
      b.from.forEach(visitFrom);
      for (const i of b.items) visitExpr(i.expr);
      if (b.where) visitExpr(b.where);
      if (b.having) visitExpr(b.having);
    } else if (b.type === 'setop') {
      visitBody(b.left);
      visitBody(b.right);
    } else if (b.type === 'paren') visitQuery(b.query);
  };
  const visitQuery = (x: Query): void => {
    for (const c of x.with) visitQuery(c.query);
    visitBody(x.body);
  };
  visitQuery(q);
  return found;
}

function analyzeBody(
  b: QueryBody,
  ctes: Map<string, CteDef>,
  pushed: Pushed[],
  need: Need,
  env: Env,
  viaView: string | undefined,
  unused: boolean,
  referenced: Set<string>,
  outer: Relation[] | undefined,
): void {
  if (b.type === 'select') analyzeSelect(b, ctes, pushed, need, env, viaView, unused, referenced, outer);
  else if (b.type === 'paren') analyzeQuery(b.query, ctes, pushed, need, env, viaView, unused, outer);
  else if (b.type === 'setop') {
    // Outputs of the right branch are named by the left branch: push by position.
    const leftNames = outputNames(b.left, ctes, env);
    const rightNames = outputNames(b.right, ctes, env);
    const mapTo = (names: (string | undefined)[] | undefined, p: Pushed[]): Pushed[] => {
      if (!names || !leftNames) return [];
      return p.flatMap((x) => {
        const i = leftNames.indexOf(x.column);
        const n = i >= 0 ? names[i] : undefined;
        return n ? [{ column: n, c: x.c }] : [];
      });
    };
    const needFor = (names: (string | undefined)[] | undefined): Need => {
      if (need === 'all' || b.op !== 'UNION' || !names || !leftNames) return 'all';
      return new Set([...need].map((n) => names[leftNames.indexOf(n)]).filter((x): x is string => !!x));
    };
    // INTERSECT/EXCEPT and UNION DISTINCT compare whole rows: every column is needed.
    const setNeed = b.op === 'UNION' && b.all ? undefined : 'all';
    analyzeBody(
      b.left,
      ctes,
      mapTo(leftNames, pushed),
      setNeed ?? needFor(leftNames),
      env,
      viaView,
      unused,
      referenced,
      outer,
    );
    analyzeBody(
      b.right,
      ctes,
      mapTo(rightNames, pushed),
      setNeed ?? needFor(rightNames),
      env,
      viaView,
      unused,
      referenced,
      outer,
    );
  } else {
    for (const r of b.rows)
      forEachSubquery(r, (q) => analyzeQuery(q, ctes, [], 'all', env, viaView, unused, outer));
  }
}

/** Output column names of a query body, when known (undefined entries for unnamed expressions). */
function outputNames(b: QueryBody, ctes: Map<string, CteDef>, env: Env): (string | undefined)[] | undefined {
  if (env.names.has(b)) return env.names.get(b);
  env.names.set(b, undefined); // a recursive CTE reading itself has unknown names
  const names = computeOutputNames(b, ctes, env);
  env.names.set(b, names);
  return names;
}

function computeOutputNames(
  b: QueryBody,
  ctes: Map<string, CteDef>,
  env: Env,
): (string | undefined)[] | undefined {
  if (b.type === 'paren') return outputNames(b.query.body, new Map([...ctes, ...cteMap(b.query)]), env);
  if (b.type === 'setop') return outputNames(b.left, ctes, env);
  if (b.type === 'values') return undefined;
  const rels = b.from.length > 0 ? relationsOf(b.from, ctes, env, undefined, new Set(), true) : [];
  const out: (string | undefined)[] = [];
  for (const it of b.items) {
    if (it.expr.type === 'star') {
      const cover = starRelations(it.expr.qualifier, rels);
      for (const r of cover) {
        if (!r.columns) return undefined;
        out.push(...r.columns);
      }
      continue;
    }
    out.push(itemName(it));
  }
  return out;
}

function cteMap(q: Query): [string, CteDef][] {
  return q.with.map((c) => [
    c.name.name,
    c.columns ? { query: c.query, columns: c.columns.map((i) => i.name) } : { query: c.query },
  ]);
}

function itemName(it: SelectItem): string | undefined {
  if (it.alias) return it.alias.name;
  if (it.expr.type === 'column') return lastName(it.expr);
  return undefined;
}

function lastName(r: ColumnRef): string {
  return (r.parts[r.parts.length - 1] as Ident).name;
}

function tableRelation(ref: TableRef, env: Env, viaView: string | undefined): Relation {
  const parts = ref.name.map((p) => p.name);
  const alias = ref.alias?.name ?? parts[parts.length - 1] ?? '';
  const table = env.catalog.resolve(parts, { dialect: env.dialect });
  const rel: Relation = { alias, kind: 'table', ref };
  if (viaView) rel.viaView = viaView;
  if (table) {
    rel.table = table;
    if (!table.view && table.columns.length > 0) {
      rel.columns = [
        ...table.columns.map((c) => c.name),
        ...(table.iceberg ? [] : table.partitionKeys.map((c) => c.name)),
      ];
    }
  }
  if (ref.columnAliases && rel.columns) rel.columnAliases = ref.columnAliases.map((c) => c.name);
  if (ref.columnAliases) rel.columns = ref.columnAliases.map((c) => c.name);
  return rel;
}

/** The relations of a FROM list (tables, CTE references, subqueries, views, UNNEST). */
function relationsOf(
  from: FromItem[],
  ctes: Map<string, CteDef>,
  env: Env,
  viaView: string | undefined,
  referenced: Set<string>,
  namesOnly = false,
): Relation[] {
  const out: Relation[] = [];
  const visit = (f: FromItem) => {
    if (f.type === 'join') {
      visit(f.left);
      visit(f.right);
      return;
    }
    if (f.type === 'function') {
      const rel: Relation = { alias: f.alias?.name ?? '', kind: 'function' };
      if (f.columnAliases) rel.columns = f.columnAliases.map((c) => c.name);
      out.push(rel);
      return;
    }
    if (f.type === 'derived') {
      const rel: Relation = { alias: f.alias?.name ?? '', kind: 'derived', query: f.query };
      const names = f.columnAliases
        ? f.columnAliases.map((c) => c.name)
        : outputNames(f.query.body, new Map([...ctes, ...cteMap(f.query)]), env);
      if (names && names.every((n) => n !== undefined)) rel.columns = names as string[];
      if (f.columnAliases) rel.columnAliases = f.columnAliases.map((c) => c.name);
      if (viaView) rel.viaView = viaView;
      out.push(rel);
      return;
    }
    const parts = f.name.map((p) => p.name);
    const cte = parts.length === 1 ? ctes.get(parts[0] as string) : undefined;
    if (cte) {
      if (!namesOnly) referenced.add(parts[0] as string);
      const rel: Relation = {
        alias: f.alias?.name ?? (parts[0] as string),
        kind: 'derived',
        query: cte.query,
        ref: f,
      };
      const names = f.columnAliases
        ? f.columnAliases.map((c) => c.name)
        : (cte.columns ?? outputNames(cte.query.body, new Map([...ctes, ...cteMap(cte.query)]), env));
      if (names && names.every((n) => n !== undefined)) rel.columns = names as string[];
      if (cte.columns || f.columnAliases)
        rel.columnAliases = (f.columnAliases?.map((c) => c.name) ?? cte.columns) as string[];
      if (viaView) rel.viaView = viaView;
      out.push(rel);
      return;
    }
    const rel = tableRelation(f, env, viaView);
    if (rel.table?.view && !env.views.has(rel.table.name)) {
      rel.kind = 'derived';
      rel.query = rel.table.view.query;
      rel.viaView = viaView ?? rel.table.name;
      const names = outputNames(rel.query.body, new Map(cteMap(rel.query)), env);
      if (names && names.every((n) => n !== undefined)) rel.columns = names as string[];
    }
    out.push(rel);
  };
  for (const f of from) visit(f);
  return out;
}

/** Relations a `*` or `t.*` covers. */
function starRelations(qualifier: Ident[] | undefined, rels: Relation[]): Relation[] {
  if (!qualifier) return rels.filter((r) => r.kind !== 'function' || r.alias);
  const q = (qualifier[qualifier.length - 1] as Ident).name;
  return rels.filter(
    (r) => r.alias === q || (r.ref && r.ref.name[r.ref.name.length - 1]?.name === q && !r.ref.alias),
  );
}

function analyzeSelect(
  s: Select,
  ctes: Map<string, CteDef>,
  pushed: Pushed[],
  need: Need,
  env: Env,
  viaView: string | undefined,
  unused: boolean,
  referenced: Set<string>,
  outer: Relation[] | undefined,
): void {
  const rels = relationsOf(s.from, ctes, env, viaView, referenced);
  analyzeSelectWith(s, rels, ctes, pushed, need, env, viaView, unused, outer);
}

function analyzeSelectWith(
  s: Select,
  rels: Relation[],
  ctes: Map<string, CteDef>,
  pushed: Pushed[],
  need: Need,
  env: Env,
  viaView: string | undefined,
  unused: boolean,
  outer?: Relation[],
): void {
  env.out.selects.push({ select: s, relations: rels });
  const constraints = new Map<Relation, Pushed[]>();
  const used = new Map<Relation, Need>();
  const addUse = (r: Relation, col: string | 'all') => {
    const cur = used.get(r);
    if (cur === 'all') return;
    if (col === 'all') used.set(r, 'all');
    else {
      const set = cur ?? new Set<string>();
      set.add(col);
      used.set(r, set);
    }
  };
  const addConstraint = (r: Relation, column: string, c: Constraint) => {
    const list = constraints.get(r) ?? [];
    list.push({ column, c });
    constraints.set(r, list);
  };
  const resolve = (ref: ColumnRef) => resolveRef(ref, rels, env, outer, s);

  // Local predicates: WHERE, and ON of joins by kind.
  const conjuncts: { e: Expr; only?: Set<Relation> }[] = [];
  if (s.where) for (const c of splitAnd(s.where)) conjuncts.push({ e: c });
  const joinVisit = (f: FromItem): Relation[] => {
    if (f.type === 'join') {
      const l = joinVisit(f.left);
      const r = joinVisit(f.right);
      if (f.on) {
        const only =
          f.kind === 'left'
            ? new Set(r)
            : f.kind === 'right'
              ? new Set(l)
              : f.kind === 'full'
                ? new Set<Relation>()
                : undefined;
        for (const c of splitAnd(f.on)) conjuncts.push(only ? { e: c, only } : { e: c });
      }
      return [...l, ...r];
    }
    const rel = rels.find(
      (x) => x.ref === f || (x.kind === 'derived' && f.type === 'derived' && x.query === f.query),
    );
    return rel ? [rel] : [];
  };
  for (const f of s.from) joinVisit(f);

  for (const { e, only } of conjuncts) {
    const refs = columnRefs(e);
    const byRel = new Map<Relation, ColumnRef[]>();
    let unresolved = false;
    for (const r of refs) {
      const res = resolve(r);
      if (!res) {
        unresolved = true;
        continue;
      }
      if (!rels.includes(res.relation)) continue; // outer (correlated) reference: a value here
      addUse(res.relation, res.column);
      const list = byRel.get(res.relation) ?? [];
      list.push(r);
      byRel.set(res.relation, list);
    }
    if (byRel.size === 1 && !unresolved) {
      const [rel, rrefs] = [...byRel][0] as [Relation, ColumnRef[]];
      if (only && !only.has(rel)) continue;
      for (const col of new Set(rrefs.map((r) => env.out.resolved.get(r)?.column ?? lastName(r)))) {
        addConstraint(rel, col, {
          pred: e,
          refs: rrefs.filter((r) => (env.out.resolved.get(r)?.column ?? lastName(r)) === col),
        });
      }
    } else if (
      byRel.size === 2 &&
      e.type === 'binary' &&
      e.op === '=' &&
      e.left.type === 'column' &&
      e.right.type === 'column'
    ) {
      for (const side of [e.left, e.right]) {
        const res = env.out.resolved.get(side);
        if (res && (!only || only.has(res.relation)))
          addConstraint(res.relation, res.column, { pred: e, refs: [side], dynamic: true });
      }
    } else if (unresolved && byRel.size === 0 && rels.length > 1) {
      // Unknown columns with several relations: constrain every relation that could own the name.
      for (const r of refs) {
        const n = lastName(r);
        for (const rel of rels)
          if (!rel.columns && (!only || only.has(rel))) addConstraint(rel, n, { pred: e, refs: [r] });
      }
    }
  }

  // Pushed predicates from the consumer, on this select's output columns.
  for (const p of pushed) {
    const item = s.items.find((it) => itemName(it) === p.column && it.expr.type === 'column');
    if (item && item.expr.type === 'column') {
      const res = resolve(item.expr);
      if (res && rels.includes(res.relation)) {
        const refs = p.c.refs;
        addConstraint(res.relation, res.column, { ...p.c, refs });
      }
      continue;
    }
    if (s.items.some((it) => itemName(it) === p.column)) continue; // an expression: not pushable
    // Through a star: the relation that has the column.
    for (const it of s.items) {
      if (it.expr.type !== 'star') continue;
      for (const r of starRelations(it.expr.qualifier, rels)) {
        const cols = r.columns;
        if (cols ? cols.includes(p.column) : starRelations(it.expr.qualifier, rels).length === 1)
          addConstraint(r, p.column, p.c);
      }
    }
  }

  // Column usage: select items, GROUP BY, HAVING (WHERE/ON refs were added above).
  const needAll = need === 'all';
  for (const it of s.items) {
    if (it.expr.type === 'star') {
      const cover = starRelations(it.expr.qualifier, rels);
      env.out.stars.push({ item: it, select: s, reachesResult: needAll && !unused, relations: cover });
      for (const r of cover) {
        if (needAll) addUse(r, 'all');
        else {
          for (const n of need) if (!r.columns || r.columns.includes(n)) addUse(r, n);
        }
      }
      continue;
    }
    const name = itemName(it);
    if (!needAll && name !== undefined && !need.has(name) && s.groupBy.length === 0 && !s.distinct) {
      // An output nobody reads: the engine prunes it (still resolve its references).
      for (const r of columnRefs(it.expr)) resolve(r);
      continue;
    }
    for (const r of columnRefs(it.expr)) {
      const res = resolve(r);
      if (res && rels.includes(res.relation)) addUse(res.relation, res.column);
    }
  }
  for (const e of [...s.groupBy, ...(s.having ? [s.having] : [])])
    for (const r of columnRefs(e)) {
      const res = resolve(r);
      if (res && rels.includes(res.relation)) addUse(res.relation, res.column);
    }
  // JOIN ON columns are read too (even when not a constraint for pruning).
  for (const { e } of conjuncts)
    for (const r of columnRefs(e)) {
      const res = env.out.resolved.get(r);
      if (res && rels.includes(res.relation)) addUse(res.relation, res.column);
    }

  // Subqueries in expressions: independent queries (correlated refs see this select's relations).
  const exprs: Expr[] = [...s.items.map((i) => i.expr), ...s.groupBy];
  if (s.where) exprs.push(s.where);
  if (s.having) exprs.push(s.having);
  for (const { e } of conjuncts) if (!exprs.includes(e)) exprs.push(e);
  for (const e of exprs)
    forEachSubqueryWithNeed(e, (q, n) =>
      analyzeQuery(q, ctes, [], n, env, viaView, unused, [...rels, ...(outer ?? [])]),
    );

  // Recurse into relations.
  for (const r of rels) {
    const pushedHere = constraints.get(r) ?? [];
    const rNeed = used.get(r) ?? new Set<string>();
    if (r.kind === 'table') {
      const map = new Map<string, Constraint[]>();
      for (const p of pushedHere) {
        const list = map.get(p.column) ?? [];
        list.push(p.c);
        map.set(p.column, list);
      }
      const use: TableUse = {
        ref: (r.viaView && env.viewRef) || (r.ref as TableRef),
        constraints: map,
        columns: rNeed,
      };
      if (r.table) use.table = r.table;
      if (r.viaView) use.viaView = r.viaView;
      if (unused) use.unused = true;
      env.out.uses.push(use);
    } else if (r.kind === 'derived' && r.query) {
      const innerPushed = r.columnAliases
        ? mapAliases(pushedHere, r.columnAliases, r.query, ctes, env)
        : pushedHere;
      const innerNeed =
        rNeed === 'all' || !r.columnAliases ? rNeed : mapNeed(rNeed, r.columnAliases, r.query, ctes, env);
      if (r.viaView && r.table?.view) {
        env.views.add(r.table.name);
        const outerRef = env.viewRef;
        if (!outerRef && r.ref) env.viewRef = r.ref;
        analyzeQuery(r.query, new Map(), innerPushed, innerNeed, env, r.viaView, unused);
        env.viewRef = outerRef;
        env.views.delete(r.table.name);
      } else analyzeQuery(r.query, ctes, innerPushed, innerNeed, env, r.viaView, unused);
    }
  }
}

/** Column aliases rename the inner outputs positionally. */
function mapAliases(p: Pushed[], aliases: string[], q: Query, ctes: Map<string, CteDef>, env: Env): Pushed[] {
  const inner = outputNames(q.body, new Map([...ctes, ...cteMap(q)]), env);
  if (!inner) return [];
  return p.flatMap((x) => {
    const i = aliases.indexOf(x.column);
    const n = i >= 0 ? inner[i] : undefined;
    return n ? [{ column: n, c: x.c }] : [];
  });
}

function mapNeed(need: Set<string>, aliases: string[], q: Query, ctes: Map<string, CteDef>, env: Env): Need {
  const inner = outputNames(q.body, new Map([...ctes, ...cteMap(q)]), env);
  if (!inner) return 'all';
  return new Set([...need].map((n) => inner[aliases.indexOf(n)]).filter((x): x is string => !!x));
}

/** Resolve a column reference against a select's relations (then outer ones). Records the result. */
function resolveRef(
  ref: ColumnRef,
  rels: Relation[],
  env: Env,
  outer: Relation[] | undefined,
  s?: Select,
): Resolution | undefined {
  const known = env.out.resolved.get(ref);
  if (known) return known;
  const res = resolveIn(ref, rels) ?? (outer ? resolveIn(ref, outer) : undefined);
  if (!res && s && ref.parts.length === 1) {
    // An alias of the select list (ORDER BY / GROUP BY / HAVING in Athena and MySQL).
    return undefined;
  }
  if (res) env.out.resolved.set(ref, res);
  return res;
}

function resolveIn(ref: ColumnRef, rels: Relation[]): Resolution | undefined {
  const col = lastName(ref);
  const with_ = (relation: Relation): Resolution => {
    const r: Resolution = { relation, column: col };
    const t =
      relation.table?.columns.find((c) => c.name === col) ??
      relation.table?.partitionKeys.find((c) => c.name === col);
    if (t?.type && relation.kind === 'table') r.type = t.type;
    return r;
  };
  if (ref.parts.length >= 2) {
    const q = (ref.parts[ref.parts.length - 2] as Ident).name;
    const rel =
      rels.find((r) => r.alias === q) ??
      rels.find((r) => !r.ref?.alias && r.ref && r.ref.name[r.ref.name.length - 1]?.name === q);
    return rel ? with_(rel) : undefined;
  }
  const owners = rels.filter((r) => r.columns?.includes(col));
  if (owners.length === 1) return with_(owners[0] as Relation);
  if (owners.length > 1) return undefined;
  const unknown = rels.filter((r) => !r.columns && r.kind !== 'function');
  if (unknown.length === 1) return with_(unknown[0] as Relation);
  return undefined;
}

// ---------------------------------------------------------------- expression helpers

/** Split a predicate into its top-level AND conjuncts (through parentheses). */
export function splitAnd(e: Expr): Expr[] {
  if (e.type === 'binary' && e.op === 'AND') return [...splitAnd(e.left), ...splitAnd(e.right)];
  if (e.type === 'paren') {
    const inner = splitAnd(e.expr);
    return inner.length > 1 ? inner : [e];
  }
  return [e];
}

/** Column references in an expression, not descending into subqueries. */
export function columnRefs(e: Expr): ColumnRef[] {
  const out: ColumnRef[] = [];
  forEachExpr(e, (x) => {
    if (x.type === 'column') out.push(x);
    return x.type !== 'subquery' && x.type !== 'exists' && !(x.type === 'in' && x.query);
  });
  if (e.type === 'in' && e.query) out.push(...columnRefs(e.expr));
  return out;
}

/** Depth-first walk over an expression's children (return false to skip a node's children). */
export function forEachExpr(e: Expr, visit: (x: Expr) => boolean | void): void {
  if (visit(e) === false) return;
  for (const c of childrenOf(e)) forEachExpr(c, visit);
}

export function childrenOf(e: Expr): Expr[] {
  switch (e.type) {
    case 'call':
      return e.args;
    case 'cast':
    case 'extract':
    case 'unary':
    case 'paren':
      return [e.expr];
    case 'binary':
      return [e.left, e.right];
    case 'between':
      return [e.expr, e.low, e.high];
    case 'in':
      return [e.expr, ...(e.list ?? [])];
    case 'is':
      return e.right ? [e.expr, e.right] : [e.expr];
    case 'case':
      return [
        ...(e.operand ? [e.operand] : []),
        ...e.whens.flatMap((w) => [w.when, w.then]),
        ...(e.else ? [e.else] : []),
      ];
    case 'other':
      return e.children;
    default:
      return [];
  }
}

/** Every subquery directly inside an expression (not inside nested subqueries). */
export function forEachSubquery(e: Expr, visit: (q: Query) => void): void {
  forEachSubqueryWithNeed(e, (q) => visit(q));
}

function forEachSubqueryWithNeed(e: Expr, visit: (q: Query, need: Need) => void): void {
  forEachExpr(e, (x) => {
    if (x.type === 'subquery') {
      visit(x.query, 'all');
      return false;
    }
    if (x.type === 'exists') {
      visit(x.query, new Set());
      return false;
    }
    if (x.type === 'in' && x.query) {
      forEachSubqueryWithNeed(x.expr, visit);
      visit(x.query, 'all');
      return false;
    }
    return true;
  });
}

/** Every query in a statement (top-level and nested), for rules that look at clauses. */
export function queriesOf(st: Statement): Query[] {
  const out: Query[] = [];
  const visitQuery = (q: Query) => {
    out.push(q);
    for (const c of q.with) visitQuery(c.query);
    visitBody(q.body);
  };
  const visitExpr = (e: Expr) => forEachSubquery(e, visitQuery);
  const visitFrom = (f: FromItem) => {
    if (f.type === 'derived') visitQuery(f.query);
    else if (f.type === 'join') {
      visitFrom(f.left);
      visitFrom(f.right);
      if (f.on) visitExpr(f.on);
    } else if (f.type === 'function') f.args.forEach(visitExpr);
  };
  const visitBody = (b: QueryBody) => {
    if (b.type === 'select') {
      b.items.forEach((i) => visitExpr(i.expr));
      b.from.forEach(visitFrom);
      if (b.where) visitExpr(b.where);
      if (b.having) visitExpr(b.having);
    } else if (b.type === 'setop') {
      visitBody(b.left);
      visitBody(b.right);
    } else if (b.type === 'paren') visitQuery(b.query);
    else b.rows.forEach(visitExpr);
  };
  switch (st.type) {
    case 'query':
    case 'unload':
    case 'create-view':
      visitQuery(st.query);
      break;
    case 'insert':
    case 'create-table':
      if (st.query) visitQuery(st.query);
      break;
    case 'explain':
      if (st.inner) out.push(...queriesOf(st.inner));
      break;
    default:
      break;
  }
  return out;
}

/** Selects of a query body (every branch of set operations). */
export function selectsOf(b: QueryBody): Select[] {
  if (b.type === 'select') return [b];
  if (b.type === 'setop') return [...selectsOf(b.left), ...selectsOf(b.right)];
  if (b.type === 'paren') return selectsOf(b.query.body);
  return [];
}
