/**
 * athena/workgroup-enforce: an Athena workgroup whose `enforce_workgroup_configuration` or
 * `publish_cloudwatch_metrics_enabled` is set to false (both default to true).
 */
import { createRule, type RuleContext } from '../../engine/rule';
import {
  attributeAt,
  attributeSite,
  blockOf,
  boolOf,
  describeOrigin,
  iacRules,
  replaceEdits,
} from '../../iac';

export const athenaWorkgroupEnforce = createRule(
  {
    id: 'athena/workgroup-enforce',
    description: 'Athena workgroups that let clients override their settings or publish no metrics',
    defaultSeverity: 'warning',
    fix: 'sometimes',
    hasSuggestions: false,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'When clients may override the workgroup, its scan cutoff, result location and encryption are suggestions; ' +
      'without CloudWatch metrics nobody sees the query time and data scanned the guide sets targets for.',
    target: 'enforce_workgroup_configuration = true, publish_cloudwatch_metrics_enabled = true',
  },
  check,
);

const SETTINGS = ['enforce_workgroup_configuration', 'publish_cloudwatch_metrics_enabled'] as const;

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  for (const wg of iac.resources('aws_athena_workgroup')) {
    if (blockOf(wg, 'configuration')?.dynamic) continue;
    for (const name of SETTINGS) {
      const attr = attributeAt(wg, ['configuration'], name);
      if (!attr || boolOf(attr.value) !== false) continue; // unset: true
      const what =
        name === SETTINGS[0] ? 'clients may override its settings' : 'it publishes no CloudWatch metrics';
      iac.report(
        attributeSite(attr),
        `Athena workgroup not enforced: ${name} is false${describeOrigin(attr)}, so ${what}`,
        {
          fix: { title: `Set ${name} to true`, edits: () => replaceEdits(ctx.file, wg, attr, true) },
        },
      );
    }
  }
}
