import { athenaPartitionFilter } from '../../../../src/core/rules/athena/partition-filter';
import { ruleTester } from '../../rule-tester';

const DDL = `CREATE EXTERNAL TABLE analytics.orders (
  order_id string,
  customer_id string,
  total_amount decimal(10,2),
  order_date timestamp
)
PARTITIONED BY (year int, month int, day int)
STORED AS PARQUET
LOCATION 's3://lake/orders/'
TBLPROPERTIES ('parquet.compression'='SNAPPY');

CREATE EXTERNAL TABLE analytics.events (
  event_id string,
  event_time timestamp
)
PARTITIONED BY (dt string)
STORED AS PARQUET
LOCATION 's3://lake/events/'
TBLPROPERTIES ('parquet.compression'='SNAPPY');

CREATE EXTERNAL TABLE analytics.customers (customer_id string, email string)
STORED AS PARQUET
LOCATION 's3://lake/customers/'
TBLPROPERTIES ('parquet.compression'='SNAPPY');

CREATE VIEW analytics.recent_orders AS SELECT order_id, year, month, day FROM orders;
`;

const files = { 'schema/tables.sql': DDL };

ruleTester(athenaPartitionFilter, {
  valid: [
    {
      name: 'a PostgreSQL cursor (psycopg2) is not Athena, whatever the table names',
      filename: 'app.py',
      files,
      code: 'import psycopg2\n\ndef handler(event, context):\n    cur.execute("SELECT order_id FROM analytics.orders")\n',
    },
    {
      name: 'equality on the partition keys',
      filename: 'q/a.sql',
      files,
      code: 'SELECT order_id FROM orders WHERE year = 2026 AND month = 1;\n',
    },
    {
      name: 'IN on a partition key',
      filename: 'q/a.sql',
      files,
      code: "SELECT event_id FROM events WHERE dt IN ('2026-01-01', '2026-01-02');\n",
    },
    {
      name: 'BETWEEN',
      filename: 'q/a.sql',
      files,
      code: 'SELECT order_id FROM analytics.orders o WHERE o.year BETWEEN 2025 AND 2026;\n',
    },
    { name: 'unpartitioned table', filename: 'q/a.sql', files, code: 'SELECT email FROM customers;\n' },
    { name: 'unknown table', filename: 'q/a.sql', files, code: 'SELECT a FROM somewhere_else;\n' },
    {
      name: 'outer filter on a CTE column pushes down',
      filename: 'q/a.sql',
      files,
      code: 'WITH o AS (SELECT order_id, year FROM orders)\nSELECT order_id FROM o WHERE year = 2026;\n',
    },
    {
      name: 'filter through a subquery with a renamed column',
      filename: 'q/a.sql',
      files,
      code: 'SELECT id FROM (SELECT order_id AS id, year AS y FROM orders) s WHERE s.y >= 2025;\n',
    },
    {
      name: 'filter through a view',
      filename: 'q/a.sql',
      files,
      code: 'SELECT order_id FROM recent_orders WHERE year = 2026;\n',
    },
    {
      name: 'join ON filter on the partitioned side',
      filename: 'q/a.sql',
      files,
      code: "SELECT c.email, e.event_id FROM customers c JOIN events e ON e.event_id = c.customer_id AND e.dt = '2026-01-01';\n",
    },
    {
      name: 'dynamic filtering through an equi-join on the partition key',
      filename: 'q/a.sql',
      files,
      code: "SELECT e.event_id FROM events e JOIN (SELECT max(dt) AS dt FROM events WHERE dt > '2026-01-01') m ON e.dt = m.dt;\n",
    },
    {
      name: 'a CTE nobody reads is not executed',
      filename: 'q/a.sql',
      files,
      code: 'WITH unused AS (SELECT * FROM orders)\nSELECT email FROM customers;\n',
    },
    {
      name: 'the view definition itself',
      filename: 'schema/views.sql',
      files,
      code: 'CREATE VIEW v2 AS SELECT order_id FROM orders;\n',
    },
    {
      name: 'a statement with a syntax error yields nothing',
      filename: 'q/a.sql',
      files,
      code: 'SELECT order_id FROM orders WHERE (;\n',
    },
    {
      name: 'MySQL files are not Athena',
      filename: 'db/q.sql',
      files,
      config: { sql: { dialects: { 'db/**': 'mysql' } } },
      code: 'SELECT order_id FROM orders;\n',
    },
    {
      name: 'suppressed in Python',
      filename: 'jobs/report.py',
      files,
      code: 'athena.start_query_execution(QueryString="SELECT order_id FROM orders")  # perfguard-ignore athena/partition-filter\n',
    },
  ],
  invalid: [
    {
      name: "the guide's bad example (order_date is not the partition key)",
      filename: 'q/a.sql',
      files,
      code: "SELECT order_id FROM orders WHERE order_date >= TIMESTAMP '2026-01-01 00:00:00';\n",
      errors: [
        {
          message:
            'Query reads partitioned table analytics.orders without a filter on its partition keys (year, month, day)',
          line: 1,
          column: 22,
          endLine: 1,
          endColumn: 28,
          suggestions: [
            {
              title: 'Add the partition filter year >= 2026',
              output:
                "SELECT order_id FROM orders WHERE order_date >= TIMESTAMP '2026-01-01 00:00:00' AND year >= 2026;\n",
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a bounded month suggests year and month',
      filename: 'q/a.sql',
      files,
      code: "SELECT o.order_id, c.email\nFROM orders o JOIN customers c ON o.customer_id = c.customer_id\nWHERE o.order_date >= DATE '2026-01-01' AND o.order_date < DATE '2026-02-01';\n",
      errors: [
        {
          line: 2,
          column: 6,
          endLine: 2,
          endColumn: 12,
          suggestions: [
            {
              output:
                "SELECT o.order_id, c.email\nFROM orders o JOIN customers c ON o.customer_id = c.customer_id\nWHERE o.order_date >= DATE '2026-01-01' AND o.order_date < DATE '2026-02-01' AND o.year = 2026 AND o.month = 1;\n",
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a date-string partition',
      filename: 'q/a.sql',
      files,
      code: "SELECT event_id FROM events WHERE event_time BETWEEN TIMESTAMP '2026-03-01 00:00:00' AND TIMESTAMP '2026-03-07 23:59:59';\n",
      errors: [
        {
          line: 1,
          column: 22,
          endLine: 1,
          endColumn: 28,
          suggestions: [
            {
              output:
                "SELECT event_id FROM events WHERE event_time BETWEEN TIMESTAMP '2026-03-01 00:00:00' AND TIMESTAMP '2026-03-07 23:59:59' AND dt BETWEEN '2026-03-01' AND '2026-03-07';\n",
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a filter on another column of the CTE does not prune',
      filename: 'q/a.sql',
      files,
      code: "WITH o AS (SELECT order_id, customer_id FROM orders)\nSELECT order_id FROM o WHERE customer_id = 'C1';\n",
      errors: [{ line: 1, column: 46, endLine: 1, endColumn: 52 }],
      output: null,
    },
    {
      name: 'an OR with a data column does not prune; a LEFT JOIN ON filter does not prune the left side',
      filename: 'q/a.sql',
      files,
      code: "SELECT e.event_id FROM events e LEFT JOIN orders o ON o.order_id = e.event_id AND e.dt = '2026-01-01' AND o.year = 2026\nWHERE e.dt = '2026-01-02' OR e.event_id = 'x';\n",
      errors: [{ line: 1, column: 24, endLine: 1, endColumn: 30 }],
      output: null,
    },
    {
      name: 'through a view',
      filename: 'q/a.sql',
      files,
      code: 'SELECT order_id FROM recent_orders;\n',
      errors: [{ message: '(through view recent_orders)', line: 1, column: 22, endLine: 1, endColumn: 35 }],
      output: null,
    },
    {
      name: 'a subquery in WHERE is judged on its own',
      filename: 'q/a.sql',
      files,
      code: 'SELECT email FROM customers WHERE customer_id IN (SELECT customer_id FROM orders);\n',
      errors: [{ line: 1, column: 75, endLine: 1, endColumn: 81 }],
      output: null,
    },
    {
      name: 'INSERT … SELECT reading every partition',
      filename: 'etl/daily.sql',
      files,
      code: 'INSERT INTO analytics.daily SELECT order_id, total_amount FROM analytics.orders;\n',
      errors: [{ line: 1, column: 64, endLine: 1, endColumn: 80 }],
      output: null,
    },
    {
      name: 'embedded in Python with a suggestion inside the string',
      filename: 'jobs/report.py',
      files,
      code: 'import boto3\nathena = boto3.client("athena")\n\nQUERY = """\nSELECT order_id\nFROM orders\nWHERE order_date >= DATE \'2026-01-01\'\n"""\n\n\ndef handler(event, context):\n    return athena.start_query_execution(QueryString=QUERY, WorkGroup="wg")\n',
      errors: [
        {
          line: 6,
          column: 6,
          endLine: 6,
          endColumn: 12,
          suggestions: [
            {
              output:
                'import boto3\nathena = boto3.client("athena")\n\nQUERY = """\nSELECT order_id\nFROM orders\nWHERE order_date >= DATE \'2026-01-01\' AND year >= 2026\n"""\n\n\ndef handler(event, context):\n    return athena.start_query_execution(QueryString=QUERY, WorkGroup="wg")\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'embedded in TypeScript with an interpolated value',
      filename: 'src/report.ts',
      files,
      code: "import { StartQueryExecutionCommand } from '@aws-sdk/client-athena';\nexport const cmd = (id: string) =>\n  new StartQueryExecutionCommand({ QueryString: `SELECT total_amount FROM orders WHERE customer_id = '${id}'` });\n",
      errors: [{ line: 3, column: 75, endLine: 3, endColumn: 81 }],
      output: null,
    },
    {
      name: 'config table with partition keys',
      filename: 'q/b.sql',
      config: {
        tables: [{ name: 'raw.clicks', partitionKeys: [{ name: 'dt', type: 'string' }], columns: ['url'] }],
      },
      code: 'SELECT url FROM raw.clicks;\n',
      errors: [{ message: 'raw.clicks', line: 1, column: 17, endLine: 1, endColumn: 27 }],
      output: null,
    },
  ],
});
