import { scanFilter } from '../../../../src/core/rules/dynamodb/scan-filter';
import { ruleTester } from '../../rule-tester';

ruleTester(scanFilter, {
  valid: [
    {
      name: 'query on a key',
      filename: 'src/app.py',
      code: 'from boto3.dynamodb.conditions import Key\n\n\ndef lambda_handler(event, context):\n    return table.query(KeyConditionExpression=Key("id").eq(event["id"]))\n',
    },
    {
      name: 'a scan without a filter (reported by nothing here)',
      filename: 'src/app.py',
      code: 'def lambda_handler(event, context):\n    return table.scan(Limit=10)\n',
    },
    {
      name: 'a scan outside handler code',
      filename: 'scripts/export.py',
      code: 'def export(table):\n    return table.scan(FilterExpression="a = b")\n',
    },
  ],
  invalid: [
    {
      name: 'boto3 table.scan with FilterExpression',
      filename: 'src/app.py',
      code: 'from boto3.dynamodb.conditions import Attr\n\n\ndef lambda_handler(event, context):\n    return table.scan(FilterExpression=Attr("email").eq(event["email"]))["Items"]\n',
      errors: [
        {
          message: "DynamoDB scan with a FilterExpression in handler 'lambda_handler'",
          line: 5,
          column: 12,
          endLine: 5,
          endColumn: 73,
        },
      ],
      output: null,
    },
    {
      name: 'client.scan through **params in a helper',
      filename: 'src/app.py',
      code: 'def find(client):\n    params = {"TableName": "t", "FilterExpression": "x = :x"}\n    return client.scan(**params)\n\n\ndef handler(event, context):\n    return find(event)\n',
      errors: [
        { message: "'find' (called by handler 'handler')", line: 3, column: 12, endLine: 3, endColumn: 33 },
      ],
      output: null,
    },
    {
      name: 'SDK v3 ScanCommand',
      filename: 'src/handler.ts',
      code: "import { ScanCommand } from '@aws-sdk/lib-dynamodb';\n\nexport const handler = async (event: { s: string }) =>\n  doc.send(new ScanCommand({ TableName: 't', FilterExpression: 's = :s' }));\n",
      errors: [{ line: 4, column: 12, endLine: 4, endColumn: 75 }],
      output: null,
    },
    {
      name: 'DocumentClient scan with a params object',
      filename: 'src/index.js',
      code: "exports.handler = async () => {\n  const params = { TableName: 't', FilterExpression: 'a = :a' };\n  return docClient.scan(params).promise();\n};\n",
      errors: [{ line: 3, column: 10, endLine: 3, endColumn: 32 }],
      output: null,
    },
  ],
});
