/**
 * lambda/memory: a function whose memory is unset (128 MB) or below its target: the default 512 MB, or the
 * per-function target of the first `targets.lambda.memoryByFunction` pattern its name matches.
 */
import { createRule, type RuleContext } from '../../engine/rule';
import {
  attributeSite,
  defaultOf,
  describeOrigin,
  functionNameOf,
  iacRules,
  numberOf,
  replaceEdits,
  setAttributeEdits,
  type Resource,
} from '../../iac';
import { memoryTargetFor } from '../../targets';

/** Lambda's memory when `memory_size` is not set, MB. */
const DEFAULT_MEMORY_MB = 128;

export const lambdaMemory = createRule(
  {
    id: 'lambda/memory',
    description: 'Lambda functions with less memory than their target',
    defaultSeverity: 'warning',
    fix: 'sometimes',
    hasSuggestions: false,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'Lambda allocates CPU in proportion to memory: a 128 MB function gets a small slice of a vCPU, so ' +
      'initialisation and CPU-bound work run several times slower than at the target size.',
    target: 'memory 512 MB by default; per function e.g. Analytics 1024 MB, Market Intelligence 3072 MB',
  },
  check,
);

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  for (const fn of iac.resources('aws_lambda_function')) {
    const target = memoryTargetFor(ctx.targets, functionNameOf(fn));
    const attr = fn.attributes.get('memory_size');
    const setting = memorySetting(fn);
    if (!attr) {
      const mb = numberOf(defaultOf(fn, 'memory_size', { kind: 'number', value: DEFAULT_MEMORY_MB }));
      if (mb === undefined || mb >= target) continue;
      iac.report(
        fn.headerSpan,
        `Lambda memory below the target: ${setting} is not set (${mb} MB), target ${target} MB`,
        {
          fix: {
            title: `Set ${setting} to ${target} MB`,
            edits: () => setAttributeEdits(ctx.file, fn, [], [['memory_size', target]]),
          },
        },
      );
      continue;
    }
    const mb = numberOf(attr.value);
    if (mb === undefined || mb >= target) continue;
    iac.report(
      attributeSite(attr),
      `Lambda memory below the target: ${setting} is ${mb} MB${describeOrigin(attr)}, target ${target} MB`,
      {
        fix: {
          title: `Set ${setting} to ${target} MB`,
          edits: () => replaceEdits(ctx.file, fn, attr, target),
        },
      },
    );
  }
}

/** The memory setting's name in the resource's own format (messages name what the user wrote, or would write). */
function memorySetting(fn: Resource): string {
  switch (fn.format) {
    case 'cloudformation':
      return 'MemorySize';
    case 'serverless':
    case 'cdk-typescript':
      return 'memorySize';
    default:
      return 'memory_size'; // Terraform, CDK Python
  }
}
