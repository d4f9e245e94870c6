/**
 * A loopback fake of the AWS wire protocols perfguard speaks, for tests and demos:
 * - CloudWatch: awsJson1_0, `X-Amz-Target: GraniteServiceVersion20100801.<Operation>`, `x-amzn-query-mode: true`,
 *   epoch-second timestamps, errors with `x-amzn-query-error: Code;Sender` (GetMetricData, ListMetrics);
 * - CloudWatch Logs: awsJson1_1, `Logs_20140328.<Operation>` (StartQuery, GetQueryResults, StopQuery);
 * - Athena: awsJson1_1, `AmazonAthena.<Operation>` (ListWorkGroups, ListQueryExecutions, BatchGetQueryExecution);
 * - Lambda: restJson1, `GET /2015-03-31/functions` with `Marker`/`MaxItems` and `NextMarker`.
 * Anything else is answered with an error, so a protocol change fails loudly. Requests must be SigV4-signed for
 * the right service. Faults (AccessDenied, throttling, expired token, 500) can be injected per operation.
 *
 * Standalone: `npx tsx test/fakes/aws/server.ts --port 4566` (seeded data; control under `/__fake/`).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultSeed, type FakeFunction, type FakeSeed } from './seed';

export type FaultKind = 'access-denied' | 'throttling' | 'expired-token' | 'internal';

export interface Fault {
  /** Operation name (`GetMetricData`, `ListFunctions`, …) or `*`. */
  operation: string;
  kind: FaultKind;
  /** Fail this many times, then succeed; forever when absent. */
  times?: number;
}

export interface CallRecord {
  service: 'cloudwatch' | 'logs' | 'athena' | 'lambda' | 'unknown';
  operation: string;
  /** The access key id from the SigV4 credential scope. */
  accessKeyId?: string;
  region?: string;
  signingService?: string;
  headers: Record<string, string>;
  body: unknown;
  query?: Record<string, string>;
  status: number;
}

export interface FakeAwsOptions {
  seed?: FakeSeed;
  /** ListFunctions page size (the real maximum is 50). */
  lambdaPageSize?: number;
  /** GetQueryResults answers `Running` this many times before `Complete`. */
  runningPolls?: number;
  /** Fixed clock for query submission times, epoch ms. */
  now?: () => number;
  /** Logs Insights answers with raw REPORT events instead of the stats row (as a simpler stand-in might). */
  logsRawEvents?: boolean;
}

interface Protocol {
  service: CallRecord['service'];
  signingName: string;
  contentType?: string;
}

const PROTOCOLS: Record<string, Protocol> = {
  GraniteServiceVersion20100801: {
    service: 'cloudwatch',
    signingName: 'monitoring',
    contentType: 'application/x-amz-json-1.0',
  },
  Logs_20140328: { service: 'logs', signingName: 'logs', contentType: 'application/x-amz-json-1.1' },
  AmazonAthena: { service: 'athena', signingName: 'athena', contentType: 'application/x-amz-json-1.1' },
};

class FakeError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/** The per-protocol error code of a fault. */
function faultError(service: CallRecord['service'], kind: FaultKind, operation: string): FakeError {
  const action = `${service === 'cloudwatch' ? 'cloudwatch' : service}:${operation}`;
  const denied = `User: arn:aws:iam::123456789012:user/dev is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;
  switch (kind) {
    case 'access-denied':
      return service === 'cloudwatch'
        ? new FakeError('AccessDenied', denied, 403)
        : new FakeError('AccessDeniedException', denied, service === 'lambda' ? 403 : 400);
    case 'throttling':
      if (service === 'cloudwatch') return new FakeError('Throttling', 'Rate exceeded', 400);
      if (service === 'lambda') return new FakeError('TooManyRequestsException', 'Rate exceeded', 429);
      if (service === 'athena') return new FakeError('TooManyRequestsException', 'Rate exceeded', 400);
      return new FakeError('ThrottlingException', 'Rate exceeded', 400);
    case 'expired-token':
      return new FakeError(
        service === 'cloudwatch' ? 'ExpiredToken' : 'ExpiredTokenException',
        'The security token included in the request is expired',
        service === 'cloudwatch' ? 403 : 400,
      );
    case 'internal':
      return new FakeError(
        service === 'cloudwatch' ? 'InternalServiceError' : 'InternalServerException',
        'boom',
        500,
      );
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/;

export class FakeAws {
  seed: FakeSeed;
  faults: Fault[] = [];
  readonly calls: CallRecord[] = [];
  private server?: http.Server;
  private readonly queries = new Map<string, { fn: FakeFunction; polls: number; queryString: string }>();
  private queryCounter = 0;
  private readonly lambdaPageSize: number;
  private readonly runningPolls: number;
  private readonly now: () => number;
  private readonly logsRawEvents: boolean;
  url = '';

  constructor(options: FakeAwsOptions = {}) {
    this.seed = options.seed ?? defaultSeed();
    this.lambdaPageSize = options.lambdaPageSize ?? 50;
    this.runningPolls = options.runningPolls ?? 1;
    this.now = options.now ?? Date.now;
    this.logsRawEvents = options.logsRawEvents ?? false;
  }

  /** Listen on 127.0.0.1 (a random port by default); resolves to the endpoint URL. */
  async start(port = 0): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, '127.0.0.1', () => resolve());
    });
    const addr = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${addr.port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    const s = this.server;
    if (!s) return;
    this.server = undefined;
    s.closeAllConnections();
    await new Promise<void>((r) => s.close(() => r()));
  }

  reset(): void {
    this.seed = defaultSeed();
    this.faults = [];
    this.calls.length = 0;
    this.queries.clear();
  }

  callsOf(operation: string): CallRecord[] {
    return this.calls.filter((c) => c.operation === operation);
  }

  private takeFault(operation: string): Fault | undefined {
    const f = this.faults.find(
      (x) => (x.operation === operation || x.operation === '*') && (x.times ?? 1) > 0,
    );
    if (f && f.times !== undefined) f.times--;
    return f;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;

    if (url.pathname.startsWith('/__fake/')) return this.control(req.method ?? 'GET', url.pathname, raw, res);

    const target = headers['x-amz-target'];
    let protocol: Protocol | undefined;
    let operation = 'Unknown';
    if (target) {
      const dot = target.lastIndexOf('.');
      protocol = PROTOCOLS[target.slice(0, dot)];
      operation = target.slice(dot + 1);
    } else if (req.method === 'GET' && url.pathname.replace(/\/+$/, '') === '/2015-03-31/functions') {
      protocol = { service: 'lambda', signingName: 'lambda' };
      operation = 'ListFunctions';
    }
    const auth = /Credential=([^/]+)\/\d{8}\/([^/]+)\/([^/]+)\/aws4_request/.exec(
      headers.authorization ?? '',
    );
    const record: CallRecord = {
      service: protocol?.service ?? 'unknown',
      operation,
      ...(auth ? { accessKeyId: auth[1], region: auth[2], signingService: auth[3] } : {}),
      headers,
      body: undefined,
      ...(protocol?.service === 'lambda' ? { query: Object.fromEntries(url.searchParams) } : {}),
      status: 200,
    };
    this.calls.push(record);

    const send = (status: number, body: unknown, extra: Record<string, string> = {}) => {
      record.status = status;
      const text = JSON.stringify(body);
      res.writeHead(status, {
        'content-type': protocol?.contentType ?? 'application/json',
        'x-amzn-requestid': `req-${this.calls.length}`,
        'content-length': Buffer.byteLength(text),
        ...extra,
      });
      res.end(text);
    };
    const fail = (e: FakeError) => {
      if (protocol?.service === 'lambda')
        return send(
          e.status,
          { message: e.message, Type: 'User' },
          { 'x-amzn-errortype': `${e.code}:http://internal.amazon.com/` },
        );
      if (protocol?.service === 'cloudwatch')
        return send(
          e.status,
          { __type: `com.amazonaws.cloudwatch#${e.code}`, message: e.message },
          { 'x-amzn-query-error': `${e.code};${e.status >= 500 ? 'Receiver' : 'Sender'}` },
        );
      return send(e.status, { __type: e.code, message: e.message });
    };

    try {
      if (!protocol) {
        throw new FakeError(
          'UnknownOperationException',
          `fake AWS: unknown operation ${req.method} ${url.pathname} target=${target ?? '-'}`,
          404,
        );
      }
      if (!auth)
        throw new FakeError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403);
      if (auth[3] !== protocol.signingName)
        throw new FakeError(
          'InvalidSignatureException',
          `Credential should be scoped to correct service: '${protocol.signingName}'.`,
          403,
        );
      let body: Record<string, unknown> = {};
      if (protocol.contentType) {
        if (headers['content-type'] !== protocol.contentType)
          throw new FakeError('SerializationException', `expected content-type ${protocol.contentType}`);
        if (protocol.service === 'cloudwatch' && headers['x-amzn-query-mode'] !== 'true')
          throw new FakeError(
            'InvalidAction',
            'CloudWatch JSON requests from query-compatible SDKs carry x-amzn-query-mode',
          );
        const parsed: unknown = raw ? JSON.parse(raw) : {};
        if (!isObject(parsed)) throw new FakeError('SerializationException', 'body must be a JSON object');
        body = parsed;
        record.body = body;
      }
      const fault = this.takeFault(operation);
      if (fault) throw faultError(protocol.service, fault.kind, operation);
      send(200, this.dispatch(protocol.service, operation, body, url.searchParams));
    } catch (e) {
      if (e instanceof FakeError) return fail(e);
      fail(new FakeError('InternalFailure', e instanceof Error ? e.message : String(e), 500));
    }
  }

  private control(method: string, path: string, raw: string, res: http.ServerResponse): void {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === '/__fake/calls' && method === 'GET')
      return reply(
        200,
        this.calls.map((c) => ({
          service: c.service,
          operation: c.operation,
          status: c.status,
          accessKeyId: c.accessKeyId,
        })),
      );
    if (path === '/__fake/faults' && method === 'POST') {
      const v: unknown = raw ? JSON.parse(raw) : [];
      this.faults = Array.isArray(v) ? (v as Fault[]) : [];
      return reply(200, { faults: this.faults.length });
    }
    if (path === '/__fake/reset' && method === 'POST') {
      this.reset();
      return reply(200, { ok: true });
    }
    if (path === '/__fake/seed' && method === 'GET') return reply(200, this.seed);
    reply(404, { message: 'unknown control path' });
  }

  private dispatch(
    service: CallRecord['service'],
    operation: string,
    body: Record<string, unknown>,
    query: URLSearchParams,
  ): unknown {
    const key = `${service}.${operation}`;
    switch (key) {
      case 'lambda.ListFunctions':
        return this.listFunctions(query);
      case 'cloudwatch.GetMetricData':
        return this.getMetricData(body);
      case 'cloudwatch.ListMetrics':
        return this.listMetrics(body);
      case 'logs.StartQuery':
        return this.startQuery(body);
      case 'logs.GetQueryResults':
        return this.getQueryResults(body);
      case 'logs.StopQuery':
        return { success: this.queries.delete(String(body.queryId)) };
      case 'athena.ListWorkGroups':
        return this.listWorkGroups();
      case 'athena.ListQueryExecutions':
        return this.listQueryExecutions(body);
      case 'athena.BatchGetQueryExecution':
        return this.batchGetQueryExecution(body);
      default:
        throw new FakeError(
          'UnknownOperationException',
          `fake AWS: ${service} has no operation ${operation}`,
        );
    }
  }

  // Lambda ------------------------------------------------------------------------------------------------

  private listFunctions(query: URLSearchParams): unknown {
    const max = Math.min(Number(query.get('MaxItems') ?? 50) || 50, 50, this.lambdaPageSize);
    const marker = query.get('Marker');
    const startAt = marker ? Number(marker.replace(/^m-/, '')) : 0;
    if (!Number.isInteger(startAt) || startAt < 0)
      throw new FakeError('InvalidParameterValueException', 'bad Marker');
    const page = this.seed.functions.slice(startAt, startAt + max);
    const next = startAt + max < this.seed.functions.length ? `m-${startAt + max}` : undefined;
    return {
      Functions: page.map((f) => ({
        FunctionName: f.name,
        FunctionArn: `arn:aws:lambda:us-east-1:123456789012:function:${f.name}`,
        Runtime: f.runtime,
        Handler: f.handler,
        MemorySize: f.memorySizeMb,
        Timeout: f.timeoutSeconds,
        CodeSize: 1024,
        LastModified: '2026-01-16T10:00:00.000+0000',
        PackageType: 'Zip',
        Architectures: ['x86_64'],
      })),
      ...(next ? { NextMarker: next } : {}),
    };
  }

  // CloudWatch --------------------------------------------------------------------------------------------

  private getMetricData(body: Record<string, unknown>): unknown {
    const queries = body.MetricDataQueries;
    if (!Array.isArray(queries) || queries.length === 0)
      throw new FakeError('ValidationError', 'MetricDataQueries is required');
    if (queries.length > 500)
      throw new FakeError(
        'ValidationError',
        'The collection MetricDataQueries must not have a size greater than 500.',
      );
    if (typeof body.StartTime !== 'number' || typeof body.EndTime !== 'number')
      throw new FakeError('ValidationError', 'StartTime and EndTime must be epoch-second timestamps');
    const start = body.StartTime;
    const end = body.EndTime;
    const ascending = body.ScanBy === 'TimestampAscending';
    const seen = new Set<string>();
    const results = queries.map((q: unknown) => {
      if (!isObject(q) || typeof q.Id !== 'string' || !QUERY_ID.test(q.Id))
        throw new FakeError('ValidationError', `invalid query Id ${isObject(q) ? String(q.Id) : ''}`);
      if (seen.has(q.Id)) throw new FakeError('ValidationError', `duplicate Id ${q.Id}`);
      seen.add(q.Id);
      const ms = q.MetricStat;
      if (
        !isObject(ms) ||
        !isObject(ms.Metric) ||
        typeof ms.Period !== 'number' ||
        typeof ms.Stat !== 'string'
      )
        throw new FakeError('ValidationError', `query ${q.Id} needs MetricStat with Metric, Period and Stat`);
      if (ms.Period < 1 || (ms.Period >= 60 && ms.Period % 60 !== 0))
        throw new FakeError('ValidationError', `Period ${ms.Period} must be a multiple of 60`);
      const metric = ms.Metric;
      const dims: Record<string, string> = {};
      for (const d of Array.isArray(metric.Dimensions) ? metric.Dimensions : [])
        if (isObject(d)) dims[String(d.Name)] = String(d.Value);
      const value = this.metricValue(String(metric.Namespace), String(metric.MetricName), dims, ms.Stat);
      const points: [number, number][] = [];
      if (value !== undefined) {
        const n = Math.max(1, Math.ceil((end - start) / ms.Period));
        const isSum = ms.Stat === 'Sum' || ms.Stat === 'SampleCount';
        for (let k = 0; k < n; k++) {
          const wobble = n === 1 ? 1 : 0.75 + ((k * 37) % 11) / 20;
          points.push([start + k * ms.Period, isSum ? value / n : Math.round(value * wobble * 10) / 10]);
        }
      }
      if (!ascending) points.reverse();
      return {
        Id: q.Id,
        Label: String(metric.MetricName),
        Timestamps: points.map((p) => p[0]),
        Values: points.map((p) => p[1]),
        StatusCode: 'Complete',
      };
    });
    return { MetricDataResults: results, Messages: [] };
  }

  private metricValue(
    ns: string,
    name: string,
    dims: Record<string, string>,
    stat: string,
  ): number | undefined {
    if (ns === 'AWS/Lambda') {
      const m = this.seed.functions.find((f) => f.name === dims.FunctionName)?.metrics;
      if (!m) return undefined;
      const table: Record<string, number | undefined> = {
        'Duration/Average': m.durationAvg,
        'Duration/p95': m.durationP95,
        'Duration/p99': m.durationP99,
        'Duration/Maximum': m.durationMax,
        'Invocations/Sum': m.invocations,
        'Errors/Sum': m.errors,
        'Throttles/Sum': m.throttles,
        'ConcurrentExecutions/Maximum': m.concurrent,
      };
      return table[`${name}/${stat}`];
    }
    if (ns === 'AWS/ApiGateway') {
      if (dims.Method || dims.Resource) return undefined;
      const s = this.seed.stages.find((x) => x.apiName === dims.ApiName && x.stage === dims.Stage);
      if (!s) return undefined;
      const table: Record<string, number | undefined> = {
        'Latency/Average': s.latencyAvg,
        'Latency/p95': s.latencyP95,
        'Latency/p99': s.latencyP99,
        '4XXError/Sum': s.errors4xx,
        '5XXError/Sum': s.errors5xx,
        'CacheHitCount/Sum': s.cacheHits,
        'CacheMissCount/Sum': s.cacheMisses,
        'Count/Sum': s.count,
      };
      return table[`${name}/${stat}`];
    }
    return undefined;
  }

  private listMetrics(body: Record<string, unknown>): unknown {
    const metrics: {
      Namespace: string;
      MetricName: string;
      Dimensions: { Name: string; Value: string }[];
    }[] = [];
    for (const s of this.seed.stages) {
      for (const name of ['Latency', 'Count', '4XXError', '5XXError', 'CacheHitCount', 'CacheMissCount']) {
        metrics.push({
          Namespace: 'AWS/ApiGateway',
          MetricName: name,
          Dimensions: [
            { Name: 'ApiName', Value: s.apiName },
            { Name: 'Stage', Value: s.stage },
          ],
        });
        metrics.push({
          Namespace: 'AWS/ApiGateway',
          MetricName: name,
          Dimensions: [
            { Name: 'ApiName', Value: s.apiName },
            { Name: 'Method', Value: 'GET' },
            { Name: 'Resource', Value: '/products' },
            { Name: 'Stage', Value: s.stage },
          ],
        });
      }
    }
    for (const f of this.seed.functions)
      if (f.metrics)
        metrics.push({
          Namespace: 'AWS/Lambda',
          MetricName: 'Duration',
          Dimensions: [{ Name: 'FunctionName', Value: f.name }],
        });
    return {
      Metrics: metrics.filter(
        (m) =>
          (body.Namespace === undefined || m.Namespace === body.Namespace) &&
          (body.MetricName === undefined || m.MetricName === body.MetricName),
      ),
    };
  }

  // Logs Insights -----------------------------------------------------------------------------------------

  private startQuery(body: Record<string, unknown>): unknown {
    const group =
      typeof body.logGroupName === 'string'
        ? body.logGroupName
        : Array.isArray(body.logGroupNames)
          ? String(body.logGroupNames[0])
          : undefined;
    if (!group) throw new FakeError('InvalidParameterException', 'logGroupName is required');
    if (typeof body.queryString !== 'string' || !body.queryString.trim())
      throw new FakeError('InvalidParameterException', 'queryString is required');
    if (
      typeof body.startTime !== 'number' ||
      typeof body.endTime !== 'number' ||
      body.endTime < body.startTime
    )
      throw new FakeError(
        'InvalidParameterException',
        'startTime and endTime must be epoch seconds, start <= end',
      );
    const fn = this.seed.functions.find((f) => `/aws/lambda/${f.name}` === group);
    if (!fn?.report)
      throw new FakeError('ResourceNotFoundException', 'The specified log group does not exist.');
    const queryId = `00000000-0000-4000-8000-${String(++this.queryCounter).padStart(12, '0')}`;
    this.queries.set(queryId, { fn, polls: 0, queryString: body.queryString });
    return { queryId };
  }

  private getQueryResults(body: Record<string, unknown>): unknown {
    const q = this.queries.get(String(body.queryId));
    if (!q) throw new FakeError('ResourceNotFoundException', 'Query does not exist');
    if (q.polls++ < this.runningPolls) return { status: 'Running', results: [] };
    const r = q.fn.report!;
    if (this.logsRawEvents) return { status: 'Complete', results: this.rawReportEvents(q.fn) };
    const cells: [string, number | null][] = [
      ['invocations', r.invocations],
      ['coldStarts', r.coldStarts],
      ['initP95', r.initP95],
      ['maxMemoryUsed', r.maxMemoryUsed],
      ['memorySize', r.memorySize],
      ['timedOut', r.timedOut],
      ['statusTimeout', 0],
    ];
    return {
      status: 'Complete',
      statistics: {
        recordsMatched: r.invocations,
        recordsScanned: r.invocations * 4,
        bytesScanned: r.invocations * 400,
      },
      results: [
        cells.filter(([, v]) => v !== null).map(([field, value]) => ({ field, value: String(value) })),
      ],
    };
  }

  /** REPORT events as Logs Insights returns them for a plain `fields` query (memory in bytes). */
  private rawReportEvents(fn: FakeFunction): { field: string; value: string }[][] {
    const r = fn.report!;
    const rows: { field: string; value: string }[][] = [];
    for (let i = 0; i < r.invocations; i++) {
      const cold = i < r.coldStarts;
      const row = [
        { field: '@message', value: `REPORT RequestId: req-${i}\tDuration: 100.00 ms` },
        { field: '@duration', value: '100.0' },
        {
          field: '@maxMemoryUsed',
          value: String(i === 0 ? r.maxMemoryUsed : Math.round(r.maxMemoryUsed / 2)),
        },
        { field: '@memorySize', value: String(r.memorySize) },
      ];
      if (cold && r.initP95 !== null) row.push({ field: '@initDuration', value: String(r.initP95) });
      rows.push(row);
    }
    for (let i = 0; i < r.timedOut; i++)
      rows.push([{ field: '@message', value: `req-t${i} Task timed out after 30.00 seconds` }]);
    return rows;
  }

  // Athena ------------------------------------------------------------------------------------------------

  private listWorkGroups(): unknown {
    return {
      WorkGroups: this.seed.workGroups.map((w) => ({
        Name: w.name,
        State: w.state,
        Description: '',
        CreationTime: 1767225600,
        EngineVersion: { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' },
      })),
    };
  }

  private listQueryExecutions(body: Record<string, unknown>): unknown {
    const wg = typeof body.WorkGroup === 'string' ? body.WorkGroup : 'primary';
    if (!this.seed.workGroups.some((w) => w.name === wg))
      throw new FakeError('InvalidRequestException', `WorkGroup ${wg} is not found.`);
    const max = typeof body.MaxResults === 'number' ? body.MaxResults : 50;
    if (max < 0 || max > 50) throw new FakeError('InvalidRequestException', 'MaxResults must be <= 50');
    return {
      QueryExecutionIds: this.seed.queries
        .filter((q) => q.workGroup === wg)
        .sort((a, b) => a.minutesAgo - b.minutesAgo)
        .slice(0, max)
        .map((q) => q.id),
    };
  }

  private batchGetQueryExecution(body: Record<string, unknown>): unknown {
    const ids = body.QueryExecutionIds;
    if (!Array.isArray(ids) || ids.length === 0 || ids.length > 50)
      throw new FakeError('InvalidRequestException', 'QueryExecutionIds must have 1 to 50 members');
    const now = this.now();
    const found = this.seed.queries.filter((q) => ids.includes(q.id));
    return {
      QueryExecutions: found.map((q) => {
        const submitted = (now - q.minutesAgo * 60_000) / 1000;
        return {
          QueryExecutionId: q.id,
          Query: q.query,
          StatementType: 'DML',
          WorkGroup: q.workGroup,
          QueryExecutionContext: { Database: q.database, Catalog: 'AwsDataCatalog' },
          ResultConfiguration: { OutputLocation: `s3://ecommerce-athena-results/${q.id}.csv` },
          Status: {
            State: q.state,
            SubmissionDateTime: submitted,
            CompletionDateTime: submitted + q.engineTimeMs / 1000 + 0.2,
          },
          Statistics: {
            EngineExecutionTimeInMillis: q.engineTimeMs,
            DataScannedInBytes: q.dataScannedBytes,
            TotalExecutionTimeInMillis: q.engineTimeMs + 200,
            QueryQueueTimeInMillis: 150,
            ServiceProcessingTimeInMillis: 50,
          },
          EngineVersion: { SelectedEngineVersion: 'AUTO', EffectiveEngineVersion: 'Athena engine version 3' },
        };
      }),
      UnprocessedQueryExecutionIds: ids
        .filter((id) => !found.some((q) => q.id === id))
        .map((id) => ({
          QueryExecutionId: String(id),
          ErrorCode: 'INVALID_INPUT',
          ErrorMessage: 'not found',
        })),
    };
  }
}

// Standalone: tsx test/fakes/aws/server.ts --port 4566
if (require.main === module) {
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : 4566;
  const fake = new FakeAws();
  fake
    .start(port)
    .then((url) => {
      console.log(
        `fake AWS listening on ${url} (control: ${url}/__fake/calls, /__fake/faults, /__fake/reset)`,
      );
    })
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
  const stop = () => void fake.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
