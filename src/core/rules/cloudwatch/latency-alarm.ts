/**
 * cloudwatch/latency-alarm: an API Gateway stage with no alarm on the `AWS/ApiGateway` `Latency` metric, and a
 * Lambda function with no alarm on `AWS/Lambda` `Errors` or `Throttles`. An alarm whose namespace, metric or
 * dimensions are unknown counts as covering (perfguard stays silent when it cannot tell).
 */
import { createRule, type RuleContext } from '../../engine/rule';
import {
  blocksOf,
  functionNameOf,
  iacRules,
  stringOf,
  type Attribute,
  type IacValue,
  type Resource,
} from '../../iac';

export const cloudwatchLatencyAlarm = createRule(
  {
    id: 'cloudwatch/latency-alarm',
    description: 'APIs without a latency alarm and functions without error and throttle alarms',
    defaultSeverity: 'info',
    fix: 'never',
    hasSuggestions: false,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'The guide’s targets (average < 500 ms, P99 < 2000 ms, error rate < 1%) are only kept if someone is told ' +
      'when they are missed; without alarms a regression shows up as customer complaints.',
    target: 'alarm on API Gateway Latency (threshold 1000 ms) and on Lambda Errors and Throttles',
  },
  check,
);

interface MetricUse {
  namespace?: string;
  metric?: string;
  dims?: IacValue;
  dimRefs: string[];
}

/** The metrics an alarm watches (its own, or each of its metric queries). */
function metricsOf(alarm: Resource): MetricUse[] {
  const own = (b: { attributes: ReadonlyMap<string, Attribute> }): MetricUse => {
    const ns = b.attributes.get('namespace');
    const m = b.attributes.get('metric_name');
    const d = b.attributes.get('dimensions');
    const use: MetricUse = { dimRefs: (d?.refs ?? []).flatMap((r) => (r.address ? [r.address] : [])) };
    const nsv = ns ? stringOf(ns.value) : undefined;
    const mv = m ? stringOf(m.value) : undefined;
    if (nsv !== undefined) use.namespace = nsv;
    else if (ns) use.namespace = '?';
    if (mv !== undefined) use.metric = mv;
    else if (m) use.metric = '?';
    if (d) use.dims = d.value;
    return use;
  };
  const out: MetricUse[] = [];
  if (alarm.attributes.has('metric_name') || alarm.attributes.has('namespace')) out.push(own(alarm));
  for (const q of blocksOf(alarm, 'metric_query')) {
    if (q.dynamic) out.push({ namespace: '?', metric: '?', dimRefs: [] });
    for (const m of blocksOf(q, 'metric')) out.push(own(m));
  }
  return out;
}

function watches(use: MetricUse, namespace: string, metrics: readonly string[]): boolean {
  const nsOk = use.namespace === '?' || use.namespace === namespace;
  const mOk = use.metric === '?' || (use.metric !== undefined && metrics.includes(use.metric));
  return nsOk && mOk;
}

/**
 * What the alarms watching some metrics say about which resources they could be for. An alarm could be a
 * resource's when its dimensions refer to it, give its name, or do not tell: no dimensions (the metric across the
 * account/region), none of the keys, or a value that cannot be told (`any`).
 */
interface Watchers {
  any: boolean;
  refs: Set<string>;
  names: Set<string>;
}

/**
 * The alarms watching one of the metrics of a namespace, summed up by the first of `keys` their dimensions set,
 * so each resource is judged against all of them at once; undefined when none watches.
 */
function watchersOf(
  uses: readonly MetricUse[],
  namespace: string,
  metrics: readonly string[],
  keys: readonly string[],
): Watchers | undefined {
  let out: Watchers | undefined;
  for (const u of uses) {
    if (!watches(u, namespace, metrics)) continue;
    out ??= { any: false, refs: new Set(), names: new Set() };
    for (const a of u.dimRefs) out.refs.add(a);
    const d = u.dims;
    if (!d || d.kind !== 'map') {
      out.any = true;
      continue;
    }
    let named: string | undefined;
    let fits = true; // no key set, or its value cannot be told
    for (const k of keys) {
      const v = d.entries.get(k);
      if (!v) continue;
      named = stringOf(v);
      fits = named === undefined;
      break;
    }
    if (fits) out.any = true;
    else if (named !== undefined) out.names.add(named);
  }
  return out;
}

/** Whether one of the alarms could be for this resource. */
function anyFits(w: Watchers | undefined, r: Resource, names: readonly string[]): boolean {
  if (!w) return false;
  return w.any || w.refs.has(r.address) || names.some((n) => w.names.has(n));
}

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  const uses = iac.model.ofType('aws_cloudwatch_metric_alarm').flatMap(metricsOf);
  const stages = [...iac.resources('aws_api_gateway_stage'), ...iac.resources('aws_apigatewayv2_stage')];
  // API latency alarms: by the API addresses their dimensions refer to, and the API names or ids they give.
  const apiWatchers = watchersOf(
    uses,
    'AWS/ApiGateway',
    ['Latency', 'IntegrationLatency'],
    ['ApiName', 'ApiId'],
  );
  for (const stage of stages) {
    const names: string[] = [];
    const apiAttr = stage.attributes.get(
      stage.resourceType === 'aws_api_gateway_stage' ? 'rest_api_id' : 'api_id',
    );
    for (const ref of apiAttr?.refs ?? []) {
      const api = ref.address ? iac.model.byAddress(ref.address) : undefined;
      const n = api && stringOf(api.attributes.get('name')?.value);
      if (n) names.push(n);
      if (api) names.push(api.address);
    }
    const covered =
      !!apiWatchers &&
      (apiWatchers.any ||
        !!apiAttr?.refs.some((r) => r.address && apiWatchers.refs.has(r.address)) ||
        (apiWatchers.names.size > 0 && (names.length === 0 || names.some((n) => apiWatchers.names.has(n)))));
    if (covered) continue;
    iac.report(
      stage.headerSpan,
      `API stage without a latency alarm: no ${alarmTypeFor(stage)} on AWS/ApiGateway Latency`,
    );
  }
  const lambdaWatchers = ['Errors', 'Throttles'].map(
    (metric) => [metric, watchersOf(uses, 'AWS/Lambda', [metric], ['FunctionName'])] as const,
  );
  for (const fn of iac.resources('aws_lambda_function')) {
    const names = [functionNameOf(fn)];
    const missing = lambdaWatchers.filter(([, w]) => !anyFits(w, fn, names)).map(([metric]) => metric);
    if (missing.length === 0) continue;
    iac.report(
      fn.headerSpan,
      `Lambda function without alarms: no ${alarmTypeFor(fn)} on AWS/Lambda ${missing.join(' or ')} for "${names[0]}"`,
    );
  }
}

/** The alarm resource in the format of the resource that lacks one (Terraform's type name in Terraform). */
function alarmTypeFor(r: Resource): string {
  switch (r.format) {
    case 'cloudformation':
    case 'serverless':
      return 'AWS::CloudWatch::Alarm';
    case 'cdk-typescript':
    case 'cdk-python':
      return 'cloudwatch.Alarm';
    default:
      return 'aws_cloudwatch_metric_alarm';
  }
}
