/**
 * batch/min-vcpus: an EC2 or Spot Batch compute environment with `min_vcpus = 0` (or unset): every job waits
 * for instances to launch. Suggests the guide's 4 vCPUs (a standing cost, so never applied by --fix).
 */
import { createRule, type RuleContext } from '../../engine/rule';
import {
  attributeSite,
  blockOf,
  describeOrigin,
  iacRules,
  numberOf,
  replaceEdits,
  setAttributeEdits,
  stringOf,
} from '../../iac';

export const batchMinVcpus = createRule(
  {
    id: 'batch/min-vcpus',
    description: 'Batch compute environments that scale to zero vCPUs',
    defaultSeverity: 'info',
    fix: 'never',
    hasSuggestions: true,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'With min_vcpus = 0 the environment scales to nothing between runs and every batch waits minutes for EC2 ' +
      'instances to launch and join the cluster before the first job starts.',
    target: 'min_vcpus = 4 (batch processing < 10 minutes)',
  },
  check,
);

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  const target = ctx.targets.pipeline.batchMinVcpus;
  const title = `Keep ${target} vCPUs warm`;
  for (const env of iac.resources('aws_batch_compute_environment')) {
    const cr = blockOf(env, 'compute_resources');
    if (!cr || cr.dynamic) continue;
    const type = stringOf(cr.attributes.get('type')?.value);
    if (type !== 'EC2' && type !== 'SPOT') continue; // Fargate has no minimum
    const attr = cr.attributes.get('min_vcpus');
    if (!attr) {
      iac.report(cr.headerSpan, 'Batch compute environment scales to zero: min_vcpus is not set (0)', {
        suggestions: [
          {
            title,
            edits: () => setAttributeEdits(ctx.file, env, ['compute_resources'], [['min_vcpus', target]]),
          },
        ],
      });
      continue;
    }
    if (numberOf(attr.value) !== 0) continue;
    iac.report(
      attributeSite(attr),
      `Batch compute environment scales to zero: min_vcpus is 0${describeOrigin(attr)}`,
      {
        suggestions: [{ title, edits: () => replaceEdits(ctx.file, env, attr, target) }],
      },
    );
  }
}
