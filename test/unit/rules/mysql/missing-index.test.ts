import { mysqlMissingIndex } from '../../../../src/core/rules/mysql/missing-index';
import { ruleTester } from '../../rule-tester';

const schema = `CREATE TABLE orders (
  id INT NOT NULL AUTO_INCREMENT,
  customer_id VARCHAR(32) NOT NULL,
  status VARCHAR(16),
  order_date DATETIME,
  PRIMARY KEY (id),
  KEY idx_customer (customer_id)
) ENGINE=InnoDB;
`;
const files = {
  'db/schema.sql': schema,
  'db/migrations/002.sql': 'CREATE INDEX idx_order_date ON orders(order_date);\n',
};
const config = { sql: { dialects: { 'db/**': 'mysql', 'app/**': 'mysql' } } };

ruleTester(mysqlMissingIndex, {
  valid: [
    {
      name: 'primary key',
      filename: 'db/q.sql',
      files,
      config,
      code: 'SELECT status FROM orders WHERE id = 1;\n',
    },
    {
      name: 'KEY in CREATE TABLE',
      filename: 'db/q.sql',
      files,
      config,
      code: "SELECT id FROM orders WHERE customer_id = 'C1';\n",
    },
    {
      name: 'CREATE INDEX in a migration',
      filename: 'db/q.sql',
      files,
      config,
      code: 'SELECT id FROM orders ORDER BY order_date;\n',
    },
    {
      name: 'Athena is not MySQL',
      filename: 'q.sql',
      files,
      code: "SELECT id FROM orders WHERE status = 'x';\n",
    },
  ],
  invalid: [
    {
      name: 'unindexed filter column',
      filename: 'db/q.sql',
      files,
      config,
      code: "SELECT id FROM orders WHERE status = 'paid';\n",
      errors: [
        {
          message: 'CREATE INDEX idx_orders_status ON orders(status);',
          line: 1,
          column: 29,
          endLine: 1,
          endColumn: 35,
        },
      ],
      output: null,
    },
    {
      name: 'in the schema file: suggestion appends the index',
      filename: 'db/schema.sql',
      files: { 'db/migrations/002.sql': files['db/migrations/002.sql'] },
      config,
      code: schema + "SELECT id FROM orders WHERE status = 'paid';\n",
      errors: [
        {
          line: 9,
          column: 29,
          endLine: 9,
          endColumn: 35,
          suggestions: [
            {
              output:
                schema +
                "SELECT id FROM orders WHERE status = 'paid';\nCREATE INDEX idx_orders_status ON orders(status);\n",
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'pymysql in Python',
      filename: 'app/repo.py',
      files,
      config,
      code: 'import pymysql\n\ndef find(cur, s):\n    cur.execute("SELECT id FROM orders WHERE status = %s", (s,))\n',
      errors: [{ line: 4, column: 46, endLine: 4, endColumn: 52 }],
      output: null,
    },
  ],
});
