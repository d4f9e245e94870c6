/**
 * apigw/cache-disabled: a REST API stage (`aws_api_gateway_stage`) without `cache_cluster_enabled = true`.
 * The fix enables the cache with the guide's starting size (`cache_cluster_size = "0.5"`).
 */
import { createRule, type RuleContext } from '../../engine/rule';
import {
  attributeSite,
  boolOf,
  describeOrigin,
  iacRules,
  replaceEdits,
  setAttributeEdits,
  type WriteValue,
} from '../../iac';

export const apigwCacheDisabled = createRule(
  {
    id: 'apigw/cache-disabled',
    description: 'API Gateway stages without a cache',
    defaultSeverity: 'warning',
    fix: 'sometimes',
    hasSuggestions: false,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'Without a stage cache every GET reaches the integration: read-heavy endpoints pay a Lambda invocation and ' +
      'often an Athena or database query per request instead of a cache hit.',
    target: 'cache enabled, 0.5 GB to start, TTL 300 s (average response < 500 ms)',
  },
  check,
);

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  const size = ctx.targets.apiGateway.cacheClusterSize;
  for (const stage of iac.resources('aws_api_gateway_stage')) {
    const attr = stage.attributes.get('cache_cluster_enabled');
    const values: [string, WriteValue][] = [['cache_cluster_enabled', true]];
    if (!stage.attributes.has('cache_cluster_size')) values.push(['cache_cluster_size', size]);
    const title = `Enable the stage cache (${size} GB)`;
    if (!attr) {
      iac.report(stage.headerSpan, 'API Gateway stage without a cache: cache_cluster_enabled is not set', {
        fix: { title, edits: () => setAttributeEdits(ctx.file, stage, [], values) },
      });
      continue;
    }
    if (boolOf(attr.value) !== false) continue;
    iac.report(
      attributeSite(attr),
      `API Gateway stage without a cache: cache_cluster_enabled is false${describeOrigin(attr)}`,
      {
        fix: {
          title,
          edits: () =>
            attr.provenance.kind === 'literal'
              ? setAttributeEdits(ctx.file, stage, [], values)
              : replaceEdits(ctx.file, stage, attr, true),
        },
      },
    );
  }
}
