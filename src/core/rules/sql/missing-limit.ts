/**
 * sql/missing-limit: an exploratory SELECT in a `.sql` file with no aggregation and no LIMIT, not part of an
 * INSERT, CTAS, UNLOAD or view. Suggestion: append `LIMIT 100`.
 */
import { createRule, type RuleContext } from '../../engine/rule';
import { forEachExpr, selectsOf, sqlStatementsOf, unitEdit, type Expr, type Select } from '../../sql';

export const sqlMissingLimit = createRule(
  {
    id: 'sql/missing-limit',
    description: 'Exploratory SELECT statements without LIMIT',
    defaultSeverity: 'info',
    fix: 'never',
    hasSuggestions: true,
    languages: ['sql'],
    why: 'While exploring, LIMIT lets Athena stop reading early; without it every matching row is scanned and returned.',
    optionsSchema: {
      type: 'object',
      properties: { limit: { type: 'number', minimum: 1 } },
      additionalProperties: false,
    },
  },
  check,
);

const AGGREGATES = new Set([
  'count',
  'sum',
  'avg',
  'min',
  'max',
  'approx_distinct',
  'approx_percentile',
  'count_if',
  'array_agg',
  'map_agg',
  'arbitrary',
  'any_value',
  'bool_and',
  'bool_or',
  'stddev',
  'variance',
  'group_concat',
  'max_by',
  'min_by',
]);

function check(ctx: RuleContext): void {
  const opt = ctx.options.limit;
  const limit = typeof opt === 'number' && opt >= 1 ? Math.floor(opt) : 100;
  for (const st of sqlStatementsOf(ctx.workspace, ctx.file)) {
    if (st.node.type !== 'query') continue;
    const q = st.node.query;
    if (q.limit) continue;
    const selects = selectsOf(q.body);
    if (selects.length === 0 || selects.some((s) => s.from.length === 0 || aggregated(s))) continue;
    const edit = unitEdit(ctx.file, st.unit, q.end, q.end, ` LIMIT ${limit}`);
    ctx.report({
      message: `SELECT without LIMIT reads and returns every matching row; add LIMIT while exploring`,
      startOffset: st.host(st.parsed.head.start),
      endOffset: st.host(st.parsed.head.end),
      ...(edit ? { suggestions: [{ title: `Add LIMIT ${limit}`, edits: [edit] }] } : {}),
    });
  }
}

function aggregated(s: Select): boolean {
  if (s.groupBy.length > 0 || s.grouped || s.distinct) return true;
  let agg = false;
  for (const it of s.items)
    forEachExpr(it.expr, (e: Expr) => {
      if (e.type === 'subquery' || e.type === 'exists') return false;
      if (e.type === 'call' && !e.window && AGGREGATES.has(e.name.map((p) => p.name).join('.'))) agg = true;
      return !agg;
    });
  return agg;
}
