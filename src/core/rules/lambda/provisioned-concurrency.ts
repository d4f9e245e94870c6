/**
 * lambda/provisioned-concurrency: one of the guide's hot functions (`targets.lambda.provisionedConcurrencyFunctions`,
 * by function or logical name) with no `aws_lambda_provisioned_concurrency_config` for it.
 */
import { createRule, type RuleContext } from '../../engine/rule';
import { functionNameOf, iacRules, isHotFunction, stringOf, type Resource } from '../../iac';

export const lambdaProvisionedConcurrency = createRule(
  {
    id: 'lambda/provisioned-concurrency',
    description: 'Hot Lambda functions without provisioned concurrency',
    defaultSeverity: 'info',
    fix: 'never',
    hasSuggestions: false,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'A hot, latency-sensitive function pays a cold start (often 2–3 s for Python with heavy imports) on every ' +
      'new execution environment; provisioned concurrency keeps environments initialised ahead of traffic.',
    target: 'provisioned concurrency for Auth, Analytics, Market Intelligence (cold start < 3000 ms)',
  },
  check,
);

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  const configs = iac.model.ofType('aws_lambda_provisioned_concurrency_config');
  for (const fn of iac.resources('aws_lambda_function')) {
    if (!isHotFunction(fn, ctx.targets)) continue;
    if (configs.some((c) => configures(c, fn))) continue;
    iac.report(
      fn.headerSpan,
      `Hot Lambda function without provisioned concurrency: no aws_lambda_provisioned_concurrency_config for "${functionNameOf(fn)}"`,
    );
  }
}

/** The config names the function by reference, by the same known name, or by something unknown (silence). */
function configures(config: Resource, fn: Resource): boolean {
  const attr = config.attributes.get('function_name');
  if (!attr) return false;
  if (attr.refs.some((r) => r.address === fn.address)) return true;
  const name = stringOf(attr.value);
  if (name === undefined) return attr.refs.every((r) => r.type !== 'aws_lambda_function' || !r.address);
  const own = stringOf(fn.attributes.get('function_name')?.value);
  return own === name || name.endsWith(`:function:${own ?? ''}`);
}
