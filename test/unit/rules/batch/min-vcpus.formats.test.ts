import { batchMinVcpus } from '../../../../src/core/rules/batch/min-vcpus';
import { ruleTester } from '../../rule-tester';

ruleTester(batchMinVcpus, {
  valid: [
    {
      name: 'CloudFormation: EC2 with 4 vCPUs warm',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ComputeEnvironment:
    Type: AWS::Batch::ComputeEnvironment
    Properties:
      Type: MANAGED
      ComputeResources:
        Type: EC2
        MinvCpus: 4
        MaxvCpus: 256
        InstanceTypes: [optimal]
        Subnets: !Ref Subnets
`,
    },
    {
      name: 'SAM: EC2 with 4 vCPUs warm',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  ComputeEnvironment:
    Type: AWS::Batch::ComputeEnvironment
    Properties:
      Type: MANAGED
      ComputeResources:
        Type: EC2
        MinvCpus: 4
        MaxvCpus: 256
        InstanceTypes: [optimal]
        Subnets: !Ref Subnets
`,
    },
    {
      name: 'serverless.yml: EC2 with 4 vCPUs warm, under resources.Resources',
      filename: 'serverless.yml',
      code: `service: platform
provider:
  name: aws
resources:
  Resources:
    ComputeEnvironment:
      Type: AWS::Batch::ComputeEnvironment
      Properties:
        Type: MANAGED
        ComputeResources:
          Type: EC2
          MinvCpus: 4
          MaxvCpus: 256
          InstanceTypes: [optimal]
          Subnets: !Ref Subnets
`,
    },
    {
      name: 'CloudFormation: Fargate has no minimum',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ComputeEnvironment:
    Type: AWS::Batch::ComputeEnvironment
    Properties:
      Type: MANAGED
      ComputeResources:
        Type: FARGATE
        MaxvCpus: 64
`,
    },
    {
      name: 'CDK TypeScript: CfnComputeEnvironment with minvCpus 8',
      filename: 'lib/batch-stack.ts',
      code: `import * as batch from 'aws-cdk-lib/aws-batch';

new batch.CfnComputeEnvironment(this, 'ComputeEnvironment', {
  type: 'MANAGED',
  computeResources: {
    type: 'SPOT',
    minvCpus: 8,
    maxvCpus: 256,
    instanceTypes: ['optimal'],
    subnets: vpc.privateSubnets.map((s) => s.subnetId),
  },
});
`,
    },
    {
      name: 'CDK Python: minv_cpus=4',
      filename: 'stacks/batch_stack.py',
      code: `from aws_cdk import aws_batch as batch

batch.CfnComputeEnvironment(
    self,
    "ComputeEnvironment",
    type="MANAGED",
    compute_resources=batch.CfnComputeEnvironment.ComputeResourcesProperty(
        type="EC2",
        minv_cpus=4,
        maxv_cpus=256,
        subnets=subnet_ids,
    ),
)
`,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: EC2 with MinvCpus 0',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ComputeEnvironment:
    Type: AWS::Batch::ComputeEnvironment
    Properties:
      Type: MANAGED
      ComputeResources:
        Type: EC2
        MinvCpus: 0
        MaxvCpus: 256
        InstanceTypes: [optimal]
`,
      errors: [
        {
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 20,
          message: 'min_vcpus is 0',
          suggestions: [
            {
              title: 'Keep 4 vCPUs warm',
              output: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ComputeEnvironment:
    Type: AWS::Batch::ComputeEnvironment
    Properties:
      Type: MANAGED
      ComputeResources:
        Type: EC2
        MinvCpus: 4
        MaxvCpus: 256
        InstanceTypes: [optimal]
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'SAM: SPOT without MinvCpus',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  SpotEnvironment:
    Type: AWS::Batch::ComputeEnvironment
    Properties:
      Type: MANAGED
      ComputeResources:
        Type: SPOT
        MaxvCpus: 128
        BidPercentage: 60
`,
      errors: [
        {
          line: 7,
          column: 7,
          endLine: 7,
          endColumn: 23,
          message: 'min_vcpus is not set (0)',
          suggestions: [
            {
              title: 'Keep 4 vCPUs warm',
              output: `Transform: AWS::Serverless-2016-10-31
Resources:
  SpotEnvironment:
    Type: AWS::Batch::ComputeEnvironment
    Properties:
      Type: MANAGED
      ComputeResources:
        Type: SPOT
        MaxvCpus: 128
        BidPercentage: 60
        MinvCpus: 4
`,
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON: MinvCpus 0',
      filename: 'template.json',
      code: `{
  "Resources": {
    "ComputeEnvironment": {
      "Type": "AWS::Batch::ComputeEnvironment",
      "Properties": {
        "Type": "MANAGED",
        "ComputeResources": { "Type": "EC2", "MinvCpus": 0, "MaxvCpus": 64 }
      }
    }
  }
}
`,
      errors: [
        {
          line: 7,
          column: 46,
          endLine: 7,
          endColumn: 59,
          message: 'min_vcpus is 0',
          suggestions: [
            {
              title: 'Keep 4 vCPUs warm',
              output: `{
  "Resources": {
    "ComputeEnvironment": {
      "Type": "AWS::Batch::ComputeEnvironment",
      "Properties": {
        "Type": "MANAGED",
        "ComputeResources": { "Type": "EC2", "MinvCpus": 4, "MaxvCpus": 64 }
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
      name: 'CDK TypeScript: EC2 without minvCpus',
      filename: 'lib/batch-stack.ts',
      code: `import { aws_batch as batch } from 'aws-cdk-lib';

new batch.CfnComputeEnvironment(this, 'ComputeEnvironment', {
  type: 'MANAGED',
  computeResources: {
    type: 'EC2',
    maxvCpus: 256,
    instanceTypes: ['optimal'],
  },
});
`,
      errors: [
        {
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 19,
          message: 'min_vcpus is not set (0)',
          suggestions: [
            {
              title: 'Keep 4 vCPUs warm',
              output: `import { aws_batch as batch } from 'aws-cdk-lib';

new batch.CfnComputeEnvironment(this, 'ComputeEnvironment', {
  type: 'MANAGED',
  computeResources: {
    type: 'EC2',
    maxvCpus: 256,
    instanceTypes: ['optimal'],
    minvCpus: 4,
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
      name: 'CDK TypeScript: minvCpus 0 from a constant',
      filename: 'lib/batch-stack.ts',
      code: `import { CfnComputeEnvironment } from 'aws-cdk-lib/aws-batch';

const MIN_VCPUS = 0;

new CfnComputeEnvironment(this, 'ComputeEnvironment', {
  type: 'MANAGED',
  computeResources: { type: 'SPOT', minvCpus: MIN_VCPUS, maxvCpus: 64 },
});
`,
      errors: [
        { line: 7, column: 37, endLine: 7, endColumn: 56, message: 'min_vcpus is 0 (local "MIN_VCPUS")' },
      ],
      output: null,
    },
    {
      name: 'CDK Python: minv_cpus=0',
      filename: 'stacks/batch_stack.py',
      code: `from aws_cdk import aws_batch as batch

batch.CfnComputeEnvironment(
    self,
    "ComputeEnvironment",
    type="MANAGED",
    compute_resources=batch.CfnComputeEnvironment.ComputeResourcesProperty(
        type="EC2",
        minv_cpus=0,
        maxv_cpus=256,
    ),
)
`,
      errors: [
        {
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 20,
          message: 'min_vcpus is 0',
          suggestions: [
            {
              title: 'Keep 4 vCPUs warm',
              output: `from aws_cdk import aws_batch as batch

batch.CfnComputeEnvironment(
    self,
    "ComputeEnvironment",
    type="MANAGED",
    compute_resources=batch.CfnComputeEnvironment.ComputeResourcesProperty(
        type="EC2",
        minv_cpus=4,
        maxv_cpus=256,
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
      name: 'CDK Python: EC2 without minv_cpus',
      filename: 'stacks/batch_stack.py',
      code: `import aws_cdk.aws_batch as batch

batch.CfnComputeEnvironment(
    self,
    "ComputeEnvironment",
    type="MANAGED",
    compute_resources=batch.CfnComputeEnvironment.ComputeResourcesProperty(type="EC2", maxv_cpus=256),
)
`,
      errors: [
        {
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 22,
          message: 'min_vcpus is not set (0)',
          suggestions: [
            {
              title: 'Keep 4 vCPUs warm',
              output: `import aws_cdk.aws_batch as batch

batch.CfnComputeEnvironment(
    self,
    "ComputeEnvironment",
    type="MANAGED",
    compute_resources=batch.CfnComputeEnvironment.ComputeResourcesProperty(type="EC2", maxv_cpus=256, minv_cpus=4),
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
      code: `service: jobs
provider:
  name: aws
resources:
  Resources:
    ComputeEnvironment:
      Type: AWS::Batch::ComputeEnvironment
      Properties:
        Type: MANAGED
        ComputeResources:
          Type: EC2
          MinvCpus: 0
          MaxvCpus: 64
`,
      errors: [
        {
          line: 12,
          column: 11,
          endLine: 12,
          endColumn: 22,
          message: 'min_vcpus is 0',
          suggestions: [
            {
              title: 'Keep 4 vCPUs warm',
              output: `service: jobs
provider:
  name: aws
resources:
  Resources:
    ComputeEnvironment:
      Type: AWS::Batch::ComputeEnvironment
      Properties:
        Type: MANAGED
        ComputeResources:
          Type: EC2
          MinvCpus: 4
          MaxvCpus: 64
`,
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
