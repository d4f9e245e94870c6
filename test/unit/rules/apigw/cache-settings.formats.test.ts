import { apigwCacheSettings } from '../../../../src/core/rules/apigw/cache-settings';
import { ruleTester } from '../../rule-tester';

ruleTester(apigwCacheSettings, {
  valid: [
    {
      name: 'SAM: MethodSettings caching every method for 5 minutes, encrypted',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      CacheClusterEnabled: true
      CacheClusterSize: '0.5'
      MethodSettings:
        - ResourcePath: /*
          HttpMethod: '*'
          CachingEnabled: true
          CacheTtlInSeconds: 300
          CacheDataEncrypted: true
`,
    },
    {
      name: 'SAM: no stage cache, so method settings are not judged',
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
      name: 'CloudFormation: a Stage caching every method for 5 minutes, encrypted',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ProdStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      StageName: prod
      RestApiId: !Ref RestApi
      DeploymentId: !Ref Deployment
      CacheClusterEnabled: true
      CacheClusterSize: '0.5'
      MethodSettings:
        - ResourcePath: /*
          HttpMethod: '*'
          CachingEnabled: true
          CacheTtlInSeconds: 300
          CacheDataEncrypted: true
`,
    },
    {
      name: 'serverless.yml: a Stage caching every method for 5 minutes, encrypted, under resources.Resources',
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
        CacheClusterEnabled: true
        CacheClusterSize: '0.5'
        MethodSettings:
          - ResourcePath: /*
            HttpMethod: '*'
            CachingEnabled: true
            CacheTtlInSeconds: 300
            CacheDataEncrypted: true
`,
    },
    {
      name: 'CDK TypeScript: deployOptions with caching, a 5-minute TTL and encryption',
      filename: 'lib/api-stack.ts',
      code: `import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';

new apigw.RestApi(this, 'OrdersApi', {
  deployOptions: {
    stageName: 'prod',
    cacheClusterEnabled: true,
    cachingEnabled: true,
    cacheTtl: Duration.minutes(5),
    cacheDataEncrypted: true,
  },
});
`,
    },
    {
      name: 'CDK Python: StageOptions with caching and encryption',
      filename: 'stacks/api_stack.py',
      code: `from aws_cdk import Duration, aws_apigateway as apigw

apigw.RestApi(
    self,
    "OrdersApi",
    deploy_options=apigw.StageOptions(
        stage_name="prod",
        cache_cluster_enabled=True,
        caching_enabled=True,
        cache_ttl=Duration.minutes(10),
        cache_data_encrypted=True,
    ),
)
`,
    },
  ],
  invalid: [
    {
      name: 'SAM: a stage cache whose method settings turn caching off',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      CacheClusterEnabled: true
      MethodSettings:
        - ResourcePath: /*
          HttpMethod: '*'
          CachingEnabled: false
`,
      errors: [{ line: 11, column: 11, endLine: 11, endColumn: 32, message: 'caching_enabled is false' }],
      output: `Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      CacheClusterEnabled: true
      MethodSettings:
        - ResourcePath: /*
          HttpMethod: '*'
          CachingEnabled: true
          CacheDataEncrypted: true
`,
    },
    {
      name: 'SAM: cached data not encrypted, TTL of 2 hours',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      CacheClusterEnabled: true
      MethodSettings:
        - ResourcePath: /orders
          HttpMethod: GET
          CachingEnabled: true
          CacheTtlInSeconds: 7200
`,
      errors: [
        { line: 10, column: 11, endLine: 14, endColumn: 1, message: 'cache_data_encrypted is not set' },
        {
          line: 13,
          column: 11,
          endLine: 13,
          endColumn: 34,
          message: 'cache_ttl_in_seconds is 7200, expected 30–3600 s (300 s for',
        },
      ],
      output: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Resources:
  OrdersApi:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      CacheClusterEnabled: true
      MethodSettings:
        - ResourcePath: /orders
          HttpMethod: GET
          CachingEnabled: true
          CacheTtlInSeconds: 300
          CacheDataEncrypted: true
`,
    },
    {
      name: 'CloudFormation: AWS::ApiGateway::Stage with a 10-second TTL',
      filename: 'template.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ProdStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      StageName: prod
      RestApiId: !Ref RestApi
      DeploymentId: !Ref Deployment
      CacheClusterEnabled: true
      CacheClusterSize: '0.5'
      MethodSettings:
        - ResourcePath: /*
          HttpMethod: '*'
          CachingEnabled: true
          CacheTtlInSeconds: 10
          CacheDataEncrypted: true
`,
      errors: [
        {
          line: 15,
          column: 11,
          endLine: 15,
          endColumn: 32,
          message: 'cache_ttl_in_seconds is 10, expected 30–3600 s (300 s for',
        },
      ],
      output: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  ProdStage:
    Type: AWS::ApiGateway::Stage
    Properties:
      StageName: prod
      RestApiId: !Ref RestApi
      DeploymentId: !Ref Deployment
      CacheClusterEnabled: true
      CacheClusterSize: '0.5'
      MethodSettings:
        - ResourcePath: /*
          HttpMethod: '*'
          CachingEnabled: true
          CacheTtlInSeconds: 300
          CacheDataEncrypted: true
`,
    },
    {
      name: 'CloudFormation JSON: CacheDataEncrypted false',
      filename: 'template.json',
      code: `{
  "Resources": {
    "ProdStage": {
      "Type": "AWS::ApiGateway::Stage",
      "Properties": {
        "StageName": "prod",
        "CacheClusterEnabled": true,
        "MethodSettings": [
          { "ResourcePath": "/*", "HttpMethod": "*", "CachingEnabled": true, "CacheDataEncrypted": false }
        ]
      }
    }
  }
}
`,
      errors: [{ line: 9, column: 78, endLine: 9, endColumn: 105, message: 'cache_data_encrypted is false' }],
      output: `{
  "Resources": {
    "ProdStage": {
      "Type": "AWS::ApiGateway::Stage",
      "Properties": {
        "StageName": "prod",
        "CacheClusterEnabled": true,
        "MethodSettings": [
          { "ResourcePath": "/*", "HttpMethod": "*", "CachingEnabled": true, "CacheDataEncrypted": true }
        ]
      }
    }
  }
}
`,
    },
    {
      name: 'CDK TypeScript: a cache cluster without cachingEnabled',
      filename: 'lib/api-stack.ts',
      code: `import * as apigw from 'aws-cdk-lib/aws-apigateway';

new apigw.RestApi(this, 'OrdersApi', {
  deployOptions: {
    stageName: 'prod',
    cacheClusterEnabled: true,
    cacheClusterSize: '0.5',
  },
});
`,
      errors: [{ line: 4, column: 3, endLine: 4, endColumn: 16, message: 'caching_enabled is not set' }],
      output: `import * as apigw from 'aws-cdk-lib/aws-apigateway';

new apigw.RestApi(this, 'OrdersApi', {
  deployOptions: {
    stageName: 'prod',
    cacheClusterEnabled: true,
    cacheClusterSize: '0.5',
    cachingEnabled: true,
    cacheDataEncrypted: true,
  },
});
`,
    },
    {
      name: 'CDK TypeScript: a 2-hour TTL, unencrypted',
      filename: 'lib/api-stack.ts',
      code: `import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';

new apigw.LambdaRestApi(this, 'OrdersApi', {
  handler: ordersFn,
  deployOptions: {
    cacheClusterEnabled: true,
    cachingEnabled: true,
    cacheTtl: Duration.hours(2),
  },
});
`,
      errors: [
        { line: 6, column: 3, endLine: 6, endColumn: 16, message: 'cache_data_encrypted is not set' },
        {
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 32,
          message: 'cache_ttl_in_seconds is 7200, expected 30–3600 s (300 s for',
        },
      ],
      output: `import { Duration } from 'aws-cdk-lib';
import * as apigw from 'aws-cdk-lib/aws-apigateway';

new apigw.LambdaRestApi(this, 'OrdersApi', {
  handler: ordersFn,
  deployOptions: {
    cacheClusterEnabled: true,
    cachingEnabled: true,
    cacheTtl: Duration.minutes(5),
    cacheDataEncrypted: true,
  },
});
`,
    },
    {
      name: 'CDK Python: cache_data_encrypted=False and a 10-second TTL',
      filename: 'stacks/api_stack.py',
      code: `from aws_cdk import Duration, aws_apigateway as apigw

apigw.RestApi(
    self,
    "OrdersApi",
    deploy_options=apigw.StageOptions(
        cache_cluster_enabled=True,
        caching_enabled=True,
        cache_ttl=Duration.seconds(10),
        cache_data_encrypted=False,
    ),
)
`,
      errors: [
        {
          line: 9,
          column: 9,
          endLine: 9,
          endColumn: 39,
          message: 'cache_ttl_in_seconds is 10, expected 30–3600 s (300 s for',
        },
        { line: 10, column: 9, endLine: 10, endColumn: 35, message: 'cache_data_encrypted is false' },
      ],
      output: `from aws_cdk import Duration, aws_apigateway as apigw

apigw.RestApi(
    self,
    "OrdersApi",
    deploy_options=apigw.StageOptions(
        cache_cluster_enabled=True,
        caching_enabled=True,
        cache_ttl=Duration.minutes(5),
        cache_data_encrypted=True,
    ),
)
`,
    },
    {
      name: 'serverless.yml: a stage under resources.Resources',
      filename: 'serverless.yml',
      code: `service: orders
provider:
  name: aws
resources:
  Resources:
    ProdStage:
      Type: AWS::ApiGateway::Stage
      Properties:
        StageName: prod
        CacheClusterEnabled: true
        MethodSettings:
          - ResourcePath: /*
            HttpMethod: '*'
            CachingEnabled: false
`,
      errors: [{ line: 14, column: 13, endLine: 14, endColumn: 34, message: 'caching_enabled is false' }],
      output: `service: orders
provider:
  name: aws
resources:
  Resources:
    ProdStage:
      Type: AWS::ApiGateway::Stage
      Properties:
        StageName: prod
        CacheClusterEnabled: true
        MethodSettings:
          - ResourcePath: /*
            HttpMethod: '*'
            CachingEnabled: true
            CacheDataEncrypted: true
`,
    },
  ],
});
