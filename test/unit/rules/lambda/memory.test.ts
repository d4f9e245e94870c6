import { lambdaMemory } from '../../../../src/core/rules/lambda/memory';
import { ruleTester } from '../../rule-tester';

ruleTester(lambdaMemory, {
  valid: [
    {
      name: "the guide's optimized market_intelligence function (4096 MB, target 3072 MB)",
      filename: 'infra/lambda.tf',
      code: `# Increase memory for CPU-bound operations
resource "aws_lambda_function" "market_intelligence" {
  memory_size = 4096  # Increase from 3072 MB
  timeout     = 300   # 5 minutes

  # Enable provisioned concurrency for predictable performance
  reserved_concurrent_executions = 10
}
`,
    },
    {
      name: 'at the default target',
      filename: 'main.tf',
      code: 'resource "aws_lambda_function" "orders" {\n  memory_size = 512\n}\n',
    },
    {
      name: 'unknown value from a variable without default stays silent',
      filename: 'main.tf',
      code: 'variable "mem" {}\nresource "aws_lambda_function" "orders" {\n  memory_size = var.mem\n}\n',
    },
    {
      name: 'value from another resource is unknown',
      filename: 'main.tf',
      code: 'resource "aws_lambda_function" "orders" {\n  memory_size = aws_lambda_function.other.memory_size\n}\n',
    },
    {
      name: 'tfvars overrides a low default',
      filename: 'main.tf',
      code: 'variable "mem" {\n  default = 128\n}\nresource "aws_lambda_function" "orders" {\n  memory_size = var.mem\n}\n',
      files: { 'terraform.tfvars': 'mem = 1024\n' },
    },
    {
      name: 'a conditional whose condition is unknown stays silent',
      filename: 'main.tf',
      code: 'variable "big" {}\nresource "aws_lambda_function" "orders" {\n  memory_size = var.big ? 1024 : 256\n}\n',
    },
    {
      name: 'a data source is not judged',
      filename: 'main.tf',
      code: 'data "aws_lambda_function" "orders" {\n  function_name = "orders"\n}\n',
    },
    {
      name: 'count known to be 0 creates nothing',
      filename: 'main.tf',
      code: 'resource "aws_lambda_function" "orders" {\n  count       = 0\n  memory_size = 128\n}\n',
    },
    {
      name: 'a module input is judged at the call site, not in the module',
      filename: 'modules/fn/main.tf',
      code: 'variable "memory" {\n  default = 128\n}\nresource "aws_lambda_function" "this" {\n  memory_size = var.memory\n}\n',
      files: { 'main.tf': 'module "fn" {\n  source = "./modules/fn"\n  memory = 1024\n}\n' },
    },
  ],
  invalid: [
    {
      name: 'memory_size unset: 128 MB',
      filename: 'main.tf',
      code: `resource "aws_lambda_function" "orders" {
  function_name = "orders"
  handler       = "app.handler"
  runtime       = "python3.12"
}
`,
      errors: [
        {
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 40,
          message: 'memory_size is not set (128 MB), target 512 MB',
        },
      ],
      output: `resource "aws_lambda_function" "orders" {
  function_name = "orders"
  handler       = "app.handler"
  runtime       = "python3.12"
  memory_size   = 512
}
`,
    },
    {
      name: 'below the per-function target of the guide (Analytics 1024 MB)',
      filename: 'main.tf',
      code: 'resource "aws_lambda_function" "analytics" {\n  memory_size = 512 # tuned\n  timeout     = 30\n}\n',
      errors: [
        { line: 2, column: 3, endLine: 2, endColumn: 20, message: 'memory_size is 512 MB, target 1024 MB' },
      ],
      output:
        'resource "aws_lambda_function" "analytics" {\n  memory_size = 1024 # tuned\n  timeout     = 30\n}\n',
    },
    {
      name: 'function_name picks the target: market-intelligence needs 3072 MB',
      filename: 'main.tf',
      code: 'resource "aws_lambda_function" "mi" {\n  function_name = "shop-market-intelligence"\n  memory_size   = 1024\n}\n',
      errors: [{ line: 3, column: 3, endLine: 3, endColumn: 23, message: 'target 3072 MB' }],
      output:
        'resource "aws_lambda_function" "mi" {\n  function_name = "shop-market-intelligence"\n  memory_size   = 3072\n}\n',
    },
    {
      name: 'a configured per-function target',
      filename: 'main.tf',
      config: { targets: { lambda: { memoryByFunction: [{ pattern: '^report', memoryMb: 2048 }] } } },
      code: 'resource "aws_lambda_function" "report_builder" {\n  memory_size = 1024\n}\n',
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 21, message: 'target 2048 MB' }],
      output: 'resource "aws_lambda_function" "report_builder" {\n  memory_size = 2048\n}\n',
    },
    {
      name: 'a value from a variable default is reported without a fix',
      filename: 'main.tf',
      code: 'variable "mem" {\n  default = 256\n}\n\nresource "aws_lambda_function" "orders" {\n  memory_size = var.mem\n}\n',
      errors: [
        {
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 24,
          message: 'memory_size is 256 MB (default of variable "mem" in main.tf)',
        },
      ],
      output: null,
    },
    {
      name: 'a value from a local through arithmetic',
      filename: 'main.tf',
      code: 'locals {\n  base = 128\n}\nresource "aws_lambda_function" "orders" {\n  memory_size = local.base * 2\n}\n',
      errors: [
        { line: 5, column: 3, endLine: 5, endColumn: 31, message: 'memory_size is 256 MB (local "base")' },
      ],
      output: null,
    },
    {
      name: 'a module judged at its call site: the input is reported and fixed in the caller',
      filename: 'main.tf',
      code: 'module "orders" {\n  source = "./modules/fn"\n  memory = 256\n}\n',
      files: {
        'modules/fn/main.tf':
          'variable "memory" {\n  default = 1024\n}\nresource "aws_lambda_function" "this" {\n  memory_size = var.memory\n}\n',
      },
      errors: [
        {
          line: 3,
          column: 12,
          endLine: 3,
          endColumn: 15,
          message: 'memory_size is 256 MB (input "memory" of module "orders")',
        },
      ],
      output: 'module "orders" {\n  source = "./modules/fn"\n  memory = 512\n}\n',
    },
    {
      name: 'a module resource without memory_size is reported once in the module for two call sites',
      filename: 'modules/fn/main.tf',
      code: 'resource "aws_lambda_function" "this" {\n  handler = "index.handler"\n}\n',
      files: {
        'main.tf': 'module "a" {\n  source = "./modules/fn"\n}\nmodule "b" {\n  source = "./modules/fn"\n}\n',
      },
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 38 }],
      output:
        'resource "aws_lambda_function" "this" {\n  handler     = "index.handler"\n  memory_size = 512\n}\n',
    },
    {
      name: 'an empty one-line block is opened up',
      filename: 'main.tf',
      code: 'resource "aws_lambda_function" "x" {}\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 35 }],
      output: 'resource "aws_lambda_function" "x" {\n  memory_size = 512\n}\n',
    },
    {
      name: 'a block that does not align keeps single spaces',
      filename: 'main.tf',
      code: 'resource "aws_lambda_function" "x" {\n\thandler = "a.b"\n\truntime_x = "python3.12"\n}\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 35 }],
      output:
        'resource "aws_lambda_function" "x" {\n\thandler = "a.b"\n\truntime_x = "python3.12"\n\tmemory_size = 512\n}\n',
    },
  ],
});
