import { s3Lifecycle } from '../../../../src/core/rules/s3/lifecycle';
import { ruleTester } from '../../rule-tester';

ruleTester(s3Lifecycle, {
  valid: [
    {
      name: 'CloudFormation: a data-lake bucket moving objects to Glacier',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  RawBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: acme-datalake-raw
      LifecycleConfiguration:
        Rules:
          - Id: archive
            Status: Enabled
            Transitions:
              - TransitionInDays: 90
                StorageClass: GLACIER
`,
    },
    {
      name: 'serverless.yml: a data-lake bucket moving objects to Glacier, under resources.Resources',
      filename: 'serverless.yml',
      code: `service: platform
provider:
  name: aws
resources:
  Resources:
    RawBucket:
      Type: AWS::S3::Bucket
      Properties:
        BucketName: acme-datalake-raw
        LifecycleConfiguration:
          Rules:
            - Id: archive
              Status: Enabled
              Transitions:
                - TransitionInDays: 90
                  StorageClass: GLACIER
`,
    },
    {
      name: 'CloudFormation: a log bucket that expires objects',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AccessLogs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: acme-access-logs
      LifecycleConfiguration:
        Rules:
          - Status: Enabled
            ExpirationInDays: 30
`,
    },
    {
      name: 'SAM: a bucket whose name does not look like data or logs',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  UploadsBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: acme-user-uploads
`,
    },
    {
      name: 'CDK TypeScript: lifecycleRules with a Glacier transition',
      filename: 'lib/lake-stack.ts',
      code: `import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';

new s3.Bucket(this, 'RawBucket', {
  bucketName: 'acme-datalake-raw',
  lifecycleRules: [
    {
      transitions: [{ storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(90) }],
    },
  ],
});
`,
    },
    {
      name: 'CDK Python: a log bucket with an expiration',
      filename: 'stacks/lake_stack.py',
      code: `from aws_cdk import Duration, aws_s3 as s3

s3.Bucket(
    self,
    "AccessLogs",
    bucket_name="acme-access-logs",
    lifecycle_rules=[s3.LifecycleRule(expiration=Duration.days(30))],
)
`,
    },
    {
      name: 'CDK TypeScript: L1 CfnBucket with a Glacier Instant Retrieval transition',
      filename: 'lib/lake-stack.ts',
      code: `import * as s3 from 'aws-cdk-lib/aws-s3';

new s3.CfnBucket(this, 'Curated', {
  bucketName: 'acme-lake-curated',
  lifecycleConfiguration: {
    rules: [{ status: 'Enabled', transitions: [{ storageClass: 'GLACIER_IR', transitionInDays: 60 }] }],
  },
});
`,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: a data-lake bucket without lifecycle',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  RawBucket:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: acme-datalake-raw
      VersioningConfiguration:
        Status: Enabled
`,
      errors: [
        {
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 12,
          message: '"acme-datalake-raw" has no rule that moves objects to',
        },
      ],
      output: null,
    },
    {
      name: 'SAM: a log bucket that only moves to Standard-IA',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  AppLogs:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: orders-app-logs
      LifecycleConfiguration:
        Rules:
          - Status: Enabled
            Transitions:
              - TransitionInDays: 30
                StorageClass: STANDARD_IA
`,
      errors: [
        {
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 10,
          message: '"orders-app-logs" has no rule that moves objects to Glacier',
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON: a disabled Glacier rule does not count',
      filename: 'template.json',
      code: `{
  "Resources": {
    "CuratedBucket": {
      "Type": "AWS::S3::Bucket",
      "Properties": {
        "BucketName": "acme-curated",
        "LifecycleConfiguration": {
          "Rules": [
            { "Status": "Disabled", "Transitions": [{ "TransitionInDays": 90, "StorageClass": "GLACIER" }] }
          ]
        }
      }
    }
  }
}
`,
      errors: [
        {
          line: 3,
          column: 5,
          endLine: 3,
          endColumn: 20,
          message: '"acme-curated" has no rule that moves objects to Glacier',
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation: no BucketName, judged by the logical id',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  DataLake:
    Type: AWS::S3::Bucket
    Properties:
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              SSEAlgorithm: AES256
`,
      errors: [
        {
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 11,
          message: '"DataLake" has no rule that moves objects to Glacier',
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: a raw bucket without lifecycle rules',
      filename: 'lib/lake-stack.ts',
      code: `import * as s3 from 'aws-cdk-lib/aws-s3';

const raw = new s3.Bucket(this, 'RawBucket', {
  bucketName: 'acme-datalake-raw',
  encryption: s3.BucketEncryption.S3_MANAGED,
});
`,
      errors: [
        {
          line: 3,
          column: 13,
          endLine: 3,
          endColumn: 44,
          message: '"acme-datalake-raw" has no rule that moves objects to',
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: a transition to Infrequent Access only',
      filename: 'lib/lake-stack.ts',
      code: `import { Duration, aws_s3 as s3 } from 'aws-cdk-lib';

new s3.Bucket(this, 'AnalyticsBucket', {
  bucketName: 'acme-analytics',
  lifecycleRules: [
    { transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }] },
  ],
});
`,
      errors: [
        {
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 38,
          message: '"acme-analytics" has no rule that moves objects to Glacier',
        },
      ],
      output: null,
    },
    {
      name: 'CDK Python: an access-log bucket without lifecycle',
      filename: 'stacks/lake_stack.py',
      code: `from aws_cdk import aws_s3 as s3

s3.Bucket(self, "AccessLogs", bucket_name="acme-access-logs", encryption=s3.BucketEncryption.S3_MANAGED)
`,
      errors: [
        {
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 29,
          message: '"acme-access-logs" has no rule that moves objects to',
        },
      ],
      output: null,
    },
    {
      name: 'CDK Python: L1 CfnBucket',
      filename: 'stacks/lake_stack.py',
      code: `import aws_cdk.aws_s3 as s3

s3.CfnBucket(self, "Curated", bucket_name="acme-lake-curated")
`,
      errors: [
        {
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 29,
          message: '"acme-lake-curated" has no rule that moves objects to',
        },
      ],
      output: null,
    },
    {
      name: 'serverless.yml: resources.Resources',
      filename: 'serverless.yml',
      code: `service: ingest
provider:
  name: aws
resources:
  Resources:
    RawBucket:
      Type: AWS::S3::Bucket
      Properties:
        BucketName: ingest-raw
`,
      errors: [
        {
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 14,
          message: '"ingest-raw" has no rule that moves objects to Glacier',
        },
      ],
      output: null,
    },
  ],
});
