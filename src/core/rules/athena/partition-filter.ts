/**
 * athena/partition-filter: a query reads a partitioned table and no predicate lets Athena prune its partitions.
 * Judged per table reference through joins, CTEs, subqueries and views, with predicate pushdown. Suggestion:
 * when the query bounds a date column with literals, add the matching partition predicate beside it.
 */
import { tableLabel, type CatalogTable } from '../../catalog/catalog';
import { createRule, type RuleContext } from '../../engine/rule';
import type { Fix } from '../../model/types';
import {
  columnRefs,
  splitAnd,
  sqlStatementsOf,
  unitEdit,
  type Analysis,
  type ColumnRef,
  type Constraint,
  type Expr,
  type Relation,
  type SqlStatement,
  type TableRef,
  type TableUse,
} from '../../sql';
import { addDays, compareYmd, dateOfLiteral, daysIn, typeClass, ymdText, type Ymd } from '../../sql/dates';

export const athenaPartitionFilter = createRule(
  {
    id: 'athena/partition-filter',
    description: 'Queries on partitioned tables without a filter on a partition key',
    defaultSeverity: 'warning',
    fix: 'never',
    hasSuggestions: true,
    languages: ['sql', 'python', 'javascript', 'typescript', 'tsx'],
    why:
      'Without an equality, IN, range or BETWEEN on a partition key Athena lists and reads every partition; ' +
      'partition pruning cuts the data scanned by 90% or more.',
    target: 'data scanned < 1 GB per query',
  },
  check,
);

function check(ctx: RuleContext): void {
  for (const st of sqlStatementsOf(ctx.workspace, ctx.file)) {
    if (st.unit.dialect !== 'athena') continue;
    const a = st.analysis();
    const byRef = new Map<TableRef, TableUse[]>();
    for (const u of a.uses) {
      if (u.unused || !u.table || u.table.partitionKeys.length === 0 || u.table.view) continue;
      const list = byRef.get(u.ref) ?? [];
      list.push(u);
      byRef.set(u.ref, list);
    }
    const reported = new Set<TableRef>();
    for (const [ref, uses] of byRef) {
      const open = uses.find((u) => !prunes(u));
      if (!open || reported.has(ref)) continue;
      reported.add(ref);
      const table = open.table as CatalogTable;
      const keys = table.partitionKeys.map((k) => k.name).join(', ');
      const via = open.viaView ? ` (through view ${open.viaView})` : '';
      const suggestion = open.viaView ? undefined : suggest(ctx, st, a, ref, table);
      ctx.report({
        message:
          `Query reads partitioned table ${tableLabel(table)}${via} without a filter on its partition keys ` +
          `(${keys}), so Athena scans every partition`,
        startOffset: st.host(ref.nameSpan.start),
        endOffset: st.host(ref.nameSpan.end),
        ...(suggestion ? { suggestions: [suggestion] } : {}),
      });
    }
  }
}

/** Some constraint on a partition key bounds it (or filters it dynamically through a join). */
export function prunes(u: TableUse): boolean {
  const t = u.table;
  if (!t) return true;
  const keys = new Set(t.partitionKeys.map((k) => k.name));
  for (const k of keys) {
    for (const c of u.constraints.get(k) ?? []) if (bounds(c, keys)) return true;
  }
  return false;
}

function bounds(c: Constraint, keys: Set<string>): boolean {
  if (c.dynamic) return true;
  const e = c.pred;
  if (e.type === 'is' && !e.right) return false; // IS [NOT] NULL keeps (nearly) every partition
  if (e.type === 'unary' && e.op === 'NOT') return false;
  // Every column of the conjunct must be a partition key (a disjunction with a data column cannot prune).
  const own = new Set(c.refs);
  for (const r of columnRefs(e)) {
    if (own.has(r)) continue;
    const n = (r.parts[r.parts.length - 1] as { name: string }).name;
    if (!keys.has(n)) return false;
  }
  return true;
}

// ---------------------------------------------------------------- suggestion

interface Bound {
  lo?: Ymd;
  /** Inclusive upper date. */
  hi?: Ymd;
  /** The last conjunct that bounds the date column (the insertion point). */
  after: Expr;
}

function suggest(
  ctx: RuleContext,
  st: SqlStatement,
  a: Analysis,
  ref: TableRef,
  table: CatalogTable,
): Fix | undefined {
  const sel = a.selects.find((s) => s.relations.some((r) => r.ref === ref));
  if (!sel?.select.where) return undefined;
  const rel = sel.relations.find((r) => r.ref === ref) as Relation;
  const keys = new Set(table.partitionKeys.map((k) => k.name));
  const bound = dateBound(splitAnd(sel.select.where), a, rel, keys);
  if (!bound || (!bound.lo && !bound.hi)) return undefined;
  const qualify =
    sel.relations.length > 1 ? (ref.alias?.text ?? ref.name[ref.name.length - 1]?.text ?? '') : '';
  const col = (name: string) => (qualify ? `${qualify}.${name}` : name);
  const pred = partitionPredicate(table, bound, col);
  if (!pred) return undefined;
  const edit = unitEdit(ctx.file, st.unit, bound.after.end, bound.after.end, ` AND ${pred}`);
  if (!edit) return undefined;
  return { title: `Add the partition filter ${pred}`, edits: [edit] };
}

function dateBound(conjuncts: Expr[], a: Analysis, rel: Relation, keys: Set<string>): Bound | undefined {
  let lo: Ymd | undefined;
  let hi: Ymd | undefined;
  let after: Expr | undefined;
  let column: string | undefined;
  const isDateCol = (e: Expr): e is ColumnRef => {
    if (e.type !== 'column') return false;
    const res = a.resolved.get(e);
    if (!res || res.relation !== rel || keys.has(res.column)) return false;
    if (column && res.column !== column) return false;
    const cls = typeClass(res.type);
    return (
      cls === 'date' ||
      cls === 'timestamp' ||
      (cls === 'unknown' && /date|time|_at$|_on$|day/.test(res.column))
    );
  };
  const take = (colExpr: ColumnRef, l?: Ymd, h?: Ymd) => {
    const res = a.resolved.get(colExpr);
    column = res?.column;
    if (l && (!lo || compareYmd(l, lo) > 0)) lo = l;
    if (h && (!hi || compareYmd(h, hi) < 0)) hi = h;
  };
  for (const c of conjuncts) {
    if (c.type === 'between' && !c.not && isDateCol(c.expr)) {
      const l = dateOfLiteral(c.low);
      const h = dateOfLiteral(c.high);
      if (l && h) {
        take(c.expr, l, h);
        after = c;
      }
      continue;
    }
    if (c.type !== 'binary') continue;
    let op = c.op;
    let colE: Expr = c.left;
    let lit: Expr = c.right;
    if (!isDateCol(colE)) {
      colE = c.right;
      lit = c.left;
      op = flip(op);
    }
    if (!isDateCol(colE)) continue;
    const d = dateOfLiteral(lit);
    if (!d) continue;
    const day: Ymd = { y: d.y, m: d.m, d: d.d };
    if (op === '=') take(colE, day, day);
    else if (op === '>=' || op === '>') take(colE, day, undefined);
    else if (op === '<=') take(colE, undefined, day);
    else if (op === '<') take(colE, undefined, d.time ? day : addDays(day, -1));
    else continue;
    after = c;
  }
  if (!after) return undefined;
  const b: Bound = { after };
  if (lo) b.lo = lo;
  if (hi) b.hi = hi;
  return b;
}

function flip(op: string): string {
  return op === '<' ? '>' : op === '>' ? '<' : op === '<=' ? '>=' : op === '>=' ? '<=' : op;
}

/** The predicate on the table's partition keys matching a date range, or undefined for other schemes. */
function partitionPredicate(table: CatalogTable, b: Bound, col: (n: string) => string): string | undefined {
  const key = (n: string) => table.partitionKeys.find((k) => k.name === n);
  const year = key('year');
  if (year) {
    const month = key('month');
    const day = key('day');
    const lit = (k: { type: string }, v: number, pad: number) =>
      typeClass(k.type) === 'string' ? `'${String(v).padStart(pad, '0')}'` : String(v);
    const { lo, hi } = b;
    if (lo && hi) {
      if (compareYmd(lo, hi) > 0) return undefined;
      if (lo.y !== hi.y) return `${col('year')} BETWEEN ${lit(year, lo.y, 4)} AND ${lit(year, hi.y, 4)}`;
      const parts = [`${col('year')} = ${lit(year, lo.y, 4)}`];
      const wholeYear = lo.m === 1 && lo.d === 1 && hi.m === 12 && hi.d === 31;
      if (month && !wholeYear) {
        if (lo.m !== hi.m)
          parts.push(`${col('month')} BETWEEN ${lit(month, lo.m, 2)} AND ${lit(month, hi.m, 2)}`);
        else {
          parts.push(`${col('month')} = ${lit(month, lo.m, 2)}`);
          if (day && !(lo.d === 1 && hi.d === daysIn(hi.y, hi.m)))
            parts.push(
              lo.d === hi.d
                ? `${col('day')} = ${lit(day, lo.d, 2)}`
                : `${col('day')} BETWEEN ${lit(day, lo.d, 2)} AND ${lit(day, hi.d, 2)}`,
            );
        }
      }
      return parts.join(' AND ');
    }
    if (lo) return `${col('year')} >= ${lit(year, lo.y, 4)}`;
    if (hi) return `${col('year')} <= ${lit(year, hi.y, 4)}`;
    return undefined;
  }
  // A single date-valued key: dt, ds, date, event_date, … (date type or a 'YYYY-MM-DD' string).
  const dk = table.partitionKeys.find((k) => {
    const cls = typeClass(k.type);
    if (cls === 'date') return true;
    if (cls !== 'string' && cls !== 'unknown') return false;
    const dom = table.domains[k.name];
    if (dom && dom.length > 0) return /^\d{4}-\d{2}-\d{2}$/.test(String(dom[0]));
    return /^(dt|ds|date|day|.*_date|date_.*|partition_date)$/.test(k.name);
  });
  if (!dk) return undefined;
  const lit = (d: Ymd) => (typeClass(dk.type) === 'date' ? `DATE '${ymdText(d)}'` : `'${ymdText(d)}'`);
  const c = col(dk.name);
  if (b.lo && b.hi)
    return compareYmd(b.lo, b.hi) === 0
      ? `${c} = ${lit(b.lo)}`
      : `${c} BETWEEN ${lit(b.lo)} AND ${lit(b.hi)}`;
  if (b.lo) return `${c} >= ${lit(b.lo)}`;
  if (b.hi) return `${c} <= ${lit(b.hi)}`;
  return undefined;
}
