import { sdkClientConfig } from '../../../../src/core/rules/lambda/sdk-client-config';
import { ruleTester } from '../../rule-tester';

ruleTester(sdkClientConfig, {
  valid: [
    {
      name: 'the guide: Config with max_pool_connections and retries',
      filename: 'src/app.py',
      code: 'import boto3\nfrom botocore.config import Config\n\nconfig = Config(\n    max_pool_connections=50,\n    retries={"max_attempts": 3}\n)\n\nathena_client = boto3.client("athena", config=config)\n',
    },
    {
      name: 'a client inside a function is another rule',
      filename: 'src/app.py',
      code: 'import boto3\n\n\ndef make():\n    return boto3.client("s3")\n',
    },
    {
      name: 'a Config we cannot read is trusted',
      filename: 'src/app.py',
      code: 'import boto3\nfrom shared import CONFIG\n\ns3 = boto3.client("s3", config=CONFIG)\n',
    },
  ],
  invalid: [
    {
      name: 'a client without Config gets a suggestion with the import',
      filename: 'src/app.py',
      code: 'import boto3\n\nathena_client = boto3.client("athena")\n',
      errors: [
        {
          message:
            "Module-level boto3 client 'athena' without a botocore Config setting max_pool_connections and retries",
          line: 3,
          column: 17,
          endLine: 3,
          endColumn: 39,
          suggestions: [
            {
              title: 'Add a botocore Config with a connection pool and retries',
              output:
                'import boto3\nfrom botocore.config import Config\n\nathena_client = boto3.client("athena", config=Config(max_pool_connections=50, retries={"max_attempts": 3}))\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'a Config without max_pool_connections, values from targets',
      filename: 'src/app.py',
      config: { targets: { lambda: { sdkMaxPoolConnections: 25 } } },
      code: 'import boto3\nfrom botocore.config import Config\n\ncfg = Config(retries={"max_attempts": 3})\ns3 = boto3.resource("s3", config=cfg)\n',
      errors: [
        {
          message: 'setting max_pool_connections: set max_pool_connections=25',
          line: 5,
          column: 6,
          endLine: 5,
          endColumn: 38,
          suggestions: [
            {
              output:
                'import boto3\nfrom botocore.config import Config\n\ncfg = Config(retries={"max_attempts": 3}, max_pool_connections=25)\ns3 = boto3.resource("s3", config=cfg)\n',
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
