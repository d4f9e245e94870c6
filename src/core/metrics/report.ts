/**
 * The guide's "Performance Testing Results Template", filled from a live snapshot: API Gateway figures, the
 * Athena and Lambda tables with ✓/⚠ against the targets, and recommendations from the figures and the
 * workspace's open findings.
 */
import type { Finding } from '../model/types';
import type { Targets } from '../targets';
import { formatCount, formatMs, formatPct, formatUsd, meets, rangeSeconds } from './compute';
import type { MetricsSnapshot } from './types';

export interface ReportInputs {
  snapshot: MetricsSnapshot;
  targets: Targets;
  /** Open findings in the workspace (editor diagnostics or a CLI run). */
  findings?: readonly Finding[];
  /** Workspace name for the title. */
  workspaceName?: string;
}

const OK = '✓';
const WARN = '⚠';

function mark(ok: boolean | null): string {
  return ok === null ? '–' : ok ? OK : WARN;
}

/** Every check of a row must pass for ✓; no data gives "–". */
function all(...checks: (boolean | null)[]): string {
  const known = checks.filter((c): c is boolean => c !== null);
  if (known.length === 0) return '–';
  return known.every(Boolean) ? OK : WARN;
}

export function formatGb(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  const gb = bytes / 1024 ** 3;
  return `${gb >= 10 ? gb.toFixed(1) : gb >= 0.01 ? gb.toFixed(2) : gb.toFixed(4)} GB`;
}

function seconds(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return `${(ms / 1000).toFixed(1)}s`;
}

function ms(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : `${Math.round(v)}ms`;
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function rangeLabel(s: MetricsSnapshot): string {
  const h = rangeSeconds(s.range) / 3600;
  return h >= 24 ? `last ${h / 24 === 7 ? '7 days' : `${h} hours`}` : `last ${h} hour${h === 1 ? '' : 's'}`;
}

/** The report as Markdown. */
export function renderReport(inputs: ReportInputs): string {
  const { snapshot: s, targets: t } = inputs;
  const out: string[] = [];
  const date = new Date(s.end).toISOString().slice(0, 10);
  out.push(`# Performance Testing Results${inputs.workspaceName ? ` — ${inputs.workspaceName}` : ''}`, '');
  out.push(
    `### Test Run: ${date}`,
    '',
    `Live figures from CloudWatch, CloudWatch Logs Insights and Athena for the ${rangeLabel(s)} ` +
      `(${new Date(s.start).toISOString()} – ${new Date(s.end).toISOString()}${s.region ? `, ${s.region}` : ''}).`,
    '',
  );
  if (s.problem) out.push(`> ${s.problem.message}`, '');

  // API Gateway
  out.push('#### API Gateway Load Test', '');
  if (s.apiGateway.stages.length === 0)
    out.push(`_${s.apiGateway.problem?.message ?? 'No API Gateway data.'}_`, '');
  const seconds_ = rangeSeconds(s.range);
  for (const st of s.apiGateway.stages) {
    const errors =
      st.errors4xx === null && st.errors5xx === null ? null : (st.errors4xx ?? 0) + (st.errors5xx ?? 0);
    const success = st.count && errors !== null ? ((st.count - errors) / st.count) * 100 : null;
    out.push(`##### ${st.apiName} / ${st.stage}`, '');
    out.push(`- Duration: ${rangeLabel(s)}`);
    out.push(`- Total Requests: ${st.count === null ? '—' : st.count.toLocaleString('en-US')}`);
    out.push(
      `- Success Rate: ${formatPct(success)} ${mark(meets(st.errorRatePct, t.apiGateway.errorRatePct))} ` +
        `(4XX ${formatCount(st.errors4xx)}, 5XX ${formatCount(st.errors5xx)}; target: errors < ${t.apiGateway.errorRatePct}%)`,
    );
    out.push(
      `- Average Response Time: ${ms(st.latencyAvgMs)} ${mark(meets(st.latencyAvgMs, t.apiGateway.avgLatencyMs))} (target < ${t.apiGateway.avgLatencyMs}ms)`,
    );
    out.push(
      `- P95 Response Time: ${ms(st.latencyP95Ms)} ${mark(meets(st.latencyP95Ms, t.apiGateway.p95LatencyMs))} (target < ${t.apiGateway.p95LatencyMs}ms)`,
    );
    out.push(
      `- P99 Response Time: ${ms(st.latencyP99Ms)} ${mark(meets(st.latencyP99Ms, t.apiGateway.p99LatencyMs))} (target < ${t.apiGateway.p99LatencyMs}ms)`,
    );
    const rps = st.count === null ? null : st.count / seconds_;
    out.push(
      `- Throughput: ${rps === null ? '—' : `${rps < 10 ? rps.toFixed(2) : Math.round(rps)} RPS`} (average)`,
    );
    out.push(`- Cache Hit Rate: ${formatPct(st.cacheHitRatePct)}`, '');
  }

  // Athena
  out.push('#### Athena Query Performance', '');
  if (s.athena.queries.length === 0) out.push(`_${s.athena.problem?.message ?? 'No Athena queries.'}_`, '');
  else {
    out.push('| Query Type | Query | Workgroup | Duration | Data Scanned | Cost | Status |');
    out.push('|------------|-------|-----------|----------|--------------|------|--------|');
    for (const q of s.athena.queries) {
      const limit = q.kind === 'complex' ? t.athena.complexQueryMs : t.athena.simpleQueryMs;
      const status = all(
        meets(q.engineTimeMs, limit),
        meets(q.dataScannedBytes, t.athena.maxBytesScannedPerQuery + 1),
      );
      const text = q.query.length > 60 ? q.query.slice(0, 59) + '…' : q.query;
      out.push(
        `| ${q.kind === 'complex' ? 'Complex' : 'Simple'} | \`${cell(text)}\` | ${cell(q.workGroup)} | ${seconds(q.engineTimeMs)} | ` +
          `${formatGb(q.dataScannedBytes)} | ${formatUsd(q.costUsd)} | ${status}${q.state !== 'SUCCEEDED' ? ` ${q.state}` : ''} |`,
      );
    }
    out.push('');
    out.push(
      `Targets: simple queries < ${t.athena.simpleQueryMs / 1000}s, complex < ${t.athena.complexQueryMs / 1000}s, ` +
        `data scanned < ${formatGb(t.athena.maxBytesScannedPerQuery)} per query; cost at $${t.athena.pricePerTbUsd}/TB.`,
      '',
    );
  }

  // Lambda
  out.push('#### Lambda Performance', '');
  if (s.lambda.functions.length === 0) out.push(`_${s.lambda.problem?.message ?? 'No Lambda data.'}_`, '');
  else {
    out.push(
      '| Function | Avg Duration | Max Duration | Cold Start | P95 Duration | Invocations | Errors | Memory | Status |',
    );
    out.push(
      '|----------|--------------|--------------|------------|--------------|-------------|--------|--------|--------|',
    );
    for (const f of s.lambda.functions) {
      const status = all(
        meets(f.durationAvgMs, t.lambda.warmMs),
        meets(f.initP95Ms, t.lambda.coldStartMs),
        meets(f.memoryUtilizationPct, t.lambda.memoryUtilizationPct),
        meets(f.timeoutRatePct, t.lambda.timeoutRatePct),
      );
      const memory =
        f.maxMemoryUsedMb !== null && f.memorySizeMb !== null
          ? `${Math.round(f.maxMemoryUsedMb)} / ${Math.round(f.memorySizeMb)} MB (${formatPct(f.memoryUtilizationPct)})`
          : f.memorySizeMb !== null
            ? `${Math.round(f.memorySizeMb)} MB`
            : '—';
      out.push(
        `| ${cell(f.name)} | ${ms(f.durationAvgMs)} | ${ms(f.durationMaxMs)} | ${f.coldStarts === 0 ? 'none' : ms(f.initP95Ms)} | ` +
          `${ms(f.durationP95Ms)} | ${f.invocations === null ? '—' : f.invocations.toLocaleString('en-US')} | ` +
          `${formatCount(f.errors)} | ${memory} | ${status} |`,
      );
    }
    out.push('');
    out.push(
      `Targets: warm < ${t.lambda.warmMs}ms, cold start < ${t.lambda.coldStartMs}ms, memory < ${t.lambda.memoryUtilizationPct}%, ` +
        `timeouts < ${t.lambda.timeoutRatePct}%. Cold Start is the p95 of the init duration in the REPORT lines.`,
      '',
    );
  }

  out.push('### Recommendations', '');
  const recs = recommendations(inputs);
  if (recs.length === 0) out.push('No figure is over its target and the workspace has no open findings.');
  recs.forEach((r, i) => out.push(`${i + 1}. ${r}`));
  out.push('');
  return out.join('\n');
}

/** Recommendations from the figures (over-target functions, stages and queries) and the open findings. */
export function recommendations(inputs: ReportInputs): string[] {
  const { snapshot: s, targets: t } = inputs;
  const recs: string[] = [];
  for (const st of s.apiGateway.stages) {
    const slow =
      (st.latencyAvgMs ?? 0) >= t.apiGateway.avgLatencyMs ||
      (st.latencyP95Ms ?? 0) >= t.apiGateway.p95LatencyMs;
    if (slow && (st.cacheHitRatePct === null || st.cacheHitRatePct < 50))
      recs.push(
        `Implement API Gateway caching for read-heavy endpoints of ${st.apiName}/${st.stage} ` +
          `(average ${ms(st.latencyAvgMs)}, p95 ${ms(st.latencyP95Ms)}, cache hit rate ${formatPct(st.cacheHitRatePct)}).`,
      );
    if ((st.errorRatePct ?? 0) >= t.apiGateway.errorRatePct)
      recs.push(
        `Reduce errors on ${st.apiName}/${st.stage}: ${formatPct(st.errorRatePct)} of requests fail (target < ${t.apiGateway.errorRatePct}%).`,
      );
  }
  for (const f of s.lambda.functions) {
    if ((f.memoryUtilizationPct ?? 0) >= t.lambda.memoryUtilizationPct && f.memorySizeMb)
      recs.push(
        `Increase Lambda memory for ${f.name} (${Math.round(f.memorySizeMb)} MB, ${formatPct(f.memoryUtilizationPct)} used; target < ${t.lambda.memoryUtilizationPct}%).`,
      );
    if ((f.initP95Ms ?? 0) >= t.lambda.coldStartMs)
      recs.push(
        `Enable provisioned concurrency or trim init work for ${f.name} (cold start p95 ${formatMs(f.initP95Ms)}; target < ${formatMs(t.lambda.coldStartMs)}).`,
      );
    else if ((f.durationAvgMs ?? 0) >= t.lambda.warmMs)
      recs.push(
        `Speed up ${f.name}: average duration ${formatMs(f.durationAvgMs)} (warm target < ${t.lambda.warmMs} ms).`,
      );
    if ((f.timeoutRatePct ?? 0) >= t.lambda.timeoutRatePct && (f.timeouts ?? 0) > 0)
      recs.push(
        `Investigate timeouts of ${f.name}: ${f.timeouts} in the range (${formatPct(f.timeoutRatePct)}).`,
      );
  }
  const heavy = s.athena.queries.filter((q) => q.overScanBudget);
  if (heavy.length > 0)
    recs.push(
      `Optimize ${heavy.length} Athena quer${heavy.length === 1 ? 'y' : 'ies'} scanning over ${formatGb(t.athena.maxBytesScannedPerQuery)} ` +
        `with partition pruning and column projection (largest: ${formatGb(Math.max(...heavy.map((q) => q.dataScannedBytes ?? 0)))}).`,
    );
  const byRule = new Map<string, Finding[]>();
  for (const f of inputs.findings ?? []) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  for (const [ruleId, fs] of [...byRule].sort(
    (a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]),
  )) {
    const first = fs[0]!;
    recs.push(
      `Fix ${fs.length} \`${ruleId}\` finding${fs.length === 1 ? '' : 's'}, e.g. ${first.file}:${first.range.start.line + 1}: ${first.message}`,
    );
  }
  return recs;
}
