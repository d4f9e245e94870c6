/** Seed inputs for mutation fuzzing: one realistic file per language, plus any example project files found. */
import * as fs from 'fs';
import * as path from 'path';
import { languageOfPath } from '../../src/core/engine/languages';

export interface Seed {
  path: string;
  text: string;
}

export const BUILTIN_SEEDS: Seed[] = [
  {
    path: 'services/analytics/app.py',
    text: `import json
import os
from functools import lru_cache

import boto3
from botocore.config import Config

athena = boto3.client("athena", config=Config(max_pool_connections=50, retries={"max_attempts": 3}))
_redis = None


@lru_cache(maxsize=None)
def table(name):
    return boto3.resource("dynamodb").Table(name)


def lambda_handler(event, context):
    import pandas as pd
    global _redis
    if _redis is None:
        import redis
        _redis = redis.Redis(host=os.environ["REDIS_HOST"], port=6379)
    s3 = boto3.client("s3", region_name=event["region"])
    rows = table("orders").scan(FilterExpression="status = :s", ExpressionAttributeValues={":s": "OPEN"})
    _redis.set(f"k:{event['id']}", json.dumps(rows))
    q = athena.start_query_execution(QueryString="SELECT * FROM orders WHERE year(order_date) = 2026")
    try:
        return {"statusCode": 200, "body": json.dumps({"n": len(rows["Items"])})}
    except Exception:
        import traceback
        traceback.print_exc()
        raise
`,
  },
  {
    path: 'services/auth/handler.ts',
    text: `import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyHandler } from 'aws-lambda';

let cached: DynamoDBDocumentClient | undefined;

export const handler: APIGatewayProxyHandler = async (event, context) => {
  const { Pool } = await import('pg');
  const client = new DynamoDBClient({ region: process.env.AWS_REGION });
  const doc = DynamoDBDocumentClient.from(client);
  cached ??= DynamoDBDocumentClient.from(new DynamoDBClient({}));
  const pool = new Pool({ host: event.headers?.host });
  const out = await doc.send(new ScanCommand({ TableName: 'users', FilterExpression: 'email = :e' }));
  const sql = \`SELECT * FROM logs WHERE day = '\${event.pathParameters?.day}'\`;
  return { statusCode: 200, body: JSON.stringify({ items: out.Items, sql, pool: !!pool }) };
};
`,
  },
  {
    path: 'services/pulse/index.js',
    text: `const AWS = require('aws-sdk');
const Redis = require('ioredis');

exports.handler = async function (event, context) {
  const ddb = new AWS.DynamoDB.DocumentClient();
  const redis = new Redis(process.env.REDIS_URL);
  await redis.set('pulse:' + event.id, JSON.stringify(event));
  const res = await ddb.scan({ TableName: 'prices', FilterExpression: 'region = :r' }).promise();
  return { statusCode: 200, body: JSON.stringify(res.Items) };
};

exports.send = function (event, context, callback) {
  const lib = require('./lib');
  callback(null, lib.format(event));
};
`,
  },
  {
    path: 'infra/main.tf',
    text: `variable "memory" {
  default = 256
}

locals {
  name = "market-intelligence"
}

resource "aws_lambda_function" "mi" {
  function_name = local.name
  handler       = "app.lambda_handler"
  runtime       = "python3.12"
  filename      = "build/mi.zip"
  memory_size   = var.memory
  timeout       = 300
}

resource "aws_api_gateway_stage" "prod" {
  stage_name    = "prod"
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = aws_api_gateway_deployment.d.id
}

resource "aws_athena_workgroup" "wg" {
  name = "analytics"
  configuration {
    enforce_workgroup_configuration = false
    result_configuration {
      output_location = "s3://results/"
    }
  }
}

resource "aws_cloudwatch_log_group" "lg" {
  name = "/aws/lambda/\${local.name}"
}
`,
  },
  {
    path: 'sql/orders.sql',
    text: `CREATE EXTERNAL TABLE orders_partitioned (
    order_id STRING,
    customer_id STRING,
    total_amount DECIMAL(10,2),
    status STRING
)
PARTITIONED BY (year INT, month INT, day INT)
STORED AS PARQUET
LOCATION 's3://ecommerce-ai-platform-prod/orders/'
TBLPROPERTIES ('parquet.compression'='SNAPPY');

-- monthly revenue
WITH recent AS (
  SELECT o.*, c.email FROM orders_partitioned o JOIN customers c ON o.customer_id = c.customer_id
  WHERE YEAR(o.order_date) = 2026
)
SELECT customer_id, SUM(total_amount) AS revenue FROM recent WHERE status = 'PAID' GROUP BY customer_id;

SELECT * FROM orders_partitioned WHERE year = 2026 AND month = 1 AND day >= 1;
`,
  },
  {
    path: 'template.yaml',
    text: `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Timeout: 30
    MemorySize: 256
Resources:
  ApiFn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: app.handler
      CodeUri: src/
      Runtime: nodejs20.x
      Events:
        Get:
          Type: Api
          Properties:
            Path: /items
            Method: get
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      LogGroupName: !Sub /aws/lambda/\${ApiFn}
`,
  },
  {
    path: 'db/my.cnf',
    text: `[client]
port = 3306

[mysqld]
max_connections = 150
thread_cache_size = 8
table_open_cache = 2000
`,
  },
];

/** Built-in seeds plus handled files under the given folders (examples, fixtures), capped. */
export function loadSeeds(dirs: string[], cap = 60): Seed[] {
  const out = [...BUILTIN_SEEDS];
  const walk = (dir: string, base: string) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (out.length >= cap) return;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules' && !e.name.startsWith('.')) walk(full, base);
      } else if (e.isFile() && languageOfPath(e.name)) {
        const stat = fs.statSync(full);
        if (stat.size > 200_000) continue;
        out.push({
          path: path.relative(base, full).split(path.sep).join('/'),
          text: fs.readFileSync(full, 'utf8'),
        });
      }
    }
  };
  for (const d of dirs) walk(d, d);
  return out;
}
