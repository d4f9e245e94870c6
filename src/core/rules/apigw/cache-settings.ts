/**
 * apigw/cache-settings: method settings of a stage that has a cache, where GET caching is off, the TTL is
 * outside the guide's range (30 s … 1 h, 300 s by default) or cached data is not encrypted.
 * Settings are read from `aws_api_gateway_method_settings` and from `settings` blocks written in the stage.
 */
import { createRule, type RuleContext } from '../../engine/rule';
import {
  attributeSite,
  blocksOf,
  boolOf,
  describeOrigin,
  iacRules,
  numberOf,
  replaceEdits,
  setAttributeEdits,
  stringOf,
  type Block,
  type IacReporter,
  type Resource,
} from '../../iac';

export const apigwCacheSettings = createRule(
  {
    id: 'apigw/cache-settings',
    description: 'API Gateway cache settings off the guide: caching off, TTL out of range, unencrypted',
    defaultSeverity: 'warning',
    fix: 'sometimes',
    hasSuggestions: false,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'A provisioned stage cache does nothing for methods that do not enable caching; a TTL shorter than 30 s ' +
      'barely hits, one longer than an hour serves stale data; unencrypted cache entries may hold customer data.',
    target: 'caching on for GET, TTL 300 s (30 s … 3600 s), cache data encrypted',
  },
  check,
);

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  const stages = iac.resources('aws_api_gateway_stage');
  for (const stage of stages) {
    // The guide writes method settings inside the stage.
    const cached = boolOf(stage.attributes.get('cache_cluster_enabled')?.value) === true;
    for (const s of blocksOf(stage, 'settings')) judge(ctx, iac, stage, ['settings'], s, cached, true);
  }
  const stageIndex = new Map<string, number>();
  stages.forEach((s, i) => {
    if (!stageIndex.has(s.address)) stageIndex.set(s.address, i);
  });
  for (const ms of iac.resources('aws_api_gateway_method_settings')) {
    const stage = stageOf(ms, stages, stageIndex);
    const cached = stage ? boolOf(stage.attributes.get('cache_cluster_enabled')?.value) === true : false;
    const path = stringOf(ms.attributes.get('method_path')?.value);
    const readPath = path !== undefined && (path === '*/*' || /\/GET$/i.test(path) || /\/\*$/.test(path));
    for (const s of blocksOf(ms, 'settings')) judge(ctx, iac, ms, ['settings'], s, cached, readPath);
  }
}

/**
 * The stage a method settings resource configures, through `stage_name`: the first of `stages` it refers to
 * (`index`: a stage address → its first position in `stages`).
 */
function stageOf(
  ms: Resource,
  stages: readonly Resource[],
  index: ReadonlyMap<string, number>,
): Resource | undefined {
  let first: number | undefined;
  for (const r of ms.attributes.get('stage_name')?.refs ?? []) {
    const i = r.address === undefined ? undefined : index.get(r.address);
    if (i !== undefined && (first === undefined || i < first)) first = i;
  }
  return first === undefined ? undefined : stages[first];
}

function judge(
  ctx: RuleContext,
  iac: IacReporter,
  owner: Resource,
  path: string[],
  settings: Block,
  cached: boolean,
  readPath: boolean,
): void {
  if (settings.dynamic) return;
  const t = ctx.targets.apiGateway;
  const enabledAttr = settings.attributes.get('caching_enabled');
  const enabled = enabledAttr ? boolOf(enabledAttr.value) : false;
  if (cached && readPath && enabled === false) {
    const where = enabledAttr ? attributeSite(enabledAttr) : settings.headerSpan;
    const what = enabledAttr
      ? `caching_enabled is false${describeOrigin(enabledAttr)}`
      : 'caching_enabled is not set';
    iac.report(where, `API Gateway stage cache unused by its read methods: ${what}`, {
      fix: {
        title: 'Enable caching',
        edits: () =>
          enabledAttr && enabledAttr.provenance.kind !== 'literal'
            ? replaceEdits(ctx.file, owner, enabledAttr, true)
            : setAttributeEdits(ctx.file, owner, path, [['caching_enabled', true]]),
      },
    });
  }
  if (enabled !== true) return;
  const ttlAttr = settings.attributes.get('cache_ttl_in_seconds');
  const ttl = numberOf(ttlAttr?.value);
  if (ttlAttr && ttl !== undefined && (ttl < t.cacheTtlMinSeconds || ttl > t.cacheTtlMaxSeconds)) {
    iac.report(
      attributeSite(ttlAttr),
      `API Gateway cache TTL outside the guide's range: cache_ttl_in_seconds is ${ttl}${describeOrigin(ttlAttr)}, ` +
        `expected ${t.cacheTtlMinSeconds}–${t.cacheTtlMaxSeconds} s (${t.cacheTtlSeconds} s for frequently read data)`,
      {
        fix: {
          title: `Set cache_ttl_in_seconds to ${t.cacheTtlSeconds}`,
          edits: () => replaceEdits(ctx.file, owner, ttlAttr, t.cacheTtlSeconds),
        },
      },
    );
  }
  const encAttr = settings.attributes.get('cache_data_encrypted');
  const encrypted = encAttr ? boolOf(encAttr.value) : false;
  if (encrypted === false) {
    iac.report(
      encAttr ? attributeSite(encAttr) : settings.headerSpan,
      `API Gateway cache data not encrypted: cache_data_encrypted is ${encAttr ? `false${describeOrigin(encAttr)}` : 'not set'}`,
      {
        fix: {
          title: 'Encrypt cached data',
          edits: () =>
            encAttr && encAttr.provenance.kind !== 'literal'
              ? replaceEdits(ctx.file, owner, encAttr, true)
              : setAttributeEdits(ctx.file, owner, path, [['cache_data_encrypted', true]]),
        },
      },
    );
  }
}
