import { batchSpot } from '../../../../src/core/rules/batch/spot';
import * as assert from 'assert';
import { lintCase, ruleTester } from '../../rule-tester';

ruleTester(batchSpot, {
  valid: [
    {
      name: 'CloudFormation: a SPOT environment',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  SpotEnvironment:
    Type: AWS::Batch::ComputeEnvironment
    Properties:
      Type: MANAGED
      ComputeResources:
        Type: SPOT
        MinvCpus: 4
        MaxvCpus: 256
`,
    },
    {
      name: 'SAM: a SPOT environment',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  SpotEnvironment:
    Type: AWS::Batch::ComputeEnvironment
    Properties:
      Type: MANAGED
      ComputeResources:
        Type: SPOT
        MinvCpus: 4
        MaxvCpus: 256
`,
    },
    {
      name: 'serverless.yml: a SPOT environment, under resources.Resources',
      filename: 'serverless.yml',
      code: `service: platform
provider:
  name: aws
resources:
  Resources:
    SpotEnvironment:
      Type: AWS::Batch::ComputeEnvironment
      Properties:
        Type: MANAGED
        ComputeResources:
          Type: SPOT
          MinvCpus: 4
          MaxvCpus: 256
`,
    },
    {
      name: 'CloudFormation: an unmanaged environment has no compute type',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Unmanaged:
    Type: AWS::Batch::ComputeEnvironment
    Properties:
      Type: UNMANAGED
`,
    },
    {
      name: 'CDK TypeScript: FARGATE_SPOT',
      filename: 'lib/batch-stack.ts',
      code: `import * as batch from 'aws-cdk-lib/aws-batch';

new batch.CfnComputeEnvironment(this, 'Fargate', {
  type: 'MANAGED',
  computeResources: { type: 'FARGATE_SPOT', maxvCpus: 64, subnets: subnetIds, securityGroupIds: [sg.securityGroupId] },
});
`,
    },
    {
      name: 'CDK Python: SPOT',
      filename: 'stacks/batch_stack.py',
      code: `from aws_cdk import aws_batch as batch

batch.CfnComputeEnvironment(
    self,
    "SpotEnvironment",
    type="MANAGED",
    compute_resources=batch.CfnComputeEnvironment.ComputeResourcesProperty(type="SPOT", minv_cpus=4, maxv_cpus=256),
)
`,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: EC2 alone',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OnDemand:
    Type: AWS::Batch::ComputeEnvironment
    Properties:
      Type: MANAGED
      ComputeResources:
        Type: EC2
        MinvCpus: 4
        MaxvCpus: 256
`,
      errors: [
        {
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 18,
          message: 'compute_resources.type is "EC2" and no job queue pairs it',
        },
      ],
      output: null,
    },
    {
      name: 'SAM: FARGATE alone',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  Fargate:
    Type: AWS::Batch::ComputeEnvironment
    Properties:
      Type: MANAGED
      ComputeResources:
        Type: FARGATE
        MaxvCpus: 64
`,
      errors: [
        {
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 22,
          message: 'compute_resources.type is "FARGATE" and no job queue pairs',
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON: EC2 alone',
      filename: 'template.json',
      code: `{
  "Resources": {
    "OnDemand": {
      "Type": "AWS::Batch::ComputeEnvironment",
      "Properties": { "Type": "MANAGED", "ComputeResources": { "Type": "EC2", "MinvCpus": 4, "MaxvCpus": 64 } }
    }
  }
}
`,
      errors: [
        {
          line: 5,
          column: 64,
          endLine: 5,
          endColumn: 77,
          message: 'compute_resources.type is "EC2" and no job queue pairs it',
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: EC2 alone',
      filename: 'lib/batch-stack.ts',
      code: `import { aws_batch as batch } from 'aws-cdk-lib';

new batch.CfnComputeEnvironment(this, 'OnDemand', {
  type: 'MANAGED',
  computeResources: {
    type: 'EC2',
    minvCpus: 4,
    maxvCpus: 256,
  },
});
`,
      errors: [
        {
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 16,
          message: 'compute_resources.type is "EC2" and no job queue pairs it',
        },
      ],
      output: null,
    },
    {
      name: 'CDK Python: FARGATE alone',
      filename: 'stacks/batch_stack.py',
      code: `from aws_cdk import aws_batch as batch

batch.CfnComputeEnvironment(
    self,
    "Fargate",
    type="MANAGED",
    compute_resources=batch.CfnComputeEnvironment.ComputeResourcesProperty(type="FARGATE", maxv_cpus=64),
)
`,
      errors: [
        {
          line: 7,
          column: 76,
          endLine: 7,
          endColumn: 90,
          message: 'compute_resources.type is "FARGATE" and no job queue pairs',
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
    OnDemand:
      Type: AWS::Batch::ComputeEnvironment
      Properties:
        Type: MANAGED
        ComputeResources:
          Type: EC2
          MaxvCpus: 64
`,
      errors: [
        {
          line: 11,
          column: 11,
          endLine: 11,
          endColumn: 20,
          message: 'compute_resources.type is "EC2" and no job queue pairs it',
        },
      ],
      output: null,
    },
  ],
});

describe('batch/spot: known bugs', () => {
  // Regression: AWS::Batch::JobQueue (and CDK CfnJobQueue) was not mapped to aws_batch_job_queue, so a queue that pairs
  // an EC2 environment with a SPOT one is not seen and the EC2 environment is reported.
  it('CloudFormation: a job queue pairing EC2 with SPOT makes EC2 the fallback', async () => {
    const { findings } = await lintCase(batchSpot, {
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OnDemand:
    Type: AWS::Batch::ComputeEnvironment
    Properties:
      Type: MANAGED
      ComputeResources:
        Type: EC2
        MaxvCpus: 64
  Spot:
    Type: AWS::Batch::ComputeEnvironment
    Properties:
      Type: MANAGED
      ComputeResources:
        Type: SPOT
        MaxvCpus: 256
  Queue:
    Type: AWS::Batch::JobQueue
    Properties:
      Priority: 1
      ComputeEnvironmentOrder:
        - Order: 1
          ComputeEnvironment: !Ref Spot
        - Order: 2
          ComputeEnvironment: !Ref OnDemand
`,
    });
    assert.deepStrictEqual(findings, []);
  });
  it('CDK TypeScript: a CfnJobQueue pairing EC2 with SPOT makes EC2 the fallback', async () => {
    const { findings } = await lintCase(batchSpot, {
      filename: 'lib/batch-stack.ts',
      code: `import * as batch from 'aws-cdk-lib/aws-batch';

const onDemand = new batch.CfnComputeEnvironment(this, 'OnDemand', {
  type: 'MANAGED',
  computeResources: { type: 'EC2', maxvCpus: 64 },
});
const spot = new batch.CfnComputeEnvironment(this, 'Spot', {
  type: 'MANAGED',
  computeResources: { type: 'SPOT', maxvCpus: 256 },
});
new batch.CfnJobQueue(this, 'Queue', {
  priority: 1,
  computeEnvironmentOrder: [
    { order: 1, computeEnvironment: spot.ref },
    { order: 2, computeEnvironment: onDemand.attrComputeEnvironmentArn },
  ],
});
`,
    });
    assert.deepStrictEqual(findings, []);
  });
});
