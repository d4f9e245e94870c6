/**
 * The shared vocabulary of perfguard: positions, ranges, edits, findings and rule metadata.
 * Everything here is plain data so that the CLI, the extension and tests can share it.
 */

/** A 0-based position: line and UTF-16 character within the line. */
export interface Position {
  line: number;
  character: number;
}

/** A source range: 0-based positions plus 0-based UTF-16 offsets into the file text. */
export interface Range {
  start: Position;
  end: Position;
  startOffset: number;
  endOffset: number;
}

/** Replace the text between two offsets (a pure insertion when they are equal). */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A named set of edits that is applied as one unit, or not at all. */
export interface Fix {
  /** Imperative title, e.g. "Move client to module scope". */
  title: string;
  edits: TextEdit[];
}

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  /** Path of the file the finding is in, as the engine was given it. */
  file: string;
  range: Range;
  /** A fix that `--fix` and `source.fixAll.perfguard` may apply without review. */
  fix?: Fix;
  /** Edits a person must choose; never applied automatically. */
  suggestions?: Fix[];
}

/** Languages the engine knows. `cfn` covers CloudFormation/SAM/serverless templates in YAML or JSON. */
export type LanguageId =
  'python' | 'javascript' | 'typescript' | 'tsx' | 'sql' | 'terraform' | 'yaml' | 'json' | 'ini';

/** How often a rule can offer an automatic fix. */
export type FixAvailability = 'always' | 'sometimes' | 'never';

export interface RuleMeta {
  /** Fixed id: `<namespace>/<name>`, e.g. `lambda/client-in-handler`. */
  id: string;
  /** One line, sentence case, no trailing period. */
  description: string;
  defaultSeverity: Severity;
  /** Whether a safe fix exists (always / sometimes / never). */
  fix: FixAvailability;
  /** Whether the rule offers suggestions (edits that need review). */
  hasSuggestions: boolean;
  /** Languages whose files this rule inspects. */
  languages: readonly LanguageId[];
  /** Why the pattern costs, shown on hover (one or two sentences). */
  why: string;
  /** The guide's target the rule measures against, for hover and docs (e.g. "cold start < 3000 ms"). */
  target?: string;
  /** JSON schema of the rule's options (under `.perfguard.json` `ruleOptions[<id>]`), if any. */
  optionsSchema?: Record<string, unknown>;
}

/** Repository-relative path of a rule's docs page. */
export function docsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}

/** Where the published docs live; adapters may resolve `docsPath` locally instead. */
export const DOCS_BASE_URL = 'https://github.com/perfguard/perfguard/blob/main/';

export function docsUrl(ruleId: string): string {
  return DOCS_BASE_URL + docsPath(ruleId);
}

/** An engine problem that is not a finding: a rule crashed, a file could not be parsed, config is broken. */
export interface EngineDiagnostic {
  file: string;
  message: string;
  kind: 'rule-error' | 'parse-error' | 'config-error' | 'skipped' | 'timeout';
  ruleId?: string;
}
