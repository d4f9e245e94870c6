import { apigwCompression } from '../../../../src/core/rules/apigw/compression';
import { ruleTester } from '../../rule-tester';

ruleTester(apigwCompression, {
  valid: [
    {
      filename: 'api.tf',
      code: 'resource "aws_api_gateway_rest_api" "api" {\n  minimum_compression_size = 1024\n}\n',
    },
    {
      filename: 'api.tf',
      code: 'resource "aws_api_gateway_rest_api" "api" {\n  minimum_compression_size = "0"\n}\n',
    },
    {
      name: 'unknown module-less variable',
      filename: 'api.tf',
      code: 'variable "min" {}\nresource "aws_api_gateway_rest_api" "api" {\n  minimum_compression_size = var.min\n}\n',
    },
  ],
  invalid: [
    {
      filename: 'api.tf',
      code: 'resource "aws_api_gateway_rest_api" "api" {\n  name = "shop-api"\n}\n',
      errors: [
        { line: 1, column: 1, endLine: 1, endColumn: 42, message: 'minimum_compression_size is not set' },
      ],
      output:
        'resource "aws_api_gateway_rest_api" "api" {\n  name                     = "shop-api"\n  minimum_compression_size = 1024\n}\n',
    },
    {
      filename: 'api.tf',
      code: 'resource "aws_api_gateway_rest_api" "api" {\n  minimum_compression_size = 10240\n}\n',
      errors: [
        { line: 2, column: 3, endLine: 2, endColumn: 35, message: 'minimum_compression_size is 10240 bytes' },
      ],
      output: 'resource "aws_api_gateway_rest_api" "api" {\n  minimum_compression_size = 1024\n}\n',
    },
    {
      name: 'disabled with -1',
      filename: 'api.tf',
      code: 'resource "aws_api_gateway_rest_api" "api" {\n  minimum_compression_size = -1\n}\n',
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 32, message: 'compression is disabled' }],
      output: 'resource "aws_api_gateway_rest_api" "api" {\n  minimum_compression_size = 1024\n}\n',
    },
  ],
});
