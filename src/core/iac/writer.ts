/**
 * Writers turn "set this attribute to this value" into text edits in a format's own idiom. Names are the model's
 * Terraform names; a writer for another format maps them back (`memory_size` → `memorySize` / `MemorySize`).
 *
 * A writer edits only the file it is given (a fix never spans files) and returns undefined when it cannot
 * write the change safely (the block is generated, the value lives elsewhere): the rule then offers no fix.
 */
import type { ParsedFile } from '../engine/file';
import type { TextEdit } from '../model/types';
import type { Attribute, Block, IacFormat, Resource, Span } from './model';

/** A value to write: rendered by the writer (`512`, `"0.5"`, `true`). */
export type WriteValue = string | number | boolean;

export interface IacWriter {
  /** Replace a value expression (an attribute's value, a module input) with a literal. */
  replaceValue(file: ParsedFile, valueSpan: Span, value: WriteValue): TextEdit[] | undefined;
  /**
   * Set attributes on `block` inside the nested block path `path` (Terraform block types, created when
   * missing), replacing the value of any that exists and inserting the others, in the block's indentation and
   * alignment style. Entries keep their order.
   */
  setAttributes(
    file: ParsedFile,
    block: Block,
    path: readonly string[],
    values: readonly (readonly [string, WriteValue])[],
  ): TextEdit[] | undefined;
}

const writers = new Map<IacFormat, IacWriter>();

export function registerWriter(format: IacFormat, writer: IacWriter): void {
  writers.set(format, writer);
}

export function writerFor(format: IacFormat): IacWriter | undefined {
  return writers.get(format);
}

/**
 * Edits that make `resource` have `name = value` under `path`: the attribute's own value when it is a literal in
 * `file`, the module input when the value came from one written as a literal in `file`, an insertion when the
 * attribute is absent. Undefined when the value is written elsewhere (a variable default, tfvars, a local):
 * changing it there could change other resources.
 */
export function setAttributeEdits(
  file: ParsedFile,
  resource: Resource,
  path: readonly string[],
  values: readonly (readonly [string, WriteValue])[],
  existing?: Attribute,
): TextEdit[] | undefined {
  const writer = writerFor(resource.format);
  if (!writer) return undefined;
  if (existing) {
    if (values.length !== 1) return undefined;
    const [, value] = values[0]!;
    return replaceEdits(file, resource, existing, value);
  }
  if (resource.file !== file.relPath) return undefined;
  return writer.setAttributes(file, resource, path, values);
}

/** Edits replacing an existing attribute's value, where it was written (see `setAttributeEdits`). */
export function replaceEdits(
  file: ParsedFile,
  resource: Resource,
  attr: Attribute,
  value: WriteValue,
): TextEdit[] | undefined {
  const writer = writerFor(resource.format);
  if (!writer) return undefined;
  if (attr.provenance.kind === 'literal' && attr.valueSpan.file === file.relPath)
    return writer.replaceValue(file, attr.valueSpan, value);
  if (attr.provenance.kind === 'module-input' && attr.provenance.span.file === file.relPath)
    return writer.replaceValue(file, attr.provenance.span, value);
  return undefined;
}
