import { cloudfrontCompress } from '../../../../src/core/rules/cloudfront/compress';
import { ruleTester } from '../../rule-tester';

ruleTester(cloudfrontCompress, {
  valid: [
    {
      name: "the guide's distribution",
      filename: 'cdn.tf',
      code: `resource "aws_cloudfront_distribution" "frontend" {
  enabled = true

  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD", "OPTIONS"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "S3-\${var.project_name}-frontend"
    viewer_protocol_policy = "redirect-to-https"

    min_ttl     = 0
    default_ttl = 3600
    max_ttl     = 86400

    compress = true
  }
}
`,
    },
    {
      name: 'a dynamic behaviour is not judged',
      filename: 'cdn.tf',
      code: 'resource "aws_cloudfront_distribution" "d" {\n  dynamic "ordered_cache_behavior" {\n    for_each = var.b\n    content {\n      path_pattern = ordered_cache_behavior.value\n    }\n  }\n}\n',
    },
  ],
  invalid: [
    {
      filename: 'cdn.tf',
      code: 'resource "aws_cloudfront_distribution" "d" {\n  default_cache_behavior {\n    target_origin_id       = "s3"\n    viewer_protocol_policy = "redirect-to-https"\n  }\n\n  ordered_cache_behavior {\n    path_pattern = "/api/*"\n    compress     = false\n  }\n}\n',
      errors: [
        {
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 25,
          message: 'compress is not set in default_cache_behavior',
        },
        { line: 9, column: 5, endLine: 9, endColumn: 25, message: 'compress is false' },
      ],
      output:
        'resource "aws_cloudfront_distribution" "d" {\n  default_cache_behavior {\n    target_origin_id       = "s3"\n    viewer_protocol_policy = "redirect-to-https"\n    compress               = true\n  }\n\n  ordered_cache_behavior {\n    path_pattern = "/api/*"\n    compress     = true\n  }\n}\n',
    },
  ],
});
