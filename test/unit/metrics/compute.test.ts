import * as assert from 'node:assert/strict';
import {
  athenaCostUsd,
  buildSnapshot,
  chunk,
  codeLensText,
  formatBytes,
  formatMs,
  handlerSettingMatchesFile,
  isSnapshot,
  mapHandlers,
  pickByName,
  percentile,
  reportStatsFromRows,
  MAX_QUERIES_PER_CALL,
  parseExtensionMessage,
  parseViewMessage,
  planMetricQueries,
  queryKind,
  recommendations,
  renderReport,
  selectFunctions,
  statusAgainst,
  windowOf,
  type LambdaFunctionInfo,
  type RawCollection,
} from '../../../src/core/metrics';
import { DEFAULT_TARGETS } from '../../../src/core/targets';
import type { Finding } from '../../../src/core';

const MiB = 1024 * 1024;
const athena = DEFAULT_TARGETS.athena;

describe('metrics: Athena cost', () => {
  it('charges $5 per TB, rounded up to the MB, with a 10 MB minimum', () => {
    assert.equal(athenaCostUsd(1024 ** 4, athena), 5);
    assert.equal(athenaCostUsd(1, athena), (10 * MiB * 5) / 1024 ** 4);
    assert.equal(athenaCostUsd(10 * MiB + 1, athena), (11 * MiB * 5) / 1024 ** 4);
    assert.equal(athenaCostUsd(1024 ** 3 + 1, athena), (1025 * MiB * 5) / 1024 ** 4);
  });
  it('charges nothing for a query that scanned nothing or failed, and has no figure without data', () => {
    assert.equal(athenaCostUsd(0, athena), 0);
    assert.equal(athenaCostUsd(5 * 1024 ** 3, athena, 'FAILED'), 0);
    assert.equal(athenaCostUsd(null, athena), null);
  });
  it('uses the configured price and minimum', () => {
    assert.equal(
      athenaCostUsd(1, { ...athena, pricePerTbUsd: 10, minBilledBytes: MiB }),
      (MiB * 10) / 1024 ** 4,
    );
  });
});

describe('metrics: targets', () => {
  it('colours ok below 80 % of the target, warn below it, bad at or over it', () => {
    assert.equal(statusAgainst(150, 200), 'ok');
    assert.equal(statusAgainst(170, 200), 'warn');
    assert.equal(statusAgainst(200, 200), 'bad');
    assert.equal(statusAgainst(850, 200), 'bad');
    assert.equal(statusAgainst(null, 200), 'none');
    assert.equal(statusAgainst(0, 0.1), 'ok');
  });
  it('tells simple from complex queries', () => {
    assert.equal(queryKind("SELECT a FROM t WHERE id = 'x'"), 'simple');
    assert.equal(queryKind('SELECT a FROM t JOIN u ON t.id = u.id'), 'complex');
    assert.equal(queryKind('select status, count(*) from t group by status'), 'complex');
    assert.equal(queryKind('WITH x AS (SELECT 1) SELECT * FROM x'), 'complex');
  });
});

describe('metrics: query planning', () => {
  const fns = (n: number): LambdaFunctionInfo[] => Array.from({ length: n }, (_, i) => ({ name: `fn-${i}` }));
  it('plans 9 queries per function and 8 per stage, with valid unique ids', () => {
    const q = planMetricQueries(fns(3), [{ apiName: 'api', stage: 'prod' }], '24h');
    assert.equal(q.length, 3 * 9 + 8);
    assert.equal(new Set(q.map((x) => x.id)).size, q.length);
    for (const x of q) assert.match(x.id, /^[a-z][a-zA-Z0-9_]*$/);
    const p95 = q.find((x) => x.id === 'l0_dP95')!;
    assert.deepEqual(
      { ns: p95.namespace, m: p95.metricName, stat: p95.stat, period: p95.periodSeconds },
      { ns: 'AWS/Lambda', m: 'Duration', stat: 'p95', period: 86400 },
    );
    assert.equal(q.find((x) => x.id === 'l0_sP95')!.periodSeconds, 1800);
    assert.deepEqual(q.find((x) => x.id === 'a0_c4')!.dimensions, [
      { name: 'ApiName', value: 'api' },
      { name: 'Stage', value: 'prod' },
    ]);
  });
  it('fits 50 functions and their stages in at most two calls of at most 500', () => {
    const one = chunk(planMetricQueries(fns(50), [{ apiName: 'a', stage: 's' }], '1h'), MAX_QUERIES_PER_CALL);
    assert.deepEqual(
      one.map((b) => b.length),
      [458],
    );
    const stages = Array.from({ length: 25 }, (_, i) => ({ apiName: 'a', stage: `s${i}` }));
    const two = chunk(planMetricQueries(fns(50), stages, '1h'), MAX_QUERIES_PER_CALL);
    assert.deepEqual(
      two.map((b) => b.length),
      [500, 150],
    );
  });
  it('aligns the window to the minute', () => {
    const w = windowOf('3h', Date.UTC(2026, 0, 16, 10, 30, 42, 500));
    assert.equal(w.end, Date.UTC(2026, 0, 16, 10, 30));
    assert.equal(w.end - w.start, 3 * 3600_000);
  });
});

describe('metrics: functions and handlers', () => {
  const all: LambdaFunctionInfo[] = [
    { name: 'ecommerce-auth-service', handler: 'app.lambda_handler', runtime: 'python3.12' },
    { name: 'ecommerce-analytics-service', handler: 'handler.lambda_handler' },
    { name: 'other-team-fn', handler: 'index.handler' },
  ];
  it('prefers the functions the infrastructure defines, else all', () => {
    assert.deepEqual(
      selectFunctions(all, ['auth_service']).functions.map((f) => f.name),
      ['ecommerce-auth-service'],
    );
    assert.equal(selectFunctions(all, ['nothing-like-it']).fromWorkspace, false);
    assert.equal(selectFunctions(all, ['nothing-like-it']).functions.length, 3);
    assert.equal(selectFunctions(all, []).functions.length, 3);
  });
  it('maps deployed functions to handler files by name, else by handler setting', () => {
    const m = mapHandlers(all, [
      { names: ['auth_service'], handler: 'app.lambda_handler', file: 'services/auth/app.py', line: 0 },
      {
        names: ['AnalyticsFn'],
        handler: 'handler.lambda_handler',
        file: 'services/analytics/handler.py',
        line: 0,
      },
    ]);
    assert.equal(m.get('ecommerce-auth-service')?.file, 'services/auth/app.py');
    assert.equal(m.get('ecommerce-analytics-service')?.file, 'services/analytics/handler.py');
    assert.equal(m.has('other-team-fn'), false);
    assert.equal(handlerSettingMatchesFile('src/handlers/app.main', 'svc/src/handlers/app.ts'), true);
    assert.equal(handlerSettingMatchesFile('app.main', 'svc/myapp.py'), false);
  });
  it('picks among same-named modules by the function name', () => {
    const files = ['services/orders/app.py', 'services/auth/app.py', 'services/tenant/app.py'];
    assert.equal(pickByName('ecommerce-auth-service', files), 'services/auth/app.py');
    assert.equal(pickByName('ecommerce-billing-service', files), undefined);
    assert.equal(pickByName('anything', ['only/app.py']), 'only/app.py');
    assert.equal(pickByName('auth-orders', files), undefined);
  });
});

describe('metrics: REPORT lines', () => {
  it('reads the stats row of the Logs Insights query', () => {
    assert.deepEqual(
      reportStatsFromRows([
        {
          invocations: '10',
          coldStarts: '2',
          initP95: '812.5',
          maxMemoryUsed: '70000000',
          memorySize: '128000000',
          timedOut: '1',
          statusTimeout: '0',
        },
      ]),
      {
        invocations: 10,
        coldStarts: 2,
        initP95Ms: 812.5,
        maxMemoryUsedBytes: 70_000_000,
        memorySizeBytes: 128_000_000,
        timeouts: 1,
      },
    );
  });
  it('computes the figures from raw REPORT events', () => {
    const rows: Record<string, string>[] = [
      { '@duration': '12', '@initDuration': '300', '@maxMemoryUsed': '60000000', '@memorySize': '128000000' },
      { '@duration': '10', '@maxMemoryUsed': '65000000', '@memorySize': '128000000' },
      { '@duration': '9', '@initDuration': '900', '@maxMemoryUsed': '61000000', '@memorySize': '128000000' },
      { '@message': '2026-01-16T10:00:00Z abc Task timed out after 3.00 seconds' },
    ];
    assert.deepEqual(reportStatsFromRows(rows), {
      invocations: 3,
      coldStarts: 2,
      initP95Ms: 900,
      maxMemoryUsedBytes: 65_000_000,
      memorySizeBytes: 128_000_000,
      timeouts: 1,
    });
    assert.equal(reportStatsFromRows([]), undefined);
    assert.equal(percentile([5, 1, 4, 2, 3], 95), 5);
    assert.equal(percentile([5, 1, 4, 2, 3], 50), 3);
  });
});

function raw(extra: Partial<RawCollection> = {}): RawCollection {
  const start = Date.UTC(2026, 0, 16, 9);
  const end = Date.UTC(2026, 0, 16, 10);
  const s = (id: string, v: number) => ({ id, timestamps: [start], values: [v] });
  return {
    range: '1h',
    start,
    end,
    region: 'us-east-1',
    functions: [{ name: 'auth', memorySizeMb: 512, timeoutSeconds: 3, runtime: 'python3.12' }],
    functionsFromWorkspace: true,
    metrics: {
      l0_dAvg: s('l0_dAvg', 150),
      l0_dP95: s('l0_dP95', 850),
      l0_dP99: s('l0_dP99', 1900),
      l0_dMax: s('l0_dMax', 2800),
      l0_inv: s('l0_inv', 1200),
      l0_err: s('l0_err', 6),
      l0_thr: s('l0_thr', 0),
      l0_conc: s('l0_conc', 12),
      l0_sP95: { id: 'l0_sP95', timestamps: [start + 120_000, start, start + 60_000], values: [3, 1, 2] },
      a0_lat: s('a0_lat', 450),
      a0_lP95: s('a0_lP95', 850),
      a0_lP99: s('a0_lP99', 2100),
      a0_c4: s('a0_c4', 900),
      a0_c5: s('a0_c5', 600),
      a0_cnt: s('a0_cnt', 300000),
      a0_hit: s('a0_hit', 30),
      a0_miss: s('a0_miss', 10),
    },
    metricCalls: 1,
    reportStats: {
      auth: {
        invocations: 1200,
        coldStarts: 24,
        initP95Ms: 2500,
        maxMemoryUsedBytes: 460_000_000,
        memorySizeBytes: 512_000_000,
        timeouts: 2,
      },
    },
    stages: [{ apiName: 'shop', stage: 'prod' }],
    workGroups: [{ name: 'primary' }],
    queries: [
      {
        id: 'q1',
        workGroup: 'primary',
        query: 'SELECT *\n  FROM orders o JOIN customers c ON o.c = c.id',
        state: 'SUCCEEDED',
        submittedAt: start + 60_000,
        dataScannedBytes: 2 * 1024 ** 3,
        engineTimeMs: 12300,
        totalTimeMs: 12500,
      },
      {
        id: 'q2',
        workGroup: 'primary',
        query: "SELECT id FROM customers WHERE id = 'x'",
        state: 'SUCCEEDED',
        submittedAt: start + 120_000,
        dataScannedBytes: 100 * MiB,
        engineTimeMs: 1800,
        totalTimeMs: 1900,
      },
    ],
    ...extra,
  };
}

describe('metrics: snapshot', () => {
  it('builds figures and colours them against the targets', () => {
    const s = buildSnapshot(raw(), {
      targets: DEFAULT_TARGETS,
      handlers: new Map([['auth', { file: 'services/auth/app.py', line: 4 }]]),
      now: 1,
    });
    const f = s.lambda.functions[0]!;
    assert.equal(f.invocationsPerHour, 1200);
    assert.equal(f.errorRatePct, 0.5);
    assert.equal(f.memoryUtilizationPct, 89.8);
    assert.equal(f.maxMemoryUsedMb, 460);
    assert.equal(f.timeoutRatePct, 0.167);
    assert.deepEqual(f.status, {
      durationAvgMs: 'ok',
      durationP95Ms: 'bad',
      durationMaxMs: 'bad',
      initP95Ms: 'warn',
      memoryUtilizationPct: 'bad',
      errorRatePct: 'ok',
      timeoutRatePct: 'bad',
      throttles: 'ok',
    });
    assert.deepEqual(f.series.t, [raw().start, raw().start + 60_000, raw().start + 120_000]);
    assert.deepEqual(f.series.p95, [1, 2, 3]);
    assert.deepEqual(f.source, { file: 'services/auth/app.py', line: 4 });
    const st = s.apiGateway.stages[0]!;
    assert.equal(st.errorRatePct, 0.5);
    assert.equal(st.cacheHitRatePct, 75);
    assert.equal(st.status.latencyP99Ms, 'bad');
    assert.deepEqual(
      s.athena.queries.map((q) => [q.id, q.kind, q.overScanBudget, q.status.engineTimeMs]),
      [
        ['q2', 'simple', false, 'warn'],
        ['q1', 'complex', true, 'warn'],
      ],
    );
    assert.equal(s.athena.queries[1]!.query, 'SELECT * FROM orders o JOIN customers c ON o.c = c.id');
    assert.equal(s.athena.workGroups[0]!.totalScannedBytes, 2 * 1024 ** 3 + 100 * MiB);
    assert.ok(isSnapshot(JSON.parse(JSON.stringify(s))));
  });

  it('writes the CodeLens line', () => {
    const f = buildSnapshot(raw(), { targets: DEFAULT_TARGETS }).lambda.functions[0]!;
    assert.equal(codeLensText(f), 'p95 850 ms · cold start 2.5 s · 1.2k/h');
    assert.equal(codeLensText({ ...f, coldStarts: 0 }), 'p95 850 ms · no cold starts · 1.2k/h');
    assert.equal(formatMs(3000), '3 s');
    assert.equal(formatBytes(1.2 * 1024 ** 3), '1.2 GB');
  });
});

describe('metrics: report', () => {
  const finding: Finding = {
    ruleId: 'lambda/import-in-handler',
    severity: 'warning',
    message: "Import inside handler 'lambda_handler'",
    file: 'services/auth/app.py',
    range: {
      start: { line: 5, character: 4 },
      end: { line: 5, character: 13 },
      startOffset: 0,
      endOffset: 0,
    },
  };
  it("fills the guide's results template with ✓/⚠ and recommendations", () => {
    const snapshot = buildSnapshot(raw(), { targets: DEFAULT_TARGETS });
    const md = renderReport({ snapshot, targets: DEFAULT_TARGETS, findings: [finding] });
    for (const heading of [
      '### Test Run: 2026-01-16',
      '#### API Gateway Load Test',
      '#### Athena Query Performance',
      '#### Lambda Performance',
      '### Recommendations',
    ])
      assert.ok(md.includes(heading), heading);
    assert.ok(md.includes('| Function | Avg Duration | Max Duration | Cold Start |'));
    assert.match(
      md,
      /\| auth \| 150ms \| 2800ms \| 2500ms \| 850ms \| 1,200 \| 6 \| 460 \/ 512 MB \(89\.8%\) \| ⚠ \|/,
    );
    assert.match(
      md,
      /\| Complex \| `SELECT \* FROM orders o JOIN customers c ON o\.c = c\.id` \| primary \| 12\.3s \| 2\.00 GB \| \$0\.00977 \| ⚠ \|/,
    );
    assert.match(md, /\| Simple \| .* \| 1\.8s \| 0\.10 GB \| .* \| ✓ \|/);
    assert.match(md, /- Average Response Time: 450ms ✓/);
    assert.match(md, /- P99 Response Time: 2100ms ⚠/);
    assert.match(md, /- Total Requests: 300,000/);
    const recs = recommendations({ snapshot, targets: DEFAULT_TARGETS, findings: [finding] });
    assert.ok(recs.some((r) => r.startsWith('Increase Lambda memory for auth')));
    assert.ok(
      recs.some((r) => r.includes('1 `lambda/import-in-handler` finding, e.g. services/auth/app.py:6')),
    );
    assert.ok(recs.some((r) => r.startsWith('Optimize 1 Athena query')));
  });
});

describe('metrics: protocol', () => {
  it('accepts the view commands it knows', () => {
    assert.deepEqual(parseViewMessage({ type: 'refresh' }), { type: 'refresh' });
    assert.deepEqual(parseViewMessage({ type: 'setTimeRange', range: '7d' }), {
      type: 'setTimeRange',
      range: '7d',
    });
    assert.deepEqual(parseViewMessage({ type: 'openRule', ruleId: 'lambda/import-in-handler' }), {
      type: 'openRule',
      ruleId: 'lambda/import-in-handler',
    });
  });
  it('rejects anything else', () => {
    assert.equal(parseViewMessage({ type: 'setTimeRange', range: '2d' }), undefined);
    assert.equal(parseViewMessage({ type: 'openRule', ruleId: '../../etc/passwd' }), undefined);
    assert.equal(parseViewMessage({ type: 'openLocation', file: '../secret', line: 1 }), undefined);
    assert.equal(parseViewMessage({ type: 'openLocation', file: 'a.py', line: -1 }), undefined);
    assert.equal(parseViewMessage({ type: 'eval', code: 'x' }), undefined);
    assert.equal(parseViewMessage('refresh'), undefined);
    assert.equal(parseExtensionMessage({ type: 'snapshot', snapshot: { range: '1h' } }), undefined);
    assert.equal(
      parseExtensionMessage({ type: 'status', refreshing: 'yes', range: '1h', refreshSeconds: 1 }),
      undefined,
    );
  });
});
