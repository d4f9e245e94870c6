/**
 * glue/crawler-schedule: a Glue crawler with no schedule, or a schedule that runs inside business hours
 * (`targets.pipeline.businessHoursStart`–`businessHoursEnd`, UTC; 08–18 by default). The guide runs at 2 AM.
 * A crawler that an `aws_glue_trigger` starts (`actions { crawler_name = … }`) is scheduled by the trigger: a
 * SCHEDULED trigger's own schedule is judged instead; a CONDITIONAL, ON_DEMAND or EVENT trigger runs it when
 * something else happens, which the linter cannot know, so it stays silent.
 */
import { createRule, type RuleContext } from '../../engine/rule';
import {
  attributeSite,
  blocksOf,
  describeOrigin,
  iacRules,
  replaceEdits,
  stringOf,
  type Attribute,
  type IacReporter,
  type Resource,
} from '../../iac';

export const glueCrawlerSchedule = createRule(
  {
    id: 'glue/crawler-schedule',
    description: 'Glue crawlers without an off-peak schedule',
    defaultSeverity: 'info',
    fix: 'never',
    hasSuggestions: true,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'A crawler competes with queries for the catalog and S3 while it runs and can change table schemas under ' +
      'running jobs; off-peak runs keep business-hours queries fast and predictable.',
    target: 'schedule off-peak, e.g. cron(0 2 * * ? *) (2 AM daily); crawler < 5 minutes',
  },
  check,
);

const OFF_PEAK = 'cron(0 2 * * ? *)';

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  /** SCHEDULED triggers that start crawlers without a schedule of their own, with those crawlers' names. */
  const scheduledTriggers = new Map<Resource, string[]>();
  for (const crawler of iac.resources('aws_glue_crawler')) {
    const attr = crawler.attributes.get('schedule');
    if (!attr) {
      const triggers = triggersOf(iac, crawler);
      if (triggers === 'unknown') continue;
      if (triggers.length === 0) {
        iac.report(
          crawler.headerSpan,
          'Glue crawler without a schedule: it runs only when started by hand or by a trigger',
        );
        continue;
      }
      for (const t of triggers) {
        if (stringOf(t.attributes.get('type')?.value) !== 'SCHEDULED') continue;
        const names = scheduledTriggers.get(t) ?? [];
        names.push(stringOf(crawler.attributes.get('name')?.value) ?? crawler.name);
        scheduledTriggers.set(t, names);
      }
      continue;
    }
    judgeSchedule(ctx, iac, crawler, attr, 'Glue crawler', 'Run the crawler at 2 AM');
  }
  for (const [trigger, crawlers] of scheduledTriggers) {
    const attr = trigger.attributes.get('schedule');
    if (!attr) continue;
    const what = `Glue trigger starting crawler${crawlers.length === 1 ? '' : 's'} ${crawlers.join(', ')}`;
    judgeSchedule(ctx, iac, trigger, attr, what, 'Run the trigger at 2 AM');
  }
}

/** Report a crawler's or trigger's schedule when it fires inside business hours. */
function judgeSchedule(
  ctx: RuleContext,
  iac: IacReporter,
  owner: Resource,
  attr: Attribute,
  what: string,
  title: string,
): void {
  const { businessHoursStart: start, businessHoursEnd: end } = ctx.targets.pipeline;
  const expr = stringOf(attr.value);
  if (expr === undefined) return;
  const hours = scheduledHours(expr);
  if (!hours) return;
  const inside = hours.filter((h) => h >= start && h < end);
  if (inside.length === 0) return;
  const when = expr.trim().startsWith('rate(')
    ? 'runs around the clock'
    : `runs at ${inside.map((h) => `${h}:00`).join(', ')} UTC`;
  iac.report(
    attributeSite(attr),
    `${what} scheduled in business hours: "${expr}"${describeOrigin(attr)} ${when}, inside ${start}:00–${end}:00`,
    { suggestions: [{ title, edits: () => replaceEdits(ctx.file, owner, attr, OFF_PEAK) }] },
  );
}

/**
 * The Glue triggers whose actions start a crawler: by reference (`crawler_name = aws_glue_crawler.c.name`) or by
 * its literal name. `'unknown'` when some trigger's action names a crawler the linter cannot resolve (a variable
 * without a default), which may be this one.
 */
function triggersOf(iac: IacReporter, crawler: Resource): Resource[] | 'unknown' {
  const name = stringOf(crawler.attributes.get('name')?.value);
  const out: Resource[] = [];
  let unknown = false;
  for (const t of iac.model.ofType('aws_glue_trigger')) {
    if (t.mode !== 'resource') continue;
    for (const action of blocksOf(t, 'actions')) {
      const a = action.attributes.get('crawler_name');
      if (!a) continue;
      const byRef = a.refs.some((r) => r.address === crawler.address);
      const literal = stringOf(a.value);
      if (byRef || (literal !== undefined && name !== undefined && literal === name)) {
        if (!out.includes(t)) out.push(t);
      } else if (literal === undefined && a.refs.length === 0) unknown = true;
    }
  }
  return out.length > 0 ? out : unknown ? 'unknown' : out;
}

/** The hours (0–23) a `cron(...)` or `rate(...)` schedule fires in, or undefined when unreadable. */
export function scheduledHours(expr: string): number[] | undefined {
  const s = expr.trim();
  const rate = /^rate\(\s*(\d+)\s+(minutes?|hours?|days?)\s*\)$/i.exec(s);
  if (rate) {
    const unit = rate[2]!.toLowerCase();
    if (unit.startsWith('day')) return undefined; // the hour depends on creation time
    return Array.from({ length: 24 }, (_, i) => i);
  }
  const cron = /^cron\((.*)\)$/i.exec(s);
  if (!cron) return undefined;
  const fields = cron[1]!.trim().split(/\s+/);
  if (fields.length !== 6) return undefined;
  return expandField(fields[1]!, 0, 23);
}

function expandField(field: string, min: number, max: number): number[] | undefined {
  const out = new Set<number>();
  for (const part of field.split(',')) {
    const m = /^(\*|\d+)(?:-(\d+))?(?:\/(\d+))?$/.exec(part);
    if (!m) return undefined;
    const lo = m[1] === '*' ? min : Number(m[1]);
    const hi = m[2] !== undefined ? Number(m[2]) : m[1] === '*' || m[3] !== undefined ? max : lo;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (step <= 0 || lo < min || hi > max) return undefined;
    for (let h = lo; h <= hi; h += step) out.add(h);
  }
  return [...out].sort((a, b) => a - b);
}
