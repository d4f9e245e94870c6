/**
 * s3/lifecycle: a data-lake or log bucket (by bucket or logical name, option `bucketPattern`) with no lifecycle
 * rule that moves objects to Glacier (or, for log buckets, expires them). Lifecycle rules are read from
 * `aws_s3_bucket_lifecycle_configuration` resources that refer to the bucket and from inline `lifecycle_rule`.
 */
import { createRule, type RuleContext } from '../../engine/rule';
import { blocksOf, iacRules, stringOf, type Block } from '../../iac';

const DEFAULT_PATTERN =
  '(^|[-_.])(logs?|logging|access-logs|lake|datalake|data-lake|raw|bronze|silver|gold|curated|processed|archive|analytics)([-_.]|$)';
const LOG_PATTERN = '(^|[-_.])(logs?|logging|access-logs)([-_.]|$)';

export const s3Lifecycle = createRule(
  {
    id: 's3/lifecycle',
    description: 'Data-lake and log buckets without a lifecycle transition to Glacier',
    defaultSeverity: 'info',
    fix: 'never',
    hasSuggestions: false,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'Raw and curated data and logs pile up in S3 Standard at $0.023 per GB-month; old partitions are rarely ' +
      'read, and Glacier classes cost a fraction of that.',
    target: 'move old data to S3 Glacier; delete logs after their retention period',
    optionsSchema: {
      type: 'object',
      properties: {
        bucketPattern: {
          type: 'string',
          description: 'Case-insensitive regular expression for data-lake and log bucket names.',
          default: DEFAULT_PATTERN,
        },
      },
      additionalProperties: false,
    },
  },
  check,
);

const GLACIER = /^(GLACIER|GLACIER_IR|DEEP_ARCHIVE)$/;

function test(pattern: string, name: string): boolean {
  try {
    return new RegExp(pattern, 'i').test(name);
  } catch {
    return false;
  }
}

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  const pattern = typeof ctx.options.bucketPattern === 'string' ? ctx.options.bucketPattern : DEFAULT_PATTERN;
  const configs = iac.model.ofType('aws_s3_bucket_lifecycle_configuration');
  for (const bucket of iac.resources('aws_s3_bucket')) {
    const nameAttr = bucket.attributes.get('bucket');
    const name = nameAttr ? stringOf(nameAttr.value) : undefined;
    if (nameAttr && name === undefined && !test(pattern, bucket.name)) continue;
    const label = name ?? bucket.name;
    if (!test(pattern, label) && !test(pattern, bucket.name)) continue;
    const isLog = test(LOG_PATTERN, label) || test(LOG_PATTERN, bucket.name);
    let satisfied = rulesSatisfy(blocksOf(bucket, 'lifecycle_rule'), isLog);
    for (const c of configs) {
      if (satisfied) break;
      const target = c.attributes.get('bucket');
      const refs = target?.refs ?? [];
      const mine =
        refs.some((r) => r.address === bucket.address) ||
        (name !== undefined && stringOf(target?.value) === name);
      const unsure = !!target && stringOf(target.value) === undefined && !refs.some((r) => r.address);
      if (unsure || c.incomplete) satisfied = true;
      else if (mine) satisfied = rulesSatisfy(blocksOf(c, 'rule'), isLog);
    }
    if (satisfied) continue;
    iac.report(
      bucket.headerSpan,
      isLog
        ? `Log bucket without lifecycle: "${label}" has no rule that moves objects to Glacier or expires them`
        : `Data-lake bucket without lifecycle: "${label}" has no rule that moves objects to Glacier`,
    );
  }
}

/** Whether lifecycle rules move objects to a Glacier class (or, for logs, expire them); dynamic rules count. */
function rulesSatisfy(rules: readonly Block[], isLog: boolean): boolean {
  for (const r of rules) {
    if (r.dynamic) return true;
    const status = stringOf(r.attributes.get('status')?.value);
    const enabled = r.attributes.get('enabled');
    if (status === 'Disabled' || (enabled && stringOf(enabled.value) === 'false')) continue;
    for (const t of [...blocksOf(r, 'transition'), ...blocksOf(r, 'noncurrent_version_transition')]) {
      if (t.dynamic) return true;
      const sc = stringOf(t.attributes.get('storage_class')?.value);
      if (sc === undefined || GLACIER.test(sc)) return true;
    }
    if (isLog && blocksOf(r, 'expiration').length > 0) return true;
  }
  return false;
}
