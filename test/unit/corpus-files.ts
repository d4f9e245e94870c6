/**
 * The files differential tests read: every file of this repository that git tracks (matching some patterns), plus
 * the files of a folder an environment variable names (public code checked out by hand; never committed).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * Absolute paths of the tracked files matching `patterns` (git pathspecs such as `*.ts`) that exist in the work
 * tree, then those under `$envVar` (when set) whose names pass `keep` (node_modules skipped).
 */
export function corpusFiles(
  patterns: readonly string[],
  envVar: string,
  keep: (name: string) => boolean,
): string[] {
  const files = execFileSync('git', ['ls-files', ...patterns], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((f) => f !== '')
    .map((f) => path.join(REPO_ROOT, f))
    .filter((f) => fs.existsSync(f));
  const extra = process.env[envVar];
  if (extra) {
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory() && e.name !== 'node_modules') walk(p);
        else if (e.isFile() && keep(e.name)) files.push(p);
      }
    };
    walk(extra);
  }
  return files;
}

/** TypeScript sources (declaration files aside). */
export const isTs = (name: string): boolean => name.endsWith('.ts') && !name.endsWith('.d.ts');
