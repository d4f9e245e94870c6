import type { LanguageId } from '../model/types';

const BY_EXTENSION: Record<string, LanguageId> = {
  '.py': 'python',
  '.pyi': 'python',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
  '.jsx': 'javascript',
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.tsx': 'tsx',
  '.sql': 'sql',
  '.tf': 'terraform',
  '.tfvars': 'terraform',
  '.yaml': 'yaml',
  '.yml': 'yaml',
  '.json': 'json',
  '.template': 'yaml',
  '.cnf': 'ini',
  '.ini': 'ini',
};

/** The language of a file from its name, or undefined when perfguard does not handle it. */
export function languageOfPath(filePath: string): LanguageId | undefined {
  const base = filePath.replace(/\\/g, '/').split('/').pop() ?? '';
  if (base.endsWith('.d.ts')) return undefined;
  const dot = base.lastIndexOf('.');
  if (dot < 0) return undefined;
  return BY_EXTENSION[base.slice(dot).toLowerCase()];
}

export const HANDLED_EXTENSIONS: readonly string[] = Object.keys(BY_EXTENSION);

/** Map a VS Code language id to ours (used by the extension). */
export function languageOfEditorId(editorLanguageId: string, filePath: string): LanguageId | undefined {
  switch (editorLanguageId) {
    case 'python':
      return 'python';
    case 'javascript':
    case 'javascriptreact':
      return 'javascript';
    case 'typescript':
      return 'typescript';
    case 'typescriptreact':
      return 'tsx';
    case 'sql':
      return 'sql';
    case 'terraform':
    case 'hcl':
      return 'terraform';
    case 'yaml':
      return 'yaml';
    case 'json':
    case 'jsonc':
      return 'json';
    case 'ini':
    case 'properties':
      return 'ini';
    default:
      return languageOfPath(filePath);
  }
}
