import { apigwCacheDisabled } from '../../../../src/core/rules/apigw/cache-disabled';
import { ruleTester } from '../../rule-tester';

ruleTester(apigwCacheDisabled, {
  valid: [
    {
      name: "the guide's stage with caching",
      filename: 'api.tf',
      code: `resource "aws_api_gateway_stage" "prod" {
  # ... existing configuration ...

  cache_cluster_enabled = true
  cache_cluster_size    = "0.5"  # Start with 0.5GB, scale up if needed

  # Cache settings per method
  settings {
    caching_enabled      = true
    cache_ttl_in_seconds = 300  # 5 minutes
    cache_data_encrypted = true
  }
}
`,
    },
    {
      name: 'unknown from a variable without default',
      filename: 'api.tf',
      code: 'variable "cache" {}\nresource "aws_api_gateway_stage" "prod" {\n  cache_cluster_enabled = var.cache\n}\n',
    },
  ],
  invalid: [
    {
      name: 'no cache: both attributes are added, aligned',
      filename: 'api.tf',
      code: 'resource "aws_api_gateway_stage" "prod" {\n  stage_name    = "prod"\n  deployment_id = aws_api_gateway_deployment.d.id\n}\n',
      errors: [
        { line: 1, column: 1, endLine: 1, endColumn: 40, message: 'cache_cluster_enabled is not set' },
      ],
      output:
        'resource "aws_api_gateway_stage" "prod" {\n  stage_name            = "prod"\n  deployment_id         = aws_api_gateway_deployment.d.id\n  cache_cluster_enabled = true\n  cache_cluster_size    = "0.5"\n}\n',
    },
    {
      name: 'explicitly false, size already set',
      filename: 'api.tf',
      code: 'resource "aws_api_gateway_stage" "prod" {\n  cache_cluster_enabled = false\n  cache_cluster_size    = "1.6"\n}\n',
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 32, message: 'cache_cluster_enabled is false' }],
      output:
        'resource "aws_api_gateway_stage" "prod" {\n  cache_cluster_enabled = true\n  cache_cluster_size    = "1.6"\n}\n',
    },
    {
      name: 'false from tfvars: reported, no fix',
      filename: 'api.tf',
      code: 'variable "cache" {\n  default = true\n}\nresource "aws_api_gateway_stage" "prod" {\n  cache_cluster_enabled = var.cache\n}\n',
      files: { 'terraform.tfvars': 'cache = false\n' },
      errors: [{ line: 5, column: 3, endLine: 5, endColumn: 36, message: 'set in terraform.tfvars' }],
      output: null,
    },
  ],
});
