import { importInHandler } from '../../../../src/core/rules/lambda/import-in-handler';
import { ruleTester } from '../../rule-tester';

ruleTester(importInHandler, {
  valid: [
    {
      name: 'imports at module level',
      filename: 'src/app.py',
      code: 'import json\nimport boto3\n\n\ndef lambda_handler(event, context):\n    return json.dumps(event)\n',
    },
    {
      name: 'a function that is not a handler and no handler calls',
      filename: 'src/util.py',
      code: 'def load(path):\n    import yaml\n    return yaml.safe_load(open(path))\n',
    },
    {
      name: 'a helper module function with a third required parameter is not a handler',
      filename: 'src/cfnresponse.py',
      code: 'def send(event, context, status, data):\n    import urllib3\n    return urllib3\n',
    },
    {
      name: 'exports.send in a module no infrastructure names is not a handler',
      filename: 'src/cfn-response.js',
      code: "exports.send = function (event, context, responseStatus) {\n  const https = require('https');\n  return https;\n};\n",
    },
    {
      name: 'module-level require and static import in ESM',
      filename: 'src/index.mjs',
      code: "import { S3Client } from '@aws-sdk/client-s3';\nexport const handler = async (event) => new S3Client({}).config;\n",
    },
    {
      name: 'a syntax error mid-edit does not produce findings in the broken region',
      filename: 'src/app.py',
      code: 'import json\n\n\ndef lambda_handler(event, context\n    import os\n    return 1\n',
    },
  ],
  invalid: [
    {
      name: 'the guide example: imports inside the handler move to module level',
      filename: 'src/app.py',
      code: 'import os\n\n\ndef lambda_handler(event, context):\n    import pandas as pd\n    import boto3\n    return pd.DataFrame(), boto3\n',
      errors: [
        {
          message: "Import inside handler 'lambda_handler': 'pandas'",
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 24,
        },
        { message: "'boto3'", line: 6, column: 5, endLine: 6, endColumn: 17 },
      ],
      output:
        'import os\nimport pandas as pd\nimport boto3\n\n\ndef lambda_handler(event, context):\n    return pd.DataFrame(), boto3\n',
    },
    {
      name: 'an import the module already has is removed, not duplicated',
      filename: 'src/app.py',
      code: 'import json\nfrom decimal import Decimal\n\n\ndef handler(event, context):\n    import json\n    from decimal import Decimal\n    return json.dumps(event, default=Decimal)\n',
      errors: [
        { line: 6, column: 5, endLine: 6, endColumn: 16 },
        { line: 7, column: 5, endLine: 7, endColumn: 32 },
      ],
      output:
        'import json\nfrom decimal import Decimal\n\n\ndef handler(event, context):\n    return json.dumps(event, default=Decimal)\n',
    },
    {
      name: 'inside a helper the handler calls, transitively',
      filename: 'src/app.py',
      code: '"""Orders API."""\n\n\ndef load():\n    import yaml\n    return yaml\n\n\ndef prepare():\n    return load()\n\n\ndef lambda_handler(event, context):\n    return prepare()\n',
      errors: [
        {
          message: "Import inside 'load' (called by handler 'lambda_handler')",
          line: 5,
          column: 5,
          endLine: 5,
          endColumn: 16,
        },
      ],
      output:
        '"""Orders API."""\nimport yaml\n\n\ndef load():\n    return yaml\n\n\ndef prepare():\n    return load()\n\n\ndef lambda_handler(event, context):\n    return prepare()\n',
    },
    {
      name: 'info on an error-only path, with a suggestion and no automatic fix',
      filename: 'src/app.py',
      code: 'import json\n\n\ndef lambda_handler(event, context):\n    try:\n        return json.loads(event["body"])\n    except ValueError:\n        import traceback\n        traceback.print_exc()\n',
      errors: [
        {
          message: 'Import on an error path',
          severity: 'info',
          line: 8,
          column: 9,
          endLine: 8,
          endColumn: 25,
          suggestions: [
            {
              title: 'Move import to module level',
              output:
                'import json\nimport traceback\n\n\ndef lambda_handler(event, context):\n    try:\n        return json.loads(event["body"])\n    except ValueError:\n        traceback.print_exc()\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'an optional dependency guarded by try/except ImportError is reported but not moved',
      filename: 'src/app.py',
      code: 'def lambda_handler(event, context):\n    try:\n        import ujson as json\n    except ImportError:\n        import json\n    return json.dumps(event)\n',
      errors: [
        { line: 3, column: 9, endLine: 3, endColumn: 29 },
        { severity: 'info', line: 5, column: 9, endLine: 5, endColumn: 20 },
      ],
      output: null,
    },
    {
      name: 'the only statement of a block becomes pass',
      filename: 'src/app.py',
      code: 'def lambda_handler(event, context):\n    if event.get("debug"):\n        import pdb\n    return 1\n',
      errors: [{ line: 3, column: 9, endLine: 3, endColumn: 19 }],
      output:
        'import pdb\ndef lambda_handler(event, context):\n    if event.get("debug"):\n        pass\n    return 1\n',
    },
    {
      name: 'decorated Powertools handler with other parameter names',
      filename: 'src/app.py',
      code: 'from aws_lambda_powertools import Logger\n\nlogger = Logger()\n\n\n@logger.inject_lambda_context\ndef main(payload: dict, lambda_context) -> dict:\n    import requests\n    return requests.get("https://example.com").json()\n',
      errors: [{ line: 8, column: 5, endLine: 8, endColumn: 20 }],
      output:
        'from aws_lambda_powertools import Logger\nimport requests\n\nlogger = Logger()\n\n\n@logger.inject_lambda_context\ndef main(payload: dict, lambda_context) -> dict:\n    return requests.get("https://example.com").json()\n',
    },
    {
      name: '@metric_scope handler with a third parameter',
      filename: 'src/app.py',
      code: 'from aws_embedded_metrics import metric_scope\n\n\n@metric_scope\ndef handler(event, context, metrics):\n    import time\n    return time.time()\n',
      errors: [{ line: 6, column: 5, endLine: 6, endColumn: 16 }],
      output:
        'from aws_embedded_metrics import metric_scope\nimport time\n\n\n@metric_scope\ndef handler(event, context, metrics):\n    return time.time()\n',
    },
    {
      name: 'a handler named only in template.yaml, with an unusual name',
      filename: 'orders/entry.py',
      files: {
        'template.yaml':
          'Resources:\n  OrdersFn:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: orders/\n      Handler: entry.process\n      Runtime: python3.12\n',
      },
      code: 'def process(msg, meta):\n    import csv\n    return csv\n',
      errors: [{ message: "handler 'process'", line: 2, column: 5, endLine: 2, endColumn: 15 }],
      output: 'import csv\ndef process(msg, meta):\n    return csv\n',
    },
    {
      name: 'require inside a CommonJS handler',
      filename: 'src/index.js',
      code: "'use strict';\nconst AWS = require('aws-sdk');\n\nexports.handler = async (event) => {\n  const axios = require('axios');\n  return axios.get(event.url);\n};\n",
      errors: [{ message: "'axios'", line: 5, column: 17, endLine: 5, endColumn: 33 }],
      output:
        "'use strict';\nconst AWS = require('aws-sdk');\nconst axios = require('axios');\n\nexports.handler = async (event) => {\n  return axios.get(event.url);\n};\n",
    },
    {
      name: 'await import() in an ES module handler becomes a static import',
      filename: 'src/handler.mjs',
      code: "import { S3Client } from '@aws-sdk/client-s3';\n\nexport async function handler(event) {\n  const { default: sharp, format } = await import('sharp');\n  return sharp(event.body, format);\n}\n",
      errors: [{ message: "'sharp'", line: 4, column: 44, endLine: 4, endColumn: 59 }],
      output:
        "import { S3Client } from '@aws-sdk/client-s3';\nimport sharp, { format } from 'sharp';\n\nexport async function handler(event) {\n  return sharp(event.body, format);\n}\n",
    },
    {
      name: 'await import() in CommonJS is reported without a fix',
      filename: 'src/handler.js',
      code: "exports.handler = async (event) => {\n  const { nanoid } = await import('nanoid');\n  return nanoid();\n};\n",
      errors: [{ line: 2, column: 28, endLine: 2, endColumn: 44 }],
      output: null,
    },
    {
      name: 'a require with a dynamic module name is reported without a fix',
      filename: 'src/handler.js',
      code: 'module.exports.handler = async (event) => {\n  const plugin = require(`./plugins/${event.kind}`);\n  return plugin(event);\n};\n',
      errors: [
        {
          message: "Import inside handler 'handler': a module",
          line: 2,
          column: 18,
          endLine: 2,
          endColumn: 52,
        },
      ],
      output: null,
    },
    {
      name: 'TypeScript middy handler: the wrapped function is handler code',
      filename: 'src/api.ts',
      code: "import middy from '@middy/core';\n\nconst baseHandler = async (event: unknown) => {\n  const { z } = require('zod');\n  return z;\n};\n\nexport const handler = middy(baseHandler);\n",
      errors: [{ message: "handler 'handler'", line: 4, column: 17, endLine: 4, endColumn: 31 }],
      output:
        "import middy from '@middy/core';\nconst { z } = require('zod');\n\nconst baseHandler = async (event: unknown) => {\n  return z;\n};\n\nexport const handler = middy(baseHandler);\n",
    },
    {
      name: 'CRLF line endings are kept',
      filename: 'src/app.py',
      code: 'import os\r\n\r\n\r\ndef lambda_handler(event, context):\r\n    import json\r\n    return json.dumps(event)\r\n',
      errors: [{ line: 5, column: 5, endLine: 5, endColumn: 16 }],
      output:
        'import os\r\nimport json\r\n\r\n\r\ndef lambda_handler(event, context):\r\n    return json.dumps(event)\r\n',
    },
    {
      name: 'a handler in a file with a syntax error elsewhere still reports its imports',
      filename: 'src/app.py',
      code: 'import os\n\n\ndef lambda_handler(event, context):\n    import json\n    return json.dumps(event)\n\n\ndef broken(:\n    pass\n',
      errors: [{ line: 5, column: 5, endLine: 5, endColumn: 16 }],
      output:
        'import os\nimport json\n\n\ndef lambda_handler(event, context):\n    return json.dumps(event)\n\n\ndef broken(:\n    pass\n',
    },
  ],
});
