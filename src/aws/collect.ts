/**
 * One refresh: Lambda ListFunctions, CloudWatch GetMetricData (batched), Logs Insights over the functions'
 * REPORT lines, API Gateway stages from CloudWatch ListMetrics, and Athena's recent queries. Never throws: every
 * failure becomes a `Problem` on its section (or on the whole collection when nothing can work).
 */
import {
  AthenaClient,
  BatchGetQueryExecutionCommand,
  ListQueryExecutionsCommand,
  ListWorkGroupsCommand,
  type QueryExecution,
} from '@aws-sdk/client-athena';
import {
  CloudWatchClient,
  GetMetricDataCommand,
  ListMetricsCommand,
  type MetricDataQuery,
} from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  MAX_QUERIES_PER_CALL,
  chunk,
  planMetricQueries,
  reportStatsFromRows,
  selectFunctions,
  windowOf,
} from '../core/metrics/compute';
import type {
  ApiStageRef,
  AthenaQueryInfo,
  AthenaWorkGroupInfo,
  LambdaFunctionInfo,
  MetricSeries,
  Problem,
  RawCollection,
  TimeRange,
} from '../core/metrics/types';
import { classify, isGlobal } from './errors';

type LambdaConfig = NonNullable<ConstructorParameters<typeof LambdaClient>[0]>;

export interface AwsSettings {
  /** Named profile from ~/.aws/config; empty for the default chain. */
  profile?: string;
  region?: string;
  /** One URL for every service (LocalStack-style); empty for AWS's own endpoints. */
  endpoint?: string;
}

export interface CollectOptions extends AwsSettings {
  range: TimeRange;
  now?: number;
  /** Function names the workspace's infrastructure defines (preferred over the whole account). */
  definedFunctionNames?: readonly string[];
  /** API stages the workspace defines, added to those CloudWatch lists. */
  apiStages?: readonly ApiStageRef[];
  /** At most this many functions are measured (the first ones listed). */
  maxFunctions?: number;
  /** Overrides for tests and automation. */
  credentials?: LambdaConfig['credentials'];
  retryStrategy?: LambdaConfig['retryStrategy'];
  maxAttempts?: number;
  logsPollMs?: number;
  logsTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** Athena queries kept per workgroup. */
  queriesPerWorkGroup?: number;
}

/** The collection plus a problem that stopped everything, if any. */
export type Collection = RawCollection & { problem?: Problem };

export interface Clients {
  lambda: LambdaClient;
  cloudwatch: CloudWatchClient;
  logs: CloudWatchLogsClient;
  athena: AthenaClient;
  destroy(): void;
}

/** The four clients, each with the same endpoint, profile, region, credentials and retry settings. */
export function createClients(opts: CollectOptions): Clients {
  const profile = opts.profile?.trim() || undefined;
  const common: LambdaConfig = {
    ...(opts.region?.trim() ? { region: opts.region.trim() } : {}),
    ...(profile ? { profile } : {}),
    ...(opts.endpoint?.trim() ? { endpoint: opts.endpoint.trim() } : {}),
    credentials: opts.credentials ?? fromNodeProviderChain(profile ? { profile } : {}),
    ...(opts.retryStrategy ? { retryStrategy: opts.retryStrategy } : { maxAttempts: opts.maxAttempts ?? 3 }),
    requestHandler: new NodeHttpHandler({
      connectionTimeout: 5000,
      requestTimeout: opts.requestTimeoutMs ?? 20000,
    }),
  };
  const lambda = new LambdaClient(common);
  const cloudwatch = new CloudWatchClient(common);
  const logs = new CloudWatchLogsClient(common);
  const athena = new AthenaClient(common);
  return {
    lambda,
    cloudwatch,
    logs,
    athena,
    destroy() {
      lambda.destroy();
      cloudwatch.destroy();
      logs.destroy();
      athena.destroy();
    },
  };
}

/** Run `fn` over `items` with at most `limit` at a time. */
async function pool<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  });
  await Promise.all(workers);
  return out;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Collect everything one refresh shows. */
export async function collect(opts: CollectOptions): Promise<Collection> {
  const now = opts.now ?? Date.now();
  const { start, end } = windowOf(opts.range, now);
  const ctx = {
    profile: opts.profile?.trim() || undefined,
    endpoint: opts.endpoint?.trim() || undefined,
    region: opts.region?.trim() || undefined,
  };
  const out: Collection = {
    range: opts.range,
    start,
    end,
    functions: [],
    functionsFromWorkspace: false,
    metrics: {},
    metricCalls: 0,
    reportStats: {},
    stages: [],
    workGroups: [],
    queries: [],
  };
  let clients: Clients | undefined;
  try {
    clients = createClients(opts);
    // Region and credentials first: without them nothing else can work, and the messages are clearer.
    try {
      out.region = await clients.lambda.config.region();
      if (!out.region) throw Object.assign(new Error('Region is missing'), { name: 'RegionMissing' });
      ctx.region = out.region;
    } catch (e) {
      out.problem = classify(e, { ...ctx, action: 'sts:GetCallerIdentity' });
      return out;
    }
    try {
      await clients.lambda.config.credentials();
    } catch (e) {
      out.problem = classify(e, { ...ctx, action: 'sts:GetCallerIdentity' });
      return out;
    }

    // Lambda functions.
    try {
      const all = await listFunctions(clients.lambda);
      const picked = selectFunctions(all, opts.definedFunctionNames ?? []);
      out.functions = picked.functions.slice(0, opts.maxFunctions ?? 50);
      out.functionsFromWorkspace = picked.fromWorkspace;
    } catch (e) {
      const p = classify(e, { ...ctx, action: 'lambda:ListFunctions' });
      if (isGlobal(p)) {
        out.problem = p;
        return out;
      }
      out.lambdaProblem = p;
    }

    const athenaDone = collectAthena(clients.athena, out, opts, ctx).catch((e: unknown) => {
      out.athenaProblem = classify(e, { ...ctx, action: 'athena:ListWorkGroups' });
    });

    // API stages: CloudWatch lists the ApiName/Stage pairs that have Latency metrics.
    const stages = new Map<string, ApiStageRef>();
    for (const s of opts.apiStages ?? []) stages.set(`${s.apiName}\u0000${s.stage}`, s);
    try {
      for (const s of await listApiStages(clients.cloudwatch)) stages.set(`${s.apiName}\u0000${s.stage}`, s);
    } catch (e) {
      if (stages.size === 0) out.apiProblem = classify(e, { ...ctx, action: 'cloudwatch:ListMetrics' });
    }
    out.stages = [...stages.values()].slice(0, 25);

    const metricsDone = collectMetrics(clients.cloudwatch, out).catch((e: unknown) => {
      out.metricsProblem = classify(e, { ...ctx, action: 'cloudwatch:GetMetricData' });
    });
    const logsDone = collectReportStats(clients.logs, out, opts, ctx);
    await Promise.all([athenaDone, metricsDone, logsDone]);
    return out;
  } catch (e) {
    out.problem = classify(e, { ...ctx, action: 'perfguard' });
    return out;
  } finally {
    clients?.destroy();
  }
}

export async function listFunctions(client: LambdaClient): Promise<LambdaFunctionInfo[]> {
  const out: LambdaFunctionInfo[] = [];
  let marker: string | undefined;
  for (let page = 0; page < 100; page++) {
    const res = await client.send(
      new ListFunctionsCommand({ MaxItems: 50, ...(marker ? { Marker: marker } : {}) }),
    );
    for (const f of res.Functions ?? []) {
      if (!f.FunctionName) continue;
      out.push({
        name: f.FunctionName,
        ...(f.FunctionArn ? { arn: f.FunctionArn } : {}),
        ...(f.Runtime ? { runtime: f.Runtime } : {}),
        ...(f.Handler ? { handler: f.Handler } : {}),
        ...(f.MemorySize !== undefined ? { memorySizeMb: f.MemorySize } : {}),
        ...(f.Timeout !== undefined ? { timeoutSeconds: f.Timeout } : {}),
      });
    }
    marker = res.NextMarker || undefined;
    if (!marker) break;
  }
  return out;
}

export async function listApiStages(client: CloudWatchClient): Promise<ApiStageRef[]> {
  const out = new Map<string, ApiStageRef>();
  let token: string | undefined;
  for (let page = 0; page < 20; page++) {
    const res = await client.send(
      new ListMetricsCommand({
        Namespace: 'AWS/ApiGateway',
        MetricName: 'Latency',
        ...(token ? { NextToken: token } : {}),
      }),
    );
    for (const m of res.Metrics ?? []) {
      const dims = m.Dimensions ?? [];
      // Stage-level metrics have exactly ApiName and Stage (method-level ones add Resource and Method).
      if (dims.length !== 2) continue;
      const apiName = dims.find((d) => d.Name === 'ApiName')?.Value;
      const stage = dims.find((d) => d.Name === 'Stage')?.Value;
      if (apiName && stage) out.set(`${apiName}\u0000${stage}`, { apiName, stage });
    }
    token = res.NextToken || undefined;
    if (!token) break;
  }
  return [...out.values()];
}

/** GetMetricData for every planned query, at most 500 per call, following NextToken. */
async function collectMetrics(client: CloudWatchClient, out: Collection): Promise<void> {
  const queries = planMetricQueries(out.functions, out.stages, out.range);
  const series: Record<string, MetricSeries> = {};
  for (const batch of chunk(queries, MAX_QUERIES_PER_CALL)) {
    const MetricDataQueries: MetricDataQuery[] = batch.map((q) => ({
      Id: q.id,
      MetricStat: {
        Metric: {
          Namespace: q.namespace,
          MetricName: q.metricName,
          Dimensions: q.dimensions.map((d) => ({ Name: d.name, Value: d.value })),
        },
        Period: q.periodSeconds,
        Stat: q.stat,
      },
      ReturnData: true,
    }));
    let token: string | undefined;
    for (let page = 0; page < 50; page++) {
      out.metricCalls++;
      const res = await client.send(
        new GetMetricDataCommand({
          StartTime: new Date(out.start),
          EndTime: new Date(out.end),
          MetricDataQueries,
          ScanBy: 'TimestampAscending',
          ...(token ? { NextToken: token } : {}),
        }),
      );
      for (const r of res.MetricDataResults ?? []) {
        if (!r.Id) continue;
        const s = (series[r.Id] ??= { id: r.Id, timestamps: [], values: [] });
        const ts = r.Timestamps ?? [];
        const vs = r.Values ?? [];
        for (let k = 0; k < Math.min(ts.length, vs.length); k++) {
          s.timestamps.push(new Date(ts[k]!).getTime());
          s.values.push(vs[k]!);
        }
      }
      token = res.NextToken || undefined;
      if (!token) break;
    }
  }
  out.metrics = series;
}

/** The Logs Insights query over a function's REPORT lines (and the "Task timed out" lines). */
export const REPORT_QUERY = [
  'filter @type = "REPORT" or @message like /Task timed out/',
  '| stats count(@duration) as invocations,',
  '  count(@initDuration) as coldStarts,',
  '  pct(@initDuration, 95) as initP95,',
  '  max(@maxMemoryUsed) as maxMemoryUsed,',
  '  max(@memorySize) as memorySize,',
  '  sum(strcontains(@message, "Task timed out")) as timedOut,',
  '  sum(strcontains(@message, "Status: timeout")) as statusTimeout',
].join('\n');

async function collectReportStats(
  client: CloudWatchLogsClient,
  out: Collection,
  opts: CollectOptions,
  ctx: { profile?: string; endpoint?: string; region?: string },
): Promise<void> {
  const poll = opts.logsPollMs ?? 1000;
  const deadline = opts.logsTimeoutMs ?? 30000;
  let problem: Problem | undefined;
  await pool(out.functions, 4, async (fn) => {
    if (problem && problem.kind !== 'no-data') return;
    const logGroupName = `/aws/lambda/${fn.name}`;
    let queryId: string | undefined;
    try {
      const started = await client.send(
        new StartQueryCommand({
          logGroupName,
          startTime: Math.floor(out.start / 1000),
          endTime: Math.floor(out.end / 1000),
          queryString: REPORT_QUERY,
          // One stats row from Logs Insights; room for raw REPORT events from services that return those.
          limit: 10000,
        }),
      );
      queryId = started.queryId;
      if (!queryId) return;
      const t0 = Date.now();
      for (;;) {
        const res = await client.send(new GetQueryResultsCommand({ queryId }));
        const status = res.status ?? 'Complete';
        if (status === 'Complete') {
          const rows = (res.results ?? []).map((row) => {
            const o: Record<string, string> = {};
            for (const c of row) if (c.field !== undefined && c.value !== undefined) o[c.field] = c.value;
            return o;
          });
          const stats = reportStatsFromRows(rows);
          if (stats) out.reportStats[fn.name] = stats;
          return;
        }
        if (status === 'Failed' || status === 'Cancelled' || status === 'Timeout' || status === 'Unknown')
          return;
        if (Date.now() - t0 > deadline) {
          await client.send(new StopQueryCommand({ queryId })).catch(() => undefined);
          return;
        }
        await sleep(poll);
      }
    } catch (e) {
      // A function that never ran has no log group: no data for it, not a failure.
      if ((e as { name?: string }).name === 'ResourceNotFoundException') return;
      const action = queryId ? 'logs:GetQueryResults' : 'logs:StartQuery';
      problem ??= classify(e, { ...ctx, action });
    }
  });
  if (problem)
    out.logsProblem = {
      ...problem,
      message: `Cold starts, init duration, memory and timeouts are missing: ${problem.message}`,
    };
}

async function collectAthena(
  client: AthenaClient,
  out: Collection,
  opts: CollectOptions,
  ctx: { profile?: string; endpoint?: string; region?: string },
): Promise<void> {
  const groups: AthenaWorkGroupInfo[] = [];
  let token: string | undefined;
  for (let page = 0; page < 10; page++) {
    const res = await client.send(
      new ListWorkGroupsCommand({ MaxResults: 50, ...(token ? { NextToken: token } : {}) }),
    );
    for (const w of res.WorkGroups ?? [])
      if (w.Name) groups.push({ name: w.Name, ...(w.State ? { state: w.State } : {}) });
    token = res.NextToken || undefined;
    if (!token) break;
  }
  out.workGroups = groups.filter((g) => g.state !== 'DISABLED').slice(0, 20);
  const perGroup = opts.queriesPerWorkGroup ?? 20;
  let problem: Problem | undefined;
  await pool(out.workGroups, 4, async (wg) => {
    try {
      const ids = await client.send(new ListQueryExecutionsCommand({ WorkGroup: wg.name, MaxResults: 50 }));
      const list = (ids.QueryExecutionIds ?? []).slice(0, 50);
      if (list.length === 0) return;
      try {
        const res = await client.send(new BatchGetQueryExecutionCommand({ QueryExecutionIds: list }));
        const queries = (res.QueryExecutions ?? [])
          .map((q) => athenaQuery(q, wg.name))
          .filter((q) => q.submittedAt === undefined || q.submittedAt >= out.start)
          .sort((a, b) => (b.submittedAt ?? 0) - (a.submittedAt ?? 0))
          .slice(0, perGroup);
        out.queries.push(...queries);
      } catch (e) {
        problem ??= classify(e, { ...ctx, action: 'athena:BatchGetQueryExecution' });
      }
    } catch (e) {
      problem ??= classify(e, { ...ctx, action: 'athena:ListQueryExecutions' });
    }
  });
  if (problem) out.athenaProblem = problem;
}

function athenaQuery(q: QueryExecution, workGroup: string): AthenaQueryInfo {
  const submitted = q.Status?.SubmissionDateTime;
  return {
    id: q.QueryExecutionId ?? '',
    workGroup: q.WorkGroup ?? workGroup,
    query: q.Query ?? '',
    state: q.Status?.State ?? 'UNKNOWN',
    ...(q.StatementType ? { statementType: q.StatementType } : {}),
    ...(q.QueryExecutionContext?.Database ? { database: q.QueryExecutionContext.Database } : {}),
    ...(submitted ? { submittedAt: new Date(submitted).getTime() } : {}),
    dataScannedBytes: q.Statistics?.DataScannedInBytes ?? null,
    engineTimeMs: q.Statistics?.EngineExecutionTimeInMillis ?? null,
    totalTimeMs: q.Statistics?.TotalExecutionTimeInMillis ?? null,
  };
}
