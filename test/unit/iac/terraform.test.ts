import * as assert from 'assert';
import { Workspace } from '../../../src/core/engine/workspace';
import { iacModel, toPlain, type Resource } from '../../../src/core/iac';
import { terraformWriter } from '../../../src/core/iac/terraform-writer';
import { applyEdits } from '../../../src/core/engine/fix';

async function model(files: Record<string, string>) {
  const ws = new Workspace('/ws', []);
  for (const [p, t] of Object.entries(files)) ws.setFile(p, t);
  await ws.prepare('terraform');
  return { ws, m: iacModel(ws) };
}

function value(r: Resource | undefined, name: string): unknown {
  const a = r?.attributes.get(name);
  return a ? toPlain(a.value) : 'absent';
}

describe('iac: Terraform front end', () => {
  it('reads resources, nested blocks, spans and references', async () => {
    const text =
      'resource "aws_lambda_function" "api" {\n  memory_size = 512\n  environment {\n    variables = { A = "x" }\n  }\n}\n' +
      'resource "aws_api_gateway_integration" "i" {\n  uri = aws_lambda_function.api.invoke_arn\n}\n';
    const { m } = await model({ 'main.tf': text });
    const fn = m.byAddress('aws_lambda_function.api')!;
    assert.strictEqual(fn.format, 'terraform');
    assert.strictEqual(fn.file, 'main.tf');
    assert.strictEqual(
      text.slice(fn.headerSpan.startOffset, fn.headerSpan.endOffset),
      'resource "aws_lambda_function" "api"',
    );
    const mem = fn.attributes.get('memory_size')!;
    assert.strictEqual(text.slice(mem.span.startOffset, mem.span.endOffset), 'memory_size = 512');
    assert.strictEqual(text.slice(mem.valueSpan.startOffset, mem.valueSpan.endOffset), '512');
    assert.deepStrictEqual(mem.provenance, { kind: 'literal' });
    assert.deepStrictEqual(toPlain(fn.blocks[0]!.attributes.get('variables')!.value), { A: 'x' });
    const integ = m.byAddress('aws_api_gateway_integration.i')!;
    assert.deepStrictEqual(integ.attributes.get('uri')!.refs, [
      {
        type: 'aws_lambda_function',
        name: 'api',
        attribute: 'invoke_arn',
        address: 'aws_lambda_function.api',
      },
    ]);
    assert.deepStrictEqual(
      m.referrers(fn).map((r) => r.address),
      ['aws_api_gateway_integration.i'],
    );
  });

  it('resolves variables from defaults, terraform.tfvars and *.auto.tfvars (later wins), locals and templates', async () => {
    const { m } = await model({
      'infra/variables.tf':
        'variable "a" {\n  default = 1\n}\nvariable "b" {\n  default = 2\n}\nvariable "c" {}\nvariable "p" {\n  default = "shop"\n}\n',
      'infra/terraform.tfvars': 'b = 20\nc = 30\n',
      'infra/z.auto.tfvars': 'c = 300\n',
      'infra/main.tf':
        'locals {\n  name = "${var.p}-api"\n  mem  = var.a * 256\n}\nresource "aws_lambda_function" "f" {\n  a = var.a\n  b = var.b\n  c = var.c\n  function_name = local.name\n  memory_size = local.mem + 0\n  m = { k = 1 }["k"]\n  j = jsonencode({ X = var.b })\n  t = upper("x")\n  n = max(1, var.b, 3)\n}\n',
    });
    const f = m.byAddress('aws_lambda_function.f')!;
    assert.strictEqual(value(f, 'a'), 1);
    assert.strictEqual(f.attributes.get('a')!.provenance.kind, 'variable-default');
    assert.strictEqual(value(f, 'b'), 20);
    assert.strictEqual(f.attributes.get('b')!.provenance.kind, 'tfvars');
    assert.strictEqual(value(f, 'c'), 300);
    assert.strictEqual(value(f, 'function_name'), 'shop-api');
    assert.strictEqual(value(f, 'memory_size'), 256);
    assert.strictEqual(value(f, 'm'), 1);
    assert.strictEqual(value(f, 'j'), '{"X":20}');
    assert.strictEqual(value(f, 't'), 'X');
    assert.strictEqual(value(f, 'n'), 20);
  });

  it('keeps what Terraform would not know unknown', async () => {
    const { m } = await model({
      'main.tf':
        'variable "x" {}\ndata "aws_region" "r" {}\nresource "aws_lambda_function" "f" {\n  a = var.x\n  b = data.aws_region.r.name\n  c = var.x ? 1 : 2\n  d = timestamp()\n  e = [for s in ["a"] : upper(s)]\n  f = var.nope\n  g = each.value\n  h = "${var.x}-fn"\n  i = aws_s3_bucket.b.arn\n}\n',
    });
    const f = m.byAddress('aws_lambda_function.f')!;
    for (const n of ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']) {
      assert.strictEqual(f.attributes.get(n)!.value.kind, 'unknown', n);
      assert.strictEqual(f.attributes.get(n)!.provenance.kind, 'unknown', n);
    }
    assert.strictEqual(f.attributes.get('b')!.refs[0]!.address, 'data.aws_region.r');
  });

  it('instantiates a local module at each call site with its inputs, and follows module outputs', async () => {
    const { m } = await model({
      'main.tf':
        'module "small" {\n  source = "./modules/fn"\n  memory = 128\n}\nmodule "big" {\n  source = "./modules/fn"\n}\nmodule "off" {\n  source = "./modules/fn"\n  count  = 0\n}\n' +
        'resource "aws_api_gateway_integration" "i" {\n  uri = module.small.invoke_arn\n}\n',
      'modules/fn/main.tf':
        'variable "memory" {\n  default = 2048\n}\nresource "aws_lambda_function" "this" {\n  memory_size = var.memory\n}\noutput "invoke_arn" {\n  value = aws_lambda_function.this.invoke_arn\n}\n',
      'registry.tf': 'module "remote" {\n  source = "terraform-aws-modules/lambda/aws"\n}\n',
    });
    const fns = m.ofType('aws_lambda_function');
    assert.deepStrictEqual(
      fns.map((f) => [f.address, value(f, 'memory_size'), f.attributes.get('memory_size')!.provenance.kind]),
      [
        ['module.small.aws_lambda_function.this', 128, 'module-input'],
        ['module.big.aws_lambda_function.this', 2048, 'variable-default'],
      ],
    );
    const small = fns[0]!;
    assert.deepStrictEqual(small.modulePath, ['small']);
    assert.strictEqual(small.file, 'modules/fn/main.tf');
    const prov = small.attributes.get('memory_size')!.provenance;
    assert.ok(prov.kind === 'module-input' && prov.span.file === 'main.tf');
    assert.deepStrictEqual(
      m.referrers(small).map((r) => r.address),
      ['aws_api_gateway_integration.i'],
    );
  });

  it('a module folder nobody calls is a root module', async () => {
    const { m } = await model({
      'modules/fn/main.tf':
        'variable "memory" {\n  default = 256\n}\nresource "aws_lambda_function" "this" {\n  memory_size = var.memory\n}\n',
    });
    assert.strictEqual(value(m.byAddress('aws_lambda_function.this'), 'memory_size'), 256);
  });

  it('dynamic blocks are blocks with unknown iterator values', async () => {
    const { m } = await model({
      'main.tf':
        'resource "aws_cloudfront_distribution" "d" {\n  dynamic "ordered_cache_behavior" {\n    for_each = var.behaviours\n    content {\n      compress = ordered_cache_behavior.value.compress\n      viewer_protocol_policy = "allow-all"\n    }\n  }\n}\n',
    });
    const d = m.byAddress('aws_cloudfront_distribution.d')!;
    const b = d.blocks[0]!;
    assert.strictEqual(b.type, 'ordered_cache_behavior');
    assert.strictEqual(b.dynamic, true);
    assert.strictEqual(b.attributes.get('compress')!.value.kind, 'unknown');
    assert.strictEqual(value(b as Resource, 'viewer_protocol_policy'), 'allow-all');
  });

  describe('half-typed files', () => {
    const good =
      'resource "aws_lambda_function" "a" {\n  memory_size = 128\n}\n\nresource "aws_appautoscaling_target" "t" {\n  resource_id = "table/x"\n}\n';

    it('an unfinished attribute that pulls the next block inside: the next block is lifted back out', async () => {
      const { ws } = await model({ 'main.tf': good });
      ws.setFile(
        'main.tf',
        'resource "aws_lambda_function" "a" {\n  memory_size = \n}\n\nresource "aws_appautoscaling_target" "t" {\n  resource_id = "table/x"\n}\n',
      );
      const m = iacModel(ws);
      const a = m.byAddress('aws_lambda_function.a')!;
      assert.strictEqual(a.incomplete, true);
      const t = m.byAddress('aws_appautoscaling_target.t')!;
      assert.strictEqual(t.incomplete, undefined);
      assert.strictEqual(value(t, 'resource_id'), 'table/x');
    });

    it('a block swallowed by an unclosed object is kept from the last good parse, marked incomplete', async () => {
      const { ws } = await model({ 'main.tf': good });
      ws.setFile(
        'main.tf',
        'resource "aws_lambda_function" "a" {\n  memory_size = 128\n  tags = {\n\nresource "aws_appautoscaling_target" "t" {\n  resource_id = "table/x"\n}\n',
      );
      const m = iacModel(ws);
      assert.deepStrictEqual(
        m.resources.map((r) => [r.address, r.incomplete]),
        [
          ['aws_lambda_function.a', true],
          ['aws_appautoscaling_target.t', true],
        ],
      );
    });
  });
});

describe('iac: Terraform writer', () => {
  async function insert(text: string, path: string[], values: [string, string | number | boolean][]) {
    const ws = new Workspace('/ws', []);
    ws.setFile('main.tf', text);
    await ws.prepare('terraform');
    const r = iacModel(ws).resources[0]!;
    const edits = terraformWriter.setAttributes(ws.getFile('main.tf')!, r, path, values);
    return edits ? applyEdits(text, edits) : undefined;
  }

  it('re-aligns the run it joins when the new name is longer, as terraform fmt does', async () => {
    assert.strictEqual(
      await insert('resource "a" "b" {\n  name = "x"\n  arn  = "y"\n}\n', [], [['retention_in_days', 30]]),
      'resource "a" "b" {\n  name              = "x"\n  arn               = "y"\n  retention_in_days = 30\n}\n',
    );
  });

  it('adds nested blocks after the attributes, separated by a blank line', async () => {
    assert.strictEqual(
      await insert(
        'resource "a" "b" {\n  name = "x"\n}\n',
        ['configuration'],
        [['bytes_scanned_cutoff_per_query', 1073741824]],
      ),
      'resource "a" "b" {\n  name = "x"\n\n  configuration {\n    bytes_scanned_cutoff_per_query = 1073741824\n  }\n}\n',
    );
  });

  it('replaces existing literal values and inserts the rest in one fix', async () => {
    assert.strictEqual(
      await insert(
        'resource "a" "b" {\n  cache_cluster_enabled = false\n}\n',
        [],
        [
          ['cache_cluster_enabled', true],
          ['cache_cluster_size', '0.5'],
        ],
      ),
      'resource "a" "b" {\n  cache_cluster_enabled = true\n  cache_cluster_size    = "0.5"\n}\n',
    );
  });

  it('keeps CRLF line endings and tab indentation', async () => {
    assert.strictEqual(
      await insert('resource "a" "b" {\r\n\tname = "x"\r\n}\r\n', [], [['multi_az', true]]),
      'resource "a" "b" {\r\n\tname     = "x"\r\n\tmulti_az = true\r\n}\r\n',
    );
  });

  it('does not write into a dynamic block', async () => {
    assert.strictEqual(
      await insert(
        'resource "a" "b" {\n  dynamic "configuration" {\n    for_each = []\n    content {}\n  }\n}\n',
        ['configuration'],
        [['x', 1]],
      ),
      undefined,
    );
  });
});
