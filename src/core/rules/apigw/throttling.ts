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
  for (const stage of iac.resources('aws_api_gateway_stage')) {
    const mine = all.filter((ms) => configures(ms, stage));
    // Method settings whose stage cannot be told might be this stage's: stay silent.
    if (all.some((ms) => !ms.incomplete && unknownStage(ms))) continue;
    const wildcard = mine.filter((ms) => stringOf(ms.attributes.get('method_path')?.value) === '*/*');
    if (mine.some((ms) => stringOf(ms.attributes.get('method_path')?.value) === undefined)) continue;
    if (wildcard.some((ms) => LIMITS.some((l) => hasLimit(ms, l)))) continue;
    iac.report(
      stage.headerSpan,
      wildcard.length === 0
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

function configures(ms: Resource, stage: Resource): boolean {
  const attr = ms.attributes.get('stage_name');
  if (attr?.refs.some((r) => r.address === stage.address)) return true;
  const name = stringOf(attr?.value);
  const own = stringOf(stage.attributes.get('stage_name')?.value);
  if (name === undefined || own === undefined || name !== own) return false;
  // Same stage name: the same API too (by reference), or any API when either does not say.
  const a = ms.attributes.get('rest_api_id')?.refs.map((r) => r.address) ?? [];
  const b = stage.attributes.get('rest_api_id')?.refs.map((r) => r.address) ?? [];
  return a.length === 0 || b.length === 0 || a.some((x) => b.includes(x));
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
