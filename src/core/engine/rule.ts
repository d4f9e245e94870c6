/**
 * How a rule is written: metadata plus one pure function over a parsed file and the workspace context.
 * Rules report through `ctx.report`; they never throw out of the engine (the engine catches and logs).
 */
import type { Fix, Range, RuleMeta, Severity } from '../model/types';
import type { Targets } from '../targets';
import type { ParsedFile } from './file';
import type { WorkspaceContext } from './workspace';

export interface ReportDescriptor {
  message: string;
  /** Either a range, or start/end offsets in the file. */
  range?: Range;
  startOffset?: number;
  endOffset?: number;
  /** Override the configured severity for this finding only (e.g. info on an error-only path). */
  severity?: Severity;
  fix?: Fix;
  suggestions?: Fix[];
}

export interface RuleContext {
  readonly file: ParsedFile;
  readonly workspace: WorkspaceContext;
  readonly targets: Targets;
  readonly options: Readonly<Record<string, unknown>>;
  /** The severity the finding gets unless the report overrides it. */
  readonly severity: Severity;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: RuleContext): void;
}

/** The one helper every rule is built through (keeps the shape uniform, as typescript-eslint's createRule). */
export function createRule(meta: RuleMeta, check: (ctx: RuleContext) => void): Rule {
  if (!/^[a-z0-9]+\/[a-z0-9-]+$/.test(meta.id)) throw new Error(`perfguard: bad rule id ${meta.id}`);
  return { meta, check };
}
