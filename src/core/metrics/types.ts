/**
 * Live metrics: the raw figures `src/aws` collects, and the snapshot the sidebar, the CodeLens, the report and
 * `perfguard.metrics.refresh` show. Plain data only (it crosses the webview boundary as JSON).
 */

export const TIME_RANGES = ['1h', '3h', '24h', '7d'] as const;
export type TimeRange = (typeof TIME_RANGES)[number];

/** How a figure compares with its target: within, close (≥ 80 % of it), over, or no data / no target. */
export type Status = 'ok' | 'warn' | 'bad' | 'none';

/** Why a section (or the whole refresh) has no figures. Each becomes a plain sentence in the view. */
export type ProblemKind =
  | 'untrusted'
  | 'no-credentials'
  | 'sso-expired'
  | 'expired-credentials'
  | 'access-denied'
  | 'throttled'
  | 'no-region'
  | 'unreachable'
  | 'no-data'
  | 'error';

export interface Problem {
  kind: ProblemKind;
  /** One or two sentences for people: what happened and what to do. */
  message: string;
  /** The IAM action that was denied or throttled, e.g. `cloudwatch:GetMetricData`. */
  action?: string;
}

// ---------------------------------------------------------------------------------------------------------
// Raw data, as collected from AWS

export interface LambdaFunctionInfo {
  name: string;
  arn?: string;
  runtime?: string;
  /** The `Handler` setting, e.g. `app.lambda_handler`. */
  handler?: string;
  memorySizeMb?: number;
  timeoutSeconds?: number;
}

/** One CloudWatch GetMetricData query, planned by `planMetricQueries`. */
export interface MetricQuery {
  /** `^[a-z][a-zA-Z0-9_]*$`, unique within a call. */
  id: string;
  namespace: 'AWS/Lambda' | 'AWS/ApiGateway';
  metricName: string;
  dimensions: { name: string; value: string }[];
  /** `Average`, `Sum`, `Maximum`, `p95`, … */
  stat: string;
  periodSeconds: number;
}

export interface MetricSeries {
  id: string;
  /** Epoch milliseconds, ascending. */
  timestamps: number[];
  values: number[];
}

/** Figures from the function's REPORT lines (CloudWatch Logs Insights). */
export interface ReportLineStats {
  /** REPORT lines seen (one per invocation). */
  invocations: number;
  coldStarts: number;
  initP95Ms: number | null;
  /** Bytes, as Logs Insights reports `@maxMemoryUsed`. */
  maxMemoryUsedBytes: number | null;
  memorySizeBytes: number | null;
  timeouts: number;
}

export interface ApiStageRef {
  apiName: string;
  stage: string;
}

export interface AthenaWorkGroupInfo {
  name: string;
  state?: string;
  bytesScannedCutoffPerQuery?: number;
}

export interface AthenaQueryInfo {
  id: string;
  workGroup: string;
  query: string;
  state: string;
  statementType?: string;
  database?: string;
  /** Epoch milliseconds. */
  submittedAt?: number;
  dataScannedBytes: number | null;
  engineTimeMs: number | null;
  totalTimeMs: number | null;
}

/** Everything one refresh collected; a section that failed carries its problem instead of data. */
export interface RawCollection {
  range: TimeRange;
  /** Epoch milliseconds of the start and end of the window. */
  start: number;
  end: number;
  region?: string;
  functions: LambdaFunctionInfo[];
  /** True when the list was narrowed to the functions the workspace's infrastructure defines. */
  functionsFromWorkspace: boolean;
  lambdaProblem?: Problem;
  metrics: Record<string, MetricSeries>;
  metricsProblem?: Problem;
  /** Number of GetMetricData calls made. */
  metricCalls: number;
  reportStats: Record<string, ReportLineStats>;
  logsProblem?: Problem;
  stages: ApiStageRef[];
  apiProblem?: Problem;
  workGroups: AthenaWorkGroupInfo[];
  queries: AthenaQueryInfo[];
  athenaProblem?: Problem;
}

// ---------------------------------------------------------------------------------------------------------
// The snapshot

export interface SourceLocation {
  /** Workspace-relative path, forward slashes. */
  file: string;
  /** 0-based line of the handler's definition. */
  line: number;
}

export interface FindingRef {
  ruleId: string;
  message: string;
  file: string;
  line: number;
}

export interface LambdaFigures {
  invocations: number | null;
  invocationsPerHour: number | null;
  errors: number | null;
  errorRatePct: number | null;
  throttles: number | null;
  concurrentMax: number | null;
  durationAvgMs: number | null;
  durationP95Ms: number | null;
  durationP99Ms: number | null;
  durationMaxMs: number | null;
  coldStarts: number | null;
  initP95Ms: number | null;
  maxMemoryUsedMb: number | null;
  memorySizeMb: number | null;
  memoryUtilizationPct: number | null;
  timeouts: number | null;
  timeoutRatePct: number | null;
}

export interface LambdaRow extends LambdaFigures {
  name: string;
  runtime?: string;
  handler?: string;
  timeoutSeconds?: number;
  /** Where the handler is defined in the workspace, when the infrastructure maps it. */
  source?: SourceLocation;
  /** Sparkline: p95 duration per period (epoch ms, ms; null for a gap). */
  series: { t: number[]; p95: (number | null)[]; avg: (number | null)[] };
  status: Partial<Record<keyof LambdaFigures, Status>>;
  findings: FindingRef[];
}

export interface ApiStageFigures {
  count: number | null;
  latencyAvgMs: number | null;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
  errors4xx: number | null;
  errors5xx: number | null;
  errorRatePct: number | null;
  cacheHits: number | null;
  cacheMisses: number | null;
  cacheHitRatePct: number | null;
}

export interface ApiStageRow extends ApiStageFigures {
  apiName: string;
  stage: string;
  status: Partial<Record<keyof ApiStageFigures, Status>>;
}

export interface AthenaQueryRow {
  id: string;
  workGroup: string;
  /** The SQL, trimmed to one line (at most 200 characters). */
  query: string;
  state: string;
  kind: 'simple' | 'complex';
  submittedAt?: number;
  dataScannedBytes: number | null;
  engineTimeMs: number | null;
  costUsd: number | null;
  /** Over the scan budget (1 GB by default). */
  overScanBudget: boolean;
  status: { dataScannedBytes: Status; engineTimeMs: Status };
}

export interface AthenaWorkGroupRow {
  name: string;
  queries: AthenaQueryRow[];
  totalScannedBytes: number;
  totalCostUsd: number;
}

/** The estimate of the SQL at the cursor (supplied by the SQL engine when present). */
export interface QueryEstimate {
  file: string;
  line: number;
  /** Estimated bytes scanned, when the catalog knows the tables. */
  bytes: number | null;
  costUsd: number | null;
  note?: string;
  status: Status;
}

export interface SectionState {
  /** Why the section has no figures. */
  problem?: Problem;
  /** Partial failures: figures are shown, some are missing (e.g. Logs Insights was denied). */
  notes?: Problem[];
}

export interface MetricsSnapshot {
  range: TimeRange;
  start: number;
  end: number;
  /** Epoch ms when it was built. */
  generatedAt: number;
  region?: string;
  /** A problem that stopped the whole refresh (no credentials, untrusted, …). */
  problem?: Problem;
  lambda: SectionState & { functions: LambdaRow[]; fromWorkspace: boolean };
  apiGateway: SectionState & { stages: ApiStageRow[] };
  athena: SectionState & { workGroups: AthenaWorkGroupRow[]; queries: AthenaQueryRow[] };
  /** Number of CloudWatch GetMetricData calls the refresh made. */
  metricCalls: number;
}
