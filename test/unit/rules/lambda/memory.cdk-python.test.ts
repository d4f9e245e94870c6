import { lambdaMemory } from '../../../../src/core/rules/lambda/memory';
import { ruleTester } from '../../rule-tester';

ruleTester(lambdaMemory, {
  valid: [
    {
      name: 'at the target through a module constant',
      filename: 'stacks/orders.py',
      code: `from aws_cdk import aws_lambda as _lambda

MEMORY = 2048


def build(scope):
    _lambda.Function(scope, "Orders", memory_size=MEMORY)
`,
    },
  ],
  invalid: [
    {
      name: 'a keyword argument below the target',
      filename: 'stacks/orders.py',
      code: `from aws_cdk import Stack
import aws_cdk.aws_lambda as lambda_


class Orders(Stack):
    def build(self):
        lambda_.Function(
            self,
            "Orders",
            runtime=lambda_.Runtime.PYTHON_3_12,
            handler="app.handler",
            code=lambda_.Code.from_asset("src"),
            memory_size=256,
        )
`,
      errors: [{ line: 13, column: 13, endLine: 13, endColumn: 28, message: 'memory_size is 256 MB' }],
      output: `from aws_cdk import Stack
import aws_cdk.aws_lambda as lambda_


class Orders(Stack):
    def build(self):
        lambda_.Function(
            self,
            "Orders",
            runtime=lambda_.Runtime.PYTHON_3_12,
            handler="app.handler",
            code=lambda_.Code.from_asset("src"),
            memory_size=512,
        )
`,
    },
    {
      name: 'unset: the fix adds a keyword argument',
      filename: 'stacks/orders.py',
      code: `from aws_cdk.aws_lambda import Function, Runtime

Function(self, "Orders", runtime=Runtime.PYTHON_3_12, handler="app.handler")
`,
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 24, message: 'memory_size is not set' }],
      output: `from aws_cdk.aws_lambda import Function, Runtime

Function(self, "Orders", runtime=Runtime.PYTHON_3_12, handler="app.handler", memory_size=512)
`,
    },
  ],
});
