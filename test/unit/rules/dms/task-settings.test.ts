import { dmsTaskSettings } from '../../../../src/core/rules/dms/task-settings';
import { ruleTester } from '../../rule-tester';

ruleTester(dmsTaskSettings, {
  valid: [
    {
      name: "the guide's task settings as a heredoc",
      filename: 'dms.tf',
      code: `resource "aws_dms_replication_task" "cdc" {
  replication_task_settings = <<EOF
{
  "FullLoadSettings": {
    "TargetTablePrepMode": "TRUNCATE_BEFORE_LOAD",
    "MaxFullLoadSubTasks": 8,
    "TransactionConsistencyTimeout": 600
  },
  "ChangeProcessingTuning": {
    "BatchApplyMemoryLimit": 500,
    "MemoryLimitTotal": 1024,
    "StatementCacheSize": 50
  }
}
EOF
}
`,
    },
    {
      name: 'no settings: DMS defaults',
      filename: 'dms.tf',
      code: 'resource "aws_dms_replication_task" "cdc" {}\n',
    },
  ],
  invalid: [
    {
      name: 'jsonencode with low values',
      filename: 'dms.tf',
      code: 'resource "aws_dms_replication_task" "cdc" {\n  replication_task_settings = jsonencode({\n    FullLoadSettings       = { MaxFullLoadSubTasks = 2 }\n    ChangeProcessingTuning = { StatementCacheSize = 10 }\n  })\n}\n',
      errors: [
        {
          line: 2,
          column: 3,
          endLine: 5,
          endColumn: 5,
          message: 'MaxFullLoadSubTasks 2 (target 8), StatementCacheSize 10 (target 50)',
        },
      ],
      output: null,
    },
    {
      name: 'a heredoc with a low batch-apply memory limit',
      filename: 'dms.tf',
      code: 'resource "aws_dms_replication_task" "cdc" {\n  replication_task_settings = <<-JSON\n    {"ChangeProcessingTuning": {"BatchApplyMemoryLimit": 100}}\n  JSON\n}\n',
      errors: [
        { line: 2, column: 3, endLine: 4, endColumn: 7, message: 'BatchApplyMemoryLimit 100 (target 500)' },
      ],
      output: null,
    },
  ],
});
