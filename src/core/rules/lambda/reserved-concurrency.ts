/**
 * lambda/reserved-concurrency: an API-facing function, or one of the guide's hot functions
 * (`targets.lambda.provisionedConcurrencyFunctions`), without `reserved_concurrent_executions`.
 */
import { createRule, type RuleContext } from '../../engine/rule';
import { apiIntegrationsOf, iacRules, isHotFunction, numberOf } from '../../iac';

export const lambdaReservedConcurrency = createRule(
  {
    id: 'lambda/reserved-concurrency',
    description: 'API-facing or hot Lambda functions without reserved concurrency',
    defaultSeverity: 'info',
    fix: 'never',
    hasSuggestions: false,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'Without a reservation the function shares the account’s concurrency pool: a burst elsewhere (a batch ' +
      'backfill, a retry storm) can throttle the API’s functions, and nothing caps how far this one scales.',
    target: 'reserved concurrency on API-facing and hot functions (Auth, Analytics, Market Intelligence)',
  },
  check,
);

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  for (const fn of iac.resources('aws_lambda_function')) {
    const attr = fn.attributes.get('reserved_concurrent_executions');
    if (attr && numberOf(attr.value) !== -1) continue; // set (or unknown): fine
    const api = apiIntegrationsOf(iac.model, fn).length > 0;
    const hot = isHotFunction(fn, ctx.targets);
    if (!api && !hot) continue;
    const why = api ? 'an API Gateway integration invokes it' : 'it is one of the hot functions of the guide';
    iac.report(
      attr ? attr.span : fn.headerSpan,
      `Lambda function without reserved concurrency: ${attr ? 'reserved_concurrent_executions is -1 (unreserved)' : 'reserved_concurrent_executions is not set'} and ${why}`,
    );
  }
}
