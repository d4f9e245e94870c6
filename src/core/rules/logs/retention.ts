/**
 * logs/retention: a CloudWatch log group without `retention_in_days` (or 0): its logs are kept forever.
 * The fix sets the configured retention (`targets.logs.retentionDays`, 30 days by default).
 */
import { createRule, type RuleContext } from '../../engine/rule';
import {
  attributeSite,
  defaultOf,
  describeOrigin,
  iacRules,
  numberOf,
  replaceEdits,
  setAttributeEdits,
} from '../../iac';

export const logsRetention = createRule(
  {
    id: 'logs/retention',
    description: 'CloudWatch log groups that keep logs forever',
    defaultSeverity: 'warning',
    fix: 'sometimes',
    hasSuggestions: false,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'A log group without retention keeps every line forever at $0.03 per GB-month; Lambda and API access logs ' +
      'grow with traffic, and the guide deletes logs after their retention period.',
    target: 'retention_in_days = 30 (configurable)',
  },
  check,
);

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  const days = ctx.targets.logs.retentionDays;
  const title = `Keep logs for ${days} days`;
  for (const group of iac.resources('aws_cloudwatch_log_group')) {
    const attr = group.attributes.get('retention_in_days');
    if (!attr) {
      // A format may default to a finite retention (CDK's LogGroup keeps two years).
      const d = numberOf(defaultOf(group, 'retention_in_days', { kind: 'number', value: 0 }));
      if (d === undefined || d > 0) continue;
      iac.report(group.headerSpan, 'CloudWatch log group kept forever: retention_in_days is not set', {
        fix: { title, edits: () => setAttributeEdits(ctx.file, group, [], [['retention_in_days', days]]) },
      });
      continue;
    }
    if (numberOf(attr.value) !== 0) continue;
    iac.report(
      attributeSite(attr),
      `CloudWatch log group kept forever: retention_in_days is 0${describeOrigin(attr)}`,
      {
        fix: { title, edits: () => replaceEdits(ctx.file, group, attr, days) },
      },
    );
  }
}
