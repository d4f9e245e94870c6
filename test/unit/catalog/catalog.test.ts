import * as assert from 'assert';
import { parseConfig } from '../../../src/core/config';
import { catalogOf } from '../../../src/core/catalog/catalog';
import { Workspace } from '../../../src/core/engine/workspace';
import { allRules } from '../../../src/core/rules';

const TF = `resource "aws_glue_catalog_table" "clicks" {
  name          = "clicks"
  database_name = "raw"
  parameters = {
    classification = "json"
    totalSize      = "1099511627776"
  }
  partition_keys {
    name = "dt"
    type = "string"
  }
  storage_descriptor {
    location      = "s3://lake/clicks/"
    input_format  = "org.apache.hadoop.mapred.TextInputFormat"
    columns {
      name = "url"
      type = "string"
    }
  }
}
`;

describe('catalog', () => {
  it('reads DDL, views, Iceberg, CTAS and projection', () => {
    const ws = new Workspace('/ws', []);
    ws.setFile(
      'a.sql',
      `CREATE EXTERNAL TABLE analytics.orders (id string, ts timestamp)
PARTITIONED BY (year int, month int)
STORED AS PARQUET LOCATION 's3://l/o/'
TBLPROPERTIES ('parquet.compression'='ZSTD', 'projection.enabled'='true',
  'projection.year.type'='integer', 'projection.year.range'='2024,2026',
  'projection.month.type'='integer', 'projection.month.range'='1,12', 'projection.month.digits'='2');
CREATE TABLE ice (id bigint, ts timestamp) PARTITIONED BY (bucket(16, id), day(ts)) LOCATION 's3://l/i/' TBLPROPERTIES ('table_type'='ICEBERG');
CREATE TABLE daily WITH (format = 'ORC', partitioned_by = ARRAY['dt']) AS SELECT id, dt FROM src;
CREATE VIEW analytics.v AS SELECT id FROM orders;
`,
    );
    const cat = catalogOf(ws);
    const o = cat.resolve(['analytics', 'orders'])!;
    assert.deepStrictEqual(
      o.partitionKeys.map((k) => k.name),
      ['year', 'month'],
    );
    assert.strictEqual(o.format, 'PARQUET');
    assert.strictEqual(o.compression, 'ZSTD');
    assert.deepStrictEqual(o.domains.year, [2024, 2025, 2026]);
    assert.strictEqual(o.domains.month!.length, 12);
    assert.strictEqual(o.domains.month![0], '01');
    assert.strictEqual(
      cat.resolve(['orders']),
      o,
      'unqualified name resolves to the only table of that name',
    );
    assert.strictEqual(cat.resolve(['other', 'orders']), undefined);
    const ice = cat.resolve(['ice'])!;
    assert.ok(ice.iceberg);
    assert.deepStrictEqual(
      ice.partitionKeys.map((k) => k.name),
      ['id', 'ts'],
    );
    const d = cat.resolve(['daily'])!;
    assert.strictEqual(d.format, 'ORC');
    assert.deepStrictEqual(
      d.partitionKeys.map((k) => k.name),
      ['dt'],
    );
    assert.ok(cat.resolve(['analytics', 'v'])!.view);
  });

  it('resolves through the default database and merges config statistics', () => {
    const cfg = parseConfig(
      '.perfguard.json',
      JSON.stringify({ sql: { defaultDatabase: 'prod' }, tables: [{ name: 'prod.t', sizeBytes: 100 }] }),
    );
    const ws = new Workspace('/ws', [], cfg);
    ws.setFile(
      'a.sql',
      'CREATE EXTERNAL TABLE prod.t (a string) STORED AS PARQUET;\nCREATE EXTERNAL TABLE dev.t (a string) STORED AS ORC;\n',
    );
    const cat = catalogOf(ws);
    const t = cat.resolve(['t'])!;
    assert.strictEqual(t.database, 'prod');
    assert.strictEqual(t.format, 'PARQUET');
    assert.strictEqual(t.stats.totalSize, 100);
    assert.strictEqual(cat.resolve(['dev', 't'])!.format, 'ORC');
  });

  it('reads Terraform aws_glue_catalog_table through the IaC model', async () => {
    const ws = new Workspace('/ws', allRules);
    ws.setFile('infra/glue.tf', TF);
    await ws.prepare();
    const t = catalogOf(ws).resolve(['raw', 'clicks'])!;
    assert.ok(t, 'glue table in the catalog');
    assert.deepStrictEqual(t.partitionKeys, [{ name: 'dt', type: 'string' }]);
    assert.deepStrictEqual(t.columns, [{ name: 'url', type: 'string' }]);
    assert.strictEqual(t.format, 'TEXTFILE');
    assert.strictEqual(t.stats.totalSize, 1099511627776);
    const r = await ws.lint('infra/glue.tf', TF, { ruleIds: new Set(['athena/table-format']) });
    assert.strictEqual(r.findings.length, 1);
    assert.match(r.findings[0]!.message, /raw\.clicks is stored as TEXTFILE/);
    const q = await ws.lint('q.sql', 'SELECT url FROM raw.clicks;\n', {
      ruleIds: new Set(['athena/partition-filter']),
    });
    assert.strictEqual(q.findings.length, 1);
  });

  it('collects MySQL indexes from CREATE TABLE, CREATE INDEX and ALTER TABLE', () => {
    const ws = new Workspace('/ws', []);
    ws.setFile(
      'db/1.sql',
      'CREATE TABLE t (id INT AUTO_INCREMENT, a INT, b INT UNIQUE, PRIMARY KEY (id), KEY k (a, b)) ENGINE=InnoDB;\n',
    );
    ws.setFile('db/2.sql', 'CREATE INDEX i ON t (b);\nALTER TABLE t ADD INDEX j (a);\n');
    const cat = catalogOf(ws);
    assert.deepStrictEqual(cat.indexesOf(cat.resolve(['t'], { dialect: 'mysql' })!), [
      ['id'],
      ['a', 'b'],
      ['b'],
      ['b'],
      ['a'],
    ]);
  });
});
