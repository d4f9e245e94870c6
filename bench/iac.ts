/**
 * Terraform analysis speed (issue 5: "a 5,000-line .tf file analysed in under 60 ms").
 *
 *   npx tsx bench/iac.ts [--lines 5000] [--runs 20] [--json] [--source]
 *   npx tsx bench/iac.ts --dir DIR [--dir DIR…] [--declined]
 *
 * Timed on the engine bundled as it ships (the script bundles itself: bench/bundle.ts), or with `--source` on the
 * TypeScript source under tsx.
 *
 * Generates a realistic Terraform file (Lambda functions and their log groups, REST API stages and method
 * settings, Athena workgroups, DynamoDB tables with autoscaling, CloudFront distributions, variables, locals,
 * IAM, S3, SQS) and reports CPU milliseconds (process.cpuUsage, user + system) as the minimum and the median of
 * warm runs for: the hand-written parser (hcl-parse.ts, what a clean file takes), and for comparison the
 * tree-sitter parse and tree → plain blocks (what a file it declines takes), the resource model, each infrastructure rule, a whole
 * first lint through `createWorkspace(...).lint`, a re-lint after a one-character edit, and a re-lint of one
 * file of a five-file module after a one-character edit (the other four files unchanged).
 *
 * `runIacBench(opts)` returns the same numbers (bench/run.ts may call it).
 *
 * `--dir` checks the hand-written parser on code nobody here wrote (e.g. public Terraform modules checked out
 * under /tmp): for every .tf/.tfvars file, whether it accepted the file and whether its result is deep-equal
 * to the tree-sitter conversion; `--declined` lists where it gave up on the files it declined.
 */
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as nodePath from 'path';
import { createWorkspace } from '../src/core';
import type { Workspace } from '../src/core/engine/workspace';
import { buildModel, hclOf } from '../src/core/iac';
import { hclFileOf } from '../src/core/iac/hcl';
import { declinedAt, parseHcl } from '../src/core/iac/hcl-parse';
import { buildTerraform, setFastHclParse } from '../src/core/iac/terraform';
import { loadGrammar, parseWith } from '../src/core/parse/treesitter';
import { allRules } from '../src/core/rules';
import { argValue, fmtStat as fmt, ranAsShipped, sample, sampleAsync, type Stat } from './measure';

export interface IacBenchOptions {
  /** Lines of the generated file (default 5,000). */
  lines?: number;
  /** Warm runs per measurement (default 20). */
  runs?: number;
}

/** Minimum and median CPU milliseconds of the warm runs. */
export type { Stat } from './measure';

export interface IacBenchResult {
  lines: number;
  chars: number;
  resources: number;
  findings: number;
  /**
   * SHA-256 (first 16 hex digits) of every finding, fixes and suggestions included, of the first lint of the
   * file and of each file of the five-file module: a change of the syntax layer must leave it as it is.
   */
  findingsDigest: string;
  /** The same digest with the hand-written parser switched off (every file through tree-sitter). */
  findingsDigestTreeSitter: string;
  runs: number;
  /** The hand-written parser (text -> plain blocks). */
  fastParse: Stat;
  parse: Stat;
  treeToBlocks: Stat;
  model: Stat;
  rules: Record<string, Stat>;
  /** Sum over rules of the per-rule minimum. */
  rulesTotal: number;
  /** A first lint of the file in a fresh workspace (grammar already loaded). */
  lint: Stat;
  /** The same file linted again after a one-character edit. */
  relint: Stat;
  /** One file of a five-file module (same total size) linted again after a one-character edit. */
  relintModuleFile: Stat;
}

// ---- Generator ---------------------------------------------------------------------------------------------

/** Deterministic pseudo-random numbers. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 0x100000000;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

/** One service: ~40 resources in the shapes the guide's rules read. */
function service(i: number, r: () => number): string {
  const n = `svc${i}`;
  const mem = pick(r, [128, 256, 512, 1024, 1769, 3008]);
  const timeout = pick(r, [3, 10, 29, 30, 60, 900]);
  const retention = pick(r, [0, 7, 14, 30, 365]);
  const ttl = pick(r, [10, 300, 3600, 7200]);
  const billing = r() < 0.5 ? 'PROVISIONED' : 'PAY_PER_REQUEST';
  const out: string[] = [];
  out.push(
    `variable "${n}_memory" {`,
    `  type        = number`,
    `  description = "Memory of the ${n} handler"`,
    `  default     = ${mem}`,
    `}`,
    ``,
    `variable "${n}_stage" {`,
    `  type    = string`,
    `  default = "prod"`,
    `}`,
    ``,
    `locals {`,
    `  ${n}_name    = "shop-${n}"`,
    `  ${n}_tags    = { Service = "${n}", Team = "platform", CostCenter = "cc-${i % 7}" }`,
    `  ${n}_timeout = ${timeout}`,
    `}`,
    ``,
    `resource "aws_iam_role" "${n}" {`,
    `  name = "\${local.${n}_name}-role"`,
    `  assume_role_policy = jsonencode({`,
    `    Version = "2012-10-17"`,
    `    Statement = [{ Action = "sts:AssumeRole", Effect = "Allow", Principal = { Service = "lambda.amazonaws.com" } }]`,
    `  })`,
    `  tags = local.${n}_tags`,
    `}`,
    ``,
    `resource "aws_iam_role_policy_attachment" "${n}_basic" {`,
    `  role       = aws_iam_role.${n}.name`,
    `  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"`,
    `}`,
    ``,
  );
  for (const fn of ['api', 'worker', 'cron']) {
    out.push(
      `resource "aws_lambda_function" "${n}_${fn}" {`,
      `  function_name = "\${local.${n}_name}-${fn}"`,
      `  role          = aws_iam_role.${n}.arn`,
      `  handler       = "src/${fn}.handler"`,
      `  runtime       = "${pick(r, ['python3.12', 'nodejs20.x'])}"`,
      `  filename      = "build/${n}-${fn}.zip"`,
      fn === 'api' ? `  memory_size   = var.${n}_memory` : `  memory_size   = ${pick(r, [128, 512, 1024])}`,
      fn === 'api' ? `  timeout       = local.${n}_timeout` : `  timeout       = ${pick(r, [30, 300, 900])}`,
      ...(r() < 0.4 ? [`  reserved_concurrent_executions = ${pick(r, [10, 50, 100])}`] : []),
      `  environment {`,
      `    variables = {`,
      `      TABLE_NAME = aws_dynamodb_table.${n}.name`,
      `      STAGE      = var.${n}_stage`,
      `      LOG_LEVEL  = "INFO"`,
      `    }`,
      `  }`,
      `  tracing_config {`,
      `    mode = "Active"`,
      `  }`,
      `  tags = merge(local.${n}_tags, { Function = "${fn}" })`,
      `}`,
      ``,
      `resource "aws_cloudwatch_log_group" "${n}_${fn}" {`,
      `  name              = "/aws/lambda/\${aws_lambda_function.${n}_${fn}.function_name}"`,
      ...(retention > 0 ? [`  retention_in_days = ${retention}`] : []),
      `}`,
      ``,
    );
  }
  out.push(
    `resource "aws_api_gateway_rest_api" "${n}" {`,
    `  name = local.${n}_name`,
    `  endpoint_configuration {`,
    `    types = ["REGIONAL"]`,
    `  }`,
    `}`,
    ``,
    `resource "aws_api_gateway_resource" "${n}" {`,
    `  rest_api_id = aws_api_gateway_rest_api.${n}.id`,
    `  parent_id   = aws_api_gateway_rest_api.${n}.root_resource_id`,
    `  path_part   = "items"`,
    `}`,
    ``,
    `resource "aws_api_gateway_method" "${n}_get" {`,
    `  rest_api_id   = aws_api_gateway_rest_api.${n}.id`,
    `  resource_id   = aws_api_gateway_resource.${n}.id`,
    `  http_method   = "GET"`,
    `  authorization = "NONE"`,
    `}`,
    ``,
    `resource "aws_api_gateway_integration" "${n}_get" {`,
    `  rest_api_id             = aws_api_gateway_rest_api.${n}.id`,
    `  resource_id             = aws_api_gateway_resource.${n}.id`,
    `  http_method             = aws_api_gateway_method.${n}_get.http_method`,
    `  integration_http_method = "POST"`,
    `  type                    = "AWS_PROXY"`,
    `  uri                     = aws_lambda_function.${n}_api.invoke_arn`,
    ...(r() < 0.5 ? [`  timeout_milliseconds    = ${pick(r, [29000, 10000])}`] : []),
    `}`,
    ``,
    `resource "aws_lambda_permission" "${n}_api" {`,
    `  statement_id  = "AllowAPIGatewayInvoke"`,
    `  action        = "lambda:InvokeFunction"`,
    `  function_name = aws_lambda_function.${n}_api.function_name`,
    `  principal     = "apigateway.amazonaws.com"`,
    `  source_arn    = "\${aws_api_gateway_rest_api.${n}.execution_arn}/*/*"`,
    `}`,
    ``,
    `resource "aws_api_gateway_deployment" "${n}" {`,
    `  rest_api_id = aws_api_gateway_rest_api.${n}.id`,
    `  triggers = {`,
    `    redeployment = sha1(jsonencode([aws_api_gateway_integration.${n}_get.id]))`,
    `  }`,
    `  lifecycle {`,
    `    create_before_destroy = true`,
    `  }`,
    `}`,
    ``,
    `resource "aws_api_gateway_stage" "${n}" {`,
    `  deployment_id         = aws_api_gateway_deployment.${n}.id`,
    `  rest_api_id           = aws_api_gateway_rest_api.${n}.id`,
    `  stage_name            = var.${n}_stage`,
    `  cache_cluster_enabled = ${r() < 0.6}`,
    `  cache_cluster_size    = "0.5"`,
    `  xray_tracing_enabled  = true`,
    `}`,
    ``,
    `resource "aws_api_gateway_method_settings" "${n}" {`,
    `  rest_api_id = aws_api_gateway_rest_api.${n}.id`,
    `  stage_name  = aws_api_gateway_stage.${n}.stage_name`,
    `  method_path = "*/*"`,
    `  settings {`,
    `    metrics_enabled        = true`,
    `    caching_enabled        = ${r() < 0.7}`,
    `    cache_ttl_in_seconds   = ${ttl}`,
    ...(r() < 0.5 ? [`    cache_data_encrypted   = true`] : []),
    ...(r() < 0.5 ? [`    throttling_burst_limit = 500`, `    throttling_rate_limit  = 1000`] : []),
    `  }`,
    `}`,
    ``,
    `resource "aws_athena_workgroup" "${n}" {`,
    `  name = "\${local.${n}_name}-analytics"`,
    `  configuration {`,
    `    enforce_workgroup_configuration    = ${r() < 0.5}`,
    `    publish_cloudwatch_metrics_enabled = true`,
    ...(r() < 0.5 ? [`    bytes_scanned_cutoff_per_query     = ${pick(r, [1073741824, 10737418240])}`] : []),
    `    result_configuration {`,
    `      output_location = "s3://\${aws_s3_bucket.${n}.bucket}/athena/"`,
    ...(r() < 0.5
      ? [`      encryption_configuration {`, `        encryption_option = "SSE_S3"`, `      }`]
      : []),
    `    }`,
    `  }`,
    `}`,
    ``,
    `resource "aws_dynamodb_table" "${n}" {`,
    `  name         = "\${local.${n}_name}-items"`,
    `  billing_mode = "${billing}"`,
    ...(billing === 'PROVISIONED' ? [`  read_capacity  = 5`, `  write_capacity = 5`] : []),
    `  hash_key     = "pk"`,
    `  range_key    = "sk"`,
    `  attribute {`,
    `    name = "pk"`,
    `    type = "S"`,
    `  }`,
    `  attribute {`,
    `    name = "sk"`,
    `    type = "S"`,
    `  }`,
    `  point_in_time_recovery {`,
    `    enabled = true`,
    `  }`,
    `}`,
    ``,
  );
  if (billing === 'PROVISIONED' && r() < 0.6) {
    for (const d of ['Read', 'Write']) {
      const k = d.toLowerCase();
      out.push(
        `resource "aws_appautoscaling_target" "${n}_${k}" {`,
        `  max_capacity       = 100`,
        `  min_capacity       = 5`,
        `  resource_id        = "table/\${aws_dynamodb_table.${n}.name}"`,
        `  scalable_dimension = "dynamodb:table:${d}CapacityUnits"`,
        `  service_namespace  = "dynamodb"`,
        `}`,
        ``,
        `resource "aws_appautoscaling_policy" "${n}_${k}" {`,
        `  name               = "${n}-${k}"`,
        `  policy_type        = "TargetTrackingScaling"`,
        `  resource_id        = aws_appautoscaling_target.${n}_${k}.resource_id`,
        `  scalable_dimension = aws_appautoscaling_target.${n}_${k}.scalable_dimension`,
        `  service_namespace  = aws_appautoscaling_target.${n}_${k}.service_namespace`,
        `  target_tracking_scaling_policy_configuration {`,
        `    predefined_metric_specification {`,
        `      predefined_metric_type = "DynamoDB${d}CapacityUtilization"`,
        `    }`,
        `    target_value = 70`,
        `  }`,
        `}`,
        ``,
      );
    }
  }
  out.push(
    `resource "aws_s3_bucket" "${n}" {`,
    `  bucket = "\${local.${n}_name}-data-\${var.${n}_stage}"`,
    `  tags   = local.${n}_tags`,
    `}`,
    ``,
    `resource "aws_sqs_queue" "${n}" {`,
    `  name                       = "\${local.${n}_name}-jobs"`,
    `  visibility_timeout_seconds = 6 * 60`,
    `  message_retention_seconds  = 1209600`,
    `}`,
    ``,
    `resource "aws_lambda_event_source_mapping" "${n}" {`,
    `  event_source_arn = aws_sqs_queue.${n}.arn`,
    `  function_name    = aws_lambda_function.${n}_worker.arn`,
    `  batch_size       = 10`,
    `}`,
    ``,
  );
  if (i % 3 === 0) {
    out.push(
      `resource "aws_cloudfront_distribution" "${n}" {`,
      `  enabled         = true`,
      `  is_ipv6_enabled = true`,
      `  price_class     = "PriceClass_100"`,
      `  origin {`,
      `    domain_name = aws_s3_bucket.${n}.bucket_regional_domain_name`,
      `    origin_id   = "s3-${n}"`,
      `  }`,
      `  default_cache_behavior {`,
      `    allowed_methods        = ["GET", "HEAD"]`,
      `    cached_methods         = ["GET", "HEAD"]`,
      `    target_origin_id       = "s3-${n}"`,
      `    viewer_protocol_policy = "${pick(r, ['allow-all', 'redirect-to-https'])}"`,
      ...(r() < 0.5 ? [`    compress               = true`] : []),
      `    min_ttl                = 0`,
      `    default_ttl            = 3600`,
      `    max_ttl                = 86400`,
      `    forwarded_values {`,
      `      query_string = false`,
      `      cookies {`,
      `        forward = "none"`,
      `      }`,
      `    }`,
      `  }`,
      `  restrictions {`,
      `    geo_restriction {`,
      `      restriction_type = "none"`,
      `    }`,
      `  }`,
      `  viewer_certificate {`,
      `    cloudfront_default_certificate = true`,
      `  }`,
      `}`,
      ``,
    );
  }
  return out.join('\n');
}

/** A Terraform file of exactly `lines` lines made of whole services (the last one cut at a block boundary). */
export function terraformOfLines(lines: number, seed = 1, first = 0): string {
  const r = rng(seed);
  const out: string[] = [
    'terraform {',
    '  required_providers {',
    '    aws = {',
    '      source  = "hashicorp/aws"',
    '      version = "~> 5.0"',
    '    }',
    '  }',
    '}',
    '',
  ];
  for (let i = first; out.length < lines; i++) out.push(...service(i, r).split('\n'));
  // Cut after the last complete top-level block that fits.
  let end = Math.min(lines, out.length);
  while (end > 0 && out[end - 1] !== '}') end--;
  const text = out.slice(0, end);
  while (text.length < lines) text.push('');
  return text.join('\n') + '\n';
}

// ---- Measuring ---------------------------------------------------------------------------------------------

/** A one-character edit: the first `memory_size   = 5` digit toggled (the text stays valid). */
function oneCharEdit(text: string, k: number): string {
  const at = text.indexOf('memory_size   = 5') + 'memory_size   = '.length;
  if (at < '= '.length) return text + (k % 2 ? ' ' : '');
  return text.slice(0, at) + (k % 2 ? '6' : '5') + text.slice(at + 1);
}

export async function runIacBench(opts: IacBenchOptions = {}): Promise<IacBenchResult> {
  const lines = opts.lines ?? 5000;
  const runs = opts.runs ?? 20;
  await loadGrammar('terraform');
  const text = terraformOfLines(lines);
  const path = 'infra/main.tf';

  if (!parseHcl(text)) throw new Error('the hand-written parser declined the generated file');
  const fastParse = sample(runs, () => void parseHcl(text));

  const parse = sample(runs, () => parseWith('terraform', text).delete());

  const tree = parseWith('terraform', text);
  const treeToBlocks = sample(runs, () => void hclFileOf(tree, text));
  tree.delete();

  // The model from cached per-file syntax (what derive() recomputes).
  let ws: Workspace = createWorkspace('/bench');
  const prime = (): void => {
    ws = createWorkspace('/bench');
    ws.setFile(path, text);
    hclOf(ws, ws.getFile(path)!);
  };
  let resources = 0;
  const model = sample(
    runs,
    () => {
      resources = buildModel(buildTerraform(ws)).resources.length;
    },
    prime,
  );

  // Each rule alone on a warm model.
  const rules: Record<string, Stat> = {};
  const warm = createWorkspace('/bench');
  const first = await warm.lint(path, text);
  const findings = first.findings.length;
  for (const rule of allRules) {
    if (!rule.meta.languages.includes('terraform')) continue;
    const only = new Set([rule.meta.id]);
    rules[rule.meta.id] = sample(runs, () => void warm.lintPrepared(path, { ruleIds: only }));
  }
  const rulesTotal = Object.values(rules).reduce((a, s) => a + s.min, 0);

  // A first lint in a fresh workspace (the grammar is loaded once per process).
  let fresh = createWorkspace('/bench');
  const lint = await sampleAsync(
    runs,
    () => fresh.lint(path, text),
    () => {
      fresh = createWorkspace('/bench');
    },
  );

  // Re-lint after a one-character edit.
  let k = 0;
  const relint = await sampleAsync(runs, () => warm.lint(path, oneCharEdit(text, ++k)));

  // One file of a five-file module edited: the others are unchanged.
  const mod = createWorkspace('/bench');
  const parts: string[] = [];
  for (let i = 0; i < 5; i++) parts.push(terraformOfLines(Math.round(lines / 5), i + 1, i * 1000));
  parts.forEach((p, i) => mod.setFile(`infra/part${i}.tf`, p));
  for (let i = 0; i < parts.length; i++) await mod.lint(`infra/part${i}.tf`, parts[i]!);
  const findingsDigest = await findingsDigestOf(text, parts);
  const wasFast = setFastHclParse(false);
  const findingsDigestTreeSitter = await findingsDigestOf(text, parts).finally(() =>
    setFastHclParse(wasFast),
  );
  const relintModuleFile = await sampleAsync(runs, () =>
    mod.lint('infra/part0.tf', oneCharEdit(parts[0]!, ++k)),
  );

  return {
    lines: text.split('\n').length - 1,
    chars: text.length,
    resources,
    findings,
    findingsDigest,
    findingsDigestTreeSitter,
    runs,
    fastParse,
    parse,
    treeToBlocks,
    model,
    rules,
    rulesTotal,
    lint,
    relint,
    relintModuleFile,
  };
}

/**
 * SHA-256 (16 hex digits) of the findings, fixes and suggestions included, of a first lint of `text` and of
 * each of the module files `parts`, each in a fresh workspace.
 */
async function findingsDigestOf(text: string, parts: readonly string[]): Promise<string> {
  const digest = createHash('sha256');
  digest.update(JSON.stringify((await createWorkspace('/bench').lint('infra/main.tf', text)).findings));
  const mod = createWorkspace('/bench');
  parts.forEach((p, i) => mod.setFile(`infra/part${i}.tf`, p));
  for (let i = 0; i < parts.length; i++) {
    digest.update(JSON.stringify((await mod.lint(`infra/part${i}.tf`, parts[i]!)).findings));
  }
  return digest.digest('hex').slice(0, 16);
}

/** .tf and .tfvars files under `dir`. */
function terraformFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = nodePath.join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== '.git' && e.name !== '.terraform' && e.name !== 'node_modules') terraformFiles(p, out);
    } else if (e.name.endsWith('.tf') || e.name.endsWith('.tfvars')) out.push(p);
  }
  return out;
}

/** The hand-written parser against the tree-sitter conversion on every Terraform file under `dirs`. */
async function checkDirs(dirs: string[], listDeclined: boolean): Promise<number> {
  await loadGrammar('terraform');
  let files = 0;
  let clean = 0;
  let accepted = 0;
  let differences = 0;
  let acceptedBroken = 0;
  for (const file of dirs.flatMap((d) => terraformFiles(d))) {
    files++;
    const text = fs.readFileSync(file, 'utf8');
    const tree = parseWith('terraform', text);
    const ref = hclFileOf(tree, text, { shortcuts: false });
    tree.delete();
    if (!ref.hasErrors) clean++;
    const fast = parseHcl(text);
    if (!fast) {
      if (listDeclined && !ref.hasErrors) {
        const at = declinedAt();
        const line = text.slice(0, at).split('\n').length;
        console.log(`declined ${file}:${line}: ${JSON.stringify(text.slice(at, at + 40))}`);
      }
      continue;
    }
    accepted++;
    if (ref.hasErrors) {
      acceptedBroken++;
      console.log(`ACCEPTED, BUT TREE-SITTER FINDS ERRORS: ${file}`);
      continue;
    }
    try {
      assert.deepStrictEqual(fast, ref);
    } catch (e) {
      differences++;
      console.log(`DIFFERENT: ${file}\n${(e as Error).message.slice(0, 2000)}`);
    }
  }
  const pct = clean ? ((100 * accepted) / clean).toFixed(1) : '-';
  console.log(
    `${files} files, ${clean} without syntax errors for tree-sitter; hand-written parser accepted ${accepted} ` +
      `(${pct}%), ${differences} different from tree-sitter, ${acceptedBroken} accepted with errors`,
  );
  return differences + acceptedBroken;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const arg = (name: string): string | undefined => argValue(argv, name);
  const dirs = argv.flatMap((a, i) => (argv[i - 1] === '--dir' ? [a] : []));
  if (dirs.length > 0) {
    if ((await checkDirs(dirs, argv.includes('--declined'))) > 0) process.exitCode = 1;
    return;
  }
  if (ranAsShipped('bench/iac.ts', argv)) return;
  const r = await runIacBench({
    lines: Number(arg('--lines') ?? 5000),
    runs: Number(arg('--runs') ?? 20),
  });
  if (argv.includes('--json')) {
    console.log(JSON.stringify(r, null, 2));
    return;
  }
  console.log(
    `Terraform: ${r.lines} lines, ${r.chars} chars, ${r.resources} resources, ${r.findings} findings; ` +
      `CPU ms over ${r.runs} warm runs`,
  );
  console.log(
    `findings digest ${r.findingsDigest} (every file through tree-sitter: ${r.findingsDigestTreeSitter})`,
  );
  console.log(`${'stage'.padEnd(40)}     min  median`);
  const row = (name: string, s: Stat): void => console.log(`${name.padEnd(40)} ${fmt(s)}`);
  row('fast parse (hcl-parse.ts)', r.fastParse);
  row('parse (tree-sitter, files it declines)', r.parse);
  row('tree -> blocks', r.treeToBlocks);
  row('model (from cached blocks)', r.model);
  for (const [id, s] of Object.entries(r.rules)) row(`  rule ${id}`, s);
  console.log(`${'  rules, sum of minimums'.padEnd(40)} ${r.rulesTotal.toFixed(1).padStart(7)}`);
  row('lint, first (fresh workspace)', r.lint);
  row('re-lint after a 1-char edit', r.relint);
  row('re-lint 1 of 5 module files after edit', r.relintModuleFile);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
