import { dmsMultiAz } from '../../../../src/core/rules/dms/multi-az';
import * as assert from 'assert';
import { lintCase, ruleTester } from '../../rule-tester';

ruleTester(dmsMultiAz, {
  valid: [
    {
      name: 'CloudFormation: MultiAZ true',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ReplicationInstance:
    Type: AWS::DMS::ReplicationInstance
    Properties:
      ReplicationInstanceClass: dms.r5.large
      AllocatedStorage: 100
      MultiAZ: true
`,
    },
    {
      name: 'SAM: MultiAZ true',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  ReplicationInstance:
    Type: AWS::DMS::ReplicationInstance
    Properties:
      ReplicationInstanceClass: dms.r5.large
      AllocatedStorage: 100
      MultiAZ: true
`,
    },
    {
      name: 'serverless.yml: MultiAZ true, under resources.Resources',
      filename: 'serverless.yml',
      code: `service: platform
provider:
  name: aws
resources:
  Resources:
    ReplicationInstance:
      Type: AWS::DMS::ReplicationInstance
      Properties:
        ReplicationInstanceClass: dms.r5.large
        AllocatedStorage: 100
        MultiAZ: true
`,
    },
    {
      name: 'CloudFormation: MultiAZ from a parameter without default',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  MultiAz:
    Type: String
Resources:
  ReplicationInstance:
    Type: AWS::DMS::ReplicationInstance
    Properties:
      ReplicationInstanceClass: dms.r5.large
      MultiAZ: !Ref MultiAz
`,
    },
    {
      name: 'CDK TypeScript: multiAz true',
      filename: 'lib/dms-stack.ts',
      code: `import * as dms from 'aws-cdk-lib/aws-dms';

new dms.CfnReplicationInstance(this, 'ReplicationInstance', {
  replicationInstanceClass: 'dms.r5.large',
  multiAz: true,
});
`,
    },
    {
      name: 'CDK Python: multi_az=True',
      filename: 'stacks/dms_stack.py',
      code: `from aws_cdk import aws_dms as dms

dms.CfnReplicationInstance(self, "ReplicationInstance", replication_instance_class="dms.r5.large", multi_az=True)
`,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: MultiAZ unset',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ReplicationInstance:
    Type: AWS::DMS::ReplicationInstance
    Properties:
      ReplicationInstanceClass: dms.r5.large
      AllocatedStorage: 100
`,
      errors: [{ line: 3, column: 3, endLine: 3, endColumn: 22, message: 'multi_az is not set (false)' }],
      output: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ReplicationInstance:
    Type: AWS::DMS::ReplicationInstance
    Properties:
      ReplicationInstanceClass: dms.r5.large
      AllocatedStorage: 100
      MultiAZ: true
`,
    },
    {
      name: 'SAM: MultiAZ false',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  ReplicationInstance:
    Type: AWS::DMS::ReplicationInstance
    Properties:
      ReplicationInstanceClass: dms.t3.medium
      MultiAZ: false
`,
      errors: [{ line: 7, column: 7, endLine: 7, endColumn: 21, message: 'multi_az is false' }],
      output: `Transform: AWS::Serverless-2016-10-31
Resources:
  ReplicationInstance:
    Type: AWS::DMS::ReplicationInstance
    Properties:
      ReplicationInstanceClass: dms.t3.medium
      MultiAZ: true
`,
    },
    {
      name: 'CloudFormation JSON: MultiAZ false',
      filename: 'template.json',
      code: `{
  "Resources": {
    "ReplicationInstance": {
      "Type": "AWS::DMS::ReplicationInstance",
      "Properties": { "ReplicationInstanceClass": "dms.r5.large", "MultiAZ": false }
    }
  }
}
`,
      errors: [{ line: 5, column: 67, endLine: 5, endColumn: 83, message: 'multi_az is false' }],
      output: `{
  "Resources": {
    "ReplicationInstance": {
      "Type": "AWS::DMS::ReplicationInstance",
      "Properties": { "ReplicationInstanceClass": "dms.r5.large", "MultiAZ": true }
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
  MultiAz:
    Type: String
    Default: 'false'
Resources:
  ReplicationInstance:
    Type: AWS::DMS::ReplicationInstance
    Properties:
      ReplicationInstanceClass: dms.r5.large
      MultiAZ: !Ref MultiAz
`,
      errors: [
        {
          line: 11,
          column: 7,
          endLine: 11,
          endColumn: 28,
          message: 'multi_az is false (default of variable "MultiAz" in',
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: multiAz false',
      filename: 'lib/dms-stack.ts',
      code: `import { CfnReplicationInstance } from 'aws-cdk-lib/aws-dms';

new CfnReplicationInstance(this, 'ReplicationInstance', { replicationInstanceClass: 'dms.t3.medium', multiAz: false });
`,
      errors: [{ line: 3, column: 102, endLine: 3, endColumn: 116, message: 'multi_az is false' }],
      output: `import { CfnReplicationInstance } from 'aws-cdk-lib/aws-dms';

new CfnReplicationInstance(this, 'ReplicationInstance', { replicationInstanceClass: 'dms.t3.medium', multiAz: true });
`,
    },
    {
      name: 'CDK Python: multi_az unset',
      filename: 'stacks/dms_stack.py',
      code: `from aws_cdk import aws_dms as dms

dms.CfnReplicationInstance(
    self,
    "ReplicationInstance",
    replication_instance_class="dms.r5.large",
    allocated_storage=100,
)
`,
      errors: [{ line: 3, column: 1, endLine: 5, endColumn: 26, message: 'multi_az is not set (false)' }],
      output: `from aws_cdk import aws_dms as dms

dms.CfnReplicationInstance(
    self,
    "ReplicationInstance",
    replication_instance_class="dms.r5.large",
    allocated_storage=100,
    multi_az=True,
)
`,
    },
    {
      name: 'CDK Python: multi_az=False',
      filename: 'stacks/dms_stack.py',
      code: `import aws_cdk.aws_dms as dms

dms.CfnReplicationInstance(self, "ReplicationInstance", replication_instance_class="dms.r5.large", multi_az=False)
`,
      errors: [{ line: 3, column: 100, endLine: 3, endColumn: 114, message: 'multi_az is false' }],
      output: `import aws_cdk.aws_dms as dms

dms.CfnReplicationInstance(self, "ReplicationInstance", replication_instance_class="dms.r5.large", multi_az=True)
`,
    },
    {
      name: 'serverless.yml: resources.Resources',
      filename: 'serverless.yml',
      code: `service: cdc
provider:
  name: aws
resources:
  Resources:
    ReplicationInstance:
      Type: AWS::DMS::ReplicationInstance
      Properties:
        ReplicationInstanceClass: dms.r5.large
`,
      errors: [{ line: 6, column: 5, endLine: 6, endColumn: 24, message: 'multi_az is not set (false)' }],
      output: `service: cdc
provider:
  name: aws
resources:
  Resources:
    ReplicationInstance:
      Type: AWS::DMS::ReplicationInstance
      Properties:
        ReplicationInstanceClass: dms.r5.large
        MultiAZ: true
`,
    },
  ],
});

describe('dms/multi-az: known bugs', () => {
  // Regression: the CDK TypeScript writer turned the CloudFormation key MultiAZ into `multiAZ`, but CfnReplicationInstance's
  // prop is `multiAz`: the fixed file does not compile.
  it('CDK TypeScript: the fix adds multiAz', async () => {
    const code = `import * as dms from 'aws-cdk-lib/aws-dms';

new dms.CfnReplicationInstance(this, 'ReplicationInstance', {
  replicationInstanceClass: 'dms.r5.large',
});
`;
    const { ws } = await lintCase(dmsMultiAz, { filename: 'lib/dms-stack.ts', code });
    const fixed = await ws.fix('lib/dms-stack.ts', code, { ignoreExcludes: true });
    assert.ok(fixed.text.includes('multiAz: true'), fixed.text);
  });
});
