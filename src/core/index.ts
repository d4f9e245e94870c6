/** The engine's public surface, for the CLI, the extension and tests. */
export * from './model/types';
export { LineIndex, edit, insertAt } from './model/text';
export { DEFAULT_TARGETS, mergeTargets, memoryTargetFor, type Targets } from './targets';
export {
  CONFIG_FILE_NAME,
  defaultConfig,
  parseConfig,
  overlayConfig,
  type ResolvedConfig,
  type ConfigProblem,
} from './config';
export {
  Workspace,
  type WorkspaceContext,
  type LintResult,
  type FixResult,
  type LintOptions,
} from './engine/workspace';
export { ParsedFile, commentPrefixOf, grammarOf } from './engine/file';
export { languageOfPath, languageOfEditorId, HANDLED_EXTENSIONS } from './engine/languages';
export { applyEdits, selectFixes } from './engine/fix';
export { parseDirectives, applySuppressions } from './engine/suppressions';
export { ExcludeMatcher, DEFAULT_EXCLUDES } from './engine/excludes';
export { createRule, type Rule, type RuleContext } from './engine/rule';
export { allRules, ruleById, ruleIds } from './rules';
export { setWasmDirectory } from './parse/treesitter';

import { defaultConfig, type ResolvedConfig } from './config';
import { Workspace } from './engine/workspace';
import { allRules } from './rules';

/** A workspace with every rule. */
export function createWorkspace(root: string, config: ResolvedConfig = defaultConfig()): Workspace {
  return new Workspace(root, allRules, config);
}
