/**
 * dms/task-settings: a DMS replication task whose `replication_task_settings` JSON sets full-load or
 * batch-apply values below the guide's (MaxFullLoadSubTasks 8, BatchApplyMemoryLimit 500, MemoryLimitTotal
 * 1024, StatementCacheSize 50). Unset keys take DMS defaults, which meet the guide.
 */
import { createRule, type RuleContext } from '../../engine/rule';
import { attributeSite, describeOrigin, iacRules, stringOf } from '../../iac';

export const dmsTaskSettings = createRule(
  {
    id: 'dms/task-settings',
    description: 'DMS task settings below the guide’s full-load and batch-apply values',
    defaultSeverity: 'info',
    fix: 'never',
    hasSuggestions: false,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'Few full-load subtasks load tables one after another; small batch-apply memory and statement caches ' +
      'make CDC apply changes in tiny batches, so replication lag grows under load.',
    target: 'MaxFullLoadSubTasks 8, BatchApplyMemoryLimit 500, MemoryLimitTotal 1024, StatementCacheSize 50',
  },
  check,
);

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  const p = ctx.targets.pipeline;
  const wanted: [string, string, number][] = [
    ['FullLoadSettings', 'MaxFullLoadSubTasks', p.dmsMaxFullLoadSubTasks],
    ['ChangeProcessingTuning', 'BatchApplyMemoryLimit', p.dmsBatchApplyMemoryLimit],
    ['ChangeProcessingTuning', 'MemoryLimitTotal', p.dmsMemoryLimitTotal],
    ['ChangeProcessingTuning', 'StatementCacheSize', p.dmsStatementCacheSize],
  ];
  for (const task of iac.resources('aws_dms_replication_task')) {
    const attr = task.attributes.get('replication_task_settings');
    const text = stringOf(attr?.value);
    if (!attr || text === undefined) continue;
    let settings: unknown;
    try {
      settings = JSON.parse(text);
    } catch {
      continue;
    }
    const low: string[] = [];
    for (const [section, key, target] of wanted) {
      const v = (settings as Record<string, Record<string, unknown> | undefined> | null)?.[section]?.[key];
      if (typeof v === 'number' && v < target) low.push(`${key} ${v} (target ${target})`);
    }
    if (low.length === 0) continue;
    iac.report(
      attributeSite(attr),
      `DMS task settings below the guide: ${low.join(', ')}${describeOrigin(attr)}`,
    );
  }
}
