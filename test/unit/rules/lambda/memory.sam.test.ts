import { lambdaMemory } from '../../../../src/core/rules/lambda/memory';
import { ruleTester } from '../../rule-tester';

ruleTester(lambdaMemory, {
  valid: [
    {
      name: 'Globals.Function sets the target for every function',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    MemorySize: 1024
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
`,
    },
    {
      name: 'a parameter default at the target',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Memory:
    Type: Number
    Default: 512
Resources:
  Orders:
    Type: AWS::Lambda::Function
    Properties:
      MemorySize: !Ref Memory
`,
    },
    {
      name: 'a parameter without default is unknown',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Memory:
    Type: Number
Resources:
  Orders:
    Type: AWS::Lambda::Function
    Properties:
      MemorySize: !Ref Memory
`,
    },
    {
      name: 'a YAML file that is not a template',
      filename: 'config.yaml',
      code: 'Resources:\n  Orders:\n    MemorySize: 128\n',
    },
  ],
  invalid: [
    {
      name: 'MemorySize unset: the 128 MB default; the fix adds it in the template indentation',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
`,
      errors: [{ line: 7, column: 3, endLine: 7, endColumn: 17, message: 'MemorySize is not set (128 MB)' }],
      output: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: python3.12
Resources:
  OrdersFunction:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
      MemorySize: 512
`,
    },
    {
      name: 'JSON template: the value is replaced in place',
      filename: 'template.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Handler": "index.handler",
        "MemorySize": 256
      }
    }
  }
}
`,
      errors: [{ line: 8, column: 9, endLine: 8, endColumn: 26, message: 'MemorySize is 256 MB' }],
      output: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Fn": {
      "Type": "AWS::Lambda::Function",
      "Properties": {
        "Handler": "index.handler",
        "MemorySize": 512
      }
    }
  }
}
`,
    },
    {
      name: 'a low Globals value is reported once, at Globals, without a fix',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    MemorySize: 128
Resources:
  A:
    Type: AWS::Serverless::Function
    Properties:
      Handler: a.handler
  B:
    Type: AWS::Serverless::Function
    Properties:
      Handler: b.handler
`,
      errors: [{ line: 4, column: 5, endLine: 4, endColumn: 20, message: '128 MB (from Globals)' }],
      output: null,
    },
  ],
});
