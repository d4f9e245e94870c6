import { lambdaMemory } from '../../../../src/core/rules/lambda/memory';
import { ruleTester } from '../../rule-tester';

ruleTester(lambdaMemory, {
  valid: [
    {
      name: "serverless.yml's own default is 1024 MB",
      filename: 'serverless.yml',
      code: 'service: orders\nprovider:\n  name: aws\nfunctions:\n  list:\n    handler: handler.list\n',
    },
    {
      name: 'a ${} variable is unknown',
      filename: 'serverless.yml',
      code: 'service: orders\nprovider:\n  name: aws\n  memorySize: ${self:custom.memory}\nfunctions:\n  list:\n    handler: handler.list\n',
    },
  ],
  invalid: [
    {
      name: 'a function below the target',
      filename: 'serverless.yml',
      code: `service: orders
provider:
  name: aws
  runtime: python3.12
functions:
  create:
    handler: handler.create
    memorySize: 256
  list:
    handler: handler.list
`,
      errors: [{ line: 8, column: 5, endLine: 8, endColumn: 20, message: 'memorySize is 256 MB' }],
      output: `service: orders
provider:
  name: aws
  runtime: python3.12
functions:
  create:
    handler: handler.create
    memorySize: 512
  list:
    handler: handler.list
`,
    },
    {
      name: 'a low provider default is reported at provider, without a fix',
      filename: 'serverless.yml',
      code: 'service: orders\nprovider:\n  name: aws\n  memorySize: 128\nfunctions:\n  list:\n    handler: handler.list\n',
      errors: [{ line: 4, column: 3, endLine: 4, endColumn: 18, message: '128 MB (from Globals)' }],
      output: null,
    },
  ],
});
