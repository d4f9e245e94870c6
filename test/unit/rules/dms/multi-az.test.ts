import { dmsMultiAz } from '../../../../src/core/rules/dms/multi-az';
import { ruleTester } from '../../rule-tester';

ruleTester(dmsMultiAz, {
  valid: [
    {
      name: "the guide's replication instance",
      filename: 'dms.tf',
      code: `resource "aws_dms_replication_instance" "main" {
  replication_instance_class   = "dms.c5.2xlarge"  # Upgrade from c5.large
  allocated_storage            = 200  # Increase from 100 GB
  multi_az                     = true

  # Enable CloudWatch logs
  enable_cloudwatch_logs_exports = ["error", "warning"]
}
`,
    },
  ],
  invalid: [
    {
      filename: 'dms.tf',
      code: 'resource "aws_dms_replication_instance" "main" {\n  replication_instance_class = "dms.c5.large"\n}\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 47, message: 'multi_az is not set' }],
      output:
        'resource "aws_dms_replication_instance" "main" {\n  replication_instance_class = "dms.c5.large"\n  multi_az                   = true\n}\n',
    },
    {
      filename: 'dms.tf',
      code: 'resource "aws_dms_replication_instance" "main" {\n  multi_az = false\n}\n',
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 19, message: 'multi_az is false' }],
      output: 'resource "aws_dms_replication_instance" "main" {\n  multi_az = true\n}\n',
    },
  ],
});
