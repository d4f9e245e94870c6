/**
 * batch/spot: a managed Batch compute environment on on-demand capacity (`EC2` or `FARGATE`) that no job queue
 * pairs with a Spot environment (`SPOT` or `FARGATE_SPOT`).
 */
import { createRule, type RuleContext } from '../../engine/rule';
import { attributeSite, blockOf, forEachAttribute, iacRules, stringOf, type Resource } from '../../iac';

export const batchSpot = createRule(
  {
    id: 'batch/spot',
    description: 'Batch compute on on-demand capacity without Spot',
    defaultSeverity: 'info',
    fix: 'never',
    hasSuggestions: false,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'Batch jobs are restartable and rarely latency-bound: Spot capacity costs up to 90% less, and a queue that ' +
      'lists a Spot environment first keeps on-demand as the fallback.',
    target: 'Spot instances for Batch jobs (cost optimisation)',
  },
  check,
);

const SPOT = new Set(['SPOT', 'FARGATE_SPOT']);

function computeType(env: Resource): string | undefined {
  return stringOf(blockOf(env, 'compute_resources')?.attributes.get('type')?.value);
}

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  const queues = iac.model.ofType('aws_batch_job_queue');
  for (const env of iac.resources('aws_batch_compute_environment')) {
    const typeAttr = blockOf(env, 'compute_resources')?.attributes.get('type');
    const type = computeType(env);
    if (!typeAttr || (type !== 'EC2' && type !== 'FARGATE')) continue;
    // A queue that also uses a Spot environment (or one it cannot tell) makes this the fallback.
    const paired = queues.some((q) => {
      const refs: string[] = [];
      forEachAttribute(q, (a) => {
        for (const r of a.refs) if (r.address) refs.push(r.address);
      });
      if (!refs.includes(env.address)) return false;
      return refs.some((addr) => {
        const other = iac.model.byAddress(addr);
        if (!other || other.resourceType !== 'aws_batch_compute_environment') return false;
        const t = computeType(other);
        return t === undefined || SPOT.has(t);
      });
    });
    if (paired) continue;
    iac.report(
      attributeSite(typeAttr),
      `Batch compute environment on on-demand capacity: compute_resources.type is "${type}" and no job queue pairs it with ${type === 'EC2' ? 'SPOT' : 'FARGATE_SPOT'}`,
    );
  }
}
