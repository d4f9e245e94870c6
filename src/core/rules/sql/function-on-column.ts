/**
 * sql/function-on-column: a filter or join condition wraps a column in a function and compares it with a
 * literal (`YEAR(c) = 2026`, `DATE(c) = …`, `date_trunc('day', c) = …`, `CAST(c AS DATE) = …`,
 * `date_format(c, …) = …`, `substr(c, 1, n) = …`). Safe fix where the rewrite is exact: a half-open range on
 * the bare column with literals of the column's type.
 */
import { createRule, type RuleContext } from '../../engine/rule';
import {
  forEachExpr,
  sqlStatementsOf,
  unitEdit,
  type Analysis,
  type ColumnRef,
  type Expr,
  type Select,
  type SqlStatement,
} from '../../sql';
import { addDays, addMonths, dateOfLiteral, parseYmd, typeClass, ymdText, type Ymd } from '../../sql/dates';

export const sqlFunctionOnColumn = createRule(
  {
    id: 'sql/function-on-column',
    description: 'Filters that wrap a column in a function before comparing it',
    defaultSeverity: 'warning',
    fix: 'sometimes',
    hasSuggestions: false,
    languages: ['sql', 'python', 'javascript', 'typescript', 'tsx'],
    why:
      'A function around a filtered column hides it from partition pruning, Parquet min/max statistics and ' +
      'MySQL indexes, so every row is read and the function evaluated; a range on the bare column is exact and prunes.',
  },
  check,
);

type Unit = 'year' | 'month' | 'day';

interface Wrapped {
  call: Expr;
  column: ColumnRef;
  fn: string;
  /** The calendar unit the function truncates to, when the rewrite to a range is exact. */
  unit?: Unit;
  /** substr(c, 1, n): a string prefix of length n. */
  prefixLength?: number;
  /** The column must be a date/timestamp for the rewrite (the function accepts only those). */
  temporalOnly?: boolean;
}

const COMPARE = new Set(['=', '<', '<=', '>', '>=', '<>']);

function check(ctx: RuleContext): void {
  for (const st of sqlStatementsOf(ctx.workspace, ctx.file)) {
    const a = st.analysis();
    const seen = new Set<Expr>();
    for (const { select, relations } of a.selects) {
      const preds = predicatesOf(select);
      for (const root of preds) {
        visitComparisons(root, (cmp, parentIsAnd) => {
          if (seen.has(cmp)) return;
          const hit = match(cmp);
          if (!hit) return;
          seen.add(cmp);
          const res = a.resolved.get(hit.w.column);
          // A function over an Athena partition key is evaluated on the partition values: it still prunes.
          if (
            st.unit.dialect === 'athena' &&
            res?.relation.table?.partitionKeys.some((k) => k.name === res.column) &&
            relations.includes(res.relation)
          )
            return;
          const colText = st.unit.text.slice(hit.w.column.start, hit.w.column.end);
          const callText = st.unit.text.slice(hit.w.call.start, hit.w.call.end);
          const unknown = hit.lits.some((l) => l.type === 'param');
          const fix = unknown ? undefined : rewrite(ctx, st, a, cmp, hit, colText, parentIsAnd);
          ctx.report({
            message:
              `Function on a filtered column: ${callText} hides ${colText} from partition pruning, ` +
              `file statistics and indexes; compare the bare column with a range` +
              (unknown ? ' (the compared value is interpolated and unknown here)' : ''),
            startOffset: st.host(hit.w.call.start),
            endOffset: st.host(hit.w.call.end),
            ...(fix ? { fix } : {}),
          });
        });
      }
    }
  }
}

function predicatesOf(s: Select): Expr[] {
  const out: Expr[] = [];
  if (s.where) out.push(s.where);
  if (s.having) out.push(s.having);
  const visit = (f: Select['from'][number]) => {
    if (f.type === 'join') {
      visit(f.left);
      visit(f.right);
      if (f.on) out.push(f.on);
    }
  };
  s.from.forEach(visit);
  return out;
}

/** Comparisons in a predicate (not inside subqueries), with whether the parent is an AND chain or the root. */
function visitComparisons(root: Expr, visit: (cmp: Expr, parentIsAnd: boolean) => void): void {
  const walk = (e: Expr, parentIsAnd: boolean) => {
    if (e.type === 'binary' && (e.op === 'AND' || e.op === 'OR')) {
      walk(e.left, e.op === 'AND' && parentIsAnd);
      walk(e.right, e.op === 'AND' && parentIsAnd);
      return;
    }
    if (e.type === 'paren') return walk(e.expr, true);
    if (e.type === 'unary' && e.op === 'NOT') return walk(e.expr, false);
    if ((e.type === 'binary' && COMPARE.has(e.op)) || e.type === 'between' || (e.type === 'in' && e.list)) {
      visit(e, parentIsAnd);
      return;
    }
    forEachExpr(e, (x) => {
      if (x === e) return true;
      if (x.type === 'subquery' || x.type === 'exists') return false;
      if ((x.type === 'binary' && COMPARE.has(x.op)) || x.type === 'between') {
        visit(x, false);
        return false;
      }
      return true;
    });
  };
  walk(root, true);
}

function isLiteral(e: Expr): boolean {
  if (e.type === 'literal' || e.type === 'param') return e.type === 'param' || e.kind !== 'null';
  if (e.type === 'cast') return isLiteral(e.expr);
  if (e.type === 'unary' && e.op === '-') return isLiteral(e.expr);
  return false;
}

function fnName(e: Expr): string | undefined {
  if (e.type !== 'call' || e.window) return undefined;
  return e.name.map((p) => p.name).join('.');
}

function unwrap(e: Expr): Wrapped | undefined {
  if (e.type === 'cast') {
    if (e.expr.type === 'column' && /^date$/i.test(e.typeName.trim()))
      return { call: e, column: e.expr, fn: 'cast', unit: 'day' };
    return undefined;
  }
  if (e.type === 'extract') {
    if (e.expr.type !== 'column') return undefined;
    const f = e.field.toLowerCase();
    return {
      call: e,
      column: e.expr,
      fn: 'extract',
      ...(f === 'year' ? { unit: 'year' as Unit, temporalOnly: true } : {}),
    };
  }
  const name = fnName(e);
  if (!name || e.type !== 'call') return undefined;
  const args = e.args;
  const col = (i: number) => {
    const x = args[i];
    return x?.type === 'column' ? x : undefined;
  };
  switch (name) {
    case 'year':
      return col(0) && args.length === 1
        ? { call: e, column: col(0)!, fn: name, unit: 'year', temporalOnly: true }
        : undefined;
    case 'month':
    case 'day':
    case 'dayofmonth':
    case 'day_of_month':
    case 'quarter':
    case 'week':
    case 'hour':
    case 'to_char':
    case 'lower':
    case 'upper':
      return col(0) && name !== 'lower' && name !== 'upper'
        ? { call: e, column: col(0)!, fn: name }
        : undefined;
    case 'date':
    case 'to_date':
      return col(0) && args.length === 1 ? { call: e, column: col(0)!, fn: name, unit: 'day' } : undefined;
    case 'date_trunc': {
      const u = args[0];
      const c = col(1);
      if (!c || u?.type !== 'literal' || u.kind !== 'string') return undefined;
      const unit = u.value.toLowerCase();
      const w: Wrapped = { call: e, column: c, fn: name, temporalOnly: true };
      if (unit === 'year' || unit === 'month' || unit === 'day') w.unit = unit;
      return w;
    }
    case 'date_format':
    case 'format_datetime': {
      const c = col(0);
      const f = args[1];
      if (!c || f?.type !== 'literal' || f.kind !== 'string') return undefined;
      const fmt = f.value;
      const unit: Unit | undefined =
        fmt === '%Y-%m-%d' || fmt === 'yyyy-MM-dd'
          ? 'day'
          : fmt === '%Y-%m' || fmt === 'yyyy-MM'
            ? 'month'
            : fmt === '%Y' || fmt === 'yyyy'
              ? 'year'
              : undefined;
      return { call: e, column: c, fn: name, temporalOnly: true, ...(unit ? { unit } : {}) };
    }
    case 'substr':
    case 'substring':
    case 'left': {
      const c = col(0);
      if (!c) return undefined;
      const start = name === 'left' ? '1' : args[1]?.type === 'literal' ? args[1].value : undefined;
      const len = name === 'left' ? args[1] : args[2];
      const n = len?.type === 'literal' && len.kind === 'number' ? Number(len.value) : undefined;
      return { call: e, column: c, fn: name, ...(start === '1' && n ? { prefixLength: n } : {}) };
    }
    default:
      return undefined;
  }
}

interface Hit {
  w: Wrapped;
  op: string;
  lits: Expr[];
}

function match(cmp: Expr): Hit | undefined {
  if (cmp.type === 'binary') {
    let w = unwrap(cmp.left);
    let other = cmp.right;
    let op = cmp.op;
    if (!w) {
      w = unwrap(cmp.right);
      other = cmp.left;
      op = op === '<' ? '>' : op === '>' ? '<' : op === '<=' ? '>=' : op === '>=' ? '<=' : op;
    }
    if (!w || !isLiteral(other)) return undefined;
    return { w, op, lits: [other] };
  }
  if (cmp.type === 'between') {
    const w = unwrap(cmp.expr);
    if (!w || !isLiteral(cmp.low) || !isLiteral(cmp.high)) return undefined;
    return { w, op: cmp.not ? 'NOT BETWEEN' : 'BETWEEN', lits: [cmp.low, cmp.high] };
  }
  if (cmp.type === 'in' && cmp.list) {
    const w = unwrap(cmp.expr);
    if (!w || !cmp.list.every(isLiteral)) return undefined;
    return { w, op: 'IN', lits: cmp.list };
  }
  return undefined;
}

/** The start of the unit a literal names, or undefined when the literal is not aligned to it. */
function unitStart(unit: Unit, fn: string, lit: Expr): Ymd | undefined {
  if (unit === 'year' && (fn === 'year' || fn === 'extract')) {
    if (lit.type !== 'literal' || lit.kind !== 'number' || !/^\d{4}$/.test(lit.value)) return undefined;
    return { y: Number(lit.value), m: 1, d: 1 };
  }
  let d: Ymd | undefined;
  if (fn === 'date_format' || fn === 'format_datetime') {
    if (lit.type !== 'literal' || lit.kind !== 'string') return undefined;
    const v = lit.value;
    d = unit === 'year' ? parseYmd(`${v}-01-01`) : unit === 'month' ? parseYmd(`${v}-01`) : parseYmd(v);
    if (!d || (unit === 'year' && !/^\d{4}$/.test(v)) || (unit === 'month' && !/^\d{4}-\d{2}$/.test(v)))
      return undefined;
    if (unit === 'day' && !/^\d{4}-\d{2}-\d{2}$/.test(v)) return undefined;
    return d;
  }
  d = dateOfLiteral(lit);
  if (!d || d.time) return undefined;
  if (unit === 'month' && d.d !== 1) return undefined;
  if (unit === 'year' && (d.m !== 1 || d.d !== 1)) return undefined;
  return { y: d.y, m: d.m, d: d.d };
}

function nextUnit(unit: Unit, d: Ymd): Ymd {
  return unit === 'day' ? addDays(d, 1) : unit === 'month' ? addMonths(d, 1) : { y: d.y + 1, m: 1, d: 1 };
}

function rewrite(
  ctx: RuleContext,
  st: SqlStatement,
  a: Analysis,
  cmp: Expr,
  hit: Hit,
  colText: string,
  parentIsAnd: boolean,
) {
  const res = a.resolved.get(hit.w.column);
  const cls = typeClass(res?.type);
  const mysql = st.unit.dialect === 'mysql';
  const lit = (d: Ymd): string | undefined => {
    if (mysql) return `'${ymdText(d)}'`;
    if (cls === 'timestamp') return `TIMESTAMP '${ymdText(d)} 00:00:00'`;
    if (cls === 'date') return `DATE '${ymdText(d)}'`;
    if (cls === 'string') return hit.w.unit ? undefined : `'${ymdText(d)}'`;
    // Unknown type: year()/date_trunc()/date_format() accept only dates and timestamps, so a DATE literal compares.
    return hit.w.temporalOnly ? `DATE '${ymdText(d)}'` : undefined;
  };
  let text: string | undefined;
  if (hit.w.unit) {
    if (!mysql && cls === 'string') return undefined;
    if (!mysql && cls === 'unknown' && !hit.w.temporalOnly) return undefined;
    const unit = hit.w.unit;
    const starts = hit.lits.map((l) => unitStart(unit, hit.w.fn, l));
    if (starts.some((s) => !s)) return undefined;
    const [s0, s1] = starts as Ymd[];
    const ge = (d: Ymd) => (lit(d) ? `${colText} >= ${lit(d)}` : undefined);
    const lt = (d: Ymd) => (lit(d) ? `${colText} < ${lit(d)}` : undefined);
    switch (hit.op) {
      case '=':
        text = and(ge(s0!), lt(nextUnit(unit, s0!)));
        break;
      case '>=':
        text = ge(s0!);
        break;
      case '>':
        text = ge(nextUnit(unit, s0!));
        break;
      case '<':
        text = lt(s0!);
        break;
      case '<=':
        text = lt(nextUnit(unit, s0!));
        break;
      case 'BETWEEN':
        text = and(ge(s0!), lt(nextUnit(unit, s1!)));
        break;
      default:
        return undefined;
    }
  } else if (hit.w.prefixLength && hit.op === '=') {
    const l = hit.lits[0];
    if (l?.type !== 'literal' || l.kind !== 'string' || l.value.length !== hit.w.prefixLength)
      return undefined;
    if (!/^[0-9][0-9:/ T-]*$/.test(l.value) || (cls !== 'string' && !(cls === 'unknown' && mysql)))
      return undefined;
    const upper = successor(l.value);
    if (!upper) return undefined;
    text = `${colText} >= '${l.value}' AND ${colText} < '${upper}'`;
  }
  if (!text) return undefined;
  if (!parentIsAnd) text = `(${text})`;
  const edit = unitEdit(ctx.file, st.unit, cmp.start, cmp.end, text);
  if (!edit) return undefined;
  return { title: `Rewrite as a range on ${colText}`, edits: [edit] };
}

function and(a: string | undefined, b: string | undefined): string | undefined {
  return a && b ? `${a} AND ${b}` : undefined;
}

/** The smallest string greater than every string with this prefix, by incrementing digits with carry. */
function successor(s: string): string | undefined {
  const chars = s.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    const c = chars[i] as string;
    if (c >= '0' && c < '9') {
      chars[i] = String.fromCharCode(c.charCodeAt(0) + 1);
      return chars.join('');
    }
    if (c === '9') {
      chars[i] = '0';
      continue;
    }
    return undefined;
  }
  return undefined;
}
