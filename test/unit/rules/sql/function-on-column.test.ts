import { sqlFunctionOnColumn } from '../../../../src/core/rules/sql/function-on-column';
import { ruleTester } from '../../rule-tester';

const files = {
  'schema/lake.sql': `CREATE EXTERNAL TABLE events (id string, ts timestamp, day_str string, d date)
PARTITIONED BY (dt string)
STORED AS PARQUET LOCATION 's3://lake/events/' TBLPROPERTIES ('parquet.compression'='SNAPPY');
`,
  'db/schema.sql':
    'CREATE TABLE orders (id INT PRIMARY KEY, order_date DATETIME, code VARCHAR(10)) ENGINE=InnoDB;\n',
};

ruleTester(sqlFunctionOnColumn, {
  valid: [
    {
      name: 'bare range',
      filename: 'q.sql',
      files,
      code: "SELECT id FROM events WHERE ts >= TIMESTAMP '2026-01-01 00:00:00';\n",
    },
    { name: 'function in the select list', filename: 'q.sql', files, code: 'SELECT year(ts) FROM events;\n' },
    {
      name: 'function over a partition key still prunes in Athena',
      filename: 'q.sql',
      files,
      code: "SELECT id FROM events WHERE substr(dt, 1, 7) = '2026-01';\n",
    },
    {
      name: 'function compared with a column',
      filename: 'q.sql',
      files,
      code: 'SELECT id FROM events e WHERE date(e.ts) = e.d;\n',
    },
  ],
  invalid: [
    {
      name: "the guide's MySQL example",
      filename: 'db/report.sql',
      files,
      config: { sql: { dialects: { 'db/**': 'mysql' } } },
      code: 'SELECT * FROM orders WHERE YEAR(order_date) = 2026;\n',
      errors: [
        { message: 'YEAR(order_date) hides order_date', line: 1, column: 28, endLine: 1, endColumn: 44 },
      ],
      output: "SELECT * FROM orders WHERE order_date >= '2026-01-01' AND order_date < '2027-01-01';\n",
    },
    {
      name: 'timestamp column in Athena gets TIMESTAMP literals',
      filename: 'q.sql',
      files,
      code: "SELECT id FROM events WHERE year(ts) = 2026 AND dt = '2026-01-01';\n",
      errors: [{ line: 1, column: 29, endLine: 1, endColumn: 37 }],
      output:
        "SELECT id FROM events WHERE ts >= TIMESTAMP '2026-01-01 00:00:00' AND ts < TIMESTAMP '2027-01-01 00:00:00' AND dt = '2026-01-01';\n",
    },
    {
      name: 'CAST AS DATE on a date column, inside an OR (parenthesized)',
      filename: 'q.sql',
      files,
      code: "SELECT id FROM events WHERE CAST(d AS DATE) = DATE '2026-02-28' OR id = 'x';\n",
      errors: [{ line: 1, column: 29, endLine: 1, endColumn: 44 }],
      output: "SELECT id FROM events WHERE (d >= DATE '2026-02-28' AND d < DATE '2026-03-01') OR id = 'x';\n",
    },
    {
      name: 'date_trunc month and BETWEEN on years',
      filename: 'q.sql',
      files,
      code: "SELECT id FROM events WHERE date_trunc('month', ts) = DATE '2026-12-01' AND year(ts) BETWEEN 2024 AND 2025;\n",
      errors: [
        { line: 1, column: 29, endLine: 1, endColumn: 52 },
        { line: 1, column: 77, endLine: 1, endColumn: 85 },
      ],
      output:
        "SELECT id FROM events WHERE ts >= TIMESTAMP '2026-12-01 00:00:00' AND ts < TIMESTAMP '2027-01-01 00:00:00' AND ts >= TIMESTAMP '2024-01-01 00:00:00' AND ts < TIMESTAMP '2026-01-01 00:00:00';\n",
    },
    {
      name: 'substr prefix on a string column',
      filename: 'q.sql',
      files,
      code: "SELECT id FROM events WHERE substr(day_str, 1, 7) = '2026-09';\n",
      errors: [{ line: 1, column: 29, endLine: 1, endColumn: 50 }],
      output: "SELECT id FROM events WHERE day_str >= '2026-09' AND day_str < '2026-10';\n",
    },
    {
      name: 'month() has no exact range: reported without a fix; a join condition counts',
      filename: 'q.sql',
      files,
      code: 'SELECT e.id FROM events e JOIN events f ON f.id = e.id AND month(f.ts) = 3;\n',
      errors: [{ line: 1, column: 60, endLine: 1, endColumn: 71 }],
      output: null,
    },
    {
      name: 'date() over an unknown column type has no safe literal',
      filename: 'q.sql',
      files,
      code: "SELECT a FROM unknown_t WHERE date(created) = DATE '2026-01-01';\n",
      errors: [{ line: 1, column: 31, endLine: 1, endColumn: 44 }],
      output: null,
    },
    {
      name: 'pymysql with a %s parameter: unknown value, no fix',
      filename: 'app/db.py',
      files,
      code: 'import pymysql\n\ndef run(cur, y):\n    cur.execute("SELECT id FROM orders WHERE YEAR(order_date) = %s", (y,))\n',
      errors: [{ message: 'interpolated and unknown', line: 4, column: 46, endLine: 4, endColumn: 62 }],
      output: null,
    },
    {
      name: 'f-string in Python: fixed inside the string',
      filename: 'app/db.py',
      files,
      code: 'import pymysql\n\ndef run(cur, table):\n    cur.execute(f"SELECT id FROM orders WHERE YEAR(order_date) = 2025 AND code = {table!r}")\n',
      errors: [{ line: 4, column: 47, endLine: 4, endColumn: 63 }],
      output:
        "import pymysql\n\ndef run(cur, table):\n    cur.execute(f\"SELECT id FROM orders WHERE order_date >= '2025-01-01' AND order_date < '2026-01-01' AND code = {table!r}\")\n",
    },
  ],
});
