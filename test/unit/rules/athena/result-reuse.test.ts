import { athenaResultReuse } from '../../../../src/core/rules/athena/result-reuse';
import { ruleTester } from '../../rule-tester';

ruleTester(athenaResultReuse, {
  valid: [
    {
      name: 'reuse configured',
      filename: 'a.py',
      code: 'athena.start_query_execution(QueryString=q, ResultReuseConfiguration={"ResultReuseByAgeConfiguration": {"Enabled": True}})\n',
    },
    { name: 'kwargs spread: unknown', filename: 'a.py', code: 'athena.start_query_execution(**params)\n' },
    {
      name: 'TS with reuse',
      filename: 'a.ts',
      code: 'new StartQueryExecutionCommand({ QueryString: q, ResultReuseConfiguration: { ResultReuseByAgeConfiguration: { Enabled: true } } });\n',
    },
  ],
  invalid: [
    {
      name: 'Python one line',
      filename: 'a.py',
      code: 'athena.start_query_execution(QueryString="SELECT 1", WorkGroup="wg")\n',
      errors: [
        {
          line: 1,
          column: 8,
          endLine: 1,
          endColumn: 29,
          suggestions: [
            {
              title: 'Reuse query results up to 60 minutes old',
              output:
                'athena.start_query_execution(QueryString="SELECT 1", WorkGroup="wg", ResultReuseConfiguration={"ResultReuseByAgeConfiguration": {"Enabled": True, "MaxAgeInMinutes": 60}})\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'Python one argument per line, option overrides the age',
      filename: 'a.py',
      config: { rules: { 'athena/result-reuse': ['info', { maxAgeInMinutes: 15 }] } },
      code: 'resp = client.start_query_execution(\n    QueryString=sql,\n    WorkGroup="wg",\n)\n',
      errors: [
        {
          line: 1,
          column: 15,
          endLine: 1,
          endColumn: 36,
          suggestions: [
            {
              output:
                'resp = client.start_query_execution(\n    QueryString=sql,\n    WorkGroup="wg",\n    ResultReuseConfiguration={"ResultReuseByAgeConfiguration": {"Enabled": True, "MaxAgeInMinutes": 15}},\n)\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'TypeScript command',
      filename: 'a.ts',
      code: "await athena.send(new StartQueryExecutionCommand({ QueryString: sql, WorkGroup: 'wg' }));\n",
      errors: [
        {
          line: 1,
          column: 23,
          endLine: 1,
          endColumn: 49,
          suggestions: [
            {
              output:
                "await athena.send(new StartQueryExecutionCommand({ QueryString: sql, WorkGroup: 'wg', ResultReuseConfiguration: { ResultReuseByAgeConfiguration: { Enabled: true, MaxAgeInMinutes: 60 } } }));\n",
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
