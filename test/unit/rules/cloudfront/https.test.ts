import { cloudfrontHttps } from '../../../../src/core/rules/cloudfront/https';
import { ruleTester } from '../../rule-tester';

ruleTester(cloudfrontHttps, {
  valid: [
    {
      filename: 'cdn.tf',
      code: 'resource "aws_cloudfront_distribution" "d" {\n  default_cache_behavior {\n    viewer_protocol_policy = "redirect-to-https"\n  }\n}\n',
    },
  ],
  invalid: [
    {
      filename: 'cdn.tf',
      code: 'resource "aws_cloudfront_distribution" "d" {\n  default_cache_behavior {\n    viewer_protocol_policy = "allow-all"\n  }\n}\n',
      errors: [
        {
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 41,
          message: '"allow-all"',
          suggestions: [
            {
              title: 'Redirect HTTP to HTTPS',
              output:
                'resource "aws_cloudfront_distribution" "d" {\n  default_cache_behavior {\n    viewer_protocol_policy = "redirect-to-https"\n  }\n}\n',
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
