/**
 * The real AWS SDK v3 talking HTTP to the loopback fake of the wire protocols (test/fakes/aws).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { collect, type CollectOptions } from '../../../src/aws';
import { buildSnapshot } from '../../../src/core/metrics';
import { DEFAULT_TARGETS } from '../../../src/core/targets';
import { FakeAws } from '../../fakes/aws/server';
import { defaultSeed, type FakeFunction } from '../../fakes/aws/seed';
import { isolateAws, PROFILE_FILES, STATIC_CREDENTIALS, zeroDelayRetry, type IsolatedAws } from './helpers';

describe('aws collect (real SDK against the loopback fake)', () => {
  let fake: FakeAws;
  let env: IsolatedAws;

  beforeEach(async () => {
    fake = new FakeAws({ runningPolls: 1 });
    await fake.start();
  });
  afterEach(async () => {
    await fake.stop();
    env?.restore();
  });

  function options(extra: Partial<CollectOptions> = {}): CollectOptions {
    return {
      range: '1h',
      region: 'us-east-1',
      endpoint: fake.url,
      credentials: STATIC_CREDENTIALS,
      retryStrategy: zeroDelayRetry(),
      logsPollMs: 1,
      ...extra,
    };
  }

  it('collects functions, metrics, REPORT-line stats, API stages and Athena queries through a profile', async () => {
    env = isolateAws(PROFILE_FILES);
    const raw = await collect(options({ profile: 'perf', region: '', credentials: undefined }));
    assert.equal(raw.problem, undefined, raw.problem?.message);
    // The profile's region and keys are used, and every service is signed for its own name.
    assert.equal(raw.region, 'eu-west-1');
    assert.ok(fake.calls.length > 0);
    for (const c of fake.calls) {
      assert.equal(c.accessKeyId, 'AKIDPROFILEPERF');
      assert.equal(c.region, 'eu-west-1');
      // Only the never-invoked function's missing log group is an error.
      const missingGroup = c.operation === 'StartQuery' && /global-market-pulse/.test(JSON.stringify(c.body));
      assert.equal(c.status, missingGroup ? 400 : 200, `${c.operation} → ${c.status}`);
    }
    assert.deepEqual(
      raw.functions.map((f) => f.name),
      defaultSeed().functions.map((f) => f.name),
    );
    assert.equal(raw.functions[0]!.memorySizeMb, 512);
    assert.equal(raw.functions[0]!.handler, 'app.lambda_handler');
    assert.equal(raw.metricCalls, 1);
    assert.deepEqual(raw.stages, [{ apiName: 'ecommerce-api', stage: 'prod' }]);
    assert.deepEqual(Object.keys(raw.reportStats).sort(), [
      'ecommerce-analytics-service',
      'ecommerce-auth-service',
      'ecommerce-market-intelligence',
      'ecommerce-retail-copilot',
    ]);
    assert.equal(raw.reportStats['ecommerce-auth-service']!.initP95Ms, 2500);
    assert.equal(raw.reportStats['ecommerce-auth-service']!.coldStarts, 24);
    assert.equal(raw.reportStats['ecommerce-market-intelligence']!.timeouts, 1);
    // The query older than the range is left out; the disabled workgroup is not asked.
    assert.deepEqual(raw.queries.map((q) => q.id).sort(), [
      'q-agg-0002',
      'q-join-0003',
      'q-simple-0001',
      'q-tiny-0004',
    ]);
    assert.ok(
      !fake
        .callsOf('ListQueryExecutions')
        .some((c) => (c.body as { WorkGroup: string }).WorkGroup === 'archived'),
    );
    assert.equal(
      raw.queries.find((q) => q.id === 'q-join-0003')!.dataScannedBytes,
      Math.round(1.2 * 1024 ** 3),
    );
    assert.equal(raw.queries.find((q) => q.id === 'q-join-0003')!.engineTimeMs, 8500);

    const snap = buildSnapshot(raw, { targets: DEFAULT_TARGETS, now: Date.now() });
    const auth = snap.lambda.functions.find((f) => f.name === 'ecommerce-auth-service')!;
    assert.equal(auth.invocations, 1200);
    assert.equal(auth.durationP95Ms, 850);
    assert.equal(auth.durationAvgMs, 150);
    assert.equal(auth.durationMaxMs, 2800);
    assert.equal(auth.initP95Ms, 2500);
    assert.equal(auth.memoryUtilizationPct, 58.8);
    assert.equal(auth.series.p95.length, 60);
    const stage = snap.apiGateway.stages[0]!;
    assert.equal(stage.latencyAvgMs, 450);
    assert.equal(stage.errorRatePct, 0.5);
    assert.equal(stage.cacheHitRatePct, 75);
    const never = snap.lambda.functions.find((f) => f.name === 'ecommerce-global-market-pulse')!;
    assert.equal(never.invocations, null);
    assert.equal(never.coldStarts, null);
  });

  it('speaks each wire protocol as the fake checks it', async () => {
    env = isolateAws();
    await collect(options());
    const gmd = fake.callsOf('GetMetricData')[0]!;
    assert.equal(gmd.headers['x-amz-target'], 'GraniteServiceVersion20100801.GetMetricData');
    assert.equal(gmd.headers['x-amzn-query-mode'], 'true');
    assert.equal(gmd.headers['content-type'], 'application/x-amz-json-1.0');
    assert.equal(gmd.signingService, 'monitoring');
    const body = gmd.body as { StartTime: unknown; EndTime: unknown; MetricDataQueries: unknown[] };
    assert.equal(typeof body.StartTime, 'number', 'timestamps are epoch seconds');
    assert.equal((body.EndTime as number) - (body.StartTime as number), 3600);
    const sq = fake.callsOf('StartQuery')[0]!;
    assert.equal(sq.headers['x-amz-target'], 'Logs_20140328.StartQuery');
    assert.equal(sq.headers['content-type'], 'application/x-amz-json-1.1');
    assert.match((sq.body as { queryString: string }).queryString, /@initDuration/);
    assert.match((sq.body as { logGroupName: string }).logGroupName, /^\/aws\/lambda\//);
    const lw = fake.callsOf('ListWorkGroups')[0]!;
    assert.equal(lw.headers['x-amz-target'], 'AmazonAthena.ListWorkGroups');
    const lf = fake.callsOf('ListFunctions')[0]!;
    assert.equal(lf.signingService, 'lambda');
    assert.equal(lf.query?.MaxItems, '50');
  });

  it('pages ListFunctions with Marker/NextMarker and batches 50 functions into at most 2 GetMetricData calls', async () => {
    env = isolateAws();
    await fake.stop();
    const seed = defaultSeed();
    const template = seed.functions[0]!;
    seed.functions = Array.from({ length: 50 }, (_, i): FakeFunction => ({ ...template, name: `svc-${i}` }));
    fake = new FakeAws({ seed, lambdaPageSize: 7 });
    await fake.start();
    const raw = await collect(options({ logsPollMs: 1 }));
    assert.equal(raw.problem, undefined);
    assert.equal(raw.functions.length, 50);
    const pages = fake.callsOf('ListFunctions');
    assert.equal(pages.length, 8);
    assert.equal(pages[0]!.query?.Marker, undefined);
    assert.equal(pages[1]!.query?.Marker, 'm-7');
    const gmd = fake.callsOf('GetMetricData');
    assert.ok(gmd.length >= 1 && gmd.length <= 2, `${gmd.length} calls`);
    assert.equal(raw.metricCalls, gmd.length);
    const sizes = gmd.map((c) => (c.body as { MetricDataQueries: unknown[] }).MetricDataQueries.length);
    assert.ok(sizes.every((n) => n <= 500));
    assert.equal(
      sizes.reduce((a, b) => a + b, 0),
      50 * 9 + 8,
    );
    assert.equal(buildSnapshot(raw, { targets: DEFAULT_TARGETS }).lambda.functions.length, 50);
  });

  it('prefers the functions the workspace defines', async () => {
    env = isolateAws();
    const raw = await collect(options({ definedFunctionNames: ['auth_service', 'retail-copilot'] }));
    assert.deepEqual(
      raw.functions.map((f) => f.name),
      ['ecommerce-auth-service', 'ecommerce-retail-copilot'],
    );
    assert.equal(raw.functionsFromWorkspace, true);
    assert.equal(fake.callsOf('StartQuery').length, 2);
  });

  it('computes REPORT-line figures itself when Logs Insights returns raw events', async () => {
    env = isolateAws();
    await fake.stop();
    fake = new FakeAws({ logsRawEvents: true });
    await fake.start();
    const raw = await collect(options());
    assert.deepEqual(raw.reportStats['ecommerce-auth-service'], {
      invocations: 1200,
      coldStarts: 24,
      initP95Ms: 2500,
      maxMemoryUsedBytes: 301_000_000,
      memorySizeBytes: 512_000_000,
      timeouts: 0,
    });
    assert.equal(raw.reportStats['ecommerce-market-intelligence']!.timeouts, 1);
  });

  it('says to pick a profile or run aws sso login when there are no credentials', async () => {
    env = isolateAws();
    const raw = await collect(options({ credentials: undefined, profile: 'nobody' }));
    assert.equal(raw.problem?.kind, 'no-credentials');
    assert.match(raw.problem!.message, /perfguard\.aws\.profile/);
    assert.match(raw.problem!.message, /aws sso login --profile nobody/);
    assert.equal(fake.calls.length, 0);
  });

  it('reports no credentials for the default chain with empty files and environment', async () => {
    env = isolateAws();
    const raw = await collect(options({ credentials: undefined }));
    assert.equal(raw.problem?.kind, 'no-credentials');
    assert.equal(fake.calls.length, 0);
  });

  it('reports an expired SSO session', async () => {
    env = isolateAws({
      config:
        '[profile sso-dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-east-1\n\n' +
        '[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n',
    });
    const cache = path.join(
      env.dir,
      '.aws',
      'sso',
      'cache',
      createHash('sha1').update('corp').digest('hex') + '.json',
    );
    fs.writeFileSync(
      cache,
      JSON.stringify({
        accessToken: 'expired',
        expiresAt: new Date(Date.now() - 3600_000).toISOString(),
        region: 'us-east-1',
        startUrl: 'https://corp.awsapps.com/start',
      }),
    );
    const raw = await collect(options({ credentials: undefined, profile: 'sso-dev' }));
    assert.equal(raw.problem?.kind, 'sso-expired', raw.problem?.message);
    assert.match(raw.problem!.message, /aws sso login --profile sso-dev/);
    assert.equal(fake.calls.length, 0);
  });

  it('reports a missing region', async () => {
    env = isolateAws({ credentials: '[default]\naws_access_key_id = A\naws_secret_access_key = B\n' });
    const raw = await collect(options({ region: '' }));
    assert.equal(raw.problem?.kind, 'no-region');
    assert.match(raw.problem!.message, /perfguard\.aws\.region/);
    assert.equal(fake.calls.length, 0);
  });

  it('reports an unreachable endpoint', async () => {
    env = isolateAws();
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as net.AddressInfo).port;
        s.close(() => resolve(p));
      });
    });
    const raw = await collect(options({ endpoint: `http://127.0.0.1:${port}` }));
    assert.equal(raw.problem?.kind, 'unreachable');
    assert.match(raw.problem!.message, new RegExp(`127\\.0\\.0\\.1:${port}`));
  });

  it('names the IAM action that was denied, per section', async () => {
    env = isolateAws();
    fake.faults = [
      { operation: 'GetMetricData', kind: 'access-denied' },
      { operation: 'StartQuery', kind: 'access-denied' },
      { operation: 'ListWorkGroups', kind: 'access-denied' },
    ];
    const raw = await collect(options());
    assert.equal(raw.problem, undefined);
    assert.equal(raw.functions.length, 5);
    assert.equal(raw.metricsProblem?.kind, 'access-denied');
    assert.equal(raw.metricsProblem?.action, 'cloudwatch:GetMetricData');
    assert.equal(raw.logsProblem?.action, 'logs:StartQuery');
    assert.equal(raw.athenaProblem?.action, 'athena:ListWorkGroups');
    const snap = buildSnapshot(raw, { targets: DEFAULT_TARGETS });
    assert.match(snap.lambda.problem!.message, /cloudwatch:GetMetricData/);
    assert.match(snap.athena.problem!.message, /athena:ListWorkGroups/);
  });

  it('names lambda:ListFunctions when Lambda (restJson1) denies access', async () => {
    env = isolateAws();
    fake.faults = [{ operation: 'ListFunctions', kind: 'access-denied' }];
    const raw = await collect(options());
    assert.equal(raw.lambdaProblem?.kind, 'access-denied');
    assert.equal(raw.lambdaProblem?.action, 'lambda:ListFunctions');
    // Athena still works.
    assert.ok(raw.queries.length > 0);
  });

  it('lets the SDK retry throttling, and says so when it still fails', async () => {
    env = isolateAws();
    fake.faults = [{ operation: 'GetMetricData', kind: 'throttling', times: 2 }];
    let raw = await collect(options());
    assert.equal(raw.metricsProblem, undefined);
    assert.equal(fake.callsOf('GetMetricData').length, 3);
    assert.ok(Object.keys(raw.metrics).length > 0);

    fake.calls.length = 0;
    fake.faults = [
      { operation: 'GetMetricData', kind: 'throttling' },
      { operation: 'BatchGetQueryExecution', kind: 'throttling' },
    ];
    raw = await collect(options());
    assert.equal(raw.metricsProblem?.kind, 'throttled');
    assert.match(raw.metricsProblem!.message, /retried \(3 attempts\)/);
    assert.equal(fake.callsOf('GetMetricData').length, 3);
    assert.equal(raw.athenaProblem?.kind, 'throttled');
    assert.equal(raw.athenaProblem?.action, 'athena:BatchGetQueryExecution');
  });

  it('reports expired credentials', async () => {
    env = isolateAws();
    fake.faults = [{ operation: '*', kind: 'expired-token' }];
    const raw = await collect(options());
    assert.equal(raw.problem?.kind, 'expired-credentials');
  });

  it('shows "no data yet" when the functions have no datapoints', async () => {
    env = isolateAws();
    for (const f of fake.seed.functions) {
      delete f.metrics;
      delete f.report;
    }
    fake.seed.queries = [];
    fake.seed.stages = [];
    const snap = buildSnapshot(await collect(options()), { targets: DEFAULT_TARGETS });
    assert.equal(snap.problem, undefined);
    assert.equal(snap.lambda.functions.length, 5);
    assert.equal(snap.lambda.problem?.kind, 'no-data');
    assert.match(snap.lambda.problem!.message, /No data yet/);
    assert.equal(snap.athena.problem?.kind, 'no-data');
    assert.equal(snap.apiGateway.problem?.kind, 'no-data');
  });

  it('shows "no functions" for an empty account', async () => {
    env = isolateAws();
    fake.seed.functions = [];
    const snap = buildSnapshot(await collect(options()), { targets: DEFAULT_TARGETS });
    assert.equal(snap.lambda.problem?.kind, 'no-data');
    assert.match(snap.lambda.problem!.message, /No Lambda functions/);
  });
});

describe('the AWS fake', () => {
  let fake: FakeAws;
  beforeEach(async () => {
    fake = new FakeAws();
    await fake.start();
  });
  afterEach(() => fake.stop());

  it('answers unknown operations with an error, so a protocol change fails loudly', async () => {
    const res = await fetch(`${fake.url}/`, {
      method: 'POST',
      headers: {
        'x-amz-target': 'GraniteServiceVersion20100801.DescribeAlarms',
        'content-type': 'application/x-amz-json-1.0',
      },
      body: '{}',
    });
    assert.ok(res.status >= 400);
    const form = await fetch(`${fake.url}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'Action=GetMetricData&Version=2010-08-01',
    });
    assert.equal(form.status, 404, 'the old awsQuery form encoding is not accepted');
  });

  it('rejects unsigned requests', async () => {
    const res = await fetch(`${fake.url}/2015-03-31/functions`);
    assert.equal(res.status, 403);
  });
});
