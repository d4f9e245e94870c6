import { cloudfrontHttps } from '../../../../src/core/rules/cloudfront/https';
import * as assert from 'assert';
import { applyEdits } from '../../../../src/core/engine/fix';
import { lintCase, ruleTester } from '../../rule-tester';

ruleTester(cloudfrontHttps, {
  valid: [
    {
      name: 'CloudFormation: redirect-to-https',
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
`,
    },
    {
      name: 'SAM: redirect-to-https',
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
`,
    },
    {
      name: 'serverless.yml: redirect-to-https, under resources.Resources',
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
`,
    },
    {
      name: 'CDK TypeScript: Distribution with REDIRECT_TO_HTTPS',
      filename: 'lib/site-stack.ts',
      code: `import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';

new cloudfront.Distribution(this, 'SiteDistribution', {
  defaultBehavior: {
    origin: new origins.S3Origin(siteBucket),
    viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
  },
});
`,
    },
    {
      name: 'CDK Python: HTTPS_ONLY',
      filename: 'stacks/site_stack.py',
      code: `from aws_cdk import aws_cloudfront as cloudfront, aws_cloudfront_origins as origins

cloudfront.Distribution(
    self,
    "SiteDistribution",
    default_behavior=cloudfront.BehaviorOptions(
        origin=origins.S3Origin(site_bucket),
        viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
    ),
)
`,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: allow-all on the default behaviour',
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
          ViewerProtocolPolicy: allow-all
          Compress: true
`,
      errors: [
        {
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 42,
          message: 'viewer_protocol_policy is "allow-all"',
          suggestions: [
            {
              title: 'Redirect HTTP to HTTPS',
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
          ],
        },
      ],
      output: null,
    },
    {
      name: 'SAM: allow-all on an ordered behaviour',
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
        CacheBehaviors:
          - PathPattern: /api/*
            TargetOriginId: api
            ViewerProtocolPolicy: allow-all
`,
      errors: [
        {
          line: 14,
          column: 13,
          endLine: 14,
          endColumn: 44,
          message: 'viewer_protocol_policy is "allow-all"',
          suggestions: [
            {
              title: 'Redirect HTTP to HTTPS',
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
        CacheBehaviors:
          - PathPattern: /api/*
            TargetOriginId: api
            ViewerProtocolPolicy: redirect-to-https
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON: allow-all',
      filename: 'template.json',
      code: `{
  "Resources": {
    "Distribution": {
      "Type": "AWS::CloudFront::Distribution",
      "Properties": {
        "DistributionConfig": {
          "Enabled": true,
          "DefaultCacheBehavior": { "TargetOriginId": "site", "ViewerProtocolPolicy": "allow-all" }
        }
      }
    }
  }
}
`,
      errors: [
        {
          line: 8,
          column: 63,
          endLine: 8,
          endColumn: 98,
          message: 'viewer_protocol_policy is "allow-all"',
          suggestions: [
            {
              title: 'Redirect HTTP to HTTPS',
              output: `{
  "Resources": {
    "Distribution": {
      "Type": "AWS::CloudFront::Distribution",
      "Properties": {
        "DistributionConfig": {
          "Enabled": true,
          "DefaultCacheBehavior": { "TargetOriginId": "site", "ViewerProtocolPolicy": "redirect-to-https" }
        }
      }
    }
  }
}
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: ViewerProtocolPolicy.ALLOW_ALL',
      filename: 'lib/site-stack.ts',
      code: `import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';

new cloudfront.Distribution(this, 'SiteDistribution', {
  defaultBehavior: {
    origin: new origins.S3Origin(siteBucket),
    viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL,
  },
});
`,
      errors: [
        {
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 68,
          message: 'viewer_protocol_policy is "allow-all"',
          suggestions: [
            {
              title: 'Redirect HTTP to HTTPS',
              output: `import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';

new cloudfront.Distribution(this, 'SiteDistribution', {
  defaultBehavior: {
    origin: new origins.S3Origin(siteBucket),
    viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
  },
});
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: allow-all on an additional behaviour',
      filename: 'lib/site-stack.ts',
      code: `import { aws_cloudfront as cloudfront, aws_cloudfront_origins as origins } from 'aws-cdk-lib';

new cloudfront.Distribution(this, 'SiteDistribution', {
  defaultBehavior: { origin: new origins.S3Origin(siteBucket) },
  additionalBehaviors: {
    '/api/*': {
      origin: new origins.HttpOrigin('api.example.com'),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL,
    },
  },
});
`,
      errors: [
        {
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 18,
          message: 'viewer_protocol_policy is not set in default_cache_behavior (defaults to "allow-all")',
          suggestions: [
            {
              title: 'Redirect HTTP to HTTPS',
              output: `import { aws_cloudfront as cloudfront, aws_cloudfront_origins as origins } from 'aws-cdk-lib';

new cloudfront.Distribution(this, 'SiteDistribution', {
  defaultBehavior: { origin: new origins.S3Origin(siteBucket), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
  additionalBehaviors: {
    '/api/*': {
      origin: new origins.HttpOrigin('api.example.com'),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL,
    },
  },
});
`,
            },
          ],
        },
        {
          line: 8,
          column: 7,
          endLine: 8,
          endColumn: 70,
          message: 'viewer_protocol_policy is "allow-all"',
          suggestions: [
            {
              title: 'Redirect HTTP to HTTPS',
              output: `import { aws_cloudfront as cloudfront, aws_cloudfront_origins as origins } from 'aws-cdk-lib';

new cloudfront.Distribution(this, 'SiteDistribution', {
  defaultBehavior: { origin: new origins.S3Origin(siteBucket) },
  additionalBehaviors: {
    '/api/*': {
      origin: new origins.HttpOrigin('api.example.com'),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    },
  },
});
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: L1 CfnDistribution',
      filename: 'lib/site-stack.ts',
      code: `import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';

new cloudfront.CfnDistribution(this, 'Distribution', {
  distributionConfig: {
    enabled: true,
    defaultCacheBehavior: { targetOriginId: 'site', viewerProtocolPolicy: 'allow-all' },
  },
});
`,
      errors: [
        {
          line: 6,
          column: 53,
          endLine: 6,
          endColumn: 86,
          message: 'viewer_protocol_policy is "allow-all"',
          suggestions: [
            {
              title: 'Redirect HTTP to HTTPS',
              output: `import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';

new cloudfront.CfnDistribution(this, 'Distribution', {
  distributionConfig: {
    enabled: true,
    defaultCacheBehavior: { targetOriginId: 'site', viewerProtocolPolicy: 'redirect-to-https' },
  },
});
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'CDK Python: ViewerProtocolPolicy.ALLOW_ALL',
      filename: 'stacks/site_stack.py',
      code: `from aws_cdk import aws_cloudfront as cloudfront, aws_cloudfront_origins as origins

cloudfront.Distribution(
    self,
    "SiteDistribution",
    default_behavior=cloudfront.BehaviorOptions(
        origin=origins.S3Origin(site_bucket),
        viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.ALLOW_ALL,
    ),
)
`,
      errors: [
        {
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 73,
          message: 'viewer_protocol_policy is "allow-all"',
          suggestions: [
            {
              title: 'Redirect HTTP to HTTPS',
              output: `from aws_cdk import aws_cloudfront as cloudfront, aws_cloudfront_origins as origins

cloudfront.Distribution(
    self,
    "SiteDistribution",
    default_behavior=cloudfront.BehaviorOptions(
        origin=origins.S3Origin(site_bucket),
        viewer_protocol_policy=cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    ),
)
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'CDK Python: L1 CfnDistribution',
      filename: 'stacks/site_stack.py',
      code: `import aws_cdk.aws_cloudfront as cloudfront

cloudfront.CfnDistribution(
    self,
    "Distribution",
    distribution_config=cloudfront.CfnDistribution.DistributionConfigProperty(
        enabled=True,
        default_cache_behavior=cloudfront.CfnDistribution.DefaultCacheBehaviorProperty(
            target_origin_id="site",
            viewer_protocol_policy="allow-all",
        ),
    ),
)
`,
      errors: [
        {
          line: 10,
          column: 13,
          endLine: 10,
          endColumn: 47,
          message: 'viewer_protocol_policy is "allow-all"',
          suggestions: [
            {
              title: 'Redirect HTTP to HTTPS',
              output: `import aws_cdk.aws_cloudfront as cloudfront

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
            },
          ],
        },
      ],
      output: null,
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
            ViewerProtocolPolicy: allow-all
`,
      errors: [
        {
          line: 13,
          column: 13,
          endLine: 13,
          endColumn: 44,
          message: 'viewer_protocol_policy is "allow-all"',
          suggestions: [
            {
              title: 'Redirect HTTP to HTTPS',
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
`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});

describe('cloudfront/https: known bugs', () => {
  // Regression: a CDK Distribution behaviour without viewerProtocolPolicy serves plain HTTP (CDK's default is ALLOW_ALL),
  // but the front end sets no format default for viewer_protocol_policy, so nothing is reported.
  it('CDK TypeScript: a behaviour without viewerProtocolPolicy (CDK default ALLOW_ALL)', async () => {
    const { findings } = await lintCase(cloudfrontHttps, {
      filename: 'lib/site-stack.ts',
      code: `import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';

new cloudfront.Distribution(this, 'SiteDistribution', { defaultBehavior: { origin: new origins.S3Origin(siteBucket) } });
`,
    });
    assert.strictEqual(findings.length, 1);
  });

  // Regression: the suggestion wrote the string 'redirect-to-https' over an enum member.
  it('CDK TypeScript: the suggestion writes the enum member', async () => {
    const code = `import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';

new cloudfront.Distribution(this, 'Site', {
  defaultBehavior: { origin, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.ALLOW_ALL },
});
`;
    const { findings } = await lintCase(cloudfrontHttps, { filename: 'lib/site-stack.ts', code });
    const s = findings[0]!.suggestions![0]!;
    assert.ok(applyEdits(code, s.edits).includes('cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS'));
  });
});
