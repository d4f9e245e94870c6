/**
 * Athena scan estimates in the real host: the CodeLens above each query (SQL files and SQL passed to pyathena),
 * exact from the fixture's local Parquet files (`.perfguard.json` `tables[].dataFolder`) or from declared
 * statistics, the status bar item for the query at the cursor, the `perfguard.sql.codeLens` setting, and the
 * reload of the Parquet metadata when `.perfguard.json` changes.
 */
import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, open, Originals, show, sleep, uriOf, writeFile } from '../helpers';

const EVENTS = 'sql/events.sql';
const REPORTS = 'services/reports/app.py';
const ORDERS = 'services/orders/app.py';
const CONFIG = '.perfguard.json';

/** `[line, character, title]` of each scan-estimate lens of a file. */
type Lens = [number, number, string];

async function lensesOf(rel: string): Promise<Lens[]> {
  const r = await vscode.commands.executeCommand<vscode.CodeLens[]>(
    'vscode.executeCodeLensProvider',
    uriOf(rel),
  );
  return (r ?? [])
    .filter((l) => l.command && !l.command.command.startsWith('perfguard.metrics'))
    .map((l): Lens => [l.range.start.line, l.range.start.character, l.command?.title ?? ''])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

/** Poll an async value until it deep-equals `expected` (the lint, the index and the Parquet load are async). */
async function until<T>(what: string, get: () => Promise<T> | T, expected: T, ms = 30000): Promise<void> {
  const deadline = Date.now() + ms;
  let last: T | undefined;
  for (;;) {
    last = await get();
    if (JSON.stringify(last) === JSON.stringify(expected)) return;
    if (Date.now() > deadline)
      assert.deepStrictEqual(last, expected, `timed out waiting for ${what}: ${JSON.stringify(last)}`);
    await sleep(100);
  }
}

const EVENTS_LENSES: Lens[] = [
  // Exact: the footers of the one Parquet file under data/events/dt=2026-01-02 (user_id chunk only).
  [19, 0, '≈ 801 B scanned · ≈ $0.000048 · 1 of 3 partitions'],
  // Declared: 100 GB, half the data columns, 3 of the 365 projected dt values.
  [24, 0, '≈ 420.8 MB scanned · ≈ $0.0020 · 3 of 365 partitions'],
  [29, 0, 'No scan estimate possible: no catalog table is read'],
];

suite('SQL scan estimates', () => {
  const originals = new Originals();

  suiteSetup(async () => {
    await api();
    await originals.remember(CONFIG);
  });

  teardown(async () => {
    await vscode.workspace
      .getConfiguration('perfguard')
      .update('sql.codeLens', undefined, vscode.ConfigurationTarget.Workspace);
    await originals.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sleep(300);
  });

  test('a CodeLens above each Athena query: exact from local Parquet, from declared sizes, or why not', async () => {
    await open(EVENTS);
    await until('the lenses of sql/events.sql', () => lensesOf(EVENTS), EVENTS_LENSES);
  });

  test('a CodeLens above SQL passed to pyathena in Python', async () => {
    await open(REPORTS);
    await until('the lens of the pyathena query', () => lensesOf(REPORTS), [
      [5, 20, '≈ 11.9 KB scanned · ≈ $0.000048 · 2 of 3 partitions'],
    ]);
  });

  test('the status bar shows the estimate of the query at the cursor, hidden elsewhere', async () => {
    const a = await api();
    const editor = await show(EVENTS);
    const put = (line: number, character: number) => {
      editor.selection = new vscode.Selection(line, character, line, character);
    };
    put(26, 8); // inside the WHERE of the clicks query
    await until(
      'status for the clicks query',
      () => a.sqlEstimateStatus(),
      '$(database) ≈ 420.8 MB scanned · ≈ $0.0020 · 3 of 365 partitions',
    );
    put(21, 3);
    await until(
      'status for the events query',
      () => a.sqlEstimateStatus(),
      '$(database) ≈ 801 B scanned · ≈ $0.000048 · 1 of 3 partitions',
    );
    put(29, 5);
    await until(
      'status for a query without an estimate',
      () => a.sqlEstimateStatus(),
      '$(database) No scan estimate',
    );
    put(3, 4); // inside CREATE EXTERNAL TABLE: not a query
    await until('status hidden in DDL', () => a.sqlEstimateStatus(), undefined);
    put(26, 8);
    await until('status back', () => a.sqlEstimateStatus() !== undefined, true);
    await show(ORDERS); // a handler without SQL
    await until('status hidden in a file without queries', () => a.sqlEstimateStatus(), undefined);
  });

  test('perfguard.sql.codeLens: false hides the lenses', async () => {
    await open(EVENTS);
    await until('the lenses', () => lensesOf(EVENTS), EVENTS_LENSES);
    await vscode.workspace
      .getConfiguration('perfguard')
      .update('sql.codeLens', false, vscode.ConfigurationTarget.Workspace);
    await until('no lenses', () => lensesOf(EVENTS), []);
  });

  test('a change of .perfguard.json reloads the table data', async () => {
    await open(EVENTS);
    await until('the lenses', () => lensesOf(EVENTS), EVENTS_LENSES);
    // Without the data folder, the events table has no estimate (and no stale Parquet metadata).
    await writeFile(
      CONFIG,
      '{ "tables": [ { "name": "analytics.clicks", "sizeBytes": 107374182400, "partitionValues": { "dt": "2026-01-01,2026-12-31" } } ] }\n',
    );
    const first = async () => (await lensesOf(EVENTS))[0]?.[2] ?? '';
    await until(
      'events without data',
      first,
      'No scan estimate possible: no estimate for analytics.events: declare "sizeBytes" in .perfguard.json tables, or map a local "dataFolder" with Parquet files',
    );
    await originals.restore();
    await until('the Parquet estimate back', first, EVENTS_LENSES[0]?.[2] ?? '');
  });
});
