/**
 * athena/workgroup-scan-limit: an Athena workgroup without `bytes_scanned_cutoff_per_query`, or with a cutoff
 * above the guide's 1 GB per query. The fix sets 1073741824.
 */
import { createRule, type RuleContext } from '../../engine/rule';
import {
  attributeAt,
  attributeSite,
  blockOf,
  describeOrigin,
  iacRules,
  numberOf,
  replaceEdits,
  setAttributeEdits,
} from '../../iac';

export const athenaWorkgroupScanLimit = createRule(
  {
    id: 'athena/workgroup-scan-limit',
    description: 'Athena workgroups without a per-query scan cutoff of at most 1 GB',
    defaultSeverity: 'warning',
    fix: 'sometimes',
    hasSuggestions: false,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'Athena bills $5 per TB scanned: without a cutoff one unpartitioned SELECT * can scan the whole data lake; ' +
      'the workgroup cutoff cancels such a query at the budget instead.',
    target: 'data scanned < 1 GB per query (bytes_scanned_cutoff_per_query = 1073741824)',
  },
  check,
);

const GIB = 1024 * 1024 * 1024;

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  const max = ctx.targets.athena.maxBytesScannedPerQuery;
  const title = `Set bytes_scanned_cutoff_per_query to ${max}`;
  for (const wg of iac.resources('aws_athena_workgroup')) {
    if (blockOf(wg, 'configuration')?.dynamic) continue;
    const attr = attributeAt(wg, ['configuration'], 'bytes_scanned_cutoff_per_query');
    if (!attr) {
      iac.report(
        blockOf(wg, 'configuration')?.headerSpan ?? wg.headerSpan,
        'Athena workgroup without a scan limit: bytes_scanned_cutoff_per_query is not set',
        {
          fix: {
            title,
            edits: () =>
              setAttributeEdits(ctx.file, wg, ['configuration'], [['bytes_scanned_cutoff_per_query', max]]),
          },
        },
      );
      continue;
    }
    const n = numberOf(attr.value);
    if (n === undefined || n <= max) continue;
    iac.report(
      attributeSite(attr),
      `Athena workgroup scan limit above the target: bytes_scanned_cutoff_per_query is ${n} (${(n / GIB).toFixed(1)} GB)${describeOrigin(attr)}, target ${max} (${(max / GIB).toFixed(1)} GB)`,
      { fix: { title, edits: () => replaceEdits(ctx.file, wg, attr, max) } },
    );
  }
}
