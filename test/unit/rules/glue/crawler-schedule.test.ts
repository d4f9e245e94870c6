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
    {
      name: 'no schedule of its own: a SCHEDULED trigger starts it at 2 AM',
      filename: 'glue.tf',
      code: `resource "aws_glue_crawler" "orders" {
  name = "orders"
}

resource "aws_glue_trigger" "nightly" {
  name     = "nightly"
  type     = "SCHEDULED"
  schedule = "cron(0 2 * * ? *)"

  actions {
    crawler_name = aws_glue_crawler.orders.name
  }
}
`,
    },
    {
      name: 'no schedule of its own: a CONDITIONAL trigger starts it (by name) after a job',
      filename: 'glue.tf',
      code: `resource "aws_glue_crawler" "orders" {
  name = "orders-crawler"
}

resource "aws_glue_trigger" "after_etl" {
  name = "after-etl"
  type = "CONDITIONAL"

  predicate {
    conditions {
      job_name = "orders-etl"
      state    = "SUCCEEDED"
    }
  }

  actions {
    crawler_name = "orders-crawler"
  }
}
`,
    },
    {
      name: 'a trigger starts a crawler the linter cannot name',
      filename: 'glue.tf',
      code: 'variable "crawler" {}\nresource "aws_glue_crawler" "c" {\n  name = "c"\n}\nresource "aws_glue_trigger" "t" {\n  type = "ON_DEMAND"\n  actions {\n    crawler_name = var.crawler\n  }\n}\n',
    },
  ],
  invalid: [
    {
      name: 'a SCHEDULED trigger starts the crawler in business hours: the trigger is judged',
      filename: 'glue.tf',
      code: `resource "aws_glue_crawler" "orders" {
  name = "orders"
}

resource "aws_glue_trigger" "hourly" {
  name     = "hourly"
  type     = "SCHEDULED"
  schedule = "cron(0 10 * * ? *)"

  actions {
    crawler_name = aws_glue_crawler.orders.name
  }
}
`,
      errors: [
        {
          line: 8,
          column: 3,
          endLine: 8,
          endColumn: 34,
          message:
            'Glue trigger starting crawler orders scheduled in business hours: "cron(0 10 * * ? *)" runs at 10:00 UTC, inside 8:00–18:00',
          suggestions: [
            {
              title: 'Run the trigger at 2 AM',
              output: `resource "aws_glue_crawler" "orders" {
  name = "orders"
}

resource "aws_glue_trigger" "hourly" {
  name     = "hourly"
  type     = "SCHEDULED"
  schedule = "cron(0 2 * * ? *)"

  actions {
    crawler_name = aws_glue_crawler.orders.name
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
      name: 'a trigger that starts a job, not this crawler, does not schedule it',
      filename: 'glue.tf',
      code: 'resource "aws_glue_crawler" "c" {\n  name = "c"\n}\nresource "aws_glue_trigger" "t" {\n  type     = "SCHEDULED"\n  schedule = "cron(0 2 * * ? *)"\n  actions {\n    job_name = "etl"\n  }\n}\n',
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 32, message: 'without a schedule' }],
      output: null,
    },
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
