import { sqlMissingLimit } from '../../../../src/core/rules/sql/missing-limit';
import { ruleTester } from '../../rule-tester';

ruleTester(sqlMissingLimit, {
  valid: [
    { name: 'with LIMIT', filename: 'q.sql', code: 'SELECT * FROM t LIMIT 10;\n' },
    { name: 'aggregation', filename: 'q.sql', code: 'SELECT count(*) FROM t;\n' },
    { name: 'GROUP BY', filename: 'q.sql', code: 'SELECT a, sum(b) FROM t GROUP BY a;\n' },
    { name: 'INSERT', filename: 'q.sql', code: 'INSERT INTO x SELECT a FROM t;\n' },
    {
      name: 'CTAS',
      filename: 'q.sql',
      code: "CREATE TABLE x WITH (format = 'PARQUET') AS SELECT a FROM t;\n",
    },
    { name: 'view', filename: 'q.sql', code: 'CREATE VIEW v AS SELECT a FROM t;\n' },
    { name: 'not in code', filename: 'q.py', code: 'cur.execute("SELECT a FROM t")\n' },
  ],
  invalid: [
    {
      name: 'exploratory select',
      filename: 'q.sql',
      code: 'SELECT a, b\nFROM t\nWHERE a > 1\nORDER BY b;\n',
      errors: [
        {
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 7,
          suggestions: [
            { title: 'Add LIMIT 100', output: 'SELECT a, b\nFROM t\nWHERE a > 1\nORDER BY b LIMIT 100;\n' },
          ],
        },
      ],
      output: null,
    },
  ],
});
