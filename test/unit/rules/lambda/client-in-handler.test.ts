import { clientInHandler } from '../../../../src/core/rules/lambda/client-in-handler';
import { ruleTester } from '../../rule-tester';

ruleTester(clientInHandler, {
  valid: [
    {
      name: 'clients at module scope (the guide)',
      filename: 'src/app.py',
      code: 'import boto3\n\ns3_client = boto3.client("s3")\n\n\ndef lambda_handler(event, context):\n    return s3_client.list_buckets()\n',
    },
    {
      name: 'lazy global cache: global + if x is None',
      filename: 'src/app.py',
      code: 'import boto3\n\n_client = None\n\n\ndef lambda_handler(event, context):\n    global _client\n    if _client is None:\n        _client = boto3.client("s3")\n    return _client\n',
    },
    {
      name: 'lru_cache factory called by the handler',
      filename: 'src/app.py',
      code: 'import functools\nimport boto3\n\n\n@functools.lru_cache(maxsize=None)\ndef client_for(region):\n    return boto3.client("s3", region_name=region)\n\n\ndef lambda_handler(event, context):\n    return client_for(event["region"])\n',
    },
    {
      name: 'per-key cache dictionary',
      filename: 'src/app.py',
      code: 'import boto3\n\n_clients = {}\n\n\ndef lambda_handler(event, context):\n    region = event["region"]\n    if region not in _clients:\n        _clients[region] = boto3.client("s3", region_name=region)\n    return _clients[region]\n',
    },
    {
      name: 'client ??= in TypeScript',
      filename: 'src/app.ts',
      code: "import { S3Client } from '@aws-sdk/client-s3';\n\nlet client: S3Client | undefined;\n\nexport const handler = async () => {\n  client ??= new S3Client({});\n  return client;\n};\n",
    },
    {
      name: 'if (!client) client = … in JavaScript',
      filename: 'src/index.js',
      code: "const { Pool } = require('pg');\nlet pool;\n\nexports.handler = async (event) => {\n  if (!pool) pool = new Pool({ host: process.env.DB_HOST });\n  return pool.query('select 1');\n};\n",
    },
    {
      name: 'cached MongoDB connection with an early return',
      filename: 'src/index.js',
      code: "const { MongoClient } = require('mongodb');\nlet cachedDb = null;\n\nasync function connect() {\n  if (cachedDb) return cachedDb;\n  cachedDb = await MongoClient.connect(process.env.URI);\n  return cachedDb;\n}\n\nexports.handler = async () => (await connect()).db('x');\n",
    },
    {
      name: 'a client in a module with no handler',
      filename: 'src/clients.py',
      code: 'import boto3\n\n\ndef make():\n    return boto3.client("s3")\n',
    },
  ],
  invalid: [
    {
      name: 'static boto3 client is hoisted under its own name',
      filename: 'src/app.py',
      code: 'import boto3\n\n\ndef lambda_handler(event, context):\n    s3 = boto3.client("s3")\n    return s3.get_object(Bucket="b", Key=event["key"])\n',
      errors: [
        {
          message: "Client built per invocation in handler 'lambda_handler': the boto3 client 's3'",
          line: 5,
          column: 10,
          endLine: 5,
          endColumn: 28,
        },
      ],
      output:
        'import boto3\n\ns3 = boto3.client("s3")\n\n\ndef lambda_handler(event, context):\n    return s3.get_object(Bucket="b", Key=event["key"])\n',
    },
    {
      name: 'a generic local name becomes a clear module-level name',
      filename: 'src/app.py',
      code: 'import os\nimport boto3\n\nTABLE = os.environ["TABLE"]\n\n\ndef lambda_handler(event, context):\n    client = boto3.resource("dynamodb")\n    table = client.Table(TABLE)\n    return table.get_item(Key={"id": event["id"]})\n',
      errors: [{ line: 8, column: 14, endLine: 8, endColumn: 40 }],
      output:
        'import os\nimport boto3\n\ndynamodb_resource = boto3.resource("dynamodb")\n\nTABLE = os.environ["TABLE"]\n\n\ndef lambda_handler(event, context):\n    table = dynamodb_resource.Table(TABLE)\n    return table.get_item(Key={"id": event["id"]})\n',
    },
    {
      name: 'event-dependent client: suggestion to cache per key, never a hoist',
      filename: 'src/app.py',
      code: 'import boto3\n\n\ndef lambda_handler(event, context):\n    region = event["region"]\n    s3 = boto3.client("s3", region_name=region)\n    return s3.list_buckets()\n',
      errors: [
        {
          message: "depends on the handler's input (event, region)",
          line: 6,
          column: 10,
          endLine: 6,
          endColumn: 48,
          suggestions: [
            {
              title: 'Cache clients per key at module scope',
              output:
                'import boto3\n\n_s3_clients = {}\n\n\ndef lambda_handler(event, context):\n    region = event["region"]\n    s3 = _s3_clients.get(region) or _s3_clients.setdefault(region, boto3.client("s3", region_name=region))\n    return s3.list_buckets()\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'credentials from an assumed role (context of the tenant) are input-dependent',
      filename: 'src/app.py',
      code: 'import boto3\n\nsts = boto3.client("sts")\n\n\ndef lambda_handler(event, context):\n    creds = sts.assume_role(RoleArn=event["role"], RoleSessionName="x")["Credentials"]\n    session = boto3.Session(aws_access_key_id=creds["AccessKeyId"])\n    return session.client("s3").list_buckets()\n',
      errors: [{ message: 'input (event, creds, session)', line: 9, column: 12, endLine: 9, endColumn: 32 }],
      output: null,
    },
    {
      name: 'a connection closed at the end of the call is reported without a fix',
      filename: 'src/app.py',
      code: 'import pymysql\n\n\ndef lambda_handler(event, context):\n    conn = pymysql.connect(host="db", user="app")\n    try:\n        return conn.cursor().execute("select 1")\n    finally:\n        conn.close()\n',
      errors: [
        {
          message: 'database connection is created on every call (it is closed',
          line: 5,
          column: 12,
          endLine: 5,
          endColumn: 50,
        },
      ],
      output: null,
    },
    {
      name: 'a local computed in the function is reported without a fix',
      filename: 'src/app.py',
      code: 'import os\nimport redis\n\n\ndef lambda_handler(event, context):\n    host = os.environ["REDIS_HOST"]\n    r = redis.Redis(host=host, port=6379)\n    return r.get(event["key"])\n',
      errors: [{ message: "it uses 'host'", line: 7, column: 9, endLine: 7, endColumn: 42 }],
      output: null,
    },
    {
      name: 'inside a helper the handler calls, inline creation',
      filename: 'src/app.py',
      code: 'import requests\n\n\ndef fetch(url):\n    return requests.Session().get(url)\n\n\ndef lambda_handler(event, context):\n    return fetch(event["url"])\n',
      errors: [
        {
          message: "in 'fetch' (called by handler 'lambda_handler')",
          line: 5,
          column: 12,
          endLine: 5,
          endColumn: 30,
        },
      ],
      output:
        'import requests\n\nhttp_session = requests.Session()\n\n\ndef fetch(url):\n    return http_session.get(url)\n\n\ndef lambda_handler(event, context):\n    return fetch(event["url"])\n',
    },
    {
      name: 'the import inside the handler comes along',
      filename: 'src/app.py',
      code: 'import json\n\n\ndef lambda_handler(event, context):\n    import boto3\n    sqs = boto3.client("sqs")\n    return sqs.send_message(QueueUrl="q", MessageBody=json.dumps(event))\n',
      errors: [{ line: 6, column: 11, endLine: 6, endColumn: 30 }],
      output:
        'import json\nimport boto3\n\nsqs = boto3.client("sqs")\n\n\ndef lambda_handler(event, context):\n    import boto3\n    return sqs.send_message(QueueUrl="q", MessageBody=json.dumps(event))\n',
    },
    {
      name: 'SDK v3 client in a TypeScript handler',
      filename: 'src/handler.ts',
      code: "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';\n\nexport const handler = async (event: { id: string }) => {\n  const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));\n  return client.send(new GetCommand({ TableName: 't', Key: { id: event.id } }));\n};\n",
      errors: [{ message: 'DynamoDBDocumentClient.from', line: 5, column: 18, endLine: 5, endColumn: 69 }],
      output:
        "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';\n\nconst docClient = DynamoDBDocumentClient.from(new DynamoDBClient({}));\n\nexport const handler = async (event: { id: string }) => {\n  return docClient.send(new GetCommand({ TableName: 't', Key: { id: event.id } }));\n};\n",
    },
    {
      name: 'SDK v2 DocumentClient in a CommonJS handler',
      filename: 'src/index.js',
      code: "const AWS = require('aws-sdk');\n\nexports.handler = async (event) => {\n  const docClient = new AWS.DynamoDB.DocumentClient();\n  return docClient.get({ TableName: 't', Key: { id: event.id } }).promise();\n};\n",
      errors: [
        { message: 'AWS SDK v2 DynamoDB.DocumentClient', line: 4, column: 21, endLine: 4, endColumn: 54 },
      ],
      output:
        "const AWS = require('aws-sdk');\n\nconst docClient = new AWS.DynamoDB.DocumentClient();\n\nexports.handler = async (event) => {\n  return docClient.get({ TableName: 't', Key: { id: event.id } }).promise();\n};\n",
    },
    {
      name: 'event-dependent SDK v3 client: per-key cache suggestion typed for TypeScript',
      filename: 'src/handler.ts',
      code: "import { S3Client } from '@aws-sdk/client-s3';\n\nexport async function handler(event: { region: string }) {\n  const s3 = new S3Client({ region: event.region });\n  return s3.config;\n}\n",
      errors: [
        {
          line: 4,
          column: 14,
          endLine: 4,
          endColumn: 52,
          suggestions: [
            {
              output:
                "import { S3Client } from '@aws-sdk/client-s3';\n\nconst s3Clients: Record<string, S3Client> = {};\n\nexport async function handler(event: { region: string }) {\n  const s3 = (s3Clients[event.region] ??= new S3Client({ region: event.region }));\n  return s3.config;\n}\n",
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'pg Client connected and ended per invocation',
      filename: 'src/index.mjs',
      code: "import pg from 'pg';\n\nexport const handler = async () => {\n  const client = new pg.Client();\n  await client.connect();\n  const res = await client.query('select 1');\n  await client.end();\n  return res.rows;\n};\n",
      errors: [
        {
          message: 'pg Client is created on every call (it is closed',
          line: 4,
          column: 18,
          endLine: 4,
          endColumn: 33,
        },
      ],
      output: null,
    },
    {
      name: 'a handler named in serverless.yml',
      filename: 'functions/users/get.js',
      files: {
        'serverless.yml':
          'service: users\nprovider:\n  name: aws\n  runtime: nodejs20.x\nfunctions:\n  getUser:\n    handler: functions/users/get.main\n',
      },
      code: "const Redis = require('ioredis');\n\nmodule.exports.main = async (event) => {\n  const redis = new Redis(6379, 'cache.local');\n  return redis.get(event.pathParameters.id);\n};\n",
      errors: [{ message: "handler 'main'", line: 4, column: 17, endLine: 4, endColumn: 47 }],
      output:
        "const Redis = require('ioredis');\n\nconst redis = new Redis(6379, 'cache.local');\n\nmodule.exports.main = async (event) => {\n  return redis.get(event.pathParameters.id);\n};\n",
    },
  ],
});
