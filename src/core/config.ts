/**
 * `.perfguard.json`: rule severities, targets, excludes and the sections later features read (`tables`, `sql`).
 * A broken file never stops the engine: the problems are returned with the file name and position, and the
 * defaults apply to whatever could not be read.
 */
import { parse as parseJsonc, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { SeveritySetting } from './model/types';
import { DEFAULT_TARGETS, mergeTargets, type Targets } from './targets';

export const CONFIG_FILE_NAME = '.perfguard.json';

export interface ConfigProblem {
  /** The config file's path as given. */
  file: string;
  message: string;
  /** 0-based offset of the problem when known. */
  offset?: number;
  length?: number;
}

export interface ResolvedConfig {
  rules: Record<string, SeveritySetting>;
  ruleOptions: Record<string, Record<string, unknown>>;
  targets: Targets;
  /** Globs (gitignore-style, relative to the workspace root) of files not to lint, on top of the defaults. */
  exclude: string[];
  /** The parsed file as is, for sections owned by other features (`tables`, `sql`, …). */
  raw: Record<string, unknown>;
  problems: ConfigProblem[];
  /** The file this came from, if any. */
  source?: string;
}

const SEVERITY_SETTINGS: readonly string[] = ['off', 'info', 'warning', 'error'];
const KNOWN_KEYS = new Set(['$schema', 'rules', 'targets', 'exclude', 'tables', 'sql', 'handlers', 'data']);

export function defaultConfig(): ResolvedConfig {
  return {
    rules: {},
    ruleOptions: {},
    targets: structuredClone(DEFAULT_TARGETS),
    exclude: [],
    raw: {},
    problems: [],
  };
}

/** Line/column (1-based) of an offset, for messages. */
function where(text: string, offset: number): string {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return `line ${line}, column ${col}`;
}

/**
 * Parse `.perfguard.json` text. `knownRuleIds`, when given, turns unknown rule ids into problems.
 * Comments and trailing commas are accepted (as in VS Code's settings files).
 */
export function parseConfig(file: string, text: string, knownRuleIds?: ReadonlySet<string>): ResolvedConfig {
  const cfg = defaultConfig();
  cfg.source = file;
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(text, errors, { allowTrailingComma: true, disallowComments: false });
  for (const e of errors) {
    cfg.problems.push({
      file,
      message: `${file}: ${where(text, e.offset)}: ${describeJsonError(printParseErrorCode(e.error))}; using the defaults`,
      offset: e.offset,
      length: e.length,
    });
  }
  if (errors.length > 0) return cfg;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    cfg.problems.push({
      file,
      message: `${file}: the file must contain a JSON object; using the defaults`,
      offset: 0,
    });
    return cfg;
  }
  const obj = value as Record<string, unknown>;
  cfg.raw = obj;
  const problem = (message: string, key?: string) => {
    const offset = key ? text.indexOf(JSON.stringify(key)) : -1;
    cfg.problems.push({
      file,
      message: `${file}: ${message}`,
      ...(offset >= 0 ? { offset, length: key!.length + 2 } : {}),
    });
  };
  for (const k of Object.keys(obj)) {
    if (!KNOWN_KEYS.has(k)) problem(`unknown setting "${k}" is ignored`, k);
  }

  const rules = obj.rules;
  if (rules !== undefined) {
    if (rules === null || typeof rules !== 'object' || Array.isArray(rules))
      problem('"rules" must be an object of rule id to severity', 'rules');
    else {
      for (const [id, setting] of Object.entries(rules as Record<string, unknown>)) {
        if (knownRuleIds && !knownRuleIds.has(id)) {
          problem(`unknown rule "${id}" in "rules" is ignored`, id);
          continue;
        }
        let sev: unknown = setting;
        if (Array.isArray(setting)) {
          sev = setting[0];
          const opts: unknown = setting[1];
          if (opts !== undefined) {
            if (opts === null || typeof opts !== 'object' || Array.isArray(opts))
              problem(`options of "${id}" must be an object`, id);
            else cfg.ruleOptions[id] = opts as Record<string, unknown>;
          }
        }
        if (typeof sev === 'string' && SEVERITY_SETTINGS.includes(sev))
          cfg.rules[id] = sev as SeveritySetting;
        else problem(`"${id}" must be one of ${SEVERITY_SETTINGS.join(', ')}`, id);
      }
    }
  }

  if (obj.targets !== undefined) {
    const msgs: string[] = [];
    cfg.targets = mergeTargets(cfg.targets, obj.targets, msgs);
    for (const m of msgs) problem(`${m}; the default is used`, (m.split(' ')[0] ?? '').split('.').pop());
  }

  const exclude = obj.exclude;
  if (exclude !== undefined) {
    if (!Array.isArray(exclude) || exclude.some((e) => typeof e !== 'string'))
      problem('"exclude" must be an array of glob strings', 'exclude');
    else cfg.exclude = exclude as string[];
  }
  return cfg;
}

function describeJsonError(code: string): string {
  switch (code) {
    case 'InvalidSymbol':
      return 'unexpected character';
    case 'PropertyNameExpected':
      return 'a property name (in double quotes) was expected';
    case 'ValueExpected':
      return 'a value was expected';
    case 'ColonExpected':
      return 'a colon was expected';
    case 'CommaExpected':
      return 'a comma was expected';
    case 'CloseBraceExpected':
      return 'a closing brace was expected';
    case 'CloseBracketExpected':
      return 'a closing bracket was expected';
    case 'EndOfFileExpected':
      return 'unexpected content after the end of the JSON value';
    case 'UnexpectedEndOfString':
      return 'a string is not closed';
    case 'UnexpectedEndOfComment':
      return 'a comment is not closed';
    default:
      return `invalid JSON (${code})`;
  }
}

/** Apply editor settings (`perfguard.rules`, `perfguard.targets`, `perfguard.exclude`) over a file config. */
export function overlayConfig(
  base: ResolvedConfig,
  overlay: { rules?: Record<string, unknown>; targets?: unknown; exclude?: unknown },
): ResolvedConfig {
  const out: ResolvedConfig = { ...base, rules: { ...base.rules }, problems: [...base.problems] };
  for (const [id, sev] of Object.entries(overlay.rules ?? {})) {
    if (typeof sev === 'string' && SEVERITY_SETTINGS.includes(sev)) out.rules[id] = sev as SeveritySetting;
  }
  if (overlay.targets !== undefined) out.targets = mergeTargets(base.targets, overlay.targets, []);
  if (Array.isArray(overlay.exclude))
    out.exclude = [...base.exclude, ...overlay.exclude.filter((e): e is string => typeof e === 'string')];
  return out;
}
