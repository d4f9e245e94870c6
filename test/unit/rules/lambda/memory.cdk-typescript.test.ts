import { lambdaMemory } from '../../../../src/core/rules/lambda/memory';
import { ruleTester } from '../../rule-tester';

ruleTester(lambdaMemory, {
  valid: [
    {
      name: 'a constant of the file at the target',
      filename: 'lib/orders.ts',
      code: `import * as cdk from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';

const MEMORY = 1024;

export class Orders extends cdk.Stack {
  constructor(scope: cdk.App, id: string) {
    super(scope, id);
    new lambda.Function(this, 'Orders', { memorySize: MEMORY, handler: 'index.handler' });
  }
}
`,
    },
    {
      name: 'a value from props is unknown',
      filename: 'lib/orders.ts',
      code: `import { aws_lambda as lambda } from 'aws-cdk-lib';
export function make(scope: any, props: { memory: number }) {
  return new lambda.Function(scope, 'Orders', { memorySize: props.memory });
}
`,
    },
    {
      name: 'a class of another library with the same name',
      filename: 'lib/orders.ts',
      code: `import { Function } from './my-lib';
new Function(this, 'Orders', {});
`,
    },
  ],
  invalid: [
    {
      name: 'memorySize unset (named imports): the fix adds the property',
      filename: 'lib/orders.ts',
      code: `import { Stack } from 'aws-cdk-lib';
import { Function, Runtime, Code } from 'aws-cdk-lib/aws-lambda';

export class Orders extends Stack {
  build() {
    new Function(this, 'Orders', {
      runtime: Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: Code.fromAsset('lambda'),
    });
  }
}
`,
      errors: [{ line: 6, column: 5, endLine: 6, endColumn: 32, message: 'memorySize is not set (128 MB)' }],
      output: `import { Stack } from 'aws-cdk-lib';
import { Function, Runtime, Code } from 'aws-cdk-lib/aws-lambda';

export class Orders extends Stack {
  build() {
    new Function(this, 'Orders', {
      runtime: Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: Code.fromAsset('lambda'),
      memorySize: 512,
    });
  }
}
`,
    },
    {
      name: 'NodejsFunction from the v1 package, value replaced',
      filename: 'lib/orders.ts',
      code: `import * as nodejs from '@aws-cdk/aws-lambda-nodejs';
new nodejs.NodejsFunction(this, 'Orders', { entry: 'src/orders.ts', memorySize: 256 });
`,
      errors: [{ line: 2, column: 69, endLine: 2, endColumn: 84, message: 'memorySize is 256 MB' }],
      output: `import * as nodejs from '@aws-cdk/aws-lambda-nodejs';
new nodejs.NodejsFunction(this, 'Orders', { entry: 'src/orders.ts', memorySize: 512 });
`,
    },
    {
      name: 'a low constant is reported without a fix (other functions may share it)',
      filename: 'lib/orders.ts',
      code: `import * as lambda from 'aws-cdk-lib/aws-lambda';
const MEMORY = 128;
new lambda.Function(this, 'Orders', { memorySize: MEMORY });
`,
      errors: [{ line: 3, column: 39, endLine: 3, endColumn: 57, message: '128 MB (local "MEMORY")' }],
      output: null,
    },
  ],
});
