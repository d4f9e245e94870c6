/**
 * `perfguard lint --jobs N`: linting on worker threads gives the report (json, sarif, stylish), the exit code
 * and the `--fix` edits of a single-threaded run, and a worker that fails hands its files back to the main
 * thread. The fixture mixes infrastructure that names handlers (Terraform, SAM, CDK), handlers in Python and
 * TypeScript/JavaScript, SQL with a Parquet-backed table, and generated handler modules (bench/gen.ts) so that
 * every thread gets files of several kinds.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { pythonCorpus } from '../../../bench/gen';
import { cleanTemps, REPO, runCli, tempDir, write, type RunResult } from './helpers';

/** The demo workspace plus 40 generated handler modules and a table with local Parquet data. */
function fixtureTree(): string {
  const root = path.join(tempDir(), 'ws');
  fs.cpSync(path.join(REPO, 'examples', 'ecommerce-platform'), root, { recursive: true });
  for (const f of pythonCorpus(40)) write(root, f.rel, f.text);
  write(
    root,
    'sql/events.sql',
    "CREATE EXTERNAL TABLE events (event_id string, payload string)\nPARTITIONED BY (dt string)\nSTORED AS PARQUET LOCATION 's3://lake/events/' TBLPROPERTIES ('parquet.compression'='SNAPPY');\n\nSELECT event_id, payload FROM events WHERE dt = '2026-01-01';\n\nSELECT * FROM events;\n",
  );
  const rows = 50;
  const buf = parquetWriteBuffer({
    columnData: [
      { name: 'event_id', data: Array.from({ length: rows }, (_, i) => `e-${i}`), type: 'STRING' },
      { name: 'payload', data: Array.from({ length: rows }, (_, i) => `p${i}`), type: 'STRING' },
    ],
  });
  write(root, 'data/events/dt=2026-01-01/part-0.parquet', Buffer.from(buf));
  const config = fs.readFileSync(path.join(root, '.perfguard.json'), 'utf8');
  assert.ok(config.includes('"exclude"'), 'the demo config changed: update this test');
  write(
    root,
    '.perfguard.json',
    config.replace(
      '"exclude"',
      '"tables": [{ "name": "events", "sizeBytes": 53687091200, "dataFolder": "data/events" }],\n  "exclude"',
    ),
  );
  return root;
}

/** Every file under `root` (relative path → content), for comparing two trees after --fix. */
function snapshot(root: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.set(path.relative(root, p), fs.readFileSync(p, 'latin1'));
    }
  };
  walk(root);
  return out;
}

function threadsOf(r: RunResult): number {
  return (JSON.parse(r.stdout) as { threads?: number }).threads ?? -1;
}

describe('cli: perfguard lint --jobs (worker threads)', function () {
  this.timeout(180_000);
  let root: string;
  before(() => {
    root = fixtureTree();
  });
  after(cleanTemps);

  it('gives the same json, sarif and stylish report and exit code on 1, 2 and 3 threads', () => {
    for (const format of ['json', 'sarif', 'stylish']) {
      const one = runCli(root, ['lint', '-f', format, '--jobs', '1']);
      assert.ok(one.code === 0 || one.code === 1, one.stderr);
      if (format === 'json') {
        const findings = (JSON.parse(one.stdout) as { findings: { ruleId: string }[] }).findings;
        const rules = new Set(findings.map((f) => f.ruleId));
        // The fixture really exercises the handler mapping, the IaC model and the catalog.
        for (const id of ['lambda/import-in-handler', 'lambda/client-in-handler', 'sql/select-star'])
          assert.ok(rules.has(id), `no ${id} finding in the fixture`);
      }
      for (const jobs of ['2', '3']) {
        const many = runCli(root, ['lint', '-f', format, '--jobs', jobs]);
        assert.strictEqual(many.code, one.code, many.stderr);
        assert.strictEqual(many.stdout, one.stdout, `${format} differs with --jobs ${jobs}`);
        assert.strictEqual(many.stderr, one.stderr);
      }
    }
  });

  it('really uses worker threads when asked (json --stats says how many)', () => {
    assert.strictEqual(threadsOf(runCli(root, ['lint', '-f', 'json', '--stats', '--jobs', '1'])), 1);
    assert.strictEqual(threadsOf(runCli(root, ['lint', '-f', 'json', '--stats', '--jobs', '2'])), 2);
    assert.strictEqual(threadsOf(runCli(root, ['lint', '-f', 'json', '--stats', '-j', '3'])), 3);
  });

  it('stays on one thread by default when there is little to lint', () => {
    const small = path.join(tempDir(), 'small');
    fs.cpSync(path.join(REPO, 'examples', 'ecommerce-platform'), small, { recursive: true });
    assert.strictEqual(threadsOf(runCli(small, ['lint', '-f', 'json', '--stats'])), 1);
  });

  it('--fix with --jobs 2 writes the same files and reports the same as --jobs 1 (it runs on one thread)', () => {
    const a = path.join(tempDir(), 'a');
    const b = path.join(tempDir(), 'b');
    fs.cpSync(root, a, { recursive: true });
    fs.cpSync(root, b, { recursive: true });
    const before = snapshot(a);
    const one = runCli(a, ['lint', '--fix', '-f', 'json', '--jobs', '1']);
    const two = runCli(b, ['lint', '--fix', '-f', 'json', '--jobs', '2']);
    // A fix can change what another file's rules see: the order of the files is part of the result.
    const c = path.join(tempDir(), 'c');
    fs.cpSync(root, c, { recursive: true });
    assert.strictEqual(threadsOf(runCli(c, ['lint', '--fix', '-f', 'json', '--stats', '--jobs', '2'])), 1);
    assert.strictEqual(two.code, one.code, two.stderr);
    const fixed = (r: RunResult) => (JSON.parse(r.stdout) as { summary: { fixed: number } }).summary.fixed;
    assert.ok(fixed(one) > 10, 'the fixture has safe fixes');
    assert.strictEqual(fixed(two), fixed(one));
    // Same report apart from the root folder.
    assert.strictEqual(two.stdout.split(b).join('<root>'), one.stdout.split(a).join('<root>'));
    const afterA = snapshot(a);
    assert.notDeepStrictEqual(afterA, before, '--fix changed nothing');
    assert.deepStrictEqual(snapshot(b), afterA);
  });

  for (const fault of ['start', 'batch', 'result']) {
    it(`a worker that fails (${fault}) hands its files back: same report, same exit code, one note`, () => {
      const one = runCli(root, ['lint', '-f', 'json', '--jobs', '1']);
      const r = runCli(root, ['lint', '-f', 'json', '--jobs', '2'], {
        env: { PERFGUARD_WORKER_FAULT: fault },
      });
      assert.strictEqual(r.code, one.code, r.stderr);
      assert.strictEqual(r.stdout, one.stdout);
      assert.match(r.stderr, /a lint worker thread stopped \(.+\); its files were linted on the main thread/);
    });
  }

  it('--jobs must be a whole number of 1 or more', () => {
    for (const bad of ['0', 'x', '1.5', '-2']) {
      const r = runCli(root, ['lint', '--jobs', bad]);
      assert.strictEqual(r.code, 2, `--jobs ${bad}`);
      assert.match(r.stderr, /--jobs needs a whole number of 1 or more|--jobs/);
    }
    assert.match(runCli(root, ['--help']).stdout, /-j, --jobs <n>/);
  });
});
