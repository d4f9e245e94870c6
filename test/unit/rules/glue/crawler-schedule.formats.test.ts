import { glueCrawlerSchedule } from '../../../../src/core/rules/glue/crawler-schedule';
import { ruleTester } from '../../rule-tester';

ruleTester(glueCrawlerSchedule, {
  valid: [
    {
      name: 'CloudFormation: a 2 AM schedule',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  RawCrawler:
    Type: AWS::Glue::Crawler
    Properties:
      Role: !GetAtt CrawlerRole.Arn
      DatabaseName: raw
      Targets:
        S3Targets:
          - Path: s3://datalake-raw/orders/
      Schedule:
        ScheduleExpression: cron(0 2 * * ? *)
`,
    },
    {
      name: 'SAM: a 2 AM schedule',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  RawCrawler:
    Type: AWS::Glue::Crawler
    Properties:
      Role: !GetAtt CrawlerRole.Arn
      DatabaseName: raw
      Targets:
        S3Targets:
          - Path: s3://datalake-raw/orders/
      Schedule:
        ScheduleExpression: cron(0 2 * * ? *)
`,
    },
    {
      name: 'serverless.yml: a 2 AM schedule, under resources.Resources',
      filename: 'serverless.yml',
      code: `service: platform
provider:
  name: aws
resources:
  Resources:
    RawCrawler:
      Type: AWS::Glue::Crawler
      Properties:
        Role: !GetAtt CrawlerRole.Arn
        DatabaseName: raw
        Targets:
          S3Targets:
            - Path: s3://datalake-raw/orders/
        Schedule:
          ScheduleExpression: cron(0 2 * * ? *)
`,
    },
    {
      name: 'CloudFormation: a schedule from a parameter without default',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  CrawlerSchedule:
    Type: String
Resources:
  RawCrawler:
    Type: AWS::Glue::Crawler
    Properties:
      Role: arn:aws:iam::123456789012:role/glue
      DatabaseName: raw
      Schedule:
        ScheduleExpression: !Ref CrawlerSchedule
`,
    },
    {
      name: 'CDK TypeScript: a night schedule',
      filename: 'lib/glue-stack.ts',
      code: `import * as glue from 'aws-cdk-lib/aws-glue';

new glue.CfnCrawler(this, 'RawCrawler', {
  role: crawlerRole.roleArn,
  databaseName: 'raw',
  targets: { s3Targets: [{ path: \`s3://\${rawBucket.bucketName}/orders/\` }] },
  schedule: { scheduleExpression: 'cron(30 1 * * ? *)' },
});
`,
    },
    {
      name: 'CDK Python: a night schedule',
      filename: 'stacks/glue_stack.py',
      code: `from aws_cdk import aws_glue as glue

glue.CfnCrawler(
    self,
    "RawCrawler",
    role=crawler_role.role_arn,
    database_name="raw",
    targets=glue.CfnCrawler.TargetsProperty(s3_targets=[glue.CfnCrawler.S3TargetProperty(path="s3://datalake-raw/orders/")]),
    schedule=glue.CfnCrawler.ScheduleProperty(schedule_expression="cron(0 3 * * ? *)"),
)
`,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: no schedule',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  RawCrawler:
    Type: AWS::Glue::Crawler
    Properties:
      Role: !GetAtt CrawlerRole.Arn
      DatabaseName: raw
      Targets:
        S3Targets:
          - Path: s3://datalake-raw/orders/
`,
      errors: [
        {
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 13,
          message: 'it runs only when started by hand or by a trigger',
        },
      ],
      output: null,
    },
    {
      name: 'SAM: a schedule inside business hours',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  RawCrawler:
    Type: AWS::Glue::Crawler
    Properties:
      Role: !GetAtt CrawlerRole.Arn
      DatabaseName: raw
      Schedule:
        ScheduleExpression: cron(0 12 * * ? *)
`,
      errors: [
        {
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 47,
          message: '"cron(0 12 * * ? *)" runs at 12:00 UTC, inside 8:00–18:00',
          suggestions: [
            {
              title: 'Run the crawler at 2 AM',
              output: `Transform: AWS::Serverless-2016-10-31
Resources:
  RawCrawler:
    Type: AWS::Glue::Crawler
    Properties:
      Role: !GetAtt CrawlerRole.Arn
      DatabaseName: raw
      Schedule:
        ScheduleExpression: "cron(0 2 * * ? *)"
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON: an hourly rate',
      filename: 'template.json',
      code: `{
  "Resources": {
    "RawCrawler": {
      "Type": "AWS::Glue::Crawler",
      "Properties": {
        "Role": "arn:aws:iam::123456789012:role/glue",
        "DatabaseName": "raw",
        "Schedule": { "ScheduleExpression": "rate(1 hour)" }
      }
    }
  }
}
`,
      errors: [
        {
          line: 8,
          column: 23,
          endLine: 8,
          endColumn: 59,
          message: '"rate(1 hour)" runs around the clock, inside 8:00–18:00',
          suggestions: [
            {
              title: 'Run the crawler at 2 AM',
              output: `{
  "Resources": {
    "RawCrawler": {
      "Type": "AWS::Glue::Crawler",
      "Properties": {
        "Role": "arn:aws:iam::123456789012:role/glue",
        "DatabaseName": "raw",
        "Schedule": { "ScheduleExpression": "cron(0 2 * * ? *)" }
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
      name: 'CloudFormation: a parameter default inside business hours',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  CrawlerSchedule:
    Type: String
    Default: cron(0 9 * * ? *)
Resources:
  RawCrawler:
    Type: AWS::Glue::Crawler
    Properties:
      Role: arn:aws:iam::123456789012:role/glue
      DatabaseName: raw
      Schedule:
        ScheduleExpression: !Ref CrawlerSchedule
`,
      errors: [
        {
          line: 13,
          column: 9,
          endLine: 13,
          endColumn: 49,
          message: '"cron(0 9 * * ? *)" (default of variable "CrawlerSchedule"',
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: no schedule',
      filename: 'lib/glue-stack.ts',
      code: `import { aws_glue as glue } from 'aws-cdk-lib';

new glue.CfnCrawler(this, 'RawCrawler', {
  role: crawlerRole.roleArn,
  databaseName: 'raw',
  targets: { s3Targets: [{ path: 's3://datalake-raw/orders/' }] },
});
`,
      errors: [
        {
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 39,
          message: 'it runs only when started by hand or by a trigger',
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: every 6 hours during the day',
      filename: 'lib/glue-stack.ts',
      code: `import * as glue from 'aws-cdk-lib/aws-glue';

const CRAWL_SCHEDULE = 'cron(0 6-18/6 * * ? *)';

new glue.CfnCrawler(this, 'RawCrawler', {
  role: crawlerRole.roleArn,
  databaseName: 'raw',
  targets: { s3Targets: [{ path: 's3://datalake-raw/orders/' }] },
  schedule: { scheduleExpression: CRAWL_SCHEDULE },
});
`,
      errors: [
        {
          line: 9,
          column: 15,
          endLine: 9,
          endColumn: 49,
          message: '"cron(0 6-18/6 * * ? *)" (local "CRAWL_SCHEDULE") runs at',
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: an inline business-hours schedule',
      filename: 'lib/glue-stack.ts',
      code: `import { CfnCrawler } from 'aws-cdk-lib/aws-glue';

new CfnCrawler(this, 'RawCrawler', {
  role: crawlerRole.roleArn,
  targets: { s3Targets: [{ path: 's3://datalake-raw/orders/' }] },
  schedule: { scheduleExpression: 'cron(15 10 ? * MON-FRI *)' },
});
`,
      errors: [
        {
          line: 6,
          column: 15,
          endLine: 6,
          endColumn: 62,
          message: '"cron(15 10 ? * MON-FRI *)" runs at 10:00 UTC, inside',
          suggestions: [
            {
              title: 'Run the crawler at 2 AM',
              output: `import { CfnCrawler } from 'aws-cdk-lib/aws-glue';

new CfnCrawler(this, 'RawCrawler', {
  role: crawlerRole.roleArn,
  targets: { s3Targets: [{ path: 's3://datalake-raw/orders/' }] },
  schedule: { scheduleExpression: 'cron(0 2 * * ? *)' },
});
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'CDK Python: no schedule',
      filename: 'stacks/glue_stack.py',
      code: `from aws_cdk import aws_glue as glue

glue.CfnCrawler(
    self,
    "RawCrawler",
    role=crawler_role.role_arn,
    database_name="raw",
    targets=glue.CfnCrawler.TargetsProperty(s3_targets=[glue.CfnCrawler.S3TargetProperty(path="s3://datalake-raw/orders/")]),
)
`,
      errors: [
        {
          line: 3,
          column: 1,
          endLine: 5,
          endColumn: 17,
          message: 'it runs only when started by hand or by a trigger',
        },
      ],
      output: null,
    },
    {
      name: 'CDK Python: a business-hours ScheduleProperty',
      filename: 'stacks/glue_stack.py',
      code: `import aws_cdk.aws_glue as glue

glue.CfnCrawler(
    self,
    "RawCrawler",
    role=crawler_role.role_arn,
    database_name="raw",
    targets=glue.CfnCrawler.TargetsProperty(s3_targets=[glue.CfnCrawler.S3TargetProperty(path="s3://datalake-raw/orders/")]),
    schedule=glue.CfnCrawler.ScheduleProperty(schedule_expression="cron(0 14 * * ? *)"),
)
`,
      errors: [
        {
          line: 9,
          column: 47,
          endLine: 9,
          endColumn: 87,
          message: '"cron(0 14 * * ? *)" runs at 14:00 UTC, inside 8:00–18:00',
          suggestions: [
            {
              title: 'Run the crawler at 2 AM',
              output: `import aws_cdk.aws_glue as glue

glue.CfnCrawler(
    self,
    "RawCrawler",
    role=crawler_role.role_arn,
    database_name="raw",
    targets=glue.CfnCrawler.TargetsProperty(s3_targets=[glue.CfnCrawler.S3TargetProperty(path="s3://datalake-raw/orders/")]),
    schedule=glue.CfnCrawler.ScheduleProperty(schedule_expression="cron(0 2 * * ? *)"),
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
      code: `service: datalake
provider:
  name: aws
resources:
  Resources:
    RawCrawler:
      Type: AWS::Glue::Crawler
      Properties:
        Role: arn:aws:iam::123456789012:role/glue
        DatabaseName: raw
        Schedule:
          ScheduleExpression: rate(30 minutes)
`,
      errors: [
        {
          line: 12,
          column: 11,
          endLine: 12,
          endColumn: 47,
          message: '"rate(30 minutes)" runs around the clock, inside 8:00–18:00',
          suggestions: [
            {
              title: 'Run the crawler at 2 AM',
              output: `service: datalake
provider:
  name: aws
resources:
  Resources:
    RawCrawler:
      Type: AWS::Glue::Crawler
      Properties:
        Role: arn:aws:iam::123456789012:role/glue
        DatabaseName: raw
        Schedule:
          ScheduleExpression: "cron(0 2 * * ? *)"
`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
