import { glueCrawlerSchedule } from '../../../../src/core/rules/glue/crawler-schedule';
import { ruleTester } from '../../rule-tester';

ruleTester(glueCrawlerSchedule, {
  valid: [
    {
      name: "the guide's 2 AM crawler",
      filename: 'glue.tf',
      code: `resource "aws_glue_crawler" "main" {
  # ... existing configuration ...

  configuration = jsonencode({
    Version = 1.0
    CrawlerOutput = {
      Partitions = { AddOrUpdateBehavior = "InheritFromTable" }
    }
  })

  # Schedule during off-peak hours
  schedule = "cron(0 2 * * ? *)"  # 2 AM daily
}
`,
    },
    {
      name: 'evening runs',
      filename: 'glue.tf',
      code: 'resource "aws_glue_crawler" "c" {\n  schedule = "cron(30 18,22 * * ? *)"\n}\n',
    },
    {
      name: 'unknown',
      filename: 'glue.tf',
      code: 'variable "s" {}\nresource "aws_glue_crawler" "c" {\n  schedule = var.s\n}\n',
    },
  ],
  invalid: [
    {
      name: 'a 9 AM crawler',
      filename: 'glue.tf',
      code: 'resource "aws_glue_crawler" "c" {\n  schedule = "cron(0 9 * * ? *)"\n}\n',
      errors: [
        {
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 33,
          message: 'runs at 9:00 UTC, inside 8:00–18:00',
          suggestions: [
            {
              title: 'Run the crawler at 2 AM',
              output: 'resource "aws_glue_crawler" "c" {\n  schedule = "cron(0 2 * * ? *)"\n}\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'an hourly rate',
      filename: 'glue.tf',
      code: 'resource "aws_glue_crawler" "c" {\n  schedule = "rate(1 hour)"\n}\n',
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 28, message: 'runs around the clock' }],
      output: null,
    },
    {
      name: 'no schedule',
      filename: 'glue.tf',
      code: 'resource "aws_glue_crawler" "c" {\n  name = "orders"\n}\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 32, message: 'without a schedule' }],
      output: null,
    },
  ],
});
