import { apigwCacheDisabled } from '../../../../src/core/rules/apigw/cache-disabled';
import { ruleTester } from '../../rule-tester';

ruleTester(apigwCacheDisabled, {
  valid: [
    {
      name: 'CDK: deployOptions enables the cache',
      filename: 'lib/api.ts',
      code: `import * as apigw from 'aws-cdk-lib/aws-apigateway';
new apigw.RestApi(this, 'Api', { deployOptions: { cacheClusterEnabled: true, cacheClusterSize: '0.5' } });
`,
    },
    {
      name: 'CDK: deploy: false creates no stage',
      filename: 'lib/api.ts',
      code: "import * as apigw from 'aws-cdk-lib/aws-apigateway';\nnew apigw.RestApi(this, 'Api', { deploy: false });\n",
    },
    {
      name: 'SAM: Globals.Api enables the cache',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Globals:
  Api:
    CacheClusterEnabled: true
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
`,
    },
  ],
  invalid: [
    {
      name: 'CDK TypeScript: deployOptions without a cache',
      filename: 'lib/api.ts',
      code: `import * as apigw from 'aws-cdk-lib/aws-apigateway';

new apigw.RestApi(this, 'Api', {
  restApiName: 'orders',
  deployOptions: {
    stageName: 'v1',
  },
});
`,
      errors: [
        { line: 5, column: 3, endLine: 5, endColumn: 16, message: 'cache_cluster_enabled is not set' },
      ],
      output: `import * as apigw from 'aws-cdk-lib/aws-apigateway';

new apigw.RestApi(this, 'Api', {
  restApiName: 'orders',
  deployOptions: {
    stageName: 'v1',
    cacheClusterEnabled: true,
    cacheClusterSize: '0.5',
  },
});
`,
    },
    {
      name: 'CDK TypeScript: no deployOptions: the fix creates them',
      filename: 'lib/api.ts',
      code: `import { aws_apigateway as apigw } from 'aws-cdk-lib';

new apigw.LambdaRestApi(this, 'Api', {
  handler: fn,
});
`,
      errors: [
        { line: 3, column: 1, endLine: 3, endColumn: 36, message: 'cache_cluster_enabled is not set' },
      ],
      output: `import { aws_apigateway as apigw } from 'aws-cdk-lib';

new apigw.LambdaRestApi(this, 'Api', {
  handler: fn,
  deployOptions: {
    cacheClusterEnabled: true,
    cacheClusterSize: '0.5',
  },
});
`,
    },
    {
      name: 'CDK Python: StageOptions without a cache',
      filename: 'stacks/api.py',
      code: `from aws_cdk import aws_apigateway as apigw

apigw.RestApi(
    self,
    "Api",
    rest_api_name="orders",
    deploy_options=apigw.StageOptions(stage_name="v1"),
)
`,
      errors: [
        { line: 7, column: 5, endLine: 7, endColumn: 19, message: 'cache_cluster_enabled is not set' },
      ],
      output: `from aws_cdk import aws_apigateway as apigw

apigw.RestApi(
    self,
    "Api",
    rest_api_name="orders",
    deploy_options=apigw.StageOptions(stage_name="v1", cache_cluster_enabled=True, cache_cluster_size="0.5"),
)
`,
    },
    {
      name: 'SAM: AWS::Serverless::Api without CacheClusterEnabled',
      filename: 'template.yaml',
      code: `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
`,
      errors: [{ line: 3, column: 3, endLine: 3, endColumn: 6, message: 'cache_cluster_enabled is not set' }],
      output: `Transform: AWS::Serverless-2016-10-31
Resources:
  Api:
    Type: AWS::Serverless::Api
    Properties:
      StageName: prod
      CacheClusterEnabled: true
      CacheClusterSize: "0.5"
`,
    },
    {
      name: 'CloudFormation: AWS::ApiGateway::Stage with CacheClusterEnabled: false',
      filename: 'stack.yaml',
      code: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      StageName: prod
      CacheClusterEnabled: false
`,
      errors: [{ line: 7, column: 7, endLine: 7, endColumn: 33, message: 'cache_cluster_enabled is false' }],
      output: `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  Stage:
    Type: AWS::ApiGateway::Stage
    Properties:
      StageName: prod
      CacheClusterEnabled: true
      CacheClusterSize: "0.5"
`,
    },
  ],
});
