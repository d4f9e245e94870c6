/**
 * CloudFormation resource types on the model: the Terraform type each maps to, and how its `Properties` map
 * onto Terraform names. CDK's L1 `Cfn*` constructs take the same properties (in camelCase or snake_case), so the
 * CDK front ends reuse these schemas.
 */
import type { IacValue } from './model';
import type { Schema } from './mapping';

/** CloudWatch `Dimensions: [{ Name, Value }]` → Terraform's `dimensions = { Name = Value }`. */
export function dimensionsMap(v: IacValue): IacValue {
  if (v.kind !== 'list') return v;
  const entries = new Map<string, IacValue>();
  for (const i of v.items) {
    if (i.kind !== 'map') return { kind: 'unknown' };
    const n = i.entries.get('Name') ?? i.entries.get('name');
    const val = i.entries.get('Value') ?? i.entries.get('value');
    if (n?.kind !== 'string' || !val) return { kind: 'unknown' };
    entries.set(n.value, val);
  }
  return { kind: 'map', entries };
}

export const CFN_TYPES: Record<string, string> = {
  'AWS::Lambda::Function': 'aws_lambda_function',
  'AWS::Serverless::Function': 'aws_lambda_function',
  'AWS::Lambda::Alias': 'aws_lambda_alias',
  'AWS::Lambda::Version': 'aws_lambda_version',
  'AWS::Serverless::Api': 'aws_api_gateway_rest_api',
  'AWS::ApiGateway::RestApi': 'aws_api_gateway_rest_api',
  'AWS::ApiGateway::Stage': 'aws_api_gateway_stage',
  'AWS::ApiGateway::Method': 'aws_api_gateway_integration',
  'AWS::Serverless::HttpApi': 'aws_apigatewayv2_api',
  'AWS::ApiGatewayV2::Api': 'aws_apigatewayv2_api',
  'AWS::ApiGatewayV2::Stage': 'aws_apigatewayv2_stage',
  'AWS::ApiGatewayV2::Integration': 'aws_apigatewayv2_integration',
  'AWS::Athena::WorkGroup': 'aws_athena_workgroup',
  'AWS::DynamoDB::Table': 'aws_dynamodb_table',
  'AWS::Serverless::SimpleTable': 'aws_dynamodb_table',
  'AWS::ApplicationAutoScaling::ScalableTarget': 'aws_appautoscaling_target',
  'AWS::CloudFront::Distribution': 'aws_cloudfront_distribution',
  'AWS::Logs::LogGroup': 'aws_cloudwatch_log_group',
  'AWS::Glue::Table': 'aws_glue_catalog_table',
  'AWS::Glue::Crawler': 'aws_glue_crawler',
  'AWS::S3::Bucket': 'aws_s3_bucket',
  'AWS::CloudWatch::Alarm': 'aws_cloudwatch_metric_alarm',
  'AWS::DMS::ReplicationInstance': 'aws_dms_replication_instance',
  'AWS::DMS::ReplicationTask': 'aws_dms_replication_task',
  'AWS::Batch::ComputeEnvironment': 'aws_batch_compute_environment',
  'AWS::Batch::JobQueue': 'aws_batch_job_queue',
};

const LAMBDA: Schema = {
  attrs: {
    MemorySize: 'memory_size',
    Timeout: 'timeout',
    ReservedConcurrentExecutions: 'reserved_concurrent_executions',
    FunctionName: 'function_name',
    Handler: 'handler',
    Runtime: 'runtime',
  },
};

const METHOD_SETTINGS: Schema = {
  attrs: {
    CachingEnabled: 'caching_enabled',
    CacheTtlInSeconds: 'cache_ttl_in_seconds',
    CacheDataEncrypted: 'cache_data_encrypted',
    ThrottlingBurstLimit: 'throttling_burst_limit',
    ThrottlingRateLimit: 'throttling_rate_limit',
    MetricsEnabled: 'metrics_enabled',
    LoggingLevel: 'logging_level',
  },
};

const STAGE: Schema = {
  attrs: {
    CacheClusterEnabled: 'cache_cluster_enabled',
    CacheClusterSize: 'cache_cluster_size',
    StageName: 'stage_name',
    RestApiId: 'rest_api_id',
  },
};

const ROUTE_SETTINGS: Schema = {
  attrs: { ThrottlingBurstLimit: 'throttling_burst_limit', ThrottlingRateLimit: 'throttling_rate_limit' },
};

const CACHE_BEHAVIOR: Schema = {
  attrs: {
    Compress: 'compress',
    ViewerProtocolPolicy: 'viewer_protocol_policy',
    PathPattern: 'path_pattern',
    DefaultTTL: 'default_ttl',
  },
};

const LIFECYCLE_RULE: Schema = {
  attrs: { Status: 'status', Id: 'id' },
  blocks: {
    ExpirationInDays: { type: 'expiration', wrap: 'days', schema: {} },
    Transitions: {
      type: 'transition',
      list: true,
      schema: { attrs: { TransitionInDays: 'days', StorageClass: 'storage_class' } },
    },
    Transition: {
      type: 'transition',
      schema: { attrs: { TransitionInDays: 'days', StorageClass: 'storage_class' } },
    },
  },
};

const COLUMNS = { type: 'columns', list: true, schema: { attrs: { Name: 'name', Type: 'type' } } };

export const CFN_SCHEMAS: Record<string, Schema> = {
  'AWS::Lambda::Function': LAMBDA,
  'AWS::Serverless::Function': LAMBDA,
  'AWS::Lambda::Alias': {
    attrs: { FunctionName: 'function_name', Name: 'name' },
    blocks: {
      ProvisionedConcurrencyConfig: {
        type: 'provisioned_concurrency_config',
        schema: { attrs: { ProvisionedConcurrentExecutions: 'provisioned_concurrent_executions' } },
      },
    },
  },
  'AWS::Lambda::Version': { attrs: { FunctionName: 'function_name' } },
  'AWS::Serverless::Api': { attrs: { MinimumCompressionSize: 'minimum_compression_size', Name: 'name' } },
  'AWS::ApiGateway::RestApi': { attrs: { MinimumCompressionSize: 'minimum_compression_size', Name: 'name' } },
  'AWS::ApiGateway::Stage': STAGE,
  'AWS::ApiGateway::Method': {
    attrs: { RestApiId: 'rest_api_id', HttpMethod: 'http_method' },
    blocks: {
      Integration: {
        type: 'integration',
        flatten: true,
        schema: { attrs: { Type: 'type', Uri: 'uri', TimeoutInMillis: 'timeout_milliseconds' } },
      },
    },
  },
  'AWS::Serverless::HttpApi': { attrs: { Name: 'name' } },
  'AWS::ApiGatewayV2::Api': { attrs: { Name: 'name', ProtocolType: 'protocol_type' } },
  'AWS::ApiGatewayV2::Stage': {
    attrs: { StageName: 'name', ApiId: 'api_id' },
    blocks: { DefaultRouteSettings: { type: 'default_route_settings', schema: ROUTE_SETTINGS } },
  },
  'AWS::ApiGatewayV2::Integration': {
    attrs: {
      IntegrationUri: 'integration_uri',
      IntegrationType: 'integration_type',
      TimeoutInMillis: 'timeout_milliseconds',
      ApiId: 'api_id',
    },
  },
  'AWS::Athena::WorkGroup': {
    attrs: { Name: 'name', State: 'state' },
    blocks: {
      WorkGroupConfiguration: {
        type: 'configuration',
        schema: {
          attrs: {
            BytesScannedCutoffPerQuery: 'bytes_scanned_cutoff_per_query',
            EnforceWorkGroupConfiguration: 'enforce_workgroup_configuration',
            PublishCloudWatchMetricsEnabled: 'publish_cloudwatch_metrics_enabled',
            RequesterPaysEnabled: 'requester_pays_enabled',
          },
          blocks: {
            ResultConfiguration: {
              type: 'result_configuration',
              schema: {
                attrs: { OutputLocation: 'output_location' },
                blocks: {
                  EncryptionConfiguration: {
                    type: 'encryption_configuration',
                    schema: { attrs: { EncryptionOption: 'encryption_option', KmsKey: 'kms_key_arn' } },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  'AWS::DynamoDB::Table': { attrs: { BillingMode: 'billing_mode', TableName: 'name' } },
  'AWS::Serverless::SimpleTable': { attrs: { TableName: 'name' } },
  'AWS::ApplicationAutoScaling::ScalableTarget': {
    attrs: {
      ResourceId: 'resource_id',
      ScalableDimension: 'scalable_dimension',
      ServiceNamespace: 'service_namespace',
      MinCapacity: 'min_capacity',
      MaxCapacity: 'max_capacity',
    },
  },
  'AWS::CloudFront::Distribution': {
    blocks: {
      DistributionConfig: {
        type: 'distribution_config',
        flatten: true,
        schema: {
          attrs: { Enabled: 'enabled', PriceClass: 'price_class' },
          blocks: {
            DefaultCacheBehavior: { type: 'default_cache_behavior', schema: CACHE_BEHAVIOR },
            CacheBehaviors: { type: 'ordered_cache_behavior', list: true, schema: CACHE_BEHAVIOR },
          },
        },
      },
    },
  },
  'AWS::Logs::LogGroup': { attrs: { RetentionInDays: 'retention_in_days', LogGroupName: 'name' } },
  'AWS::Glue::Table': {
    attrs: { DatabaseName: 'database_name' },
    blocks: {
      TableInput: {
        type: 'table_input',
        flatten: true,
        schema: {
          attrs: { Name: 'name', TableType: 'table_type', Parameters: 'parameters' },
          blocks: {
            StorageDescriptor: {
              type: 'storage_descriptor',
              schema: {
                attrs: {
                  Location: 'location',
                  InputFormat: 'input_format',
                  OutputFormat: 'output_format',
                  Compressed: 'compressed',
                },
                blocks: { Columns: COLUMNS },
              },
            },
            PartitionKeys: {
              type: 'partition_keys',
              list: true,
              schema: { attrs: { Name: 'name', Type: 'type' } },
            },
          },
        },
      },
    },
  },
  'AWS::Glue::Crawler': {
    attrs: { Name: 'name', DatabaseName: 'database_name' },
    blocks: {
      Schedule: { type: 'schedule', flatten: true, schema: { attrs: { ScheduleExpression: 'schedule' } } },
    },
  },
  'AWS::S3::Bucket': {
    attrs: { BucketName: 'bucket' },
    blocks: {
      LifecycleConfiguration: {
        type: 'lifecycle_configuration',
        flatten: true,
        schema: { blocks: { Rules: { type: 'lifecycle_rule', list: true, schema: LIFECYCLE_RULE } } },
      },
    },
  },
  'AWS::CloudWatch::Alarm': {
    attrs: {
      MetricName: 'metric_name',
      Namespace: 'namespace',
      Dimensions: { name: 'dimensions', conv: dimensionsMap },
      Threshold: 'threshold',
      Statistic: 'statistic',
      ExtendedStatistic: 'extended_statistic',
      AlarmName: 'alarm_name',
    },
  },
  'AWS::DMS::ReplicationInstance': {
    attrs: { MultiAZ: 'multi_az', ReplicationInstanceClass: 'replication_instance_class' },
  },
  'AWS::DMS::ReplicationTask': {
    attrs: { ReplicationTaskSettings: 'replication_task_settings', MigrationType: 'migration_type' },
  },
  'AWS::Batch::ComputeEnvironment': {
    attrs: { Type: 'type' },
    blocks: {
      ComputeResources: {
        type: 'compute_resources',
        schema: {
          attrs: {
            MinvCpus: 'min_vcpus',
            MaxvCpus: 'max_vcpus',
            DesiredvCpus: 'desired_vcpus',
            Type: 'type',
            BidPercentage: 'bid_percentage',
          },
        },
      },
    },
  },
  'AWS::Batch::JobQueue': {
    attrs: { JobQueueName: 'name', Priority: 'priority', State: 'state' },
    blocks: {
      ComputeEnvironmentOrder: {
        type: 'compute_environment_order',
        list: true,
        schema: { attrs: { Order: 'order', ComputeEnvironment: 'compute_environment' } },
      },
    },
  },
  '#MethodSettings': METHOD_SETTINGS,
  '#ServerlessApiStage': {
    attrs: {
      CacheClusterEnabled: 'cache_cluster_enabled',
      CacheClusterSize: 'cache_cluster_size',
      StageName: 'stage_name',
    },
  },
  '#ServerlessHttpApiStage': {
    attrs: { StageName: 'name' },
    blocks: { DefaultRouteSettings: { type: 'default_route_settings', schema: ROUTE_SETTINGS } },
  },
};
