import { dmsTaskSettings } from '../../../../src/core/rules/dms/task-settings';
import { ruleTester } from '../../rule-tester';

ruleTester(dmsTaskSettings, {
  valid: [
    {
      name: 'CloudFormation: settings at the guide values',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Task:
    Type: AWS::DMS::ReplicationTask
    Properties:
      MigrationType: full-load-and-cdc
      ReplicationTaskSettings: '{"FullLoadSettings":{"MaxFullLoadSubTasks":8},"ChangeProcessingTuning":{"BatchApplyMemoryLimit":500,"MemoryLimitTotal":1024,"StatementCacheSize":50}}'
`,
    },
    {
      name: 'SAM: settings at the guide values',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  Task:
    Type: AWS::DMS::ReplicationTask
    Properties:
      MigrationType: full-load-and-cdc
      ReplicationTaskSettings: '{"FullLoadSettings":{"MaxFullLoadSubTasks":8},"ChangeProcessingTuning":{"BatchApplyMemoryLimit":500,"MemoryLimitTotal":1024,"StatementCacheSize":50}}'
`,
    },
    {
      name: 'serverless.yml: settings at the guide values, under resources.Resources',
      filename: 'serverless.yml',
      code: `service: platform
provider:
  name: aws
resources:
  Resources:
    Task:
      Type: AWS::DMS::ReplicationTask
      Properties:
        MigrationType: full-load-and-cdc
        ReplicationTaskSettings: '{"FullLoadSettings":{"MaxFullLoadSubTasks":8},"ChangeProcessingTuning":{"BatchApplyMemoryLimit":500,"MemoryLimitTotal":1024,"StatementCacheSize":50}}'
`,
    },
    {
      name: 'CloudFormation: no settings (DMS defaults meet the guide)',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Task:
    Type: AWS::DMS::ReplicationTask
    Properties:
      MigrationType: cdc
`,
    },
    {
      name: 'CDK TypeScript: JSON.stringify is not read (unknown)',
      filename: 'lib/dms-stack.ts',
      code: `import * as dms from 'aws-cdk-lib/aws-dms';

new dms.CfnReplicationTask(this, 'Task', {
  migrationType: 'full-load-and-cdc',
  replicationTaskSettings: JSON.stringify({ FullLoadSettings: { MaxFullLoadSubTasks: 2 } }),
});
`,
    },
    {
      name: 'CDK Python: settings at the guide values',
      filename: 'stacks/dms_stack.py',
      code: `from aws_cdk import aws_dms as dms

dms.CfnReplicationTask(
    self,
    "Task",
    migration_type="full-load-and-cdc",
    replication_task_settings='{"FullLoadSettings": {"MaxFullLoadSubTasks": 16}}',
)
`,
    },
  ],
  invalid: [
    {
      name: 'CloudFormation: a block scalar with low full-load and batch-apply values',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Task:
    Type: AWS::DMS::ReplicationTask
    Properties:
      MigrationType: full-load-and-cdc
      ReplicationTaskSettings: |
        {
          "FullLoadSettings": { "MaxFullLoadSubTasks": 4 },
          "ChangeProcessingTuning": { "BatchApplyMemoryLimit": 250, "MemoryLimitTotal": 1024 }
        }
`,
      errors: [
        {
          line: 7,
          column: 7,
          endLine: 12,
          endColumn: 1,
          message: 'MaxFullLoadSubTasks 4 (target 8), BatchApplyMemoryLimit 250',
        },
      ],
      output: null,
    },
    {
      name: 'SAM: StatementCacheSize below 50',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  Task:
    Type: AWS::DMS::ReplicationTask
    Properties:
      MigrationType: cdc
      ReplicationTaskSettings: '{"ChangeProcessingTuning":{"StatementCacheSize":10}}'
`,
      errors: [
        { line: 7, column: 7, endLine: 7, endColumn: 86, message: 'StatementCacheSize 10 (target 50)' },
      ],
      output: null,
    },
    {
      name: 'CloudFormation JSON: a settings string',
      filename: 'template.json',
      code: `{
  "Resources": {
    "Task": {
      "Type": "AWS::DMS::ReplicationTask",
      "Properties": {
        "MigrationType": "full-load",
        "ReplicationTaskSettings": "{\\"FullLoadSettings\\":{\\"MaxFullLoadSubTasks\\":4},\\"ChangeProcessingTuning\\":{\\"BatchApplyMemoryLimit\\":250}}"
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
          endColumn: 147,
          message: 'MaxFullLoadSubTasks 4 (target 8), BatchApplyMemoryLimit 250',
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: a settings string from a constant',
      filename: 'lib/dms-stack.ts',
      code: `import { aws_dms as dms } from 'aws-cdk-lib';

const TASK_SETTINGS = '{"FullLoadSettings":{"MaxFullLoadSubTasks":4}}';

new dms.CfnReplicationTask(this, 'Task', {
  migrationType: 'full-load',
  replicationTaskSettings: TASK_SETTINGS,
});
`,
      errors: [
        {
          line: 7,
          column: 3,
          endLine: 7,
          endColumn: 41,
          message: 'MaxFullLoadSubTasks 4 (target 8) (local "TASK_SETTINGS")',
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: an inline settings string',
      filename: 'lib/dms-stack.ts',
      code: `import { CfnReplicationTask } from 'aws-cdk-lib/aws-dms';

new CfnReplicationTask(this, 'Task', {
  migrationType: 'cdc',
  replicationTaskSettings: '{"ChangeProcessingTuning":{"MemoryLimitTotal":512}}',
});
`,
      errors: [
        { line: 5, column: 3, endLine: 5, endColumn: 81, message: 'MemoryLimitTotal 512 (target 1024)' },
      ],
      output: null,
    },
    {
      name: 'CDK Python: a settings string',
      filename: 'stacks/dms_stack.py',
      code: `from aws_cdk import aws_dms as dms

dms.CfnReplicationTask(
    self,
    "Task",
    migration_type="full-load-and-cdc",
    replication_task_settings='{"FullLoadSettings": {"MaxFullLoadSubTasks": 2}}',
)
`,
      errors: [
        { line: 7, column: 5, endLine: 7, endColumn: 81, message: 'MaxFullLoadSubTasks 2 (target 8)' },
      ],
      output: null,
    },
    {
      name: 'serverless.yml: resources.Resources',
      filename: 'serverless.yml',
      code: `service: cdc
provider:
  name: aws
resources:
  Resources:
    Task:
      Type: AWS::DMS::ReplicationTask
      Properties:
        MigrationType: cdc
        ReplicationTaskSettings: '{"ChangeProcessingTuning":{"BatchApplyMemoryLimit":100}}'
`,
      errors: [
        {
          line: 10,
          column: 9,
          endLine: 10,
          endColumn: 92,
          message: 'BatchApplyMemoryLimit 100 (target 500)',
        },
      ],
      output: null,
    },
  ],
});
