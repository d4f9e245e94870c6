/**
 * Questions several infrastructure rules ask of the model: a function's name, whether API Gateway fronts it,
 * whether it is one of the guide's hot functions.
 */
import type { Targets } from '../targets';
import { stringOf, type Attribute, type IacModel, type Resource } from './model';

/** The deployed name when known (`function_name`), else the logical name. */
export function functionNameOf(fn: Resource): string {
  return stringOf(fn.attributes.get('function_name')?.value) ?? fn.name;
}

/** Compiled patterns (null: invalid); patterns come from the configuration, so this stays small. */
const compiled = new Map<string, RegExp | null>();

function patternOf(p: string): RegExp | null {
  let re = compiled.get(p);
  if (re === undefined) {
    try {
      re = new RegExp(p, 'i'); // no `g` or `y` flag: `test` keeps no state between names
    } catch {
      re = null;
    }
    if (compiled.size >= 1000) compiled.clear();
    compiled.set(p, re);
  }
  return re;
}

/** Whether a name matches one of the case-insensitive patterns (invalid patterns never match). */
export function matchesAny(name: string, patterns: readonly string[]): boolean {
  return patterns.some((p) => patternOf(p)?.test(name) === true);
}

/** A function the guide wants warm (provisioned concurrency), by deployed or logical name. */
export function isHotFunction(fn: Resource, targets: Targets): boolean {
  return (
    matchesAny(functionNameOf(fn), targets.lambda.provisionedConcurrencyFunctions) ||
    matchesAny(fn.name, targets.lambda.provisionedConcurrencyFunctions)
  );
}

function refersTo(attr: Attribute | undefined, target: Resource, attributes?: readonly string[]): boolean {
  return !!attr?.refs.some(
    (r) =>
      r.address === target.address &&
      (!attributes || (r.attribute !== undefined && attributes.includes(r.attribute))),
  );
}

export interface ApiIntegration {
  integration: Resource;
  kind: 'rest' | 'http';
  /** The integration's own timeout, seconds, when set and known. */
  timeoutSeconds?: number;
}

/** API Gateway integrations that invoke a function (REST Lambda integrations, HTTP API integrations). */
export function apiIntegrationsOf(model: IacModel, fn: Resource): ApiIntegration[] {
  const out: ApiIntegration[] = [];
  for (const r of model.referrers(fn)) {
    if (r.incomplete) continue;
    const ms = r.attributes.get('timeout_milliseconds')?.value;
    const timeout = ms?.kind === 'number' ? ms.value / 1000 : undefined;
    if (r.resourceType === 'aws_api_gateway_integration') {
      const type = stringOf(r.attributes.get('type')?.value);
      if (type !== 'AWS_PROXY' && type !== 'AWS') continue;
      if (!refersTo(r.attributes.get('uri'), fn, ['invoke_arn', 'arn', 'qualified_invoke_arn'])) continue;
      out.push({
        integration: r,
        kind: 'rest',
        ...(timeout !== undefined ? { timeoutSeconds: timeout } : {}),
      });
    } else if (r.resourceType === 'aws_apigatewayv2_integration') {
      if (
        !refersTo(r.attributes.get('integration_uri'), fn, [
          'invoke_arn',
          'arn',
          'qualified_arn',
          'qualified_invoke_arn',
        ])
      )
        continue;
      out.push({
        integration: r,
        kind: 'http',
        ...(timeout !== undefined ? { timeoutSeconds: timeout } : {}),
      });
    }
  }
  return out;
}

/** `aws_x.name` for messages. */
export function shortAddress(r: Resource): string {
  return `${r.resourceType}.${r.name}`;
}
