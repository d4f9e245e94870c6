/**
 * Pure computations over live metrics: planning CloudWatch queries, building the snapshot from what AWS
 * returned, colouring figures against the guide's targets, Athena cost. No SDK, no editor.
 */
import type { Finding } from '../model/types';
import type { Targets } from '../targets';
import {
  TIME_RANGES,
  type AthenaQueryInfo,
  type AthenaQueryRow,
  type AthenaWorkGroupRow,
  type ApiStageRef,
  type ApiStageRow,
  type FindingRef,
  type LambdaFunctionInfo,
  type LambdaRow,
  type MetricQuery,
  type MetricSeries,
  type MetricsSnapshot,
  type RawCollection,
  type ReportLineStats,
  type SourceLocation,
  type Status,
  type TimeRange,
} from './types';

const HOUR = 3600;

/** Length of a time range, seconds. */
export function rangeSeconds(range: TimeRange): number {
  switch (range) {
    case '1h':
      return HOUR;
    case '3h':
      return 3 * HOUR;
    case '24h':
      return 24 * HOUR;
    case '7d':
      return 7 * 24 * HOUR;
  }
}

/** Period of the sparkline series for a range: about 12–60 points. */
export function seriesPeriodSeconds(range: TimeRange): number {
  switch (range) {
    case '1h':
      return 60;
    case '3h':
      return 300;
    case '24h':
      return 1800;
    case '7d':
      return 3 * HOUR;
  }
}

export function isTimeRange(v: unknown): v is TimeRange {
  return typeof v === 'string' && (TIME_RANGES as readonly string[]).includes(v);
}

/** The window ending at `now` (aligned down to the minute, as CloudWatch prefers), epoch ms. */
export function windowOf(range: TimeRange, now: number): { start: number; end: number } {
  const end = Math.floor(now / 60_000) * 60_000;
  return { start: end - rangeSeconds(range) * 1000, end };
}

/** GetMetricData accepts at most this many queries per call. */
export const MAX_QUERIES_PER_CALL = 500;

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Per-function aggregate queries over the whole window (one datapoint each). */
const LAMBDA_AGGREGATES: readonly { key: string; metric: string; stat: string }[] = [
  { key: 'dAvg', metric: 'Duration', stat: 'Average' },
  { key: 'dP95', metric: 'Duration', stat: 'p95' },
  { key: 'dP99', metric: 'Duration', stat: 'p99' },
  { key: 'dMax', metric: 'Duration', stat: 'Maximum' },
  { key: 'inv', metric: 'Invocations', stat: 'Sum' },
  { key: 'err', metric: 'Errors', stat: 'Sum' },
  { key: 'thr', metric: 'Throttles', stat: 'Sum' },
  { key: 'conc', metric: 'ConcurrentExecutions', stat: 'Maximum' },
];

const API_AGGREGATES: readonly { key: string; metric: string; stat: string }[] = [
  { key: 'lat', metric: 'Latency', stat: 'Average' },
  { key: 'lP95', metric: 'Latency', stat: 'p95' },
  { key: 'lP99', metric: 'Latency', stat: 'p99' },
  { key: 'c4', metric: '4XXError', stat: 'Sum' },
  { key: 'c5', metric: '5XXError', stat: 'Sum' },
  { key: 'hit', metric: 'CacheHitCount', stat: 'Sum' },
  { key: 'miss', metric: 'CacheMissCount', stat: 'Sum' },
  { key: 'cnt', metric: 'Count', stat: 'Sum' },
];

export function lambdaQueryId(index: number, key: string): string {
  return `l${index}_${key}`;
}

export function apiQueryId(index: number, key: string): string {
  return `a${index}_${key}`;
}

/**
 * Every GetMetricData query one refresh needs: 9 per function (8 aggregates + the p95 sparkline) and 8 per API
 * stage, so 50 functions fit in one call of 500 and, with their stages, in two.
 */
export function planMetricQueries(
  functions: readonly LambdaFunctionInfo[],
  stages: readonly ApiStageRef[],
  range: TimeRange,
): MetricQuery[] {
  const whole = rangeSeconds(range);
  const out: MetricQuery[] = [];
  functions.forEach((fn, i) => {
    const dimensions = [{ name: 'FunctionName', value: fn.name }];
    for (const a of LAMBDA_AGGREGATES)
      out.push({
        id: lambdaQueryId(i, a.key),
        namespace: 'AWS/Lambda',
        metricName: a.metric,
        dimensions,
        stat: a.stat,
        periodSeconds: whole,
      });
    out.push({
      id: lambdaQueryId(i, 'sP95'),
      namespace: 'AWS/Lambda',
      metricName: 'Duration',
      dimensions,
      stat: 'p95',
      periodSeconds: seriesPeriodSeconds(range),
    });
  });
  stages.forEach((s, j) => {
    const dimensions = [
      { name: 'ApiName', value: s.apiName },
      { name: 'Stage', value: s.stage },
    ];
    for (const a of API_AGGREGATES)
      out.push({
        id: apiQueryId(j, a.key),
        namespace: 'AWS/ApiGateway',
        metricName: a.metric,
        dimensions,
        stat: a.stat,
        periodSeconds: whole,
      });
  });
  return out;
}

/** Combine a series into one figure by its statistic (several datapoints arrive when the window straddles periods). */
export function aggregate(series: MetricSeries | undefined, stat: string): number | null {
  if (!series || series.values.length === 0) return null;
  const v = series.values.filter((x) => Number.isFinite(x));
  if (v.length === 0) return null;
  switch (stat) {
    case 'Sum':
      return v.reduce((a, b) => a + b, 0);
    case 'Average':
      return v.reduce((a, b) => a + b, 0) / v.length;
    case 'Minimum':
      return Math.min(...v);
    default:
      // Maximum, and percentiles (the largest period's percentile is an upper bound).
      return Math.max(...v);
  }
}

/** Nearest-rank percentile of some numbers (p in 0–100), or null when there are none. */
export function percentile(values: readonly number[], p: number): number | null {
  const v = values.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * v.length));
  return v[Math.min(rank, v.length) - 1]!;
}

/**
 * REPORT-line figures from Logs Insights rows: the `stats` row of perfguard's query when the service computed
 * it, else computed here from raw REPORT / "Task timed out" events (`@duration`, `@initDuration`,
 * `@maxMemoryUsed`, `@memorySize`, `@message`).
 */
export function reportStatsFromRows(rows: readonly Record<string, string>[]): ReportLineStats | undefined {
  const num = (v: string | undefined): number | null => {
    if (v === undefined || v.trim() === '') return null;
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  };
  const first = rows[0];
  if (!first) return undefined;
  if ('invocations' in first || 'coldStarts' in first) {
    return {
      invocations: num(first.invocations) ?? 0,
      coldStarts: num(first.coldStarts) ?? 0,
      initP95Ms: num(first.initP95),
      maxMemoryUsedBytes: num(first.maxMemoryUsed),
      memorySizeBytes: num(first.memorySize),
      timeouts: Math.max(num(first.timedOut) ?? 0, num(first.statusTimeout) ?? 0),
    };
  }
  const reports = rows.filter((r) => r['@duration'] !== undefined || /^REPORT /.test(r['@message'] ?? ''));
  const timedOut = rows.filter((r) => /Task timed out|Status: timeout/.test(r['@message'] ?? '')).length;
  if (reports.length === 0 && timedOut === 0) return undefined;
  const inits = reports.map((r) => num(r['@initDuration'])).filter((x): x is number => x !== null);
  const used = reports.map((r) => num(r['@maxMemoryUsed'])).filter((x): x is number => x !== null);
  const sizes = reports.map((r) => num(r['@memorySize'])).filter((x): x is number => x !== null);
  return {
    invocations: reports.length,
    coldStarts: inits.length,
    initP95Ms: percentile(inits, 95),
    maxMemoryUsedBytes: used.length > 0 ? Math.max(...used) : null,
    memorySizeBytes: sizes.length > 0 ? Math.max(...sizes) : null,
    timeouts: timedOut,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Targets

/** `value` against an upper bound: ok below 80 % of it, warn below it, bad at or above it. */
export function statusAgainst(value: number | null | undefined, limit: number | undefined): Status {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'none';
  if (limit === undefined || !Number.isFinite(limit)) return 'none';
  if (value >= limit && !(limit === 0 && value === 0)) return 'bad';
  if (value >= 0.8 * limit && value > 0) return 'warn';
  return 'ok';
}

/** True when a figure meets its target (the report's ✓). */
export function meets(value: number | null | undefined, limit: number): boolean | null {
  if (value === null || value === undefined || !Number.isFinite(value)) return null;
  return value < limit || (limit === 0 && value === 0);
}

const MIB = 1024 * 1024;

/** Athena's price: per TB scanned, rounded up to the MB, with a minimum per query; nothing for failed or empty scans. */
export function athenaCostUsd(
  bytes: number | null | undefined,
  athena: Targets['athena'],
  state?: string,
): number | null {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return null;
  if (bytes <= 0 || state === 'FAILED') return 0;
  const billed = Math.max(Math.ceil(bytes / MIB) * MIB, athena.minBilledBytes);
  return (billed / (MIB * MIB)) * athena.pricePerTbUsd;
}

/** Simple vs complex, for the guide's 2 s / 15 s targets: joins, grouping, windows, CTEs, unions, subqueries. */
export function queryKind(sql: string): 'simple' | 'complex' {
  return /\bjoin\b|\bgroup\s+by\b|\bover\s*\(|^\s*with\b|\bunion\b|\(\s*select\b/i.test(sql)
    ? 'complex'
    : 'simple';
}

// ---------------------------------------------------------------------------------------------------------
// Which functions, and where their handlers are

/** Lower-case letters and digits only, for comparing names across naming conventions. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Whether a deployed function name is the one a workspace resource defines (exact, or by normalized name). */
export function sameFunction(deployed: string, defined: string): boolean {
  if (deployed === defined) return true;
  const d = normalizeName(deployed);
  const w = normalizeName(defined);
  if (!d || !w || w.length < 3) return false;
  return d === w || d.endsWith(w) || (w.length >= 6 && d.includes(w));
}

/**
 * Prefer the functions the workspace's infrastructure defines; all of them when none matches (or none is known).
 */
export function selectFunctions(
  all: readonly LambdaFunctionInfo[],
  defined: readonly string[],
): { functions: LambdaFunctionInfo[]; fromWorkspace: boolean } {
  if (defined.length === 0) return { functions: [...all], fromWorkspace: false };
  const exact = all.filter((f) => defined.includes(f.name));
  const picked = exact.length > 0 ? exact : all.filter((f) => defined.some((d) => sameFunction(f.name, d)));
  return picked.length > 0
    ? { functions: picked, fromWorkspace: true }
    : { functions: [...all], fromWorkspace: false };
}

/** A handler the workspace defines, as the handler index (or a fallback) reports it. */
export interface HandlerSite {
  /** Deployed or logical function name(s) the infrastructure gives it. */
  names: string[];
  /** The `handler` setting, e.g. `app.lambda_handler` or `src/index.handler`. */
  handler?: string;
  file: string;
  line: number;
}

/** Does a `module.function` handler setting point at this file? */
export function handlerSettingMatchesFile(setting: string, file: string): boolean {
  const dot = setting.lastIndexOf('.');
  if (dot <= 0) return false;
  const module = setting.slice(0, dot).replace(/\\/g, '/');
  const noExt = file.replace(/\\/g, '/').replace(/\.(py|js|mjs|cjs|ts|mts|cts|tsx)$/, '');
  return noExt === module || noExt.endsWith('/' + module);
}

const GENERIC_TOKENS = new Set([
  'service',
  'services',
  'svc',
  'lambda',
  'function',
  'fn',
  'handler',
  'prod',
  'dev',
  'staging',
  'test',
  'api',
  'src',
]);

/**
 * Of several files that could hold a function's handler, the one whose folders best match the function's name
 * (`ecommerce-auth-service` → `services/auth/app.py`); undefined when none or several match best.
 */
export function pickByName(functionName: string, files: readonly string[]): string | undefined {
  if (files.length === 1) return files[0];
  const tokens = functionName
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((t) => t.length >= 3 && !GENERIC_TOKENS.has(t));
  const scored = files.map((f) => {
    const dirs = f.toLowerCase().split('/').slice(0, -1);
    const score = tokens.filter((t) =>
      dirs.some((d) => d === t || d.replace(/[^a-z0-9]/g, '').includes(t)),
    ).length;
    return { f, score };
  });
  const best = Math.max(0, ...scored.map((s) => s.score));
  const top = scored.filter((s) => s.score === best);
  return best > 0 && top.length === 1 ? top[0]!.f : undefined;
}

/** The workspace location of each deployed function: by name through the infrastructure, else by handler setting. */
export function mapHandlers(
  functions: readonly LambdaFunctionInfo[],
  refs: readonly HandlerSite[],
): Map<string, SourceLocation> {
  const out = new Map<string, SourceLocation>();
  for (const fn of functions) {
    const byName =
      refs.find((r) => r.names.includes(fn.name)) ??
      refs.find((r) => r.names.some((n) => sameFunction(fn.name, n)));
    const handlerName = fn.handler?.slice(fn.handler.lastIndexOf('.') + 1);
    const bySetting = fn.handler
      ? refs.filter(
          (r) =>
            handlerSettingMatchesFile(fn.handler!, r.file) &&
            (!r.handler || r.handler === fn.handler || r.handler.endsWith('.' + handlerName)),
        )
      : [];
    const ref = byName ?? (bySetting.length === 1 ? bySetting[0] : undefined);
    if (ref) out.set(fn.name, { file: ref.file, line: ref.line });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// The snapshot

export interface SnapshotInputs {
  targets: Targets;
  /** Where handlers are, by deployed function name. */
  handlers?: Map<string, SourceLocation>;
  /** Open findings in the workspace, for the functions' handler files. */
  findings?: readonly Finding[];
  now?: number;
}

function round(v: number | null, digits = 1): number | null {
  if (v === null) return null;
  const f = 10 ** digits;
  return Math.round(v * f) / f;
}

function pct(part: number | null, whole: number | null): number | null {
  if (part === null || whole === null || whole <= 0) return null;
  return (part / whole) * 100;
}

function findingsIn(file: string | undefined, findings: readonly Finding[] | undefined): FindingRef[] {
  if (!file || !findings) return [];
  return findings
    .filter((f) => f.file === file)
    .map((f) => ({ ruleId: f.ruleId, message: f.message, file: f.file, line: f.range.start.line }));
}

function lambdaRow(fn: LambdaFunctionInfo, i: number, raw: RawCollection, inputs: SnapshotInputs): LambdaRow {
  const t = inputs.targets;
  const m = (key: string) => raw.metrics[lambdaQueryId(i, key)];
  const stat = (key: string) => LAMBDA_AGGREGATES.find((a) => a.key === key)!.stat;
  const a = (key: string) => aggregate(m(key), stat(key));
  const logs = raw.reportStats[fn.name];
  const hours = (raw.end - raw.start) / 3_600_000;

  const invocations = a('inv') ?? (logs ? logs.invocations : null);
  const errors = a('err');
  const memorySizeMb = fn.memorySizeMb ?? (logs?.memorySizeBytes ? logs.memorySizeBytes / 1e6 : null);
  const maxMemoryUsedMb = logs?.maxMemoryUsedBytes != null ? logs.maxMemoryUsedBytes / 1e6 : null;
  const utilization =
    logs?.maxMemoryUsedBytes != null && logs.memorySizeBytes
      ? (logs.maxMemoryUsedBytes / logs.memorySizeBytes) * 100
      : maxMemoryUsedMb !== null && memorySizeMb
        ? (maxMemoryUsedMb / memorySizeMb) * 100
        : null;
  const timeoutBase = logs && logs.invocations > 0 ? logs.invocations : invocations;
  const durationMaxMs = a('dMax');

  const row: LambdaRow = {
    name: fn.name,
    ...(fn.runtime ? { runtime: fn.runtime } : {}),
    ...(fn.handler ? { handler: fn.handler } : {}),
    ...(fn.timeoutSeconds !== undefined ? { timeoutSeconds: fn.timeoutSeconds } : {}),
    invocations,
    invocationsPerHour: invocations !== null && hours > 0 ? round(invocations / hours) : null,
    errors,
    errorRatePct: round(pct(errors, invocations), 2),
    throttles: a('thr'),
    concurrentMax: a('conc'),
    durationAvgMs: round(a('dAvg')),
    durationP95Ms: round(a('dP95')),
    durationP99Ms: round(a('dP99')),
    durationMaxMs: round(durationMaxMs),
    coldStarts: logs ? logs.coldStarts : null,
    initP95Ms: round(logs?.initP95Ms ?? null),
    maxMemoryUsedMb: round(maxMemoryUsedMb),
    memorySizeMb: round(memorySizeMb),
    memoryUtilizationPct: round(utilization),
    timeouts: logs ? logs.timeouts : null,
    timeoutRatePct: logs ? round(pct(logs.timeouts, timeoutBase), 3) : null,
    series: seriesOf(m('sP95')),
    status: {},
    findings: [],
  };
  row.status = {
    durationAvgMs: statusAgainst(row.durationAvgMs, t.lambda.warmMs),
    durationP95Ms: statusAgainst(row.durationP95Ms, t.lambda.warmMs),
    durationMaxMs: statusAgainst(
      row.durationMaxMs,
      fn.timeoutSeconds !== undefined ? fn.timeoutSeconds * 1000 * 0.9 : undefined,
    ),
    initP95Ms: statusAgainst(row.initP95Ms, t.lambda.coldStartMs),
    memoryUtilizationPct: statusAgainst(row.memoryUtilizationPct, t.lambda.memoryUtilizationPct),
    errorRatePct: statusAgainst(row.errorRatePct, t.apiGateway.errorRatePct),
    timeoutRatePct: statusAgainst(row.timeoutRatePct, t.lambda.timeoutRatePct),
    throttles: row.throttles === null ? 'none' : row.throttles > 0 ? 'warn' : 'ok',
  };
  const source = inputs.handlers?.get(fn.name);
  if (source) row.source = source;
  row.findings = findingsIn(source?.file, inputs.findings);
  return row;
}

function seriesOf(s: MetricSeries | undefined): LambdaRow['series'] {
  if (!s) return { t: [], p95: [], avg: [] };
  const order = s.timestamps.map((t, k) => ({ t, v: s.values[k] ?? null })).sort((x, y) => x.t - y.t);
  return { t: order.map((o) => o.t), p95: order.map((o) => (o.v === null ? null : round(o.v))), avg: [] };
}

function stageRow(s: ApiStageRef, j: number, raw: RawCollection, t: Targets): ApiStageRow {
  const get = (key: string) =>
    aggregate(raw.metrics[apiQueryId(j, key)], API_AGGREGATES.find((a) => a.key === key)!.stat);
  const count = get('cnt');
  const e4 = get('c4');
  const e5 = get('c5');
  const hits = get('hit');
  const misses = get('miss');
  const cacheTotal = hits !== null || misses !== null ? (hits ?? 0) + (misses ?? 0) : null;
  const row: ApiStageRow = {
    apiName: s.apiName,
    stage: s.stage,
    count,
    latencyAvgMs: round(get('lat')),
    latencyP95Ms: round(get('lP95')),
    latencyP99Ms: round(get('lP99')),
    errors4xx: e4,
    errors5xx: e5,
    errorRatePct: round(pct(e4 === null && e5 === null ? null : (e4 ?? 0) + (e5 ?? 0), count), 2),
    cacheHits: hits,
    cacheMisses: misses,
    cacheHitRatePct: round(pct(hits ?? 0, cacheTotal)),
    status: {},
  };
  row.status = {
    latencyAvgMs: statusAgainst(row.latencyAvgMs, t.apiGateway.avgLatencyMs),
    latencyP95Ms: statusAgainst(row.latencyP95Ms, t.apiGateway.p95LatencyMs),
    latencyP99Ms: statusAgainst(row.latencyP99Ms, t.apiGateway.p99LatencyMs),
    errorRatePct: statusAgainst(row.errorRatePct, t.apiGateway.errorRatePct),
  };
  return row;
}

export function oneLine(sql: string, max = 200): string {
  const s = sql.replace(/\s+/g, ' ').trim();
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

export function athenaRow(q: AthenaQueryInfo, t: Targets): AthenaQueryRow {
  const kind = queryKind(q.query);
  const over = q.dataScannedBytes !== null && q.dataScannedBytes > t.athena.maxBytesScannedPerQuery;
  return {
    id: q.id,
    workGroup: q.workGroup,
    query: oneLine(q.query),
    state: q.state,
    kind,
    ...(q.submittedAt !== undefined ? { submittedAt: q.submittedAt } : {}),
    dataScannedBytes: q.dataScannedBytes,
    engineTimeMs: q.engineTimeMs,
    costUsd: athenaCostUsd(q.dataScannedBytes, t.athena, q.state),
    overScanBudget: over,
    status: {
      dataScannedBytes: over ? 'bad' : statusAgainst(q.dataScannedBytes, t.athena.maxBytesScannedPerQuery),
      engineTimeMs: statusAgainst(
        q.engineTimeMs,
        kind === 'complex' ? t.athena.complexQueryMs : t.athena.simpleQueryMs,
      ),
    },
  };
}

/** Build what the view, the CodeLens and the report show from one refresh's raw collection. */
export function buildSnapshot(raw: RawCollection, inputs: SnapshotInputs): MetricsSnapshot {
  const t = inputs.targets;
  const functions = raw.functions.map((fn, i) => lambdaRow(fn, i, raw, inputs));
  functions.sort((x, y) => (y.invocations ?? -1) - (x.invocations ?? -1) || x.name.localeCompare(y.name));
  const stages = raw.stages.map((s, j) => stageRow(s, j, raw, t));
  const queries = raw.queries
    .map((q) => athenaRow(q, t))
    .sort((x, y) => (y.submittedAt ?? 0) - (x.submittedAt ?? 0));
  const groupNames = [...new Set([...raw.workGroups.map((w) => w.name), ...queries.map((q) => q.workGroup)])];
  const workGroups: AthenaWorkGroupRow[] = groupNames
    .map((name) => {
      const qs = queries.filter((q) => q.workGroup === name);
      return {
        name,
        queries: qs,
        totalScannedBytes: qs.reduce((s, q) => s + (q.dataScannedBytes ?? 0), 0),
        totalCostUsd: qs.reduce((s, q) => s + (q.costUsd ?? 0), 0),
      };
    })
    .filter((w) => w.queries.length > 0 || raw.workGroups.length <= 10);

  const lambdaProblem =
    raw.lambdaProblem ??
    raw.metricsProblem ??
    (functions.length === 0
      ? { kind: 'no-data' as const, message: 'No Lambda functions found in this account and region.' }
      : functions.every((f) => f.invocations === null && f.durationAvgMs === null)
        ? {
            kind: 'no-data' as const,
            message: 'No data yet: these functions have no invocations in the selected time range.',
          }
        : undefined);
  const apiProblem =
    raw.apiProblem ??
    (stages.length === 0
      ? {
          kind: 'no-data' as const,
          message: 'No API Gateway stages with metrics in this account and region.',
        }
      : raw.metricsProblem);
  const athenaProblem =
    queries.length > 0
      ? undefined
      : (raw.athenaProblem ?? {
          kind: 'no-data' as const,
          message: 'No Athena queries in the selected time range.',
        });

  return {
    range: raw.range,
    start: raw.start,
    end: raw.end,
    generatedAt: inputs.now ?? Date.now(),
    ...(raw.region ? { region: raw.region } : {}),
    lambda: {
      functions,
      fromWorkspace: raw.functionsFromWorkspace,
      ...(lambdaProblem ? { problem: lambdaProblem } : {}),
      ...(raw.logsProblem ? { notes: [raw.logsProblem] } : {}),
    },
    apiGateway: { stages, ...(apiProblem ? { problem: apiProblem } : {}) },
    athena: {
      workGroups,
      queries,
      ...(athenaProblem ? { problem: athenaProblem } : {}),
      ...(raw.athenaProblem && queries.length > 0 ? { notes: [raw.athenaProblem] } : {}),
    },
    metricCalls: raw.metricCalls,
  };
}

/** A snapshot that only carries a problem (untrusted workspace, no credentials, no region, …). */
export function problemSnapshot(
  problem: MetricsSnapshot['problem'] & object,
  range: TimeRange,
  now: number,
): MetricsSnapshot {
  const { start, end } = windowOf(range, now);
  return {
    range,
    start,
    end,
    generatedAt: now,
    problem,
    lambda: { functions: [], fromWorkspace: false },
    apiGateway: { stages: [] },
    athena: { workGroups: [], queries: [] },
    metricCalls: 0,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Formatting

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (Math.abs(ms) < 1000) return `${Math.round(ms)} ms`;
  return `${trimZero((ms / 1000).toFixed(1))} s`;
}

function trimZero(s: string): string {
  return s.replace(/\.0$/, '');
}

export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  const a = Math.abs(n);
  if (a >= 1e9) return `${trimZero((n / 1e9).toFixed(1))}G`;
  if (a >= 1e6) return `${trimZero((n / 1e6).toFixed(1))}M`;
  if (a >= 1e3) return `${trimZero((n / 1e3).toFixed(1))}k`;
  return Number.isInteger(n) ? String(n) : trimZero(n.toFixed(1));
}

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${u === 0 ? v : trimZero(v.toFixed(v >= 100 ? 0 : 1))} ${units[u]}`;
}

export function formatUsd(usd: number | null | undefined): string {
  if (usd === null || usd === undefined || !Number.isFinite(usd)) return '—';
  if (usd === 0) return '$0';
  if (usd < 0.01) return `$${usd.toFixed(5)}`;
  return `$${usd.toFixed(2)}`;
}

export function formatPct(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p)) return '—';
  return `${trimZero(p < 1 && p > 0 ? p.toFixed(2) : p.toFixed(1))}%`;
}

/** The CodeLens above a handler: "p95 850 ms · cold start 2.5 s · 1.2k/h". */
export function codeLensText(row: LambdaRow): string {
  const parts = [`p95 ${formatMs(row.durationP95Ms)}`];
  if (row.coldStarts === 0) parts.push('no cold starts');
  else parts.push(`cold start ${formatMs(row.initP95Ms)}`);
  parts.push(`${formatCount(row.invocationsPerHour)}/h`);
  return parts.join(' · ');
}
