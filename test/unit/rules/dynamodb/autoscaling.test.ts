import { dynamodbAutoscaling } from '../../../../src/core/rules/dynamodb/autoscaling';
import { ruleTester } from '../../rule-tester';

const table =
  'resource "aws_dynamodb_table" "users" {\n  name           = "users"\n  read_capacity  = 5\n  write_capacity = 5\n  hash_key       = "id"\n}\n';
const target = (dim: string, id = 'table/${aws_dynamodb_table.users.name}') =>
  `resource "aws_appautoscaling_target" "users_${dim}" {\n  max_capacity       = 100\n  min_capacity       = 5\n  resource_id        = "${id}"\n  scalable_dimension = "dynamodb:table:${dim}CapacityUnits"\n  service_namespace  = "dynamodb"\n}\n`;

ruleTester(dynamodbAutoscaling, {
  valid: [
    {
      name: 'read and write targets by reference',
      filename: 'db.tf',
      code: table + target('Read') + target('Write'),
    },
    {
      name: 'on-demand',
      filename: 'db.tf',
      code: 'resource "aws_dynamodb_table" "t" {\n  billing_mode = "PAY_PER_REQUEST"\n}\n',
    },
    {
      name: 'a target whose table cannot be told',
      filename: 'db.tf',
      code: 'variable "t" {}\n' + table + target('Read', 'table/${var.t}'),
    },
    {
      name: 'capacity managed elsewhere',
      filename: 'db.tf',
      code: 'resource "aws_dynamodb_table" "t" {\n  lifecycle {\n    ignore_changes = [read_capacity, write_capacity]\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: "the guide's read-only autoscaling: write is missing",
      filename: 'db.tf',
      code: table + target('Read'),
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 38, message: 'for its write capacity' }],
      output: null,
    },
    {
      name: 'explicit PROVISIONED, a target for another table by name',
      filename: 'db.tf',
      code:
        'resource "aws_dynamodb_table" "orders" {\n  name         = "orders"\n  billing_mode = "PROVISIONED"\n}\n' +
        target('Read', 'table/users'),
      errors: [{ line: 3, column: 3, endLine: 3, endColumn: 31, message: 'read and write capacity' }],
      output: null,
    },
  ],
});
