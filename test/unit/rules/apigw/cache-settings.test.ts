import { apigwCacheSettings } from '../../../../src/core/rules/apigw/cache-settings';
import { ruleTester } from '../../rule-tester';

const stage =
  'resource "aws_api_gateway_stage" "prod" {\n  stage_name            = "prod"\n  cache_cluster_enabled = true\n}\n';

ruleTester(apigwCacheSettings, {
  valid: [
    {
      name: "the guide's stage settings",
      filename: 'api.tf',
      code: `resource "aws_api_gateway_stage" "prod" {
  cache_cluster_enabled = true
  cache_cluster_size    = "0.5"

  settings {
    caching_enabled      = true
    cache_ttl_in_seconds = 300  # 5 minutes
    cache_data_encrypted = true
  }
}
`,
    },
    {
      name: 'caching off on a stage without a cache is not judged',
      filename: 'api.tf',
      code: 'resource "aws_api_gateway_method_settings" "all" {\n  stage_name  = "prod"\n  method_path = "*/*"\n  settings {\n    metrics_enabled = true\n  }\n}\n',
    },
    {
      name: 'a POST method of a cached stage',
      filename: 'api.tf',
      files: { 'stage.tf': stage },
      code: 'resource "aws_api_gateway_method_settings" "post" {\n  stage_name  = aws_api_gateway_stage.prod.stage_name\n  method_path = "orders/POST"\n  settings {\n    metrics_enabled = true\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: 'cached stage, */* settings without caching',
      filename: 'api.tf',
      files: { 'stage.tf': stage },
      code: 'resource "aws_api_gateway_method_settings" "all" {\n  stage_name  = aws_api_gateway_stage.prod.stage_name\n  method_path = "*/*"\n\n  settings {\n    metrics_enabled = true\n  }\n}\n',
      errors: [{ line: 5, column: 3, endLine: 5, endColumn: 11, message: 'caching_enabled is not set' }],
      output:
        'resource "aws_api_gateway_method_settings" "all" {\n  stage_name  = aws_api_gateway_stage.prod.stage_name\n  method_path = "*/*"\n\n  settings {\n    metrics_enabled      = true\n    caching_enabled      = true\n    cache_data_encrypted = true\n  }\n}\n',
    },
    {
      name: 'a day-long TTL and unencrypted data',
      filename: 'api.tf',
      code: 'resource "aws_api_gateway_method_settings" "all" {\n  method_path = "*/*"\n  settings {\n    caching_enabled      = true\n    cache_ttl_in_seconds = 86400\n    cache_data_encrypted = false\n  }\n}\n',
      errors: [
        { line: 5, column: 5, endLine: 5, endColumn: 33, message: 'cache_ttl_in_seconds is 86400' },
        { line: 6, column: 5, endLine: 6, endColumn: 33, message: 'cache_data_encrypted is false' },
      ],
      output:
        'resource "aws_api_gateway_method_settings" "all" {\n  method_path = "*/*"\n  settings {\n    caching_enabled      = true\n    cache_ttl_in_seconds = 300\n    cache_data_encrypted = true\n  }\n}\n',
    },
  ],
});
