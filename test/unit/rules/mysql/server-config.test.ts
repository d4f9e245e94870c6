import { mysqlServerConfig } from '../../../../src/core/rules/mysql/server-config';
import { ruleTester } from '../../rule-tester';

ruleTester(mysqlServerConfig, {
  valid: [
    {
      name: "the guide's values",
      filename: 'my.cnf',
      code: '[mysqld]\nmax_connections = 500\nthread_cache_size = 100\ntable_open_cache = 4000\n',
    },
    { name: 'other section', filename: 'my.cnf', code: '[client]\nmax_connections = 10\n' },
    { name: 'suffix', filename: 'my.cnf', code: '[mysqld]\ntable-open-cache = 4K\n' },
  ],
  invalid: [
    {
      name: 'below the guide',
      filename: 'conf/my.cnf',
      code: '[mysqld]\nmax_connections = 151  # default\nthread_cache_size=8\n',
      errors: [
        {
          message: "max_connections = 151 is below the guide's 500",
          line: 2,
          column: 19,
          endLine: 2,
          endColumn: 22,
          suggestions: [{ output: '[mysqld]\nmax_connections = 500  # default\nthread_cache_size=8\n' }],
        },
        {
          line: 3,
          column: 19,
          endLine: 3,
          endColumn: 20,
          suggestions: [{ output: '[mysqld]\nmax_connections = 151  # default\nthread_cache_size=100\n' }],
        },
      ],
      output: null,
    },
  ],
});
