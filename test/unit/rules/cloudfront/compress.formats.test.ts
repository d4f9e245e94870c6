import { cloudfrontCompress } from '../../../../src/core/rules/cloudfront/compress';
import { ruleTester } from '../../rule-tester';

ruleTester(cloudfrontCompress, {
  valid: [
    {
      name: 'CloudFormation: Compress true on every behaviour',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Distribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: redirect-to-https
          Compress: true
        CacheBehaviors:
          - PathPattern: /assets/*
            TargetOriginId: site
            ViewerProtocolPolicy: redirect-to-https
            Compress: true
`,
    },
    {
      name: 'SAM: Compress true on every behaviour',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  Distribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: redirect-to-https
          Compress: true
        CacheBehaviors:
          - PathPattern: /assets/*
            TargetOriginId: site
            ViewerProtocolPolicy: redirect-to-https
            Compress: true
`,
    },
    {
      name: 'serverless.yml: Compress true on every behaviour, under resources.Resources',
      filename: 'serverless.yml',
      code: `service: platform
provider:
  name: aws
resources:
  Resources:
    Distribution:
      Type: AWS::CloudFront::Distribution
      Properties:
        DistributionConfig:
          Enabled: true
          DefaultCacheBehavior:
            TargetOriginId: site
            ViewerProtocolPolicy: redirect-to-https
            Compress: true
          CacheBehaviors:
            - PathPattern: /assets/*
              TargetOriginId: site
              ViewerProtocolPolicy: redirect-to-https
              Compress: true
`,
    },
    {
      name: 'CDK TypeScript: an L2 Distribution compresses by default',
      filename: 'lib/site-stack.ts',
      code: `import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';

new cloudfront.Distribution(this, 'SiteDistribution', {
  defaultBehavior: {
    origin: new origins.S3Origin(siteBucket),
    viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
  },
  additionalBehaviors: { '/api/*': { origin: new origins.HttpOrigin('api.example.com') } },
});
`,
    },
    {
      name: 'CDK Python: an L2 Distribution compresses by default',
      filename: 'stacks/site_stack.py',
      code: `from aws_cdk import aws_cloudfront as cloudfront, aws_cloudfront_origins as origins

cloudfront.Distribution(self, "SiteDistribution", default_behavior=cloudfront.BehaviorOptions(origin=origins.S3Origin(site_bucket)))
`,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: DefaultCacheBehavior without Compress',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Distribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: redirect-to-https
`,
      errors: [
        {
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 29,
          message: 'compress is not set in default_cache_behavior',
        },
      ],
      output: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Distribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: redirect-to-https
          Compress: true
`,
    },
    {
      name: 'SAM: an ordered behaviour with Compress false',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  Distribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: redirect-to-https
          Compress: true
        CacheBehaviors:
          - PathPattern: /api/*
            TargetOriginId: api
            ViewerProtocolPolicy: https-only
            Compress: false
`,
      errors: [{ line: 16, column: 13, endLine: 16, endColumn: 28, message: 'compress is false' }],
      output: `Transform: AWS::Serverless-2016-10-31
Resources:
  Distribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: redirect-to-https
          Compress: true
        CacheBehaviors:
          - PathPattern: /api/*
            TargetOriginId: api
            ViewerProtocolPolicy: https-only
            Compress: true
`,
    },
    {
      name: 'CloudFormation: two ordered behaviours without Compress (no fix: which one is ambiguous)',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Distribution:
    Type: AWS::CloudFront::Distribution
    Properties:
      DistributionConfig:
        Enabled: true
        DefaultCacheBehavior:
          TargetOriginId: site
          ViewerProtocolPolicy: redirect-to-https
          Compress: true
        CacheBehaviors:
          - PathPattern: /api/*
            TargetOriginId: api
            ViewerProtocolPolicy: https-only
          - PathPattern: /img/*
            TargetOriginId: site
            ViewerProtocolPolicy: https-only
`,
      errors: [
        {
          line: 13,
          column: 13,
          endLine: 16,
          endColumn: 1,
          message: 'compress is not set in ordered_cache_behavior',
        },
        {
          line: 16,
          column: 13,
          endLine: 19,
          endColumn: 1,
          message: 'compress is not set in ordered_cache_behavior',
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON: Compress false',
      filename: 'template.json',
      code: `{
  "Resources": {
    "Distribution": {
      "Type": "AWS::CloudFront::Distribution",
      "Properties": {
        "DistributionConfig": {
          "Enabled": true,
          "DefaultCacheBehavior": { "TargetOriginId": "site", "ViewerProtocolPolicy": "https-only", "Compress": false }
        }
      }
    }
  }
}
`,
      errors: [{ line: 8, column: 101, endLine: 8, endColumn: 118, message: 'compress is false' }],
      output: `{
  "Resources": {
    "Distribution": {
      "Type": "AWS::CloudFront::Distribution",
      "Properties": {
        "DistributionConfig": {
          "Enabled": true,
          "DefaultCacheBehavior": { "TargetOriginId": "site", "ViewerProtocolPolicy": "https-only", "Compress": true }
        }
      }
    }
  }
}
`,
    },
    {
      name: 'CDK TypeScript: compress: false on the default behaviour',
      filename: 'lib/site-stack.ts',
      code: `import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';

new cloudfront.Distribution(this, 'SiteDistribution', {
  defaultBehavior: {
    origin: new origins.S3Origin(siteBucket),
    compress: false,
  },
});
`,
      errors: [{ line: 7, column: 5, endLine: 7, endColumn: 20, message: 'compress is false' }],
      output: `import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';

new cloudfront.Distribution(this, 'SiteDistribution', {
  defaultBehavior: {
    origin: new origins.S3Origin(siteBucket),
    compress: true,
  },
});
`,
    },
    {
      name: 'CDK TypeScript: L1 CfnDistribution without compress',
      filename: 'lib/site-stack.ts',
      code: `import { aws_cloudfront as cloudfront } from 'aws-cdk-lib';

new cloudfront.CfnDistribution(this, 'Distribution', {
  distributionConfig: {
    enabled: true,
    defaultCacheBehavior: {
      targetOriginId: 'site',
      viewerProtocolPolicy: 'redirect-to-https',
    },
  },
});
`,
      errors: [
        {
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 25,
          message: 'compress is not set in default_cache_behavior',
        },
      ],
      output: `import { aws_cloudfront as cloudfront } from 'aws-cdk-lib';

new cloudfront.CfnDistribution(this, 'Distribution', {
  distributionConfig: {
    enabled: true,
    defaultCacheBehavior: {
      targetOriginId: 'site',
      viewerProtocolPolicy: 'redirect-to-https',
      compress: true,
    },
  },
});
`,
    },
    {
      name: 'CDK Python: compress=False on an additional behaviour',
      filename: 'stacks/site_stack.py',
      code: `from aws_cdk import aws_cloudfront as cloudfront, aws_cloudfront_origins as origins

cloudfront.Distribution(
    self,
    "SiteDistribution",
    default_behavior=cloudfront.BehaviorOptions(origin=origins.S3Origin(site_bucket)),
    additional_behaviors={
        "/api/*": cloudfront.BehaviorOptions(origin=origins.HttpOrigin("api.example.com"), compress=False),
    },
)
`,
      errors: [{ line: 8, column: 92, endLine: 8, endColumn: 106, message: 'compress is false' }],
      output: `from aws_cdk import aws_cloudfront as cloudfront, aws_cloudfront_origins as origins

cloudfront.Distribution(
    self,
    "SiteDistribution",
    default_behavior=cloudfront.BehaviorOptions(origin=origins.S3Origin(site_bucket)),
    additional_behaviors={
        "/api/*": cloudfront.BehaviorOptions(origin=origins.HttpOrigin("api.example.com"), compress=True),
    },
)
`,
    },
    {
      name: 'CDK Python: L1 DefaultCacheBehaviorProperty without compress',
      filename: 'stacks/site_stack.py',
      code: `import aws_cdk.aws_cloudfront as cloudfront

cloudfront.CfnDistribution(
    self,
    "Distribution",
    distribution_config=cloudfront.CfnDistribution.DistributionConfigProperty(
        enabled=True,
        default_cache_behavior=cloudfront.CfnDistribution.DefaultCacheBehaviorProperty(
            target_origin_id="site",
            viewer_protocol_policy="redirect-to-https",
        ),
    ),
)
`,
      errors: [
        {
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 31,
          message: 'compress is not set in default_cache_behavior',
        },
      ],
      output: `import aws_cdk.aws_cloudfront as cloudfront

cloudfront.CfnDistribution(
    self,
    "Distribution",
    distribution_config=cloudfront.CfnDistribution.DistributionConfigProperty(
        enabled=True,
        default_cache_behavior=cloudfront.CfnDistribution.DefaultCacheBehaviorProperty(
            target_origin_id="site",
            viewer_protocol_policy="redirect-to-https",
            compress=True,
        ),
    ),
)
`,
    },
    {
      name: 'serverless.yml: resources.Resources',
      filename: 'serverless.yml',
      code: `service: site
provider:
  name: aws
resources:
  Resources:
    Distribution:
      Type: AWS::CloudFront::Distribution
      Properties:
        DistributionConfig:
          Enabled: true
          DefaultCacheBehavior:
            TargetOriginId: site
            ViewerProtocolPolicy: redirect-to-https
`,
      errors: [
        {
          line: 11,
          column: 11,
          endLine: 11,
          endColumn: 31,
          message: 'compress is not set in default_cache_behavior',
        },
      ],
      output: `service: site
provider:
  name: aws
resources:
  Resources:
    Distribution:
      Type: AWS::CloudFront::Distribution
      Properties:
        DistributionConfig:
          Enabled: true
          DefaultCacheBehavior:
            TargetOriginId: site
            ViewerProtocolPolicy: redirect-to-https
            Compress: true
`,
    },
  ],
});
