/**
 * athena/scan-budget: the scan estimate of a query exceeds the per-query budget (the guide: < 1 GB).
 * Uses declared statistics, or exact Parquet metadata when a loader fed it into the workspace.
 */
import { tableDataOf } from '../../catalog/data';
import { createRule, type RuleContext } from '../../engine/rule';
import { describeEstimate, estimateScan, formatBytes, sqlStatementsOf } from '../../sql';

export const athenaScanBudget = createRule(
  {
    id: 'athena/scan-budget',
    description: 'Queries whose estimated scan exceeds the per-query budget',
    defaultSeverity: 'warning',
    fix: 'never',
    hasSuggestions: false,
    languages: ['sql', 'python', 'javascript', 'typescript', 'tsx'],
    why:
      'Athena bills $5 per TB scanned and the workgroup cutoff cancels a query past the budget; the estimate ' +
      'multiplies the partitions the predicates keep by the share of the columns the query reads.',
    target: 'data scanned < 1 GB per query',
    optionsSchema: {
      type: 'object',
      properties: {
        maxBytes: {
          type: 'number',
          description: 'Budget in bytes (default: targets.athena.maxBytesScannedPerQuery)',
        },
      },
      additionalProperties: false,
    },
  },
  check,
);

function check(ctx: RuleContext): void {
  const opt = ctx.options.maxBytes;
  const budget = typeof opt === 'number' && opt > 0 ? opt : ctx.targets.athena.maxBytesScannedPerQuery;
  for (const st of sqlStatementsOf(ctx.workspace, ctx.file)) {
    if (st.unit.dialect !== 'athena') continue;
    const t = st.node.type;
    if (t !== 'query' && t !== 'insert' && t !== 'unload' && !(t === 'create-table' && st.node.query))
      continue;
    const est = estimateScan(st.analysis().uses, (tb) => tableDataOf(ctx.workspace, tb), ctx.targets.athena);
    if (est.bytes === undefined || est.bytes <= budget) continue;
    ctx.report({
      message: `Query scans more than the ${formatBytes(budget)} budget: ${describeEstimate(est)}`,
      startOffset: st.host(st.parsed.head.start),
      endOffset: st.host(st.parsed.head.end),
    });
  }
}
