import { lambdaReservedConcurrency } from '../../../../src/core/rules/lambda/reserved-concurrency';
import { ruleTester } from '../../rule-tester';

ruleTester(lambdaReservedConcurrency, {
  valid: [
    {
      name: "the guide's market_intelligence function",
      filename: 'lambda.tf',
      code: 'resource "aws_lambda_function" "market_intelligence" {\n  memory_size = 4096\n  timeout     = 300\n\n  reserved_concurrent_executions = 10\n}\n',
    },
    {
      name: 'neither API-facing nor hot',
      filename: 'lambda.tf',
      code: 'resource "aws_lambda_function" "nightly_export" {\n  timeout = 60\n}\n',
    },
  ],
  invalid: [
    {
      name: 'a hot function by name',
      filename: 'lambda.tf',
      code: 'resource "aws_lambda_function" "auth" {\n  memory_size = 512\n}\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 38, message: 'one of the hot functions' }],
      output: null,
    },
    {
      name: 'an API-facing function with -1',
      filename: 'lambda.tf',
      code: 'resource "aws_lambda_function" "orders" {\n  reserved_concurrent_executions = -1\n}\nresource "aws_api_gateway_integration" "i" {\n  type = "AWS_PROXY"\n  uri  = aws_lambda_function.orders.invoke_arn\n}\n',
      errors: [
        { line: 2, column: 3, endLine: 2, endColumn: 38, message: 'an API Gateway integration invokes it' },
      ],
      output: null,
    },
  ],
});
