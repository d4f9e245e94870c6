import { sqlSelectStar } from '../../../../src/core/rules/sql/select-star';
import { ruleTester } from '../../rule-tester';

const files = {
  'schema/tables.sql': `CREATE EXTERNAL TABLE customers (customer_id string, email string, "first name" string)
STORED AS PARQUET LOCATION 's3://lake/customers/' TBLPROPERTIES ('parquet.compression'='SNAPPY');
CREATE EXTERNAL TABLE orders (order_id string, customer_id string, total decimal(10,2))
PARTITIONED BY (dt string)
STORED AS PARQUET LOCATION 's3://lake/orders/' TBLPROPERTIES ('parquet.compression'='SNAPPY');
CREATE EXTERNAL TABLE customers_backup (customer_id string, email string, "first name" string)
STORED AS PARQUET LOCATION 's3://lake/backup/' TBLPROPERTIES ('parquet.compression'='SNAPPY');
`,
};

ruleTester(sqlSelectStar, {
  valid: [
    { name: 'named columns', filename: 'q.sql', files, code: 'SELECT customer_id, email FROM customers;\n' },
    { name: 'count(*)', filename: 'q.sql', files, code: 'SELECT count(*) FROM customers;\n' },
    {
      name: 'a CTE whose consumer names its columns',
      filename: 'q.sql',
      files,
      code: 'WITH c AS (SELECT * FROM customers)\nSELECT email FROM c;\n',
    },
    {
      name: 'a subquery whose consumer names its columns',
      filename: 'q.sql',
      files,
      code: "SELECT o.order_id FROM (SELECT * FROM orders WHERE dt = '2026-01-01') o;\n",
    },
    {
      name: 'EXISTS (SELECT * …)',
      filename: 'q.sql',
      files,
      code: 'SELECT email FROM customers c WHERE EXISTS (SELECT * FROM orders o WHERE o.customer_id = c.customer_id);\n',
    },
    {
      name: 'exploring with LIMIT, as the guide recommends',
      filename: 'q.sql',
      files,
      code: 'SELECT * FROM orders LIMIT 100;\n',
    },
    {
      name: 'a psycopg2 cursor is PostgreSQL, not Athena',
      filename: 'app.py',
      files,
      code: 'import psycopg2\n\ndef handler(event, context):\n    cur.execute("SELECT * FROM customers")\n',
    },
    {
      name: 'a cursor of a driver the module does not import (Aurora DSQL through a helper)',
      filename: 'app.py',
      files,
      code: 'from db import dsql_connection\n\ndef handler(event, context):\n    with dsql_connection().cursor() as cur:\n        cur.execute("SELECT * FROM customers")\n',
    },
    {
      name: 'view definitions',
      filename: 'v.sql',
      files,
      code: 'CREATE VIEW v AS SELECT * FROM customers;\n',
    },
  ],
  invalid: [
    {
      name: "the guide's bad example, expanded from the catalog",
      filename: 'q.sql',
      files,
      code: "SELECT * FROM customers WHERE customer_id = 'CUST001';\n",
      errors: [
        { message: 'SELECT * reads every column of customers', line: 1, column: 8, endLine: 1, endColumn: 9 },
      ],
      output: `SELECT customer_id, email, "first name" FROM customers WHERE customer_id = 'CUST001';\n`,
    },
    {
      name: 'a star over a join is qualified; partition columns come last',
      filename: 'q.sql',
      files,
      code: 'SELECT * FROM orders o JOIN customers c ON o.customer_id = c.customer_id;\n',
      errors: [{ line: 1, column: 8, endLine: 1, endColumn: 9 }],
      output:
        'SELECT o.order_id, o.customer_id, o.total, o.dt, c.customer_id, c.email, c."first name" FROM orders o JOIN customers c ON o.customer_id = c.customer_id;\n',
    },
    {
      name: 't.* reaching the result through a CTE star',
      filename: 'q.sql',
      files,
      code: 'WITH x AS (SELECT c.* FROM customers c)\nSELECT * FROM x;\n',
      errors: [
        { line: 1, column: 19, endLine: 1, endColumn: 22 },
        { line: 2, column: 8, endLine: 2, endColumn: 9 },
      ],
      output:
        'WITH x AS (SELECT c.customer_id, c.email, c."first name" FROM customers c)\nSELECT customer_id, email, "first name" FROM x;\n',
    },
    {
      name: 'unknown table: reported without a fix',
      filename: 'q.sql',
      files,
      code: 'SELECT * FROM raw_events;\n',
      errors: [{ line: 1, column: 8, endLine: 1, endColumn: 9 }],
      output: null,
    },
    {
      name: 'INSERT … SELECT * between tables of the same shape is info',
      filename: 'etl.sql',
      files,
      code: 'INSERT INTO customers_backup SELECT * FROM customers;\n',
      errors: [{ message: 'same shape', severity: 'info', line: 1, column: 37, endLine: 1, endColumn: 38 }],
      output: `INSERT INTO customers_backup SELECT customer_id, email, "first name" FROM customers;\n`,
    },
    {
      name: 'in Python, the fix is written inside the string',
      filename: 'app.py',
      files,
      code: 'from pyathena import connect\n\ndef handler(event, context):\n    cur.execute("SELECT * FROM customers")\n',
      errors: [{ line: 4, column: 25, endLine: 4, endColumn: 26 }],
      output:
        'from pyathena import connect\n\ndef handler(event, context):\n    cur.execute("SELECT customer_id, email, \\"first name\\" FROM customers")\n',
    },
    {
      name: 'in TypeScript',
      filename: 'app.ts',
      files,
      code: "const r = await athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT * FROM orders', WorkGroup: 'wg' }));\n",
      errors: [{ line: 1, column: 83, endLine: 1, endColumn: 84 }],
      output:
        "const r = await athena.send(new StartQueryExecutionCommand({ QueryString: 'SELECT order_id, customer_id, total, dt FROM orders', WorkGroup: 'wg' }));\n",
    },
  ],
});
