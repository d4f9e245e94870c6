import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parquetMetadata } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { parseConfig } from '../../../src/core/config';
import { catalogOf } from '../../../src/core/catalog/catalog';
import {
  loadTableData,
  loadWorkspaceTableData,
  setTableData,
  type DataIo,
} from '../../../src/core/catalog/data';
import { Workspace } from '../../../src/core/engine/workspace';
import { allRules } from '../../../src/core/rules';
import { describeEstimate, estimateScan } from '../../../src/core/sql/estimate';
import { scanEstimatesOf } from '../../../src/core/sql/lens';
import { DEFAULT_TARGETS } from '../../../src/core/targets';

const MB = 1024 * 1024;

/** A Parquet file with three columns of different widths; returns the bytes. */
function parquetFile(rows: number, seed: number): ArrayBuffer {
  const ids = Array.from({ length: rows }, (_, i) => `order-${seed}-${i}`);
  const amounts = Array.from({ length: rows }, (_, i) => (i * 7 + seed) % 1000);
  const notes = Array.from({ length: rows }, (_, i) => `note ${i} `.repeat(1 + (i % 5)) + seed);
  return parquetWriteBuffer({
    columnData: [
      { name: 'order_id', data: ids, type: 'STRING' },
      { name: 'amount', data: amounts, type: 'INT32' },
      { name: 'note', data: notes, type: 'STRING' },
    ],
  });
}

/** The true compressed size of each column chunk, read back from the footer. */
function trueSizes(buf: ArrayBuffer): Record<string, number> {
  const out: Record<string, number> = {};
  for (const rg of parquetMetadata(buf).row_groups)
    for (const c of rg.columns) {
      const n = c.meta_data!.path_in_schema[0]!;
      out[n] = (out[n] ?? 0) + Number(c.meta_data!.total_compressed_size);
    }
  return out;
}

const fsIo = (root: string): DataIo => ({
  listDir: async (p) =>
    (await fs.promises.readdir(path.join(root, p), { withFileTypes: true })).map((d) => ({
      name: d.name,
      isDirectory: d.isDirectory(),
    })),
  readFile: async (p) => new Uint8Array(await fs.promises.readFile(path.join(root, p))),
});

describe('scan estimate', () => {
  let root: string;
  const sizes: Record<string, Record<string, number>> = {};

  before(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'perfguard-est-'));
    let seed = 0;
    for (const month of ['01', '02', '03'])
      for (const day of ['01', '02']) {
        const dir = path.join(root, 'data/orders', 'year=2026', `month=${month}`, `day=${day}`);
        fs.mkdirSync(dir, { recursive: true });
        const buf = parquetFile(200 + seed * 50, seed++);
        fs.writeFileSync(path.join(dir, 'part-0.parquet'), new Uint8Array(buf));
        sizes[`${month}/${day}`] = trueSizes(buf);
      }
    fs.writeFileSync(path.join(root, 'data/orders/_SUCCESS'), '');
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const ddl =
    "CREATE EXTERNAL TABLE orders (order_id string, amount int, note string)\nPARTITIONED BY (year int, month int, day int)\nSTORED AS PARQUET LOCATION 's3://lake/orders/' TBLPROPERTIES ('parquet.compression'='SNAPPY');\n";

  async function workspace(): Promise<Workspace> {
    const cfg = parseConfig(
      '.perfguard.json',
      JSON.stringify({ tables: [{ name: 'orders', dataFolder: 'data/orders' }] }),
    );
    const ws = new Workspace(root, allRules, cfg);
    ws.setFile('schema.sql', ddl);
    assert.strictEqual(await loadWorkspaceTableData(ws, fsIo(root)), 1);
    return ws;
  }

  it('reads the footers of hive-style partitions and skips non-Parquet files', async () => {
    const data = await loadTableData(fsIo(root), 'data/orders');
    assert.strictEqual(data.files.length, 6);
    assert.deepStrictEqual(data.files[0]!.partition, { year: '2026', month: '01', day: '01' });
    assert.deepStrictEqual(data.files[0]!.columnBytes, sizes['01/01']);
  });

  it('sums the projected columns of the kept partitions exactly', async () => {
    const ws = await workspace();
    ws.setFile('q.sql', 'SELECT order_id, amount FROM orders WHERE year = 2026 AND month = 2;\n');
    const [q] = scanEstimatesOf(ws, 'q.sql');
    const expected = ['02/01', '02/02'].reduce((s, k) => s + sizes[k]!.order_id! + sizes[k]!.amount!, 0);
    assert.strictEqual(q!.estimate.bytes, expected);
    assert.strictEqual(q!.estimate.source, 'parquet');
    assert.deepStrictEqual(q!.estimate.partitions, { kept: 2, total: 6 });
    assert.strictEqual(q!.estimate.billedBytes, 10 * MB);
    assert.match(q!.text, /^≈ \d+(\.\d)? KB scanned · ≈ \$0\.000048 · 2 of 6 partitions$/);
  });

  it('SELECT * reads every column; IN and BETWEEN prune', async () => {
    const ws = await workspace();
    ws.setFile('q.sql', 'SELECT * FROM orders WHERE month IN (1, 3) AND day BETWEEN 2 AND 2;\n');
    const [q] = scanEstimatesOf(ws, 'q.sql');
    const all = (k: string) => Object.values(sizes[k]!).reduce((a, b) => a + b, 0);
    assert.strictEqual(q!.estimate.bytes, all('01/02') + all('03/02'));
    assert.deepStrictEqual(q!.estimate.partitions, { kept: 2, total: 6 });
  });

  it('declared statistics with partition projection', () => {
    const cfg = parseConfig(
      '.perfguard.json',
      JSON.stringify({
        tables: [
          {
            name: 'events',
            sizeBytes: 365 * 1024 ** 3,
            partitionKeys: [{ name: 'dt', type: 'string' }],
            columns: ['a', 'b', 'c', 'd'],
            partitionValues: { dt: '2025-01-01,2025-12-31' },
          },
        ],
      }),
    );
    const ws = new Workspace('/ws', allRules, cfg);
    ws.setFile('q.sql', "SELECT a FROM events WHERE dt BETWEEN '2025-03-01' AND '2025-03-03';\n");
    const [q] = scanEstimatesOf(ws, 'q.sql');
    assert.deepStrictEqual(q!.estimate.partitions, { kept: 3, total: 365 });
    assert.strictEqual(q!.estimate.bytes, Math.round(365 * 1024 ** 3 * 0.25 * (3 / 365)));
    assert.strictEqual(q!.text, '≈ 768.0 MB scanned · ≈ $0.0037 · 3 of 365 partitions');
  });

  it('says what to configure when no estimate is possible', () => {
    const ws = new Workspace('/ws', allRules);
    ws.setFile('schema.sql', ddl);
    ws.setFile('q.sql', 'SELECT amount FROM orders WHERE year = 2026;\n');
    const [q] = scanEstimatesOf(ws, 'q.sql');
    assert.strictEqual(q!.estimate.bytes, undefined);
    assert.match(q!.text, /No scan estimate possible: .*sizeBytes.*dataFolder/);
  });

  it('bills rounded up to the MB with the 10 MB minimum', () => {
    const ws = new Workspace('/ws', allRules);
    ws.setFile('schema.sql', ddl);
    ws.setFile('q.sql', 'SELECT amount FROM orders;\n');
    const t = catalogOf(ws).tables[0]!;
    setTableData(ws, 'orders', {
      files: [
        {
          path: 'x',
          partition: { year: '2026', month: '1', day: '1' },
          columnBytes: { amount: 2048 * MB + 1 },
          rows: 1,
        },
      ],
    });
    const [q] = scanEstimatesOf(ws, 'q.sql');
    assert.strictEqual(q!.estimate.billedBytes, 2049 * MB);
    assert.strictEqual(q!.estimate.costUsd, ((2049 * MB) / 1024 ** 4) * 5);
    void t;
    const none = estimateScan([], () => undefined, DEFAULT_TARGETS.athena);
    assert.match(describeEstimate(none), /No scan estimate possible/);
  });

  it('athena/scan-budget reports past the 1 GB budget', async () => {
    const cfg = parseConfig(
      '.perfguard.json',
      JSON.stringify({
        tables: [
          {
            name: 'events',
            sizeBytes: 365 * 1024 ** 3,
            partitionKeys: ['dt'],
            columns: ['a', 'b'],
            partitionValues: { dt: '2025-01-01,2025-12-31' },
          },
        ],
      }),
    );
    const ws = new Workspace('/ws', allRules, cfg);
    const r = await ws.lint('q.sql', "SELECT a FROM events WHERE dt >= '2025-06-01';\n", {
      ruleIds: new Set(['athena/scan-budget']),
    });
    assert.strictEqual(r.findings.length, 1);
    assert.match(
      r.findings[0]!.message,
      /^Query scans more than the 1\.0 GB budget: ≈ 107\.0 GB scanned · ≈ \$0\.5225 · 214 of 365 partitions$/,
    );
    const ok = await ws.lint('q2.sql', "SELECT a FROM events WHERE dt = '2025-06-01';\n", {
      ruleIds: new Set(['athena/scan-budget']),
    });
    assert.strictEqual(ok.findings.length, 0);
  });
});
