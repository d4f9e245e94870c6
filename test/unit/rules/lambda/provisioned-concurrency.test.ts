import { lambdaProvisionedConcurrency } from '../../../../src/core/rules/lambda/provisioned-concurrency';
import { ruleTester } from '../../rule-tester';

ruleTester(lambdaProvisionedConcurrency, {
  valid: [
    {
      name: "the guide's provisioned concurrency config",
      filename: 'lambda.tf',
      code: `resource "aws_lambda_function" "market_intelligence" {
  memory_size = 4096
}

resource "aws_lambda_provisioned_concurrency_config" "market_intelligence" {
  function_name                     = aws_lambda_function.market_intelligence.function_name
  provisioned_concurrent_executions = 5
  qualifier                         = aws_lambda_alias.prod.name
}
`,
    },
    {
      name: 'not a hot function',
      filename: 'lambda.tf',
      code: 'resource "aws_lambda_function" "orders" {}\n',
    },
    {
      name: 'a config naming an unknown function keeps it silent',
      filename: 'lambda.tf',
      code: 'variable "fn" {}\nresource "aws_lambda_function" "analytics" {}\nresource "aws_lambda_provisioned_concurrency_config" "pc" {\n  function_name = var.fn\n}\n',
    },
  ],
  invalid: [
    {
      name: 'a hot function by function_name',
      filename: 'lambda.tf',
      code: 'resource "aws_lambda_function" "svc" {\n  function_name = "shop-analytics"\n}\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 37, message: '"shop-analytics"' }],
      output: null,
    },
  ],
});
