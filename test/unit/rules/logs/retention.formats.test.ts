import { logsRetention } from '../../../../src/core/rules/logs/retention';
import { ruleTester } from '../../rule-tester';

ruleTester(logsRetention, {
  valid: [
    {
      name: "CDK: a LogGroup without retention keeps logs two years (CDK's default), not forever",
      filename: 'lib/logs.ts',
      code: "import * as logs from 'aws-cdk-lib/aws-logs';\nnew logs.LogGroup(this, 'Default');\n",
    },
    {
      name: 'CDK Python: the same default',
      filename: 'stacks/logs.py',
      code: 'from aws_cdk import aws_logs as logs\n\nlogs.LogGroup(self, "Default")\n',
    },
    {
      name: 'SAM: RetentionInDays set',
      filename: 'template.yaml',
      code: 'Resources:\n  Kept:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 14\n',
    },
    {
      name: 'serverless.yml: provider.logRetentionInDays set',
      filename: 'serverless.yml',
      code: 'service: orders\nprovider:\n  name: aws\n  logRetentionInDays: 14\nfunctions:\n  list:\n    handler: handler.list\n',
    },
  ],
  invalid: [
    {
      name: 'CDK TypeScript: RetentionDays.INFINITE, fixed with the enum member',
      filename: 'lib/logs.ts',
      code: `import * as logs from 'aws-cdk-lib/aws-logs';
new logs.LogGroup(this, 'Forever', {
  retention: logs.RetentionDays.INFINITE,
});
`,
      errors: [{ line: 3, column: 3, endLine: 3, endColumn: 41, message: 'retention_in_days is 0' }],
      output: `import * as logs from 'aws-cdk-lib/aws-logs';
new logs.LogGroup(this, 'Forever', {
  retention: logs.RetentionDays.ONE_MONTH,
});
`,
    },
    {
      name: 'CDK TypeScript: a Lambda function logRetention of INFINITE',
      filename: 'lib/fn.ts',
      code: `import { aws_lambda as lambda, aws_logs as logs } from 'aws-cdk-lib';
new lambda.Function(this, 'Fn', { memorySize: 512, logRetention: logs.RetentionDays.INFINITE });
`,
      errors: [{ line: 2, column: 52, endLine: 2, endColumn: 93, message: 'retention_in_days is 0' }],
      output: `import { aws_lambda as lambda, aws_logs as logs } from 'aws-cdk-lib';
new lambda.Function(this, 'Fn', { memorySize: 512, logRetention: logs.RetentionDays.ONE_MONTH });
`,
    },
    {
      name: 'CDK Python: RetentionDays.INFINITE',
      filename: 'stacks/logs.py',
      code: `from aws_cdk import aws_logs as logs

logs.LogGroup(self, "Forever", retention=logs.RetentionDays.INFINITE)
`,
      errors: [{ line: 3, column: 32, endLine: 3, endColumn: 69, message: 'retention_in_days is 0' }],
      output: `from aws_cdk import aws_logs as logs

logs.LogGroup(self, "Forever", retention=logs.RetentionDays.ONE_MONTH)
`,
    },
    {
      name: 'CloudFormation: AWS::Logs::LogGroup without RetentionInDays (kept forever)',
      filename: 'template.yaml',
      code: `Resources:
  AppLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /app/orders
`,
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 10, message: 'retention_in_days is not set' }],
      output: `Resources:
  AppLogs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: /app/orders
      RetentionInDays: 30
`,
    },
    {
      name: "serverless.yml: the functions' log groups without provider.logRetentionInDays",
      filename: 'serverless.yml',
      code: `service: orders
provider:
  name: aws
  runtime: nodejs20.x
functions:
  list:
    handler: handler.list
`,
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 9, message: 'retention_in_days is not set' }],
      output: `service: orders
provider:
  name: aws
  runtime: nodejs20.x
  logRetentionInDays: 30
functions:
  list:
    handler: handler.list
`,
    },
  ],
});
