/**
 * lambda/timeout-api: a function behind API Gateway (a REST Lambda integration whose `uri` is its
 * `invoke_arn`, or an HTTP API integration) whose `timeout` is longer than the integration can wait.
 */
import { createRule, type RuleContext } from '../../engine/rule';
import {
  apiIntegrationsOf,
  attributeSite,
  describeOrigin,
  iacRules,
  numberOf,
  replaceEdits,
  shortAddress,
} from '../../iac';

/** HTTP APIs wait 30 s unless the integration says otherwise. */
const HTTP_API_TIMEOUT_SECONDS = 30;

export const lambdaTimeoutApi = createRule(
  {
    id: 'lambda/timeout-api',
    description: 'Lambda functions behind API Gateway with a timeout API Gateway cuts off',
    defaultSeverity: 'error',
    fix: 'never',
    hasSuggestions: true,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'API Gateway stops waiting after 29 seconds and answers 504 while the function keeps running and billing; ' +
      'a longer timeout only hides slow requests from the function’s own metrics.',
    target: 'timeout ≤ 29 s behind API Gateway',
  },
  check,
);

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  for (const fn of iac.resources('aws_lambda_function')) {
    const attr = fn.attributes.get('timeout');
    const seconds = numberOf(attr?.value);
    if (!attr || seconds === undefined) continue; // unset: 3 s
    const integrations = apiIntegrationsOf(iac.model, fn);
    if (integrations.length === 0) continue;
    // The tightest limit among the integrations that call it.
    let limit = Infinity;
    let by = integrations[0]!;
    for (const i of integrations) {
      const l =
        i.timeoutSeconds ??
        (i.kind === 'rest' ? ctx.targets.lambda.apiTimeoutSeconds : HTTP_API_TIMEOUT_SECONDS);
      if (l < limit) {
        limit = l;
        by = i;
      }
    }
    if (seconds <= limit) continue;
    const target = Math.floor(limit);
    iac.report(
      attributeSite(attr),
      `Lambda timeout longer than API Gateway waits: timeout is ${seconds} s${describeOrigin(attr)} but ` +
        `${shortAddress(by.integration)} gives up after ${limit} s`,
      {
        suggestions: [
          {
            title: `Set timeout to ${target} seconds`,
            edits: () => replaceEdits(ctx.file, fn, attr, target),
          },
        ],
      },
    );
  }
}
