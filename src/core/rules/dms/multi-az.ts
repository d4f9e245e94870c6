/**
 * dms/multi-az: a DMS replication instance without `multi_az = true`.
 */
import { createRule, type RuleContext } from '../../engine/rule';
import { attributeSite, boolOf, describeOrigin, iacRules, replaceEdits, setAttributeEdits } from '../../iac';

export const dmsMultiAz = createRule(
  {
    id: 'dms/multi-az',
    description: 'DMS replication instances without Multi-AZ',
    defaultSeverity: 'warning',
    fix: 'sometimes',
    hasSuggestions: false,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'A single-AZ replication instance stops change data capture during an AZ event or maintenance; the lag ' +
      'then grows far past the pipeline’s target while it recovers.',
    target: 'multi_az = true (DMS lag < 60 s)',
  },
  check,
);

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  for (const inst of iac.resources('aws_dms_replication_instance')) {
    const attr = inst.attributes.get('multi_az');
    if (!attr) {
      iac.report(inst.headerSpan, 'DMS replication instance without Multi-AZ: multi_az is not set (false)', {
        fix: {
          title: 'Enable Multi-AZ',
          edits: () => setAttributeEdits(ctx.file, inst, [], [['multi_az', true]]),
        },
      });
      continue;
    }
    if (boolOf(attr.value) !== false) continue;
    iac.report(
      attributeSite(attr),
      `DMS replication instance without Multi-AZ: multi_az is false${describeOrigin(attr)}`,
      {
        fix: { title: 'Enable Multi-AZ', edits: () => replaceEdits(ctx.file, inst, attr, true) },
      },
    );
  }
}
