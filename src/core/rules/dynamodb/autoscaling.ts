/**
 * dynamodb/autoscaling: a `PROVISIONED` table (the default billing mode) with no `aws_appautoscaling_target`
 * for its read or write capacity, matched through the target's `resource_id` reference to the table.
 */
import { createRule, type RuleContext } from '../../engine/rule';
import { attributeSite, defaultOf, iacRules, stringOf, type Resource } from '../../iac';

export const dynamodbAutoscaling = createRule(
  {
    id: 'dynamodb/autoscaling',
    description: 'Provisioned DynamoDB tables without read and write autoscaling',
    defaultSeverity: 'warning',
    fix: 'never',
    hasSuggestions: false,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'A provisioned table with fixed capacity throttles as soon as traffic exceeds it and pays for idle capacity ' +
      'the rest of the time; autoscaling tracks utilisation (the guide targets 70%).',
    target: 'aws_appautoscaling_target for ReadCapacityUnits and WriteCapacityUnits (target utilisation 70%)',
  },
  check,
);

const DIMENSIONS = {
  read: 'dynamodb:table:ReadCapacityUnits',
  write: 'dynamodb:table:WriteCapacityUnits',
} as const;

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  const targets = iac.model.ofType('aws_appautoscaling_target');
  for (const table of iac.resources('aws_dynamodb_table')) {
    const billing = table.attributes.get('billing_mode');
    const mode = stringOf(
      billing ? billing.value : defaultOf(table, 'billing_mode', { kind: 'string', value: 'PROVISIONED' }),
    );
    if (mode !== 'PROVISIONED') continue;
    // Capacity managed elsewhere: `lifecycle { ignore_changes = [read_capacity, …] }`.
    if (ignoresCapacity(table)) continue;
    const missing: string[] = [];
    let unsure = false;
    for (const [k, dim] of Object.entries(DIMENSIONS)) {
      let found = false;
      for (const t of targets) {
        const m = matches(t, table);
        if (m === 'no') continue;
        const d = stringOf(t.attributes.get('scalable_dimension')?.value);
        if (m === 'unknown' || d === undefined) {
          if (d === undefined || d === dim) unsure = true;
          continue;
        }
        if (d === dim) found = true;
      }
      if (!found) missing.push(k);
    }
    if (missing.length === 0 || unsure) continue;
    iac.report(
      billing ? attributeSite(billing) : table.headerSpan,
      `Provisioned DynamoDB table without autoscaling: no aws_appautoscaling_target for its ${missing.join(' and ')} capacity`,
    );
  }
}

/** Whether a scaling target's `resource_id` is this table: by reference, by known name, or unknown. */
function matches(t: Resource, table: Resource): 'yes' | 'no' | 'unknown' {
  const ns = stringOf(t.attributes.get('service_namespace')?.value);
  if (ns !== undefined && ns !== 'dynamodb') return 'no';
  const id = t.attributes.get('resource_id');
  if (!id) return 'no';
  if (id.refs.some((r) => r.address === table.address)) return 'yes';
  const value = stringOf(id.value);
  if (value === undefined) return id.refs.some((r) => r.address) ? 'no' : 'unknown';
  const name = stringOf(table.attributes.get('name')?.value);
  return name !== undefined && value === `table/${name}` ? 'yes' : 'no';
}

function ignoresCapacity(table: Resource): boolean {
  for (const l of table.blocks) {
    if (l.type !== 'lifecycle') continue;
    const ig = l.attributes.get('ignore_changes');
    if (!ig) continue;
    if (ig.value.kind === 'unknown') return true;
    const names = ig.value.kind === 'list' ? ig.value.items.map(stringOf) : [stringOf(ig.value)];
    if (names.some((n) => n === undefined || n === 'all' || /^(read|write)_capacity$/.test(n))) return true;
  }
  return false;
}
