import { athenaWorkgroupScanLimit } from '../../../../src/core/rules/athena/workgroup-scan-limit';
import { ruleTester } from '../../rule-tester';

ruleTester(athenaWorkgroupScanLimit, {
  valid: [
    {
      name: 'CloudFormation: a 1 GB cutoff',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AnalyticsWorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analytics
      WorkGroupConfiguration:
        BytesScannedCutoffPerQuery: 1073741824
        EnforceWorkGroupConfiguration: true
`,
    },
    {
      name: 'SAM: a 1 GB cutoff',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  AnalyticsWorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analytics
      WorkGroupConfiguration:
        BytesScannedCutoffPerQuery: 1073741824
        EnforceWorkGroupConfiguration: true
`,
    },
    {
      name: 'serverless.yml: a 1 GB cutoff, under resources.Resources',
      filename: 'serverless.yml',
      code: `service: platform
provider:
  name: aws
resources:
  Resources:
    AnalyticsWorkGroup:
      Type: AWS::Athena::WorkGroup
      Properties:
        Name: analytics
        WorkGroupConfiguration:
          BytesScannedCutoffPerQuery: 1073741824
          EnforceWorkGroupConfiguration: true
`,
    },
    {
      name: 'CloudFormation: a cutoff from a parameter without default is unknown',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  ScanCutoff:
    Type: Number
Resources:
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analytics
      WorkGroupConfiguration:
        BytesScannedCutoffPerQuery: !Ref ScanCutoff
`,
    },
    {
      name: 'CDK TypeScript: CfnWorkGroup with a 100 MB cutoff from a constant',
      filename: 'lib/athena-stack.ts',
      code: `import * as athena from 'aws-cdk-lib/aws-athena';

const MAX_SCAN_BYTES = 100 * 1024 * 1024;

new athena.CfnWorkGroup(this, 'WorkGroup', {
  name: 'analytics',
  workGroupConfiguration: {
    bytesScannedCutoffPerQuery: MAX_SCAN_BYTES,
    enforceWorkGroupConfiguration: true,
  },
});
`,
    },
    {
      name: 'CDK Python: CfnWorkGroup with a 1 GB cutoff',
      filename: 'stacks/athena_stack.py',
      code: `from aws_cdk import aws_athena as athena

athena.CfnWorkGroup(
    self,
    "WorkGroup",
    name="analytics",
    work_group_configuration=athena.CfnWorkGroup.WorkGroupConfigurationProperty(
        bytes_scanned_cutoff_per_query=1073741824,
    ),
)
`,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: WorkGroupConfiguration without a cutoff',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AnalyticsWorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analytics
      WorkGroupConfiguration:
        EnforceWorkGroupConfiguration: true
        PublishCloudWatchMetricsEnabled: true
`,
      errors: [
        {
          line: 7,
          column: 7,
          endLine: 7,
          endColumn: 29,
          message: 'bytes_scanned_cutoff_per_query is not set',
        },
      ],
      output: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  AnalyticsWorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analytics
      WorkGroupConfiguration:
        EnforceWorkGroupConfiguration: true
        PublishCloudWatchMetricsEnabled: true
        BytesScannedCutoffPerQuery: 1073741824
`,
    },
    {
      name: 'SAM: a workgroup without WorkGroupConfiguration',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  AnalyticsWorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analytics
      State: ENABLED
`,
      errors: [
        {
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 21,
          message: 'bytes_scanned_cutoff_per_query is not set',
        },
      ],
      output: `Transform: AWS::Serverless-2016-10-31
Resources:
  AnalyticsWorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analytics
      State: ENABLED
      WorkGroupConfiguration:
        BytesScannedCutoffPerQuery: 1073741824
`,
    },
    {
      name: 'CloudFormation JSON: a 10 GB cutoff',
      filename: 'template.json',
      code: `{
  "Resources": {
    "WorkGroup": {
      "Type": "AWS::Athena::WorkGroup",
      "Properties": {
        "Name": "analytics",
        "WorkGroupConfiguration": {
          "BytesScannedCutoffPerQuery": 10737418240
        }
      }
    }
  }
}
`,
      errors: [
        {
          line: 8,
          column: 11,
          endLine: 8,
          endColumn: 52,
          message: 'bytes_scanned_cutoff_per_query is 10737418240 (10.0 GB),',
        },
      ],
      output: `{
  "Resources": {
    "WorkGroup": {
      "Type": "AWS::Athena::WorkGroup",
      "Properties": {
        "Name": "analytics",
        "WorkGroupConfiguration": {
          "BytesScannedCutoffPerQuery": 1073741824
        }
      }
    }
  }
}
`,
    },
    {
      name: 'CloudFormation: a parameter default above 1 GB',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  ScanCutoff:
    Type: Number
    Default: 5368709120
Resources:
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analytics
      WorkGroupConfiguration:
        BytesScannedCutoffPerQuery: !Ref ScanCutoff
`,
      errors: [
        {
          line: 12,
          column: 9,
          endLine: 12,
          endColumn: 52,
          message: 'bytes_scanned_cutoff_per_query is 5368709120 (5.0 GB)',
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: CfnWorkGroup without a cutoff',
      filename: 'lib/athena-stack.ts',
      code: `import { aws_athena as athena } from 'aws-cdk-lib';

new athena.CfnWorkGroup(this, 'WorkGroup', {
  name: 'analytics',
  workGroupConfiguration: {
    enforceWorkGroupConfiguration: true,
  },
});
`,
      errors: [
        {
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 25,
          message: 'bytes_scanned_cutoff_per_query is not set',
        },
      ],
      output: `import { aws_athena as athena } from 'aws-cdk-lib';

new athena.CfnWorkGroup(this, 'WorkGroup', {
  name: 'analytics',
  workGroupConfiguration: {
    enforceWorkGroupConfiguration: true,
    bytesScannedCutoffPerQuery: 1073741824,
  },
});
`,
    },
    {
      name: 'CDK TypeScript: CfnWorkGroup without workGroupConfiguration',
      filename: 'lib/athena-stack.ts',
      code: `import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';

new CfnWorkGroup(this, 'WorkGroup', {
  name: 'analytics',
});
`,
      errors: [
        {
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 35,
          message: 'bytes_scanned_cutoff_per_query is not set',
        },
      ],
      output: `import { CfnWorkGroup } from 'aws-cdk-lib/aws-athena';

new CfnWorkGroup(this, 'WorkGroup', {
  name: 'analytics',
  workGroupConfiguration: {
    bytesScannedCutoffPerQuery: 1073741824,
  },
});
`,
    },
    {
      name: 'CDK TypeScript: a 10 GB cutoff',
      filename: 'lib/athena-stack.ts',
      code: `import * as athena from 'aws-cdk-lib/aws-athena';

new athena.CfnWorkGroup(this, 'WorkGroup', {
  name: 'analytics',
  workGroupConfiguration: { bytesScannedCutoffPerQuery: 10 * 1024 * 1024 * 1024 },
});
`,
      errors: [
        {
          line: 5,
          column: 29,
          endLine: 5,
          endColumn: 80,
          message: 'bytes_scanned_cutoff_per_query is 10737418240 (10.0 GB),',
        },
      ],
      output: `import * as athena from 'aws-cdk-lib/aws-athena';

new athena.CfnWorkGroup(this, 'WorkGroup', {
  name: 'analytics',
  workGroupConfiguration: { bytesScannedCutoffPerQuery: 1073741824 },
});
`,
    },
    {
      name: 'CDK Python: WorkGroupConfigurationProperty without a cutoff',
      filename: 'stacks/athena_stack.py',
      code: `from aws_cdk import aws_athena as athena

athena.CfnWorkGroup(
    self,
    "WorkGroup",
    name="analytics",
    work_group_configuration=athena.CfnWorkGroup.WorkGroupConfigurationProperty(
        enforce_work_group_configuration=True,
    ),
)
`,
      errors: [
        {
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 29,
          message: 'bytes_scanned_cutoff_per_query is not set',
        },
      ],
      output: `from aws_cdk import aws_athena as athena

athena.CfnWorkGroup(
    self,
    "WorkGroup",
    name="analytics",
    work_group_configuration=athena.CfnWorkGroup.WorkGroupConfigurationProperty(
        enforce_work_group_configuration=True,
        bytes_scanned_cutoff_per_query=1073741824,
    ),
)
`,
    },
    {
      name: 'CDK Python: a 20 GB cutoff',
      filename: 'stacks/athena_stack.py',
      code: `import aws_cdk.aws_athena as athena

athena.CfnWorkGroup(
    self,
    "WorkGroup",
    name="analytics",
    work_group_configuration=athena.CfnWorkGroup.WorkGroupConfigurationProperty(bytes_scanned_cutoff_per_query=21474836480),
)
`,
      errors: [
        {
          line: 7,
          column: 81,
          endLine: 7,
          endColumn: 123,
          message: 'bytes_scanned_cutoff_per_query is 21474836480 (20.0 GB),',
        },
      ],
      output: `import aws_cdk.aws_athena as athena

athena.CfnWorkGroup(
    self,
    "WorkGroup",
    name="analytics",
    work_group_configuration=athena.CfnWorkGroup.WorkGroupConfigurationProperty(bytes_scanned_cutoff_per_query=1073741824),
)
`,
    },
    {
      name: 'serverless.yml: a workgroup under resources.Resources',
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
          BytesScannedCutoffPerQuery: 107374182400
`,
      errors: [
        {
          line: 11,
          column: 11,
          endLine: 11,
          endColumn: 51,
          message: 'bytes_scanned_cutoff_per_query is 107374182400 (100.0 GB),',
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
          BytesScannedCutoffPerQuery: 1073741824
`,
    },
  ],
});
