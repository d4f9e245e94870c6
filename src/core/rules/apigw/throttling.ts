/**
 * apigw/throttling: a REST stage with no wildcard (every method) method settings that throttle, an HTTP API stage without
 * `default_route_settings` throttling, or throttling limits below the guide's (burst 5000, rate 2000).
 */
import { createRule, type RuleContext } from '../../engine/rule';
import {
  attributeSite,
  blockOf,
  describeOrigin,
  iacRules,
  numberOf,
  replaceEdits,
  stringOf,
  type Block,
  type IacReporter,
  type Resource,
} from '../../iac';

export const apigwThrottling = createRule(
  {
    id: 'apigw/throttling',
    description: 'API Gateway stages without throttling, or throttled below the target',
    defaultSeverity: 'warning',
    fix: 'sometimes',
    hasSuggestions: false,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'Without stage throttling one client can use the whole account’s request quota; limits below the target ' +
      'reject legitimate traffic with 429s before the platform reaches its 1000 RPS design load.',
    target: 'throttling burst 5000, rate 2000 requests/s',
  },
  check,
);

const LIMITS = ['throttling_burst_limit', 'throttling_rate_limit'] as const;

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  const all = iac.model.ofType('aws_api_gateway_method_settings');
  // Method settings whose stage cannot be told might be any stage's: stay silent about every stage.
  const anyUnknown = all.some((ms) => !ms.incomplete && unknownStage(ms));
  const index = indexMethodSettings(anyUnknown ? [] : all);
  for (const stage of anyUnknown ? [] : iac.resources('aws_api_gateway_stage')) {
    const mine = settingsOf(index, stage);
    if (mine.pathUnknown || mine.throttled) continue;
    iac.report(
      stage.headerSpan,
      !mine.wildcard
        ? `API Gateway stage without throttling: no ${namesOf(stage).methodSettings} sets throttling limits`
        : 'API Gateway stage without throttling: its "*/*" method settings set no throttling limits',
    );
  }
  for (const ms of iac.resources('aws_api_gateway_method_settings')) {
    judgeLimits(ctx, iac, ms, blockOf(ms, 'settings'));
    judgeLimits(ctx, iac, ms, ms); // the guide writes the limits on the resource itself
  }
  for (const stage of iac.resources('aws_apigatewayv2_stage')) {
    const drs = blockOf(stage, 'default_route_settings');
    if (drs?.dynamic) continue;
    if (!drs || !LIMITS.some((l) => drs.attributes.has(l))) {
      const route = namesOf(stage).routeSettings;
      iac.report(
        drs ? drs.headerSpan : stage.headerSpan,
        drs
          ? `API Gateway stage without throttling: ${route} sets no throttling limits`
          : `API Gateway stage without throttling: no ${route}`,
      );
      continue;
    }
    judgeLimits(ctx, iac, stage, drs);
  }
}

/** What a set of method settings says, for the stages they configure. */
interface Summary {
  /** One of them has a `method_path` that cannot be told. */
  pathUnknown: boolean;
  /** One of them is for every method (`*\/*`). */
  wildcard: boolean;
  /** One of those for every method sets a throttling limit. */
  throttled: boolean;
}

/**
 * Method settings summed up by the stage addresses their `stage_name` refers to, and by their literal stage name
 * (then by the addresses of the APIs their `rest_api_id` refers to, or among those that name no API). A stage
 * sums up the groups that configure it, so the rule is linear in stages and method settings.
 */
interface MethodSettingsIndex {
  byRef: Map<string, Summary>;
  byName: Map<string, ByName>;
}

interface ByName {
  all: Summary;
  /** `rest_api_id` refers to no resource. */
  anyApi: Summary;
  /** By referenced API address (undefined when a reference did not resolve). */
  byApi: Map<string | undefined, Summary>;
}

const NOTHING: Summary = Object.freeze({ pathUnknown: false, wildcard: false, throttled: false });

function summaryOf(ms: Resource): Summary {
  const path = stringOf(ms.attributes.get('method_path')?.value);
  const wildcard = path === '*/*';
  return {
    pathUnknown: path === undefined,
    wildcard,
    throttled: wildcard && LIMITS.some((l) => hasLimit(ms, l)),
  };
}

function merge(into: Summary, s: Summary): void {
  into.pathUnknown ||= s.pathUnknown;
  into.wildcard ||= s.wildcard;
  into.throttled ||= s.throttled;
}

function addTo<K>(m: Map<K, Summary>, key: K, s: Summary): void {
  const sum = m.get(key);
  if (sum) merge(sum, s);
  else m.set(key, { ...s });
}

function indexMethodSettings(all: readonly Resource[]): MethodSettingsIndex {
  const byRef = new Map<string, Summary>();
  const byName = new Map<string, ByName>();
  for (const ms of all) {
    const s = summaryOf(ms);
    const attr = ms.attributes.get('stage_name');
    for (const r of attr?.refs ?? []) if (r.address !== undefined) addTo(byRef, r.address, s);
    const name = stringOf(attr?.value);
    if (name === undefined) continue;
    let n = byName.get(name);
    if (!n) byName.set(name, (n = { all: { ...NOTHING }, anyApi: { ...NOTHING }, byApi: new Map() }));
    merge(n.all, s);
    const apis = ms.attributes.get('rest_api_id')?.refs ?? [];
    if (apis.length === 0) merge(n.anyApi, s);
    for (const r of apis) addTo(n.byApi, r.address, s);
  }
  return { byRef, byName };
}

/**
 * What the method settings that configure a stage say: those whose `stage_name` refers to it, and those with its
 * stage name (the same API too, by reference, or any API when either does not say).
 */
function settingsOf(index: MethodSettingsIndex, stage: Resource): Summary {
  const out = { ...(index.byRef.get(stage.address) ?? NOTHING) };
  const own = stringOf(stage.attributes.get('stage_name')?.value);
  const sameName = own === undefined ? undefined : index.byName.get(own);
  if (!sameName) return out;
  const apis = stage.attributes.get('rest_api_id')?.refs ?? [];
  if (apis.length === 0) merge(out, sameName.all);
  else {
    merge(out, sameName.anyApi);
    for (const r of apis) merge(out, sameName.byApi.get(r.address) ?? NOTHING);
  }
  return out;
}

function unknownStage(ms: Resource): boolean {
  const attr = ms.attributes.get('stage_name');
  if (!attr) return true; // a partial snippet: it could be any stage's
  return (
    stringOf(attr.value) === undefined &&
    !attr.refs.some((r) => r.type === 'aws_api_gateway_stage' && r.address)
  );
}

function hasLimit(block: Block, name: string): boolean {
  const settings = blockOf(block, 'settings');
  const attr = settings?.attributes.get(name) ?? block.attributes.get(name);
  if (!attr) return settings?.dynamic === true;
  return numberOf(attr.value) !== -1;
}

function judgeLimits(ctx: RuleContext, iac: IacReporter, owner: Resource, block: Block | undefined): void {
  if (!block || block.dynamic) return;
  const t = ctx.targets.apiGateway;
  const targets: Record<(typeof LIMITS)[number], number> = {
    throttling_burst_limit: t.throttlingBurstLimit,
    throttling_rate_limit: t.throttlingRateLimit,
  };
  for (const name of LIMITS) {
    const attr = block.attributes.get(name);
    const v = numberOf(attr?.value);
    if (!attr || v === undefined || v < 0 || v >= targets[name]) continue;
    const shown = namesOf(owner).limit(name);
    iac.report(
      attributeSite(attr),
      `API Gateway throttling below the target: ${shown} is ${v}${describeOrigin(attr)}, target ${targets[name]}`,
      {
        fix: {
          title: `Set ${shown} to ${targets[name]}`,
          edits: () => replaceEdits(ctx.file, owner, attr, targets[name]),
        },
      },
    );
  }
}

/** The settings this rule names, in the resource's own format (Terraform names in Terraform). */
function namesOf(r: Resource): {
  methodSettings: string;
  routeSettings: string;
  limit: (name: (typeof LIMITS)[number]) => string;
} {
  const camel = (n: string) => n.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  switch (r.format) {
    case 'cloudformation':
      return {
        methodSettings: 'MethodSettings entry for "/*" and "*"',
        routeSettings: 'DefaultRouteSettings',
        limit: (n) => camel(n).replace(/^./, (c) => c.toUpperCase()),
      };
    case 'cdk-typescript':
      return { methodSettings: 'deployOptions', routeSettings: 'defaultRouteSettings', limit: camel };
    case 'cdk-python':
      return { methodSettings: 'deploy_options', routeSettings: 'default_route_settings', limit: (n) => n };
    case 'serverless':
      return {
        methodSettings: 'method settings for "*/*"',
        routeSettings: 'default route settings',
        limit: camel,
      };
    default:
      return {
        methodSettings: 'aws_api_gateway_method_settings for "*/*"',
        routeSettings: 'default_route_settings',
        limit: (n) => n,
      };
  }
}
