/**
 * Seeded data for the AWS fake: the guide's eCommerce platform (its Lambda services, an API stage, Athena
 * workgroups and queries), with figures from the guide's "Performance Testing Results Template".
 */

export interface FakeLambdaFigures {
  invocations: number;
  errors: number;
  throttles: number;
  concurrent: number;
  durationAvg: number;
  durationP95: number;
  durationP99: number;
  durationMax: number;
}

/** What Logs Insights returns for the REPORT query (memory in bytes, as Logs Insights reports it). */
export interface FakeReportStats {
  invocations: number;
  coldStarts: number;
  initP95: number | null;
  maxMemoryUsed: number;
  memorySize: number;
  timedOut: number;
}

export interface FakeFunction {
  name: string;
  runtime: string;
  handler: string;
  memorySizeMb: number;
  timeoutSeconds: number;
  /** Absent: CloudWatch has no datapoints for it ("no data yet"). */
  metrics?: FakeLambdaFigures;
  /** Absent: the log group does not exist. */
  report?: FakeReportStats;
}

export interface FakeStage {
  apiName: string;
  stage: string;
  count: number;
  latencyAvg: number;
  latencyP95: number;
  latencyP99: number;
  errors4xx: number;
  errors5xx: number;
  cacheHits: number;
  cacheMisses: number;
}

export interface FakeQuery {
  id: string;
  workGroup: string;
  query: string;
  state: 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'RUNNING';
  database: string;
  dataScannedBytes: number;
  engineTimeMs: number;
  /** Minutes before "now" it was submitted. */
  minutesAgo: number;
}

export interface FakeSeed {
  functions: FakeFunction[];
  stages: FakeStage[];
  workGroups: { name: string; state: 'ENABLED' | 'DISABLED' }[];
  queries: FakeQuery[];
}

const MB = 1_000_000;
const GiB = 1024 ** 3;

function fn(
  name: string,
  runtime: string,
  handler: string,
  memorySizeMb: number,
  metrics: FakeLambdaFigures | undefined,
  report: Omit<FakeReportStats, 'memorySize'> | undefined,
): FakeFunction {
  return {
    name,
    runtime,
    handler,
    memorySizeMb,
    timeoutSeconds: 30,
    ...(metrics ? { metrics } : {}),
    ...(report ? { report: { ...report, memorySize: memorySizeMb * MB } } : {}),
  };
}

/** A fresh copy of the default seed. */
export function defaultSeed(): FakeSeed {
  return {
    functions: [
      fn(
        'ecommerce-auth-service',
        'python3.12',
        'app.lambda_handler',
        512,
        {
          invocations: 1200,
          errors: 6,
          throttles: 0,
          concurrent: 12,
          durationAvg: 150,
          durationP95: 850,
          durationP99: 1900,
          durationMax: 2800,
        },
        { invocations: 1200, coldStarts: 24, initP95: 2500, maxMemoryUsed: 301 * MB, timedOut: 0 },
      ),
      fn(
        'ecommerce-analytics-service',
        'python3.12',
        'handler.lambda_handler',
        1024,
        {
          invocations: 640,
          errors: 1,
          throttles: 0,
          concurrent: 8,
          durationAvg: 300,
          durationP95: 1400,
          durationP99: 2600,
          durationMax: 3200,
        },
        { invocations: 640, coldStarts: 10, initP95: 2800, maxMemoryUsed: 870 * MB, timedOut: 0 },
      ),
      fn(
        'ecommerce-market-intelligence',
        'python3.12',
        'handler.lambda_handler',
        3072,
        {
          invocations: 90,
          errors: 2,
          throttles: 3,
          concurrent: 5,
          durationAvg: 1200,
          durationP95: 3900,
          durationP99: 4400,
          durationMax: 4500,
        },
        { invocations: 90, coldStarts: 9, initP95: 3500, maxMemoryUsed: 2900 * MB, timedOut: 1 },
      ),
      fn(
        'ecommerce-retail-copilot',
        'nodejs20.x',
        'index.handler',
        2048,
        {
          invocations: 300,
          errors: 0,
          throttles: 0,
          concurrent: 4,
          durationAvg: 180,
          durationP95: 420,
          durationP99: 610,
          durationMax: 900,
        },
        { invocations: 300, coldStarts: 0, initP95: null, maxMemoryUsed: 410 * MB, timedOut: 0 },
      ),
      // Deployed but never invoked: no datapoints, no log group.
      fn('ecommerce-global-market-pulse', 'nodejs20.x', 'index.handler', 1024, undefined, undefined),
    ],
    stages: [
      {
        apiName: 'ecommerce-api',
        stage: 'prod',
        count: 300000,
        latencyAvg: 450,
        latencyP95: 850,
        latencyP99: 1800,
        errors4xx: 900,
        errors5xx: 600,
        cacheHits: 120000,
        cacheMisses: 40000,
      },
    ],
    workGroups: [
      { name: 'primary', state: 'ENABLED' },
      { name: 'ecommerce-analytics', state: 'ENABLED' },
      { name: 'archived', state: 'DISABLED' },
    ],
    queries: [
      {
        id: 'q-simple-0001',
        workGroup: 'ecommerce-analytics',
        query: "SELECT customer_id, email FROM customers WHERE customer_id = 'CUST001'",
        state: 'SUCCEEDED',
        database: 'ecommerce',
        dataScannedBytes: Math.round(0.1 * GiB),
        engineTimeMs: 1800,
        minutesAgo: 5,
      },
      {
        id: 'q-agg-0002',
        workGroup: 'ecommerce-analytics',
        query:
          'SELECT status, count(*) FROM orders_partitioned WHERE year = 2026 AND month = 1 GROUP BY status',
        state: 'SUCCEEDED',
        database: 'ecommerce',
        dataScannedBytes: Math.round(0.5 * GiB),
        engineTimeMs: 4200,
        minutesAgo: 12,
      },
      {
        id: 'q-join-0003',
        workGroup: 'ecommerce-analytics',
        query: 'SELECT o.order_id, c.email FROM orders o JOIN customers c ON o.customer_id = c.customer_id',
        state: 'SUCCEEDED',
        database: 'ecommerce',
        dataScannedBytes: Math.round(1.2 * GiB),
        engineTimeMs: 8500,
        minutesAgo: 20,
      },
      {
        id: 'q-tiny-0004',
        workGroup: 'primary',
        query: 'SELECT * FROM products LIMIT 10',
        state: 'SUCCEEDED',
        database: 'ecommerce',
        dataScannedBytes: 2048,
        engineTimeMs: 420,
        minutesAgo: 30,
      },
      {
        id: 'q-old-0005',
        workGroup: 'primary',
        query: 'SELECT * FROM orders',
        state: 'SUCCEEDED',
        database: 'ecommerce',
        dataScannedBytes: 5 * GiB,
        engineTimeMs: 30000,
        minutesAgo: 60 * 24 * 3,
      },
    ],
  };
}
