import { apigwThrottling } from '../../../../src/core/rules/apigw/throttling';
import { ruleTester } from '../../rule-tester';

ruleTester(apigwThrottling, {
  valid: [
    {
      name: 'SAM: MethodSettings throttling every method at the target',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      MethodSettings:
        - ResourcePath: /*
          HttpMethod: '*'
          ThrottlingBurstLimit: 5000
          ThrottlingRateLimit: 2000
`,
    },
    {
      name: 'SAM: an HttpApi with DefaultRouteSettings',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  HttpApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: prod
      DefaultRouteSettings:
        ThrottlingBurstLimit: 5000
        ThrottlingRateLimit: 2000
`,
    },
    {
      name: 'CloudFormation: a Stage throttling every method at the target',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ProdStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      StageName: prod
      RestApiId: !Ref RestApi
      DeploymentId: !Ref Deployment
      MethodSettings:
        - ResourcePath: /*
          HttpMethod: '*'
          ThrottlingBurstLimit: 5000
          ThrottlingRateLimit: 2000
`,
    },
    {
      name: 'serverless.yml: a Stage throttling every method at the target, under resources.Resources',
      filename: 'serverless.yml',
      code: `service: platform
provider:
  name: aws
resources:
  Resources:
    ProdStage:
      Type: AWS::ApiGateway::Stage
      Properties:
        StageName: prod
        RestApiId: !Ref RestApi
        DeploymentId: !Ref Deployment
        MethodSettings:
          - ResourcePath: /*
            HttpMethod: '*'
            ThrottlingBurstLimit: 5000
            ThrottlingRateLimit: 2000
`,
    },
    {
      name: 'CDK TypeScript: deployOptions throttle at the target',
      filename: 'lib/api-stack.ts',
      code: `import * as apigw from 'aws-cdk-lib/aws-apigateway';

new apigw.RestApi(this, 'OrdersApi', {
  deployOptions: { stageName: 'prod', throttlingBurstLimit: 5000, throttlingRateLimit: 2000 },
});
`,
    },
    {
      name: 'CDK Python: StageOptions throttle above the target',
      filename: 'stacks/api_stack.py',
      code: `from aws_cdk import aws_apigateway as apigw

apigw.RestApi(
    self,
    "OrdersApi",
    deploy_options=apigw.StageOptions(stage_name="prod", throttling_burst_limit=10000, throttling_rate_limit=5000),
)
`,
    },
  ],
  invalid: [
    {
      name: 'SAM: an Api without MethodSettings',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      TracingEnabled: true
`,
      errors: [
        {
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 12,
          message: 'no MethodSettings entry for "/*" and "*" sets',
        },
      ],
      output: null,
    },
    {
      name: 'SAM: limits below the target',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      MethodSettings:
        - ResourcePath: /*
          HttpMethod: '*'
          ThrottlingBurstLimit: 100
          ThrottlingRateLimit: 50
`,
      errors: [
        {
          line: 10,
          column: 11,
          endLine: 10,
          endColumn: 36,
          message: 'ThrottlingBurstLimit is 100, target 5000',
        },
        {
          line: 11,
          column: 11,
          endLine: 11,
          endColumn: 34,
          message: 'ThrottlingRateLimit is 50, target 2000',
        },
      ],
      output: `Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      MethodSettings:
        - ResourcePath: /*
          HttpMethod: '*'
          ThrottlingBurstLimit: 5000
          ThrottlingRateLimit: 2000
`,
    },
    {
      name: 'SAM: an HttpApi without DefaultRouteSettings',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  HttpApi:
    Type: AWS::Serverless::HttpApi
    Properties:
      StageName: prod
`,
      errors: [{ line: 3, column: 3, endLine: 3, endColumn: 10, message: 'no DefaultRouteSettings' }],
      output: null,
    },
    {
      name: 'CloudFormation: a Stage whose wildcard settings do not throttle',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ProdStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      StageName: prod
      RestApiId: !Ref RestApi
      DeploymentId: !Ref Deployment
      MethodSettings:
        - ResourcePath: /*
          HttpMethod: '*'
          MetricsEnabled: true
          LoggingLevel: INFO
`,
      errors: [
        {
          line: 3,
          column: 3,
          endLine: 3,
          endColumn: 12,
          message: 'its "*/*" method settings set no throttling limits',
        },
      ],
      output: null,
    },
    {
      name: 'CloudFormation: an HTTP API stage with a low rate limit',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ProdStage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref HttpApi
      StageName: prod
      AutoDeploy: true
      DefaultRouteSettings:
        ThrottlingBurstLimit: 5000
        ThrottlingRateLimit: 200
`,
      errors: [
        {
          line: 11,
          column: 9,
          endLine: 11,
          endColumn: 33,
          message: 'ThrottlingRateLimit is 200, target 2000',
        },
      ],
      output: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ProdStage:
    Type: AWS::ApiGatewayV2::Stage
    Properties:
      ApiId: !Ref HttpApi
      StageName: prod
      AutoDeploy: true
      DefaultRouteSettings:
        ThrottlingBurstLimit: 5000
        ThrottlingRateLimit: 2000
`,
    },
    {
      name: 'CloudFormation JSON: a burst limit below the target',
      filename: 'template.json',
      code: `{
  "Resources": {
    "ProdStage": {
      "Type": "AWS::ApiGateway::Stage",
      "Properties": {
        "StageName": "prod",
        "MethodSettings": [{ "ResourcePath": "/*", "HttpMethod": "*", "ThrottlingBurstLimit": 500, "ThrottlingRateLimit": 2000 }]
      }
    }
  }
}
`,
      errors: [
        {
          line: 7,
          column: 71,
          endLine: 7,
          endColumn: 98,
          message: 'ThrottlingBurstLimit is 500, target 5000',
        },
      ],
      output: `{
  "Resources": {
    "ProdStage": {
      "Type": "AWS::ApiGateway::Stage",
      "Properties": {
        "StageName": "prod",
        "MethodSettings": [{ "ResourcePath": "/*", "HttpMethod": "*", "ThrottlingBurstLimit": 5000, "ThrottlingRateLimit": 2000 }]
      }
    }
  }
}
`,
    },
    {
      name: 'CDK TypeScript: a RestApi without stage throttling',
      filename: 'lib/api-stack.ts',
      code: `import * as apigw from 'aws-cdk-lib/aws-apigateway';

new apigw.LambdaRestApi(this, 'OrdersApi', {
  handler: ordersFn,
  deployOptions: { stageName: 'prod', metricsEnabled: true },
});
`,
      errors: [
        {
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 16,
          message: 'its "*/*" method settings set no throttling limits',
        },
      ],
      output: null,
    },
    {
      name: 'CDK TypeScript: limits below the target',
      filename: 'lib/api-stack.ts',
      code: `import { aws_apigateway as apigw } from 'aws-cdk-lib';

new apigw.RestApi(this, 'OrdersApi', {
  deployOptions: {
    stageName: 'prod',
    throttlingBurstLimit: 200,
    throttlingRateLimit: 100,
  },
});
`,
      errors: [
        {
          line: 6,
          column: 5,
          endLine: 6,
          endColumn: 30,
          message: 'throttlingBurstLimit is 200, target 5000',
        },
        {
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 29,
          message: 'throttlingRateLimit is 100, target 2000',
        },
      ],
      output: `import { aws_apigateway as apigw } from 'aws-cdk-lib';

new apigw.RestApi(this, 'OrdersApi', {
  deployOptions: {
    stageName: 'prod',
    throttlingBurstLimit: 5000,
    throttlingRateLimit: 2000,
  },
});
`,
    },
    {
      name: 'CDK Python: StageOptions with a low rate limit',
      filename: 'stacks/api_stack.py',
      code: `from aws_cdk import aws_apigateway as apigw

apigw.RestApi(
    self,
    "OrdersApi",
    deploy_options=apigw.StageOptions(stage_name="prod", throttling_burst_limit=5000, throttling_rate_limit=100),
)
`,
      errors: [
        {
          line: 6,
          column: 87,
          endLine: 6,
          endColumn: 112,
          message: 'throttling_rate_limit is 100, target 2000',
        },
      ],
      output: `from aws_cdk import aws_apigateway as apigw

apigw.RestApi(
    self,
    "OrdersApi",
    deploy_options=apigw.StageOptions(stage_name="prod", throttling_burst_limit=5000, throttling_rate_limit=2000),
)
`,
    },
    {
      name: 'CDK Python: a RestApi without deploy options',
      filename: 'stacks/api_stack.py',
      code: `from aws_cdk import aws_apigateway as apigw

apigw.RestApi(self, "OrdersApi", rest_api_name="orders")
`,
      errors: [
        {
          line: 3,
          column: 1,
          endLine: 3,
          endColumn: 32,
          message: 'its "*/*" method settings set no throttling limits',
        },
      ],
      output: null,
    },
    {
      name: 'serverless.yml: an HTTP API stage under resources.Resources',
      filename: 'serverless.yml',
      code: `service: orders
provider:
  name: aws
resources:
  Resources:
    ProdStage:
      Type: AWS::ApiGatewayV2::Stage
      Properties:
        ApiId: !Ref HttpApi
        StageName: prod
`,
      errors: [{ line: 6, column: 5, endLine: 6, endColumn: 14, message: 'no DefaultRouteSettings' }],
      output: null,
    },
  ],
});
