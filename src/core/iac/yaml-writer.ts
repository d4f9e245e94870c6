/**
 * The writer of CloudFormation/SAM templates and serverless.yml, in YAML or JSON: a new key goes after the last
 * key of its map, in the map's own indentation (YAML) or with the object's own indentation and commas (JSON);
 * a missing nested map is created under its parent. Flow-style YAML maps (`{ … }`) are left alone.
 */
import type { ParsedFile } from '../engine/file';
import { edit } from '../model/text';
import type { TextEdit } from '../model/types';
import { lineEnd, schemaWriter, type Rendered, type SrcObj, type Syntax } from './mapping';
import type { WriteValue } from './writer';
import { registerWriter } from './writer';

const YAML_RESERVED = /^(true|false|yes|no|on|off|null|y|n|~)$/i;

export function yamlLiteral(v: WriteValue): string {
  if (typeof v !== 'string') return String(v);
  if (/^[A-Za-z_/][\w\-./]*$/.test(v) && !YAML_RESERVED.test(v)) return v;
  return JSON.stringify(v);
}

/** The file's indentation step (from the first nested map), two spaces by default. */
function unitOf(file: ParsedFile): string {
  if (file.language === 'json') {
    const m = /^[{[][ \t]*\r?\n([ \t]+)\S/.exec(file.text);
    return m?.[1] ?? '  ';
  }
  const m = /^([ ]*)[^\s#-][^\n]*:[ \t]*\r?\n(?:[ \t]*(?:#[^\n]*)?\r?\n)*\1([ ]+)[^\s-]/m.exec(file.text);
  return m?.[2] ?? '  ';
}

function column(file: ParsedFile, offset: number): number {
  return file.index.positionAt(offset).character;
}

function renderYaml(
  entries: readonly (readonly [string, Rendered])[],
  indent: string,
  unit: string,
  eol: string,
): string {
  return entries
    .map(([k, v]) =>
      typeof v === 'string'
        ? `${indent}${k}: ${v}${eol}`
        : `${indent}${k}:${eol}${renderYaml(v, indent + unit, unit, eol)}`,
    )
    .join('');
}

function renderJson(
  entries: readonly (readonly [string, Rendered])[],
  indent: string,
  unit: string,
  eol: string,
): string {
  return entries
    .map(([k, v]) =>
      typeof v === 'string'
        ? `${indent}${JSON.stringify(k)}: ${v}`
        : `${indent}${JSON.stringify(k)}: {${eol}${renderJson(v, indent + unit, unit, eol)}${eol}${indent}}`,
    )
    .join(`,${eol}`);
}

function insertYaml(
  file: ParsedFile,
  obj: SrcObj,
  entries: readonly (readonly [string, Rendered])[],
): TextEdit[] | undefined {
  const text = file.text;
  if (text[obj.span.startOffset] === '{') return undefined; // flow map
  const last = obj.entries[obj.entries.length - 1];
  const first = obj.entries[0];
  if (!last || !first) return undefined;
  const eol = file.index.eol;
  const indent = ' '.repeat(column(file, first.keySpan.startOffset));
  const end = last.value.span.endOffset;
  let offset: number;
  let prefix = '';
  if (end > 0 && text[end - 1] === '\n') offset = end;
  else {
    const le = lineEnd(text, end);
    if (le >= text.length) {
      offset = text.length;
      prefix = eol;
    } else offset = text[le] === '\r' ? le + 2 : le + 1;
  }
  return [edit(file.index, offset, offset, prefix + renderYaml(entries, indent, unitOf(file), eol))];
}

function insertJson(
  file: ParsedFile,
  obj: SrcObj,
  entries: readonly (readonly [string, Rendered])[],
): TextEdit[] | undefined {
  const last = obj.entries[obj.entries.length - 1];
  if (!last) return undefined;
  const idx = file.index;
  const eol = idx.eol;
  const at = last.value.span.endOffset;
  const oneLine = idx.positionAt(obj.span.startOffset).line === idx.positionAt(obj.span.endOffset).line;
  if (oneLine) {
    const body = entries
      .map(([k, v]) => (typeof v === 'string' ? `${JSON.stringify(k)}: ${v}` : undefined))
      .filter((s): s is string => s !== undefined);
    if (body.length !== entries.length) return undefined;
    return [edit(idx, at, at, `, ${body.join(', ')}`)];
  }
  const indent = idx.indentOf(idx.positionAt(last.keySpan.startOffset).line);
  return [edit(idx, at, at, `,${eol}${renderJson(entries, indent, unitOf(file), eol)}`)];
}

export const templateSyntax: Syntax = {
  render(file, v, kind) {
    if (kind !== 'plain') return undefined;
    return file.language === 'json' ? JSON.stringify(v) : yamlLiteral(v);
  },
  insert(file, obj, entries) {
    if (file.language === 'json') return insertJson(file, obj, entries);
    if (file.language === 'yaml') return insertYaml(file, obj, entries);
    return undefined;
  },
};

export const templateWriter = schemaWriter(templateSyntax);

registerWriter('cloudformation', templateWriter);
registerWriter('serverless', templateWriter);
