/** Rules over the infrastructure resource model (Terraform, CDK, SAM/CloudFormation, serverless.yml). */
import type { Rule } from '../engine/rule';
import { apigwCacheDisabled } from './apigw/cache-disabled';
import { apigwCacheSettings } from './apigw/cache-settings';
import { apigwCompression } from './apigw/compression';
import { apigwThrottling } from './apigw/throttling';
import { athenaWorkgroupEncryption } from './athena/workgroup-encryption';
import { athenaWorkgroupEnforce } from './athena/workgroup-enforce';
import { athenaWorkgroupScanLimit } from './athena/workgroup-scan-limit';
import { batchMinVcpus } from './batch/min-vcpus';
import { batchSpot } from './batch/spot';
import { cloudfrontCompress } from './cloudfront/compress';
import { cloudfrontHttps } from './cloudfront/https';
import { cloudwatchLatencyAlarm } from './cloudwatch/latency-alarm';
import { dmsMultiAz } from './dms/multi-az';
import { dmsTaskSettings } from './dms/task-settings';
import { dynamodbAutoscaling } from './dynamodb/autoscaling';
import { glueCrawlerSchedule } from './glue/crawler-schedule';
import { lambdaMemory } from './lambda/memory';
import { lambdaProvisionedConcurrency } from './lambda/provisioned-concurrency';
import { lambdaReservedConcurrency } from './lambda/reserved-concurrency';
import { lambdaTimeoutApi } from './lambda/timeout-api';
import { logsRetention } from './logs/retention';
import { s3Lifecycle } from './s3/lifecycle';

export const iacRules: Rule[] = [
  apigwCacheDisabled,
  apigwCacheSettings,
  apigwThrottling,
  apigwCompression,
  lambdaMemory,
  lambdaTimeoutApi,
  lambdaReservedConcurrency,
  lambdaProvisionedConcurrency,
  athenaWorkgroupScanLimit,
  athenaWorkgroupEnforce,
  athenaWorkgroupEncryption,
  glueCrawlerSchedule,
  dmsMultiAz,
  dmsTaskSettings,
  batchMinVcpus,
  batchSpot,
  dynamodbAutoscaling,
  cloudfrontCompress,
  cloudfrontHttps,
  logsRetention,
  s3Lifecycle,
  cloudwatchLatencyAlarm,
];
