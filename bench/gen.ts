/**
 * Deterministic bench inputs: Python Lambda handler modules written the way teams write them, files of a given
 * length in each language perfguard parses, and Athena queries. Same seed, same bytes.
 */
import * as fs from 'fs';
import * as path from 'path';

/** mulberry32: a small, fast, seedable PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;

export function pick<T>(r: Rand, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

function int(r: Rand, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

const ENTITIES = [
  'order',
  'customer',
  'product',
  'invoice',
  'shipment',
  'forecast',
  'report',
  'session',
  'payment',
];
const SERVICES = [
  's3',
  'dynamodb',
  'sqs',
  'sns',
  'athena',
  'secretsmanager',
  'ssm',
  'kinesis',
  'events',
  'glue',
];
const STD = [
  'json',
  'os',
  'logging',
  'datetime',
  'decimal',
  'uuid',
  'time',
  'base64',
  'hashlib',
  're',
  'csv',
  'io',
];
const HEAVY = ['pandas', 'numpy', 'requests', 'pyarrow', 'jinja2', 'yaml', 'pydantic', 'redis', 'pymysql'];

/** One Python Lambda handler module (~5–9 KB): imports, clients, helpers, classes, decorators, handlers. */
export function pythonHandlerModule(i: number): string {
  const r = rng(1000 + i);
  const ent = pick(r, ENTITIES);
  const svc = pick(r, SERVICES);
  const L: string[] = [];
  L.push(`"""${ent[0]!.toUpperCase()}${ent.slice(1)} service: API handlers for ${ent}s (module ${i})."""`);
  const top = ['json', 'os', ...STD.filter((m) => m !== 'json' && m !== 'os' && r() < 0.35)].sort();
  const powertools = r() < 0.5;
  if (!powertools && !top.includes('logging')) top.push('logging');
  for (const m of top) L.push(`import ${m}`);
  L.push('from typing import Any, Dict, List, Optional');
  const boto = r() < 0.85;
  if (boto) L.push('', 'import boto3', 'from botocore.config import Config');
  if (boto && r() < 0.4) L.push('from boto3.dynamodb.conditions import Key, Attr');
  if (powertools) {
    L.push('from aws_lambda_powertools import Logger, Tracer, Metrics');
    L.push('from aws_lambda_powertools.metrics import MetricUnit');
    L.push('', 'logger = Logger()', 'tracer = Tracer()', 'metrics = Metrics(namespace="Shop")');
  } else {
    L.push('', 'logger = logging.getLogger(__name__)');
  }
  L.push('', `TABLE_NAME = os.environ.get("TABLE_NAME", "${ent}s")`);
  L.push(`PAGE_SIZE = ${int(r, 10, 200)}`);
  const clientStyle = r();
  if (boto && clientStyle < 0.5)
    L.push(
      `${svc.toUpperCase()}_CLIENT = boto3.client("${svc}", config=Config(max_pool_connections=50, retries={"max_attempts": 3}))`,
    );
  else if (boto && clientStyle < 0.75) L.push(`${svc}_client = boto3.client("${svc}")`);
  if (r() < 0.3)
    L.push(
      '',
      '_cache = None',
      '',
      '',
      'def _get_cache():',
      '    global _cache',
      '    if _cache is None:',
      '        import redis',
      '        _cache = redis.Redis(host=os.environ["REDIS_HOST"])',
      '    return _cache',
    );
  L.push('');

  const nHelpers = int(r, 3, 6);
  const helpers: string[] = [];
  for (let h = 0; h < nHelpers; h++) {
    const name = `${pick(r, ['load', 'build', 'format', 'validate', 'parse', 'serialize', 'fetch', 'compute'])}_${ent}_${pick(r, ['items', 'key', 'summary', 'payload', 'page', 'totals'])}${h}`;
    helpers.push(name);
    L.push('', '', `def ${name}(data: Dict[str, Any], limit: int = PAGE_SIZE) -> List[Dict[str, Any]]:`);
    L.push(
      `    """${pick(r, ['Normalize', 'Collect', 'Prepare', 'Check'])} ${ent} records for the response."""`,
    );
    if (r() < 0.25) L.push(`    import ${pick(r, STD)}`);
    if (boto && r() < 0.15) L.push(`    client = boto3.client("${pick(r, SERVICES)}")`);
    L.push('    out: List[Dict[str, Any]] = []');
    L.push('    for idx, item in enumerate(data.get("items", [])):');
    L.push('        if idx >= limit:');
    L.push('            break');
    L.push('        if not isinstance(item, dict):');
    L.push('            continue');
    L.push(`        record = {"id": item.get("id"), "${ent}": item.get("${ent}"), "position": idx}`);
    L.push(`        record["total"] = sum(float(v) for v in item.get("amounts", []) if v is not None)`);
    L.push('        out.append(record)');
    if (r() < 0.5) {
      L.push('    try:');
      L.push('        out.sort(key=lambda x: (x["total"], x["position"]))');
      L.push('    except (KeyError, TypeError) as exc:');
      if (r() < 0.4)
        L.push(
          '        import traceback',
          '        logger.warning("sort failed: %s", traceback.format_exc())',
        );
      else L.push('        logger.warning("sort failed: %s", exc)');
    }
    L.push('    return out');
  }

  if (r() < 0.6) {
    const cls = `${ent[0]!.toUpperCase()}${ent.slice(1)}Repository`;
    L.push('', '', `class ${cls}:`, `    """Data access for ${ent}s."""`, '');
    L.push('    def __init__(self, table_name: str = TABLE_NAME) -> None:');
    L.push('        self.table_name = table_name');
    L.push('        self._items: Dict[str, Dict[str, Any]] = {}');
    for (const m of ['get', 'put', 'delete', 'query_by_customer']) {
      L.push(
        '',
        `    def ${m}(self, key: str, value: Optional[Dict[str, Any]] = None) -> Optional[Dict[str, Any]]:`,
      );
      L.push(`        """${m.replace(/_/g, ' ')} a ${ent}."""`);
      L.push('        if not key:', '            raise ValueError("key is required")');
      L.push(`        if value is not None:`, '            self._items[key] = dict(value)');
      L.push('        return self._items.get(key)');
    }
    if (r() < 0.3)
      L.push(
        '',
        '    @staticmethod',
        '    def connect():',
        '        import pymysql',
        '        return pymysql.connect(host="db", user="app")',
      );
  }

  const nHandlers = int(r, 1, 3);
  for (let h = 0; h < nHandlers; h++) {
    const name =
      h === 0 ? 'lambda_handler' : `${pick(r, ['create', 'update', 'list', 'delete'])}_${ent}_handler`;
    L.push('', '');
    if (powertools && r() < 0.8) {
      L.push('@logger.inject_lambda_context(log_event=True)');
      L.push('@tracer.capture_lambda_handler');
      if (r() < 0.5) L.push('@metrics.log_metrics(capture_cold_start_metric=True)');
    }
    L.push(`def ${name}(event, context):`);
    L.push(`    """Entry point for ${name.replace(/_/g, ' ')}."""`);
    if (r() < 0.45) L.push(`    import ${pick(r, [...STD, ...HEAVY])}`);
    if (r() < 0.2)
      L.push(
        `    from ${pick(r, ['datetime', 'decimal', 'collections'])} import ${pick(r, ['datetime', 'Decimal', 'defaultdict'])}`,
      );
    if (boto && r() < 0.4) L.push(`    ${svc} = boto3.client("${svc}")`);
    if (boto && r() < 0.15)
      L.push(
        '    session = boto3.Session(region_name=event.get("region"))',
        '    sts = session.client("sts")',
      );
    if (boto && r() < 0.2) L.push(`    table = boto3.resource("dynamodb").Table(TABLE_NAME)`);
    L.push('    body = event.get("body") or "{}"');
    L.push('    try:');
    L.push('        data = json.loads(body) if isinstance(body, str) else body');
    L.push('    except ValueError:');
    L.push('        return {"statusCode": 400, "body": "invalid JSON"}');
    for (let k = 0; k < int(r, 1, 3); k++) L.push(`    result_${k} = ${pick(r, helpers)}(data)`);
    L.push('    params = event.get("queryStringParameters") or {}');
    L.push('    limit = int(params.get("limit", PAGE_SIZE))');
    L.push('    if limit <= 0 or limit > 1000:');
    L.push('        return {"statusCode": 400, "body": "limit out of range"}');
    L.push(`    logger.info("handled %s ${ent} request", context.aws_request_id if context else "local")`);
    L.push('    return {');
    L.push('        "statusCode": 200,');
    L.push('        "headers": {"Content-Type": "application/json"},');
    L.push(`        "body": str({"items": result_0, "limit": limit}),`);
    L.push('    }');
  }
  return L.join('\n') + '\n';
}

export interface GeneratedFile {
  rel: string;
  text: string;
}

/** The handler corpus: `count` modules spread over service folders. */
export function pythonCorpus(count: number): GeneratedFile[] {
  const out: GeneratedFile[] = [];
  for (let i = 0; i < count; i++) {
    const r = rng(7 + i);
    out.push({
      rel: `services/${pick(r, ENTITIES)}-service/src/${pick(r, ['handlers', 'api', 'functions'])}/handler_${i}.py`,
      text: pythonHandlerModule(i),
    });
  }
  return out;
}

export type BenchLanguage = 'python' | 'typescript' | 'javascript' | 'terraform' | 'sql';
export const BENCH_LANGUAGES: readonly BenchLanguage[] = [
  'python',
  'typescript',
  'javascript',
  'terraform',
  'sql',
];
export const EXTENSION: Record<BenchLanguage, string> = {
  python: 'py',
  typescript: 'ts',
  javascript: 'js',
  terraform: 'tf',
  sql: 'sql',
};

function tsUnit(r: Rand, k: number, ts: boolean): string {
  const ent = pick(r, ENTITIES);
  const t = (s: string) => (ts ? s : '');
  const lines = [
    `export async function handle${k}(event${t(': APIGatewayProxyEvent')}, context${t(': Context')})${t(': Promise<Result>')} {`,
  ];
  if (r() < 0.2)
    lines.push(
      `  const { ${pick(r, ['S3Client', 'DynamoDBClient', 'SQSClient'])} } = await import("@aws-sdk/client-${pick(r, ['s3', 'dynamodb', 'sqs'])}");`,
    );
  if (r() < 0.2) lines.push(`  const client = new DynamoDBClient({ region: process.env.AWS_REGION });`);
  lines.push(
    `  const body${t(': Record<string, unknown>')} = JSON.parse(event.body ?? "{}");`,
    `  const items = (body.items${t(' as Array<{ id: string; amount?: number }>')}) ?? [];`,
    `  let total = 0;`,
    `  for (const item of items) {`,
    `    if (!item || typeof item.amount !== "number") continue;`,
    `    total += item.amount;`,
    `  }`,
    `  console.log("${ent} request", context.awsRequestId, items.length);`,
    `  return { statusCode: 200, body: JSON.stringify({ ${ent}Total: total, count: items.length }) };`,
    `}`,
    '',
  );
  return lines.join('\n');
}

function tfUnit(r: Rand, k: number): string {
  const ent = pick(r, ENTITIES);
  return [
    `resource "aws_lambda_function" "${ent}_${k}" {`,
    `  function_name = "${ent}-handler-${k}"`,
    `  filename      = "build/${ent}_${k}.zip"`,
    `  handler       = "handler_${k}.lambda_handler"`,
    `  runtime       = "python3.12"`,
    `  memory_size   = ${pick(r, [128, 256, 512, 1024, 2048])}`,
    `  timeout       = ${pick(r, [3, 10, 30, 60])}`,
    `  role          = aws_iam_role.lambda.arn`,
    ``,
    `  environment {`,
    `    variables = {`,
    `      TABLE_NAME = "${ent}s"`,
    `      STAGE      = var.stage`,
    `    }`,
    `  }`,
    `}`,
    ``,
    `resource "aws_cloudwatch_log_group" "${ent}_${k}" {`,
    `  name              = "/aws/lambda/${ent}-handler-${k}"`,
    `  retention_in_days = ${pick(r, [7, 14, 30, 90])}`,
    `}`,
    ``,
  ].join('\n');
}

function sqlUnit(r: Rand, k: number): string {
  const ent = pick(r, ENTITIES);
  return [
    `-- ${ent} report ${k}`,
    `SELECT o.${ent}_id, c.region, SUM(o.amount) AS total, COUNT(*) AS n`,
    `FROM analytics.${ent}s o`,
    `JOIN analytics.customers c ON o.customer_id = c.customer_id`,
    `WHERE o.year = ${int(r, 2020, 2026)} AND o.month = ${int(r, 1, 12)}`,
    `  AND o.status IN ('paid', 'shipped')`,
    `GROUP BY o.${ent}_id, c.region`,
    `ORDER BY total DESC`,
    `LIMIT ${int(r, 10, 1000)};`,
    ``,
  ].join('\n');
}

/** A file of at least `lines` lines in a language, made of repeated realistic units. */
export function fileOfLines(lang: BenchLanguage, lines: number, seed: number): string {
  const r = rng(seed);
  const parts: string[] = [];
  let n = 0;
  let k = 0;
  if (lang === 'python') {
    // Whole handler modules, renamed so that definitions stay unique.
    while (n < lines) {
      const unit = pythonHandlerModule(seed * 31 + k).replace(/\bdef (\w+)/g, `def $1_${k}`);
      parts.push(unit);
      n += unit.split('\n').length - 1;
      k++;
    }
  } else {
    if (lang === 'typescript')
      parts.push(
        'import type { APIGatewayProxyEvent, Context } from "aws-lambda";\n',
        'type Result = { statusCode: number; body: string };\n',
      );
    while (n < lines) {
      const unit =
        lang === 'terraform'
          ? tfUnit(r, k)
          : lang === 'sql'
            ? sqlUnit(r, k)
            : tsUnit(r, k, lang === 'typescript');
      parts.push(unit);
      n += unit.split('\n').length - 1;
      k++;
    }
  }
  const text = parts.join('\n');
  return text.split('\n').slice(0, lines).join('\n') + '\n';
}

/** Athena queries in the style of TPC-DS (star joins, CTEs, window functions, partition filters). */
export function athenaQueries(count: number): GeneratedFile[] {
  const out: GeneratedFile[] = [];
  for (let i = 0; i < count; i++) {
    const r = rng(500 + i);
    const fact = pick(r, ['store_sales', 'web_sales', 'catalog_sales']);
    const p = fact.split('_')[0]![0]!;
    const year = int(r, 1998, 2002);
    out.push({
      rel: `queries/q${String(i + 1).padStart(2, '0')}.sql`,
      text: [
        `WITH customer_totals AS (`,
        `  SELECT c.c_customer_id AS customer_id, c.c_first_name, c.c_last_name, d.d_year,`,
        `         SUM(${p}s.${p}s_ext_sales_price - ${p}s.${p}s_ext_discount_amt) AS year_total`,
        `  FROM ${fact} ${p}s`,
        `  JOIN customer c ON ${p}s.${p}s_customer_sk = c.c_customer_sk`,
        `  JOIN date_dim d ON ${p}s.${p}s_sold_date_sk = d.d_date_sk`,
        `  WHERE d.d_year IN (${year}, ${year + 1}) AND ${p}s.year = ${year}`,
        `  GROUP BY c.c_customer_id, c.c_first_name, c.c_last_name, d.d_year`,
        `), ranked AS (`,
        `  SELECT customer_id, c_first_name, c_last_name, d_year, year_total,`,
        `         RANK() OVER (PARTITION BY d_year ORDER BY year_total DESC) AS rnk`,
        `  FROM customer_totals`,
        `)`,
        `SELECT t1.customer_id, t1.c_first_name, t1.c_last_name,`,
        `       CASE WHEN t1.year_total > 0 THEN t2.year_total / t1.year_total ELSE NULL END AS growth`,
        `FROM ranked t1`,
        `JOIN ranked t2 ON t1.customer_id = t2.customer_id AND t2.d_year = t1.d_year + 1`,
        `JOIN item i ON i.i_item_sk = ${int(r, 1, 9999)}`,
        `WHERE t1.d_year = ${year} AND t1.rnk <= ${int(r, 10, 100)}`,
        `  AND i.i_category IN ('Books', 'Electronics', 'Home')`,
        `ORDER BY growth DESC, t1.customer_id`,
        `LIMIT 100;`,
        ``,
      ].join('\n'),
    });
  }
  return out;
}

/** A mixed workspace of `count` files: handlers in Python/TS/JS, Terraform, SQL. */
export function mixedWorkspace(count: number): GeneratedFile[] {
  const out: GeneratedFile[] = [];
  for (let i = 0; i < count; i++) {
    const r = rng(90_000 + i);
    const lang = pick(r, [
      'python',
      'python',
      'python',
      'typescript',
      'javascript',
      'terraform',
      'sql',
    ] as const);
    const text =
      lang === 'python' ? pythonHandlerModule(20_000 + i) : fileOfLines(lang, int(r, 60, 260), 30_000 + i);
    out.push({ rel: `svc${i % 40}/${lang}/file_${i}.${EXTENSION[lang]}`, text });
  }
  return out;
}

export function writeFiles(dir: string, files: readonly GeneratedFile[]): number {
  fs.rmSync(dir, { recursive: true, force: true });
  let bytes = 0;
  for (const f of files) {
    const p = path.join(dir, f.rel);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, f.text);
    bytes += Buffer.byteLength(f.text);
  }
  return bytes;
}
