/**
 * What every infrastructure rule shares: the resources to judge, where a finding about an attribute goes, and
 * a reporter that keeps only findings located in the file being linted (a module judged at several call sites
 * yields each finding once).
 */
import type { RuleContext } from '../engine/rule';
import type { Fix, TextEdit } from '../model/types';
import { iacModel, type Attribute, type IacModel, type Resource, type Span } from './model';

export interface IacReporter {
  readonly model: IacModel;
  /** Managed resources of a type that rules may report on (not half typed), every format. */
  resources(type: string): Resource[];
  /**
   * Report at a span when it is in the linted file. `edits` is called only then; an undefined or empty
   * result means no fix.
   */
  report(at: Span, message: string, edits?: { fix?: LazyFix; suggestions?: LazyFix[] }): void;
}

/** A fix computed only when the finding is in the linted file. */
export interface LazyFix {
  title: string;
  edits: () => TextEdit[] | undefined;
}

function realize(f: LazyFix | undefined): Fix | undefined {
  const edits = f?.edits();
  return f && edits && edits.length > 0 ? { title: f.title, edits } : undefined;
}

/** The reporter of one rule run. */
export function iacRules(ctx: RuleContext): IacReporter {
  const model = iacModel(ctx.workspace);
  const seen = new Set<string>();
  return {
    model,
    resources: (type) => model.ofType(type).filter((r) => r.mode === 'resource' && !r.incomplete),
    report(at, message, opts) {
      if (at.file !== ctx.file.relPath) return;
      const key = `${at.startOffset}:${at.endOffset}:${message}`;
      if (seen.has(key)) return;
      seen.add(key);
      const fix = realize(opts?.fix);
      const suggestions = (opts?.suggestions ?? []).map(realize).filter((f): f is Fix => !!f);
      ctx.report({
        message,
        startOffset: at.startOffset,
        endOffset: at.endOffset,
        ...(fix ? { fix } : {}),
        ...(suggestions.length > 0 ? { suggestions } : {}),
      });
    },
  };
}

/** Where a finding about an attribute's value goes: the module input that set it, else the attribute. */
export function attributeSite(attr: Attribute): Span {
  if (attr.provenance.kind === 'module-input') return attr.provenance.span;
  return attr.span;
}

/** " (from the variable default in variables.tf)" and the like; empty for a literal. */
export function describeOrigin(attr: Attribute): string {
  const p = attr.provenance;
  switch (p.kind) {
    case 'variable-default':
      return ` (default of variable "${p.name}" in ${p.span.file})`;
    case 'tfvars':
      return ` (variable "${p.name}" set in ${p.span.file})`;
    case 'local':
      return ` (local "${p.name}")`;
    case 'module-input':
      return ` (input "${p.name}" of module "${p.module}")`;
    case 'globals':
      return ` (from Globals)`;
    default:
      return '';
  }
}
