/**
 * The extension-tests module the VS Code host loads (`extensionTestsPath`): runs every suite with mocha inside
 * the real extension host and writes a JSON summary to PERFGUARD_TEST_REPORT for the driver script.
 */
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    color: false,
    // Generous: the host shares two cores with other work; speed is logged, not asserted.
    timeout: 90000,
    reporter: 'spec',
    ...(process.env.PERFGUARD_TEST_GREP ? { grep: process.env.PERFGUARD_TEST_GREP } : {}),
  });
  const dir = path.join(__dirname, 'suite');
  for (const f of fs.readdirSync(dir).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(dir, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
      const report = process.env.PERFGUARD_TEST_REPORT;
      if (report) {
        fs.writeFileSync(
          report,
          JSON.stringify({ passes: stats.passes, failures: stats.failures, pending: stats.pending }),
        );
      }
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
      else resolve();
    });
  });
}
