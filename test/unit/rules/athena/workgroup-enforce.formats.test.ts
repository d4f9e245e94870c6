import { athenaWorkgroupEnforce } from '../../../../src/core/rules/athena/workgroup-enforce';
import { ruleTester } from '../../rule-tester';

ruleTester(athenaWorkgroupEnforce, {
  valid: [
    {
      name: 'CloudFormation: unset settings default to true',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analytics
      WorkGroupConfiguration:
        BytesScannedCutoffPerQuery: 1073741824
`,
    },
    {
      name: 'SAM: unset settings default to true',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analytics
      WorkGroupConfiguration:
        BytesScannedCutoffPerQuery: 1073741824
`,
    },
    {
      name: 'serverless.yml: unset settings default to true, under resources.Resources',
      filename: 'serverless.yml',
      code: `service: platform
provider:
  name: aws
resources:
  Resources:
    WorkGroup:
      Type: AWS::Athena::WorkGroup
      Properties:
        Name: analytics
        WorkGroupConfiguration:
          BytesScannedCutoffPerQuery: 1073741824
`,
    },
    {
      name: 'CDK TypeScript: both true',
      filename: 'lib/athena-stack.ts',
      code: `import * as athena from 'aws-cdk-lib/aws-athena';

new athena.CfnWorkGroup(this, 'WorkGroup', {
  name: 'analytics',
  workGroupConfiguration: {
    enforceWorkGroupConfiguration: true,
    publishCloudWatchMetricsEnabled: true,
  },
});
`,
    },
    {
      name: 'CDK Python: a value from an unknown expression',
      filename: 'stacks/athena_stack.py',
      code: `from aws_cdk import aws_athena as athena

athena.CfnWorkGroup(
    self,
    "WorkGroup",
    name="analytics",
    work_group_configuration=athena.CfnWorkGroup.WorkGroupConfigurationProperty(
        enforce_work_group_configuration=props.enforce,
    ),
)
`,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: EnforceWorkGroupConfiguration false',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analytics
      WorkGroupConfiguration:
        EnforceWorkGroupConfiguration: false
        PublishCloudWatchMetricsEnabled: true
`,
      errors: [
        {
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 45,
          message: 'enforce_workgroup_configuration is false, so clients may',
        },
      ],
      output: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analytics
      WorkGroupConfiguration:
        EnforceWorkGroupConfiguration: true
        PublishCloudWatchMetricsEnabled: true
`,
    },
    {
      name: 'SAM: both false, two findings, one fix each',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  AdhocWorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: adhoc
      WorkGroupConfiguration:
        EnforceWorkGroupConfiguration: false
        PublishCloudWatchMetricsEnabled: false
`,
      errors: [
        {
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 45,
          message: 'enforce_workgroup_configuration is false, so clients may',
        },
        {
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 47,
          message: 'publish_cloudwatch_metrics_enabled is false, so it',
        },
      ],
      output: `Transform: AWS::Serverless-2016-10-31
Resources:
  AdhocWorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: adhoc
      WorkGroupConfiguration:
        EnforceWorkGroupConfiguration: true
        PublishCloudWatchMetricsEnabled: true
`,
    },
    {
      name: 'CloudFormation JSON: metrics off',
      filename: 'template.json',
      code: `{
  "Resources": {
    "WorkGroup": {
      "Type": "AWS::Athena::WorkGroup",
      "Properties": {
        "Name": "analytics",
        "WorkGroupConfiguration": { "PublishCloudWatchMetricsEnabled": false }
      }
    }
  }
}
`,
      errors: [
        {
          line: 7,
          column: 37,
          endLine: 7,
          endColumn: 77,
          message: 'publish_cloudwatch_metrics_enabled is false, so it',
        },
      ],
      output: `{
  "Resources": {
    "WorkGroup": {
      "Type": "AWS::Athena::WorkGroup",
      "Properties": {
        "Name": "analytics",
        "WorkGroupConfiguration": { "PublishCloudWatchMetricsEnabled": true }
      }
    }
  }
}
`,
    },
    {
      name: 'CloudFormation: a parameter default of false',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Enforce:
    Type: String
    AllowedValues: ['true', 'false']
    Default: 'false'
Resources:
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analytics
      WorkGroupConfiguration:
        EnforceWorkGroupConfiguration: !Ref Enforce
`,
      errors: [
        {
          line: 13,
          column: 9,
          endLine: 13,
          endColumn: 52,
          message: 'enforce_workgroup_configuration is false (default of',
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: enforceWorkGroupConfiguration false',
      filename: 'lib/athena-stack.ts',
      code: `import { aws_athena as athena } from 'aws-cdk-lib';

new athena.CfnWorkGroup(this, 'WorkGroup', {
  name: 'analytics',
  workGroupConfiguration: {
    bytesScannedCutoffPerQuery: 1073741824,
    enforceWorkGroupConfiguration: false,
  },
});
`,
      errors: [
        {
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 41,
          message: 'enforce_workgroup_configuration is false, so clients may',
        },
      ],
      output: `import { aws_athena as athena } from 'aws-cdk-lib';

new athena.CfnWorkGroup(this, 'WorkGroup', {
  name: 'analytics',
  workGroupConfiguration: {
    bytesScannedCutoffPerQuery: 1073741824,
    enforceWorkGroupConfiguration: true,
  },
});
`,
    },
    {
      name: 'CDK TypeScript: a constant false',
      filename: 'lib/athena-stack.ts',
      code: `import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';

const PUBLISH_METRICS = false;

new CfnWorkGroup(this, 'WorkGroup', {
  name: 'analytics',
  workGroupConfiguration: { publishCloudWatchMetricsEnabled: PUBLISH_METRICS },
});
`,
      errors: [
        {
          line: 7,
          column: 29,
          endLine: 7,
          endColumn: 77,
          message: 'publish_cloudwatch_metrics_enabled is false (local',
        },
      ],
      output: null,
    },
    {
      name: 'CDK Python: enforce_work_group_configuration=False',
      filename: 'stacks/athena_stack.py',
      code: `from aws_cdk import aws_athena as athena

athena.CfnWorkGroup(
    self,
    "WorkGroup",
    name="analytics",
    work_group_configuration=athena.CfnWorkGroup.WorkGroupConfigurationProperty(
        enforce_work_group_configuration=False,
        publish_cloud_watch_metrics_enabled=True,
    ),
)
`,
      errors: [
        {
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 47,
          message: 'enforce_workgroup_configuration is false, so clients may',
        },
      ],
      output: `from aws_cdk import aws_athena as athena

athena.CfnWorkGroup(
    self,
    "WorkGroup",
    name="analytics",
    work_group_configuration=athena.CfnWorkGroup.WorkGroupConfigurationProperty(
        enforce_work_group_configuration=True,
        publish_cloud_watch_metrics_enabled=True,
    ),
)
`,
    },
    {
      name: 'serverless.yml: resources.Resources with metrics off',
      filename: 'serverless.yml',
      code: `service: analytics
provider:
  name: aws
resources:
  Resources:
    WorkGroup:
      Type: AWS::Athena::WorkGroup
      Properties:
        Name: analytics
        WorkGroupConfiguration:
          PublishCloudWatchMetricsEnabled: false
`,
      errors: [
        {
          line: 11,
          column: 11,
          endLine: 11,
          endColumn: 49,
          message: 'publish_cloudwatch_metrics_enabled is false, so it',
        },
      ],
      output: `service: analytics
provider:
  name: aws
resources:
  Resources:
    WorkGroup:
      Type: AWS::Athena::WorkGroup
      Properties:
        Name: analytics
        WorkGroupConfiguration:
          PublishCloudWatchMetricsEnabled: true
`,
    },
  ],
});
