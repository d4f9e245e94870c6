import { apigwThrottling } from '../../../../src/core/rules/apigw/throttling';
import { ruleTester } from '../../rule-tester';

ruleTester(apigwThrottling, {
  valid: [
    {
      name: "the guide's method settings",
      filename: 'api.tf',
      code: `resource "aws_api_gateway_method_settings" "all" {
  # ... existing configuration ...

  throttling_burst_limit = 5000
  throttling_rate_limit  = 2000
}
`,
    },
    {
      name: 'a stage with */* throttling by reference',
      filename: 'api.tf',
      code: 'resource "aws_api_gateway_stage" "prod" {\n  stage_name = "prod"\n}\nresource "aws_api_gateway_method_settings" "all" {\n  stage_name  = aws_api_gateway_stage.prod.stage_name\n  method_path = "*/*"\n  settings {\n    throttling_burst_limit = 5000\n    throttling_rate_limit  = 2000\n  }\n}\n',
    },
    {
      name: 'method settings for an unknown stage name keep the stage silent',
      filename: 'api.tf',
      code: 'variable "stage" {}\nresource "aws_api_gateway_stage" "prod" {\n  stage_name = "prod"\n}\nresource "aws_api_gateway_method_settings" "all" {\n  stage_name  = var.stage\n  method_path = "*/*"\n}\n',
    },
    {
      name: 'HTTP API stage with default route throttling',
      filename: 'api.tf',
      code: 'resource "aws_apigatewayv2_stage" "default" {\n  default_route_settings {\n    throttling_burst_limit = 5000\n    throttling_rate_limit  = 2000\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: 'a REST stage without method settings',
      filename: 'api.tf',
      code: 'resource "aws_api_gateway_stage" "prod" {\n  stage_name = "prod"\n}\n',
      errors: [
        {
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 40,
          message: 'no aws_api_gateway_method_settings for "*/*"',
        },
      ],
      output: null,
    },
    {
      name: 'limits below the targets are raised',
      filename: 'api.tf',
      code: 'resource "aws_api_gateway_method_settings" "all" {\n  method_path = "*/*"\n  settings {\n    throttling_burst_limit = 100\n    throttling_rate_limit  = 2000\n  }\n}\n',
      errors: [
        {
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 33,
          message: 'throttling_burst_limit is 100, target 5000',
        },
      ],
      output:
        'resource "aws_api_gateway_method_settings" "all" {\n  method_path = "*/*"\n  settings {\n    throttling_burst_limit = 5000\n    throttling_rate_limit  = 2000\n  }\n}\n',
    },
    {
      name: 'HTTP API stage without default_route_settings',
      filename: 'api.tf',
      code: 'resource "aws_apigatewayv2_stage" "default" {\n  name = "$default"\n}\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 44, message: 'no default_route_settings' }],
      output: null,
    },
  ],
});
