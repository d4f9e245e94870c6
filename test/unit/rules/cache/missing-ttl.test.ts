import { missingTtl } from '../../../../src/core/rules/cache/missing-ttl';
import { ruleTester } from '../../rule-tester';

const head = 'import redis\n\nredis_client = redis.Redis(host="cache", port=6379)\n\n\n';

ruleTester(missingTtl, {
  valid: [
    {
      name: 'the guide: setex with 300 s',
      filename: 'src/app.py',
      code: head + 'def lambda_handler(event, context):\n    redis_client.setex("k", 300, "v")\n',
    },
    {
      name: 'set with ex=',
      filename: 'src/app.py',
      code: head + 'def lambda_handler(event, context):\n    redis_client.set("k", "v", ex=60)\n',
    },
    {
      name: 'hset followed by expire',
      filename: 'src/app.py',
      code:
        head +
        'def lambda_handler(event, context):\n    redis_client.hset("h", "f", "v")\n    redis_client.expire("h", 300)\n',
    },
    {
      name: 'ioredis set with EX',
      filename: 'src/index.js',
      code: "const Redis = require('ioredis');\nconst redis = new Redis();\n\nexports.handler = async (e) => redis.set(e.k, e.v, 'EX', 300);\n",
    },
    {
      name: 'set on something that is not Redis',
      filename: 'src/app.py',
      code: 'def lambda_handler(event, context):\n    cache = {}\n    cache.set("k", "v")\n',
    },
  ],
  invalid: [
    {
      name: 'redis-py set without expiry: setex suggestion with the target TTL',
      filename: 'src/app.py',
      code:
        head +
        'def lambda_handler(event, context):\n    redis_client.set(f"forecast:{event[\'id\']}", "v")\n',
      errors: [
        {
          message: 'Redis write without an expiry',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 53,
          suggestions: [
            {
              title: 'Use setex(key, 300, value)',
              output:
                head +
                'def lambda_handler(event, context):\n    redis_client.setex(f"forecast:{event[\'id\']}", 300, "v")\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'TTL from targets; hset without expire',
      filename: 'src/app.py',
      config: { targets: { cache: { ttlSeconds: 60 } } },
      code:
        head + 'def lambda_handler(event, context):\n    redis_client.hset("h", "f", "v")\n    return 1\n',
      errors: [
        {
          message: 'hset() is not followed by expire()',
          line: 7,
          column: 5,
          endLine: 7,
          endColumn: 37,
          suggestions: [
            {
              output:
                head +
                'def lambda_handler(event, context):\n    redis_client.hset("h", "f", "v")\n    redis_client.expire("h", 60)\n    return 1\n',
            },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'ioredis set without EX',
      filename: 'src/index.js',
      code: "const Redis = require('ioredis');\nconst redis = new Redis();\n\nexports.handler = async (e) => redis.set(e.k, e.v);\n",
      errors: [
        {
          line: 4,
          column: 32,
          endLine: 4,
          endColumn: 51,
          suggestions: [
            {
              output:
                "const Redis = require('ioredis');\nconst redis = new Redis();\n\nexports.handler = async (e) => redis.setex(e.k, 300, e.v);\n",
            },
          ],
        },
      ],
      output: null,
    },
  ],
});
