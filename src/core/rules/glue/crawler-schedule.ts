/**
 * glue/crawler-schedule: a Glue crawler with no schedule, or a schedule that runs inside business hours
 * (`targets.pipeline.businessHoursStart`–`businessHoursEnd`, UTC; 08–18 by default). The guide runs at 2 AM.
 */
import { createRule, type RuleContext } from '../../engine/rule';
import { attributeSite, describeOrigin, iacRules, replaceEdits, stringOf } from '../../iac';

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
  const { businessHoursStart: start, businessHoursEnd: end } = ctx.targets.pipeline;
  for (const crawler of iac.resources('aws_glue_crawler')) {
    const attr = crawler.attributes.get('schedule');
    if (!attr) {
      iac.report(
        crawler.headerSpan,
        'Glue crawler without a schedule: it runs only when started by hand or by a trigger',
      );
      continue;
    }
    const expr = stringOf(attr.value);
    if (expr === undefined) continue;
    const hours = scheduledHours(expr);
    if (!hours) continue;
    const inside = hours.filter((h) => h >= start && h < end);
    if (inside.length === 0) continue;
    const when = expr.trim().startsWith('rate(')
      ? 'runs around the clock'
      : `runs at ${inside.map((h) => `${h}:00`).join(', ')} UTC`;
    iac.report(
      attributeSite(attr),
      `Glue crawler scheduled in business hours: "${expr}"${describeOrigin(attr)} ${when}, inside ${start}:00–${end}:00`,
      {
        suggestions: [
          { title: 'Run the crawler at 2 AM', edits: () => replaceEdits(ctx.file, crawler, attr, OFF_PEAK) },
        ],
      },
    );
  }
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
