import { athenaWorkgroupEncryption } from '../../../../src/core/rules/athena/workgroup-encryption';
import { ruleTester } from '../../rule-tester';

ruleTester(athenaWorkgroupEncryption, {
  valid: [
    {
      name: 'CloudFormation: SSE_KMS result encryption',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analytics
      WorkGroupConfiguration:
        ResultConfiguration:
          OutputLocation: s3://athena-results-123456789012/analytics/
          EncryptionConfiguration:
            EncryptionOption: SSE_KMS
            KmsKey: !GetAtt ResultsKey.Arn
`,
    },
    {
      name: 'SAM: SSE_KMS result encryption',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analytics
      WorkGroupConfiguration:
        ResultConfiguration:
          OutputLocation: s3://athena-results-123456789012/analytics/
          EncryptionConfiguration:
            EncryptionOption: SSE_KMS
            KmsKey: !GetAtt ResultsKey.Arn
`,
    },
    {
      name: 'serverless.yml: SSE_KMS result encryption, under resources.Resources',
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
          ResultConfiguration:
            OutputLocation: s3://athena-results-123456789012/analytics/
            EncryptionConfiguration:
              EncryptionOption: SSE_KMS
              KmsKey: !GetAtt ResultsKey.Arn
`,
    },
    {
      name: 'CDK TypeScript: encryptionConfiguration set',
      filename: 'lib/athena-stack.ts',
      code: `import * as athena from 'aws-cdk-lib/aws-athena';

new athena.CfnWorkGroup(this, 'WorkGroup', {
  name: 'analytics',
  workGroupConfiguration: {
    resultConfiguration: {
      outputLocation: \`s3://\${resultsBucket.bucketName}/analytics/\`,
      encryptionConfiguration: { encryptionOption: 'SSE_S3' },
    },
  },
});
`,
    },
    {
      name: 'CDK Python: EncryptionConfigurationProperty',
      filename: 'stacks/athena_stack.py',
      code: `from aws_cdk import aws_athena as athena

athena.CfnWorkGroup(
    self,
    "WorkGroup",
    name="analytics",
    work_group_configuration=athena.CfnWorkGroup.WorkGroupConfigurationProperty(
        result_configuration=athena.CfnWorkGroup.ResultConfigurationProperty(
            output_location="s3://athena-results/analytics/",
            encryption_configuration=athena.CfnWorkGroup.EncryptionConfigurationProperty(
                encryption_option="SSE_S3",
            ),
        ),
    ),
)
`,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: ResultConfiguration without encryption',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analytics
      WorkGroupConfiguration:
        EnforceWorkGroupConfiguration: true
        ResultConfiguration:
          OutputLocation: s3://athena-results-123456789012/analytics/
`,
      errors: [
        {
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 28,
          message: 'no result_configuration.encryption_configuration',
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
        ResultConfiguration:
          OutputLocation: s3://athena-results-123456789012/analytics/
          EncryptionConfiguration:
            EncryptionOption: SSE_S3
`,
    },
    {
      name: 'SAM: a workgroup without WorkGroupConfiguration',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analytics
`,
      errors: [
        {
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 12,
          message: 'no result_configuration.encryption_configuration',
        },
      ],
      output: `Transform: AWS::Serverless-2016-10-31
Resources:
  WorkGroup:
    Type: AWS::Athena::WorkGroup
    Properties:
      Name: analytics
      WorkGroupConfiguration:
        ResultConfiguration:
          EncryptionConfiguration:
            EncryptionOption: SSE_S3
`,
    },
    {
      name: 'CloudFormation JSON: configuration without results settings',
      filename: 'template.json',
      code: `{
  "Resources": {
    "WorkGroup": {
      "Type": "AWS::Athena::WorkGroup",
      "Properties": {
        "Name": "analytics",
        "WorkGroupConfiguration": {
          "EnforceWorkGroupConfiguration": true
        }
      }
    }
  }
}
`,
      errors: [
        {
          line: 7,
          column: 9,
          endLine: 7,
          endColumn: 33,
          message: 'no result_configuration.encryption_configuration',
        },
      ],
      output: `{
  "Resources": {
    "WorkGroup": {
      "Type": "AWS::Athena::WorkGroup",
      "Properties": {
        "Name": "analytics",
        "WorkGroupConfiguration": {
          "EnforceWorkGroupConfiguration": true,
          "ResultConfiguration": {
            "EncryptionConfiguration": {
              "EncryptionOption": "SSE_S3"
            }
          }
        }
      }
    }
  }
}
`,
    },
    {
      name: 'CDK TypeScript: resultConfiguration without encryption',
      filename: 'lib/athena-stack.ts',
      code: `import { aws_athena as athena } from 'aws-cdk-lib';

new athena.CfnWorkGroup(this, 'WorkGroup', {
  name: 'analytics',
  workGroupConfiguration: {
    resultConfiguration: {
      outputLocation: 's3://athena-results/analytics/',
    },
  },
});
`,
      errors: [
        {
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 24,
          message: 'no result_configuration.encryption_configuration',
        },
      ],
      output: `import { aws_athena as athena } from 'aws-cdk-lib';

new athena.CfnWorkGroup(this, 'WorkGroup', {
  name: 'analytics',
  workGroupConfiguration: {
    resultConfiguration: {
      outputLocation: 's3://athena-results/analytics/',
      encryptionConfiguration: {
        encryptionOption: 'SSE_S3',
      },
    },
  },
});
`,
    },
    {
      name: 'CDK TypeScript: no configuration',
      filename: 'lib/athena-stack.ts',
      code: `import * as athena from 'aws-cdk-lib/aws-athena';

new athena.CfnWorkGroup(this, 'AdhocWorkGroup', {
  name: 'adhoc',
  state: 'ENABLED',
});
`,
      errors: [
        {
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 47,
          message: 'no result_configuration.encryption_configuration',
        },
      ],
      output: `import * as athena from 'aws-cdk-lib/aws-athena';

new athena.CfnWorkGroup(this, 'AdhocWorkGroup', {
  name: 'adhoc',
  state: 'ENABLED',
  workGroupConfiguration: {
    resultConfiguration: {
      encryptionConfiguration: {
        encryptionOption: 'SSE_S3',
      },
    },
  },
});
`,
    },
    {
      name: 'serverless.yml: resources.Resources',
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
          ResultConfiguration:
            OutputLocation: s3://athena-results/analytics/
`,
      errors: [
        {
          line: 11,
          column: 11,
          endLine: 11,
          endColumn: 30,
          message: 'no result_configuration.encryption_configuration',
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
          ResultConfiguration:
            OutputLocation: s3://athena-results/analytics/
            EncryptionConfiguration:
              EncryptionOption: SSE_S3
`,
    },
  ],
});
