/**
 * Which files are not linted by default: vendored code, build output and tests, plus the user's `exclude` globs.
 * Globs follow .gitignore rules (a pattern without a slash matches at any depth).
 */
import ignore, { type Ignore } from 'ignore';

export const DEFAULT_EXCLUDES: readonly string[] = [
  'node_modules/',
  'site-packages/',
  '.venv/',
  'venv/',
  '.git/',
  '.aws-sam/',
  'cdk.out/',
  '.serverless/',
  '.terraform/',
  'dist/',
  'build/',
  'tests/',
  'test/',
  '__tests__/',
  '*.test.ts',
  '*.test.js',
  '*.spec.ts',
  '*.spec.js',
  'test_*.py',
  '*_test.py',
  // Lambda layer folders: python/<pkg>/..., layer*/, dependencies/
  'python/*/',
  'layer*/',
  'layers/',
  'dependencies/',
  // bundled or minified output
  '*.min.js',
  '*.bundle.js',
];

export class ExcludeMatcher {
  private readonly ig: Ignore;

  constructor(userExcludes: readonly string[] = [], useDefaults = true) {
    this.ig = ignore();
    if (useDefaults) this.ig.add([...DEFAULT_EXCLUDES]);
    this.ig.add([...userExcludes]);
  }

  /** `relPath` is workspace-relative with forward slashes. Paths outside the workspace are never excluded. */
  isExcluded(relPath: string): boolean {
    if (!relPath || relPath.startsWith('../') || /^[a-zA-Z]:/.test(relPath) || relPath.startsWith('/'))
      return false;
    return this.ig.ignores(relPath);
  }
}
