import { lambdaTimeoutApi } from '../../../../src/core/rules/lambda/timeout-api';
import { ruleTester } from '../../rule-tester';

const integration =
  'resource "aws_api_gateway_integration" "report" {\n  type                    = "AWS_PROXY"\n  integration_http_method = "POST"\n  uri                     = aws_lambda_function.report.invoke_arn\n}\n';

ruleTester(lambdaTimeoutApi, {
  valid: [
    {
      name: "the guide's 300 s function is not behind an API",
      filename: 'lambda.tf',
      code: 'resource "aws_lambda_function" "market_intelligence" {\n  memory_size = 4096\n  timeout     = 300\n}\n',
    },
    {
      name: 'within the limit',
      filename: 'lambda.tf',
      files: { 'api.tf': integration },
      code: 'resource "aws_lambda_function" "report" {\n  timeout = 29\n}\n',
    },
    {
      name: 'an integration that raised its own timeout',
      filename: 'lambda.tf',
      code: 'resource "aws_lambda_function" "report" {\n  timeout = 60\n}\nresource "aws_api_gateway_integration" "report" {\n  type                 = "AWS_PROXY"\n  uri                  = aws_lambda_function.report.invoke_arn\n  timeout_milliseconds = 90000\n}\n',
    },
    {
      name: 'an unknown timeout',
      filename: 'lambda.tf',
      files: { 'api.tf': integration },
      code: 'variable "t" {}\nresource "aws_lambda_function" "report" {\n  timeout = var.t\n}\n',
    },
  ],
  invalid: [
    {
      name: 'a REST proxy integration',
      filename: 'lambda.tf',
      files: { 'api.tf': integration },
      code: 'resource "aws_lambda_function" "report" {\n  function_name = "report"\n  timeout       = 300\n}\n',
      errors: [
        {
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 22,
          message: 'timeout is 300 s but aws_api_gateway_integration.report gives up after 29 s',
          suggestions: [
            {
              title: 'Set timeout to 29 seconds',
              output:
                'resource "aws_lambda_function" "report" {\n  function_name = "report"\n  timeout       = 29\n}\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'an HTTP API integration through a module output',
      filename: 'modules/fn/main.tf',
      files: {
        'main.tf':
          'module "fn" {\n  source = "./modules/fn"\n}\nresource "aws_apigatewayv2_integration" "fn" {\n  integration_type = "AWS_PROXY"\n  integration_uri  = module.fn.invoke_arn\n}\n',
      },
      code: 'resource "aws_lambda_function" "this" {\n  timeout = 60\n}\noutput "invoke_arn" {\n  value = aws_lambda_function.this.invoke_arn\n}\n',
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 15, message: 'gives up after 30 s' }],
      output: null,
    },
  ],
});
