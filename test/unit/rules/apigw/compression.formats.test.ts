import { apigwCompression } from '../../../../src/core/rules/apigw/compression';
import { ruleTester } from '../../rule-tester';

ruleTester(apigwCompression, {
  valid: [
    {
      name: 'SAM: AWS::Serverless::Api compresses above 1 KB',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      MinimumCompressionSize: 1024
`,
    },
    {
      name: 'SAM: Globals.Api sets MinimumCompressionSize for every API',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    MinimumCompressionSize: 0
Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
`,
    },
    {
      name: 'CloudFormation: a parameter without a default is unknown',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  CompressionBytes:
    Type: Number
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: orders
      MinimumCompressionSize: !Ref CompressionBytes
`,
    },
    {
      name: 'CDK TypeScript: minCompressionSize of Size.kibibytes(1)',
      filename: 'lib/api-stack.ts',
      code: `import { Size } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';

new apigateway.RestApi(this, 'OrdersApi', {
  restApiName: 'orders',
  minCompressionSize: Size.kibibytes(1),
});
`,
    },
    {
      name: 'CDK Python: min_compression_size of Size.bytes(512)',
      filename: 'stacks/api_stack.py',
      code: `from aws_cdk import Size, aws_apigateway as apigw

apigw.RestApi(self, "OrdersApi", rest_api_name="orders", min_compression_size=Size.bytes(512))
`,
    },
    {
      name: 'CDK TypeScript v1: minimumCompressionSize in bytes from a constant',
      filename: 'lib/api-stack.ts',
      code: `import * as apigw from '@aws-cdk/aws-apigateway';

const COMPRESS_ABOVE = 1024;

new apigw.RestApi(this, 'Api', { minimumCompressionSize: COMPRESS_ABOVE });
`,
    },
  ],
  invalid: [
    {
      name: 'SAM: AWS::Serverless::Api without MinimumCompressionSize',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      TracingEnabled: true
`,
      errors: [
        { line: 4, column: 3, endLine: 4, endColumn: 12, message: 'minimum_compression_size is not set' },
      ],
      output: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      TracingEnabled: true
      MinimumCompressionSize: 1024
`,
    },
    {
      name: 'CloudFormation: AWS::ApiGateway::RestApi compressing only above 10 MB',
      filename: 'infra/api.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  RestApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: orders-api
      MinimumCompressionSize: 10485760
`,
      errors: [
        {
          line: 7,
          column: 7,
          endLine: 7,
          endColumn: 39,
          message: 'minimum_compression_size is 10485760 bytes, target ≤ 1024',
        },
      ],
      output: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  RestApi:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: orders-api
      MinimumCompressionSize: 1024
`,
    },
    {
      name: 'CloudFormation JSON: compression disabled with -1',
      filename: 'template.json',
      code: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "RestApi": {
      "Type": "AWS::ApiGateway::RestApi",
      "Properties": {
        "Name": "orders-api",
        "MinimumCompressionSize": -1
      }
    }
  }
}
`,
      errors: [
        { line: 8, column: 9, endLine: 8, endColumn: 37, message: 'compression is disabled, target ≤ 1024' },
      ],
      output: `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "RestApi": {
      "Type": "AWS::ApiGateway::RestApi",
      "Properties": {
        "Name": "orders-api",
        "MinimumCompressionSize": 1024
      }
    }
  }
}
`,
    },
    {
      name: 'CloudFormation: the parameter default is above 1 KB',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  CompressionBytes:
    Type: Number
    Default: 8192
Resources:
  Api:
    Type: AWS::ApiGateway::RestApi
    Properties:
      Name: orders
      MinimumCompressionSize: !Ref CompressionBytes
`,
      errors: [
        {
          line: 11,
          column: 7,
          endLine: 11,
          endColumn: 52,
          message: 'minimum_compression_size is 8192 bytes (default of variable',
        },
      ],
      output: null,
    },
    {
      name: 'SAM: a Globals value above 1 KB',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    MinimumCompressionSize: 4096
Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
`,
      errors: [
        {
          line: 4,
          column: 5,
          endLine: 4,
          endColumn: 33,
          message: 'minimum_compression_size is 4096 bytes (from Globals),',
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: RestApi without compression; the fix writes a Size',
      filename: 'lib/api-stack.ts',
      code: `import { Size, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';

const api = new apigateway.RestApi(this, 'OrdersApi', {
  restApiName: 'orders',
});
`,
      errors: [
        { line: 4, column: 13, endLine: 4, endColumn: 53, message: 'minimum_compression_size is not set' },
      ],
      output: `import { Size, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';

const api = new apigateway.RestApi(this, 'OrdersApi', {
  restApiName: 'orders',
  minCompressionSize: Size.kibibytes(1),
});
`,
    },
    {
      name: 'CDK TypeScript: LambdaRestApi with Size.kibibytes(10)',
      filename: 'lib/api-stack.ts',
      code: `import * as cdk from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';

new apigw.LambdaRestApi(this, 'Api', {
  handler: fn,
  minCompressionSize: cdk.Size.kibibytes(10),
});
`,
      errors: [
        {
          line: 6,
          column: 3,
          endLine: 6,
          endColumn: 45,
          message: 'minimum_compression_size is 10240 bytes, target ≤ 1024',
        },
      ],
      output: `import * as cdk from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';

new apigw.LambdaRestApi(this, 'Api', {
  handler: fn,
  minCompressionSize: cdk.Size.kibibytes(1),
});
`,
    },
    {
      name: 'CDK TypeScript: L1 CfnRestApi with minimumCompressionSize -1',
      filename: 'lib/api-stack.ts',
      code: `import { aws_apigateway as apigw } from 'aws-cdk-lib';

new apigw.CfnRestApi(this, 'Api', { name: 'orders', minimumCompressionSize: -1 });
`,
      errors: [
        { line: 3, column: 53, endLine: 3, endColumn: 79, message: 'compression is disabled, target ≤ 1024' },
      ],
      output: `import { aws_apigateway as apigw } from 'aws-cdk-lib';

new apigw.CfnRestApi(this, 'Api', { name: 'orders', minimumCompressionSize: 1024 });
`,
    },
    {
      name: 'CDK Python: RestApi without compression',
      filename: 'stacks/api_stack.py',
      code: `from aws_cdk import Stack, Size
from aws_cdk import aws_apigateway as apigw


class ApiStack(Stack):
    def __init__(self, scope, construct_id, **kwargs):
        super().__init__(scope, construct_id, **kwargs)
        apigw.RestApi(self, "OrdersApi", rest_api_name="orders")
`,
      errors: [
        { line: 8, column: 9, endLine: 8, endColumn: 40, message: 'minimum_compression_size is not set' },
      ],
      output: `from aws_cdk import Stack, Size
from aws_cdk import aws_apigateway as apigw


class ApiStack(Stack):
    def __init__(self, scope, construct_id, **kwargs):
        super().__init__(scope, construct_id, **kwargs)
        apigw.RestApi(self, "OrdersApi", rest_api_name="orders", min_compression_size=Size.kibibytes(1))
`,
    },
    {
      name: 'CDK Python: L1 CfnRestApi above 1 KB',
      filename: 'stacks/api_stack.py',
      code: `import aws_cdk.aws_apigateway as apigw

apigw.CfnRestApi(self, "Api", name="orders", minimum_compression_size=65536)
`,
      errors: [
        {
          line: 3,
          column: 46,
          endLine: 3,
          endColumn: 76,
          message: 'minimum_compression_size is 65536 bytes, target ≤ 1024',
        },
      ],
      output: `import aws_cdk.aws_apigateway as apigw

apigw.CfnRestApi(self, "Api", name="orders", minimum_compression_size=1024)
`,
    },
    {
      name: 'serverless.yml: a RestApi under resources.Resources',
      filename: 'serverless.yml',
      code: `service: orders
provider:
  name: aws
  runtime: nodejs20.x
resources:
  Resources:
    ApiGatewayRestApi:
      Type: AWS::ApiGateway::RestApi
      Properties:
        Name: orders
`,
      errors: [
        { line: 7, column: 5, endLine: 7, endColumn: 22, message: 'minimum_compression_size is not set' },
      ],
      output: `service: orders
provider:
  name: aws
  runtime: nodejs20.x
resources:
  Resources:
    ApiGatewayRestApi:
      Type: AWS::ApiGateway::RestApi
      Properties:
        Name: orders
        MinimumCompressionSize: 1024
`,
    },
    {
      name: 'CDK TypeScript: without a Size import the fix is withheld',
      filename: 'lib/api-stack.ts',
      code: `import * as apigw from 'aws-cdk-lib/aws-apigateway';

new apigw.RestApi(this, 'Api', { restApiName: 'orders' });
`,
      errors: [
        { line: 3, column: 1, endLine: 3, endColumn: 30, message: 'minimum_compression_size is not set' },
      ],
      output: null,
    },
    {
      name: 'CDK Python: without a Size import the fix is withheld',
      filename: 'stacks/api_stack.py',
      code: `from aws_cdk import aws_apigateway as apigw

apigw.RestApi(self, "Api", rest_api_name="orders")
`,
      errors: [
        { line: 3, column: 1, endLine: 3, endColumn: 26, message: 'minimum_compression_size is not set' },
      ],
      output: null,
    },
  ],
});
