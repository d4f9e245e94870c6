/**
 * What the CDK, CloudFormation/SAM and serverless.yml front ends share: a format-neutral view of the objects a
 * source writes (`{ memorySize: 512 }`, `memory_size=512`, `MemorySize: 512`), schemas that map their keys
 * onto the model's Terraform names, and a writer that sets Terraform-named attributes back in each format's own
 * syntax (`Syntax`).
 *
 * Keys match whatever their case (`memorySize`, `memory_size`, `MemorySize` are one key), so one schema serves
 * CDK TypeScript, CDK Python and the CloudFormation names of L1 `Cfn*` constructs.
 */
import type { ParsedFile } from '../engine/file';
import { edit } from '../model/text';
import type { TextEdit } from '../model/types';
import {
  UNKNOWN,
  type Attribute,
  type Block,
  type IacValue,
  type Provenance,
  type Reference,
  type Resource,
  type Span,
} from './model';
import type { IacWriter, WriteValue } from './writer';

/** An evaluated expression: its value, where it came from and the resources it mentions. */
export interface Val {
  v: IacValue;
  prov: Provenance;
  refs: Reference[];
}

export const LITERAL: Provenance = Object.freeze({ kind: 'literal' }) as Provenance;
const UNKNOWN_PROV: Provenance = Object.freeze({ kind: 'unknown' }) as Provenance;
/** The references of a value that mentions none (shared: references are never added to a value's list). */
const NO_REFS = Object.freeze([]) as unknown as Reference[];

export function unknownVal(refs: Reference[] = NO_REFS): Val {
  return { v: UNKNOWN, prov: UNKNOWN_PROV, refs };
}

export function literalVal(v: IacValue): Val {
  return { v, prov: LITERAL, refs: NO_REFS };
}

/** An object as written in the source: an object literal, keyword arguments, a YAML/JSON map. */
export interface SrcObj {
  k: 'obj';
  entries: SrcEntry[];
  span: Span;
}
export interface SrcList {
  k: 'list';
  items: SrcNode[];
  span: Span;
}
export interface SrcVal {
  k: 'val';
  val: Val;
  span: Span;
}
export type SrcNode = SrcObj | SrcList | SrcVal;

export interface SrcEntry {
  key: string;
  /** The whole `key: value`. */
  span: Span;
  keySpan: Span;
  value: SrcNode;
}

/** `memorySize`, `memory_size`, `MemorySize` → `memorysize`. */
export function normKey(k: string): string {
  for (let i = 0; i < k.length; i++) {
    const c = k.charCodeAt(i);
    // `_`, `-`, `A`–`Z` or beyond ASCII: normalize; already normal keys (`memorysize`) are returned as they are.
    if (c === 95 || c === 45 || (c >= 65 && c <= 90) || c > 127) return k.replace(/[_-]/g, '').toLowerCase();
  }
  return k;
}

/** Whether `normKey(k) === n`, without building the normalized key when `k` is ASCII. */
function keyMatches(k: string, n: string): boolean {
  let j = 0;
  for (let i = 0; i < k.length; i++) {
    let c = k.charCodeAt(i);
    if (c === 95 || c === 45) continue;
    if (c > 127) return normKey(k) === n;
    if (c >= 65 && c <= 90) c += 32;
    if (n.charCodeAt(j) !== c) return false;
    j++;
  }
  return j === n.length;
}

export function entryOf(obj: SrcObj | undefined, key: string): SrcEntry | undefined {
  if (!obj) return undefined;
  const n = normKey(key);
  const es = obj.entries;
  // The last one wins, as in JS and YAML.
  for (let i = es.length - 1; i >= 0; i--) {
    const e = es[i] as SrcEntry;
    if (keyMatches(e.key, n)) return e;
  }
  return undefined;
}

export function objOf(n: SrcNode | undefined): SrcObj | undefined {
  return n?.k === 'obj' ? n : undefined;
}

export function valOf(n: SrcNode | undefined): Val | undefined {
  return n?.k === 'val' ? n.val : undefined;
}

/** A node as a plain value (objects and lists become maps and lists). */
export function toVal(n: SrcNode): Val {
  if (n.k === 'val') return n.val;
  const refs: Reference[] = [];
  if (n.k === 'list') {
    const items = n.items.map((i) => {
      const v = toVal(i);
      refs.push(...v.refs);
      return v.v;
    });
    return { v: { kind: 'list', items }, prov: LITERAL, refs };
  }
  const entries = new Map<string, IacValue>();
  for (const e of n.entries) {
    const v = toVal(e.value);
    refs.push(...v.refs);
    entries.set(e.key, v.v);
  }
  return { v: { kind: 'map', entries }, prov: LITERAL, refs };
}

// ---- Schemas --------------------------------------------------------------------------------------------

/**
 * How a CDK value is written: a plain literal, `Duration.seconds(n)`, `logs.RetentionDays.X`, `Size.bytes(n)`,
 * `cloudfront.ViewerProtocolPolicy.X`.
 */
export type WriteKind = 'plain' | 'duration' | 'retention' | 'size' | 'viewer-protocol-policy';

export interface AttrSpec {
  /** Terraform argument name. */
  name: string;
  /** Convert the source's value to Terraform's unit or vocabulary. */
  conv?: (v: IacValue) => IacValue;
  write?: WriteKind;
}

export interface BlockSpec {
  /** Terraform block type. */
  type: string;
  schema: Schema;
  /** The source value is a list of objects: one block each. */
  list?: boolean;
  /** The source nests what Terraform keeps at this level (CloudFront's `DistributionConfig`): merge it up. */
  flatten?: boolean;
  /** The source value is a map of objects (CDK `additionalBehaviors: { '/api/*': { … } }`): one block each. */
  entries?: boolean;
  /** The source value is a scalar that Terraform writes as a block with this one attribute. */
  wrap?: string;
}

export interface Schema {
  /** Source key (any case) → Terraform attribute. */
  attrs?: Record<string, string | AttrSpec>;
  /** Source key → nested Terraform block. */
  blocks?: Record<string, BlockSpec>;
}

function specOf(s: string | AttrSpec): AttrSpec {
  return typeof s === 'string' ? { name: s } : s;
}

/** Where a block's settings are written, for the writers. */
export interface WriteSite {
  /** The source object holding the block's settings; undefined when it must be created under `parent`. */
  obj?: SrcObj;
  schema: Schema;
  /** Where to create `obj` when it is missing: under `key` of the parent site's object. */
  parent?: { site: WriteSite; key: string };
  /** Keys are written in this case (`camel` for CDK L2 TypeScript, `pascal` for CloudFormation…). */
  style: KeyStyle;
}

export type KeyStyle = 'camel' | 'pascal' | 'snake' | 'asis';

/**
 * A block's write site and how the value at a span is written when not as a plain literal
 * (`Duration.seconds(n)`), kept on the objects under symbols (WeakMaps of thousands of entries cost more to fill
 * and make every garbage collection trace them as ephemerons).
 */
const SITE = Symbol('perfguard.writeSite');
const WRITE_KIND = Symbol('perfguard.writeKind');

type WithSite = Block & { [SITE]?: WriteSite };
type WithKind = Span & { [WRITE_KIND]?: WriteKind };

export function siteOf(b: Block): WriteSite | undefined {
  return (b as WithSite)[SITE];
}

export function setSite(b: Block, site: WriteSite): void {
  (b as WithSite)[SITE] = site;
}

export function span(file: string, startOffset: number, endOffset: number): Span {
  return { file, startOffset, endOffset };
}

/** An attribute from a source entry. */
export function attributeFrom(name: string, e: SrcEntry, conv?: (v: IacValue) => IacValue): Attribute {
  const val = toVal(e.value);
  const out: Attribute = {
    name,
    value: conv && val.v.kind !== 'unknown' ? conv(val.v) : val.v,
    provenance: val.prov,
    span: e.span,
    valueSpan: e.value.span,
    refs: val.refs,
  };
  if ('span' in val.prov) out.origin = val.prov.span;
  return out;
}

/** A schema's keys, normalized (`normKey`), in the schema's order. */
interface SchemaKeys {
  attrs: [string, AttrSpec][];
  blocks: [string, string, BlockSpec][];
  /** Terraform attribute name → the first source key and spec mapping to it (`attrKey`). */
  byAttr: Map<string, [string, AttrSpec]>;
  /** Terraform block type → the first source key and spec of a plain nested block (`blockKey`). */
  byBlock: Map<string, [string, BlockSpec]>;
}

/** Schemas are static: their keys are normalized once. */
const schemaKeyCache = new WeakMap<Schema, SchemaKeys>();

function schemaKeys(schema: Schema): SchemaKeys {
  let keys = schemaKeyCache.get(schema);
  if (keys) return keys;
  keys = { attrs: [], blocks: [], byAttr: new Map(), byBlock: new Map() };
  for (const [k, raw] of Object.entries(schema.attrs ?? {})) {
    const spec = specOf(raw);
    keys.attrs.push([normKey(k), spec]);
    if (!keys.byAttr.has(spec.name)) keys.byAttr.set(spec.name, [k, spec]);
  }
  for (const [k, spec] of Object.entries(schema.blocks ?? {})) {
    keys.blocks.push([normKey(k), k, spec]);
    if (!spec.list && !spec.entries && spec.wrap === undefined && !keys.byBlock.has(spec.type))
      keys.byBlock.set(spec.type, [k, spec]);
  }
  schemaKeyCache.set(schema, keys);
  return keys;
}

/** `entryOf` for normalized keys over one object: a small object is searched, a larger one indexed once. */
function entryLookup(obj: SrcObj): (n: string) => SrcEntry | undefined {
  const es = obj.entries;
  if (es.length <= 4)
    return (n) => {
      for (let i = es.length - 1; i >= 0; i--) {
        const e = es[i] as SrcEntry;
        if (keyMatches(e.key, n)) return e;
      }
      return undefined;
    };
  const byKey = new Map<string, SrcEntry>();
  for (const e of es) byKey.set(normKey(e.key), e); // the last one wins, as in JS and YAML
  return (n) => byKey.get(n);
}

/** Attributes and nested blocks of an object through a schema. */
export function mapObject(
  obj: SrcObj | undefined,
  schema: Schema,
  site: WriteSite,
): { attributes: Map<string, Attribute>; blocks: Block[] } {
  const attributes = new Map<string, Attribute>();
  const blocks: Block[] = [];
  if (!obj) return { attributes, blocks };
  const keys = schemaKeys(schema);
  const lookup = entryLookup(obj);
  for (const [n, spec] of keys.attrs) {
    const e = lookup(n);
    if (!e) continue;
    const attr = attributeFrom(spec.name, e, spec.conv);
    if (spec.write && spec.write !== 'plain') (attr.valueSpan as WithKind)[WRITE_KIND] = spec.write;
    attributes.set(spec.name, attr);
  }
  for (const [n, key, spec] of keys.blocks) {
    const e = lookup(n);
    if (!e) continue;
    const childSite = (o: SrcObj | undefined): WriteSite => ({
      ...(o ? { obj: o } : {}),
      schema: spec.schema,
      parent: { site, key },
      style: site.style,
    });
    if (spec.wrap !== undefined) {
      const b: Block = {
        type: spec.type,
        attributes: new Map([[spec.wrap, attributeFrom(spec.wrap, e)]]),
        blocks: [],
        span: e.span,
        headerSpan: e.keySpan,
      };
      blocks.push(b);
      continue;
    }
    if (spec.entries) {
      for (const item of objOf(e.value)?.entries ?? []) {
        const o = objOf(item.value);
        if (o)
          blocks.push(
            makeBlock(spec.type, o, spec.schema, item.span, item.keySpan, {
              obj: o,
              schema: spec.schema,
              style: site.style,
            }),
          );
      }
      continue;
    }
    if (spec.flatten) {
      const o = objOf(e.value);
      if (!o) continue;
      const inner = mapObject(o, spec.schema, {
        obj: o,
        schema: spec.schema,
        parent: { site, key },
        style: site.style,
      });
      for (const [n, a] of inner.attributes) attributes.set(n, a);
      blocks.push(...inner.blocks);
      continue;
    }
    if (spec.list) {
      if (e.value.k !== 'list') continue;
      for (const item of e.value.items) {
        const o = objOf(item);
        if (!o) continue;
        blocks.push(
          makeBlock(spec.type, o, spec.schema, o.span, o.span, { ...childSite(o), parent: undefined }),
        );
      }
      continue;
    }
    const o = objOf(e.value);
    if (!o) continue;
    blocks.push(makeBlock(spec.type, o, spec.schema, e.span, e.keySpan, childSite(o)));
  }
  return { attributes, blocks };
}

export function makeBlock(
  type: string,
  obj: SrcObj | undefined,
  schema: Schema,
  whole: Span,
  header: Span,
  site: WriteSite,
): Block {
  const { attributes, blocks } = mapObject(obj, schema, site);
  const b: Block = { type, attributes, blocks, span: whole, headerSpan: header };
  setSite(b, site);
  return b;
}

/**
 * The `aws_lambda_provisioned_concurrency_config` an alias implies when it nests `ProvisionedConcurrencyConfig`
 * (CloudFormation `AWS::Lambda::Alias`, CDK `CfnAlias`), as a resource block spanning the nested object: the
 * alias's function, the alias as the qualifier, and its provisioned executions.
 */
export function aliasProvisionedConcurrency(alias: Resource): Block | undefined {
  const pc = alias.blocks.find((b) => b.type === 'provisioned_concurrency_config');
  if (!pc) return undefined;
  const attributes = new Map<string, Attribute>(pc.attributes);
  const fn = alias.attributes.get('function_name');
  if (fn) attributes.set('function_name', fn);
  attributes.set('qualifier', {
    name: 'qualifier',
    value: alias.attributes.get('name')?.value ?? { kind: 'unknown' },
    provenance: alias.attributes.get('name')?.provenance ?? { kind: 'unknown' },
    span: pc.headerSpan,
    valueSpan: pc.headerSpan,
    refs: [{ type: 'aws_lambda_alias', name: alias.name, attribute: 'name', address: alias.address }],
  });
  return { type: 'resource', attributes, blocks: [], span: pc.span, headerSpan: pc.headerSpan };
}

// ---- Writing --------------------------------------------------------------------------------------------

/** What to write: a rendered value, or a nested object of entries. */
export type Rendered = string | readonly (readonly [string, Rendered])[];

/** A format's syntax for the shared writer. */
export interface Syntax {
  /** A literal value as the format writes it, for an attribute of a kind; undefined when it cannot. */
  render(file: ParsedFile, v: WriteValue, kind: WriteKind): string | undefined;
  /** Edits adding entries (keys already styled) to an existing object. */
  insert(
    file: ParsedFile,
    obj: SrcObj,
    entries: readonly (readonly [string, Rendered])[],
  ): TextEdit[] | undefined;
}

/** Styled keys by style: keys come from schemas, so this stays small (it is dropped if it ever grows large). */
const styledKeys = new Map<KeyStyle, Map<string, string>>();

export function styleKey(key: string, style: KeyStyle): string {
  if (style === 'asis') return key;
  let byKey = styledKeys.get(style);
  if (!byKey) styledKeys.set(style, (byKey = new Map()));
  let out = byKey.get(key);
  if (out === undefined) {
    if (byKey.size >= 10_000) byKey.clear();
    byKey.set(key, (out = styleKeyUncached(key, style)));
  }
  return out;
}

function styleKeyUncached(key: string, style: KeyStyle): string {
  switch (style) {
    case 'camel': {
      // CDK's (jsii) camel case, word by word: `MultiAZ` → `multiAz`, `SSESpecification` → `sseSpecification`.
      const [first = '', ...rest] = styleKey(key, 'snake').split('_');
      return first + rest.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
    }
    case 'pascal':
      return key.charAt(0).toUpperCase() + key.slice(1);
    case 'snake':
      return key
        .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
        .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
        .toLowerCase();
    default:
      return key;
  }
}

function attrKey(schema: Schema, name: string): [string, AttrSpec] | undefined {
  return schemaKeys(schema).byAttr.get(name);
}

function blockKey(schema: Schema, type: string): [string, BlockSpec] | undefined {
  return schemaKeys(schema).byBlock.get(type);
}

/** A writer over a syntax: replaces literal values, inserts entries, creates nested objects. */
export function schemaWriter(syntax: Syntax): IacWriter {
  const renderEntries = (
    file: ParsedFile,
    schema: Schema,
    style: KeyStyle,
    path: readonly string[],
    values: readonly (readonly [string, WriteValue])[],
  ): (readonly [string, Rendered])[] | undefined => {
    const [head, ...rest] = path;
    if (head !== undefined) {
      const bk = blockKey(schema, head);
      if (!bk) return undefined;
      const inner = renderEntries(file, bk[1].schema, style, rest, values);
      return inner ? [[styleKey(bk[0], style), inner]] : undefined;
    }
    const out: (readonly [string, Rendered])[] = [];
    for (const [n, v] of values) {
      const ak = attrKey(schema, n);
      if (!ak) return undefined;
      const r = syntax.render(file, v, ak[1].write ?? 'plain');
      if (r === undefined) return undefined;
      out.push([styleKey(ak[0], style), r]);
    }
    return out;
  };

  const writeAt = (
    file: ParsedFile,
    site: WriteSite,
    entries: readonly (readonly [string, Rendered])[],
  ): TextEdit[] | undefined => {
    if (site.obj)
      return site.obj.span.file === file.relPath ? syntax.insert(file, site.obj, entries) : undefined;
    if (!site.parent) return undefined;
    return writeAt(file, site.parent.site, [[styleKey(site.parent.key, site.parent.site.style), entries]]);
  };

  return {
    replaceValue(file, valueSpan, value) {
      if (valueSpan.file !== file.relPath) return undefined;
      const text = syntax.render(file, value, (valueSpan as WithKind)[WRITE_KIND] ?? 'plain');
      return text === undefined
        ? undefined
        : [edit(file.index, valueSpan.startOffset, valueSpan.endOffset, text)];
    },
    setAttributes(file, block, path, values) {
      if (values.length === 0) return undefined;
      let target: Block = block;
      let rest = [...path];
      while (rest.length > 0) {
        const matching = target.blocks.filter((b) => b.type === rest[0]);
        if (matching.length > 1) return undefined;
        const next = matching[0];
        if (!next) break;
        target = next;
        rest = rest.slice(1);
      }
      const site = siteOf(target);
      if (!site) return undefined;
      const edits: TextEdit[] = [];
      let toInsert = values;
      if (rest.length === 0) {
        toInsert = [];
        for (const [n, v] of values) {
          const existing = target.attributes.get(n);
          if (!existing) {
            toInsert = [...toInsert, [n, v]];
            continue;
          }
          if (existing.provenance.kind !== 'literal' || existing.valueSpan.file !== file.relPath)
            return undefined;
          const ak = attrKey(site.schema, n);
          const text = syntax.render(file, v, ak?.[1].write ?? 'plain');
          if (text === undefined) return undefined;
          edits.push(edit(file.index, existing.valueSpan.startOffset, existing.valueSpan.endOffset, text));
        }
        if (toInsert.length === 0) return edits;
      }
      const entries = renderEntries(file, site.schema, site.style, rest, toInsert);
      if (!entries) return undefined;
      const more = writeAt(file, site, entries);
      if (!more) return undefined;
      return [...edits, ...more];
    },
  };
}

// ---- Small helpers shared by the text syntaxes ----------------------------------------------------------

/** The text of the line holding an offset, up to the offset. */
export function indentAt(file: ParsedFile, offset: number): string {
  const line = file.index.positionAt(offset).line;
  return file.index.indentOf(line);
}

/** The offset of the end of the line holding `offset` (before its line break). */
export function lineEnd(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  if (i < 0) return text.length;
  return i > 0 && text[i - 1] === '\r' ? i - 1 : i;
}
