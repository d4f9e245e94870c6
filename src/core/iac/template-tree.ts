/**
 * YAML and JSON documents as one positioned tree (maps, sequences, scalars with their tags), for the
 * CloudFormation/SAM and serverless.yml front ends, plus the syntax-error counters that let the engine check
 * fixes to `.yaml` and `.json` files.
 *
 * YAML keeps CloudFormation's short tags (`!Ref`, `!GetAtt`, `!Sub`, `!If`…) as `tag` on the node they apply to.
 * YAML is read by the fast template reader (`yaml-read.ts`) when it vouches for the text, else by the `yaml`
 * package; both give the same tree.
 */
import { parse as parseJsonc, parseTree, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  parseDocument,
  type Node as YamlNode,
} from 'yaml';
import type { ParsedFile } from '../engine/file';
import { registerErrorCounter } from '../parse/verify';
import { readYaml, tagStart } from './yaml-read';

export interface TEntry {
  key: string;
  /** Key start and end. */
  ks: number;
  ke: number;
  value: TNode;
}

export interface TNode {
  k: 'map' | 'seq' | 'scalar';
  /** YAML tag as written (`!Ref`), if any. */
  tag?: string;
  /** Scalar value (string, number, boolean or null). */
  value?: unknown;
  entries?: TEntry[];
  items?: TNode[];
  s: number;
  e: number;
  /** A flow (`{ … }`, `[ … ]`) collection in YAML, or any JSON collection. */
  flow?: boolean;
}

const MAX_DEPTH = 200;

/** Null nodes standing for an alias or a missing value (not a written `null`): see `isAbsent`. */
const absent = new WeakSet<TNode>();

/** Whether a node stands for an alias (`*x`) or a value that is not there at all, rather than written text. */
export function isAbsent(n: TNode): boolean {
  return absent.has(n);
}

function fromYaml(n: YamlNode | null | undefined, at: number, depth: number, text: string): TNode {
  if (!n || depth > MAX_DEPTH || isAlias(n)) {
    const none: TNode = { k: 'scalar', value: null, s: at, e: at };
    if (!n || isAlias(n)) absent.add(none);
    return none;
  }
  const [s0, e] = n.range ?? [at, at];
  const tag = n.tag && n.tag.startsWith('!') && !n.tag.startsWith('!!') ? n.tag : undefined;
  // The node's span covers its tag: a writer replacing `!Ref Memory` must not leave `!Ref` behind.
  const s = tag ? tagStart(text, s0) : s0;
  const base = { s, e, ...(tag ? { tag } : {}) };
  if (isMap(n)) {
    const entries: TEntry[] = [];
    for (const p of n.items) {
      if (!isPair(p)) continue;
      const key = p.key as YamlNode | null;
      if (!isScalar(key) || key.range === null || key.range === undefined) continue;
      const [ks, ke] = key.range;
      entries.push({
        key: String(key.value),
        ks,
        ke,
        value: fromYaml(p.value as YamlNode | null, ke, depth + 1, text),
      });
    }
    return { ...base, k: 'map', entries, ...(n.flow ? { flow: true } : {}) };
  }
  if (isSeq(n)) {
    const items = n.items.map((i) => fromYaml(i as YamlNode | null, s, depth + 1, text));
    return { ...base, k: 'seq', items, ...(n.flow ? { flow: true } : {}) };
  }
  if (isScalar(n)) return { ...base, k: 'scalar', value: n.value };
  return { ...base, k: 'scalar', value: null };
}

function fromJson(n: JsonNode | undefined, at: number, depth: number): TNode {
  if (!n || depth > MAX_DEPTH) return { k: 'scalar', value: null, s: at, e: at };
  const s = n.offset;
  const e = n.offset + n.length;
  if (n.type === 'object') {
    const entries: TEntry[] = [];
    for (const p of n.children ?? []) {
      const [k, v] = p.children ?? [];
      if (!k || typeof k.value !== 'string') continue;
      entries.push({
        key: k.value,
        ks: k.offset,
        ke: k.offset + k.length,
        value: fromJson(v, k.offset + k.length, depth + 1),
      });
    }
    return { k: 'map', entries, s, e, flow: true };
  }
  if (n.type === 'array')
    return { k: 'seq', items: (n.children ?? []).map((c) => fromJson(c, s, depth + 1)), s, e, flow: true };
  return { k: 'scalar', value: n.value as unknown, s, e };
}

/** The first document of a YAML or JSON file (cached on the file); undefined when it is not a map. */
export function templateTree(file: ParsedFile): TNode | undefined {
  return file.view('iac.template.tree', () => {
    try {
      if (file.language === 'json') {
        const root = parseTree(file.text, [], { allowTrailingComma: true });
        const t = root ? fromJson(root, 0, 0) : undefined;
        return t?.k === 'map' ? t : undefined;
      }
      if (file.language !== 'yaml') return undefined;
      return yamlTree(file.text);
    } catch {
      return undefined;
    }
  });
}

/**
 * A YAML text's first document as a tree (a map, or undefined): the fast reader (`yaml-read.ts`) when it
 * vouches for the text, else the `yaml` package, which gives the same tree, more slowly, for any YAML.
 */
export function yamlTree(text: string): TNode | undefined {
  let fast: TNode | null | undefined;
  try {
    fast = readYaml(text, (n) => absent.add(n));
  } catch {
    // A bug in the fast reader (the tests would show it) must not cost the user the template.
    fast = undefined;
  }
  if (fast !== undefined) return fast?.k === 'map' ? fast : undefined;
  return yamlPackageTree(text);
}

/** The tree through the `yaml` package alone (what `yamlTree` falls back to; the tests compare both). */
export function yamlPackageTree(text: string): TNode | undefined {
  const doc = withoutErrorStacks(() => parseDocument(text, { uniqueKeys: false, strict: false }));
  const t = fromYaml(doc.contents as YamlNode | null, 0, 0, text);
  return t.k === 'map' ? t : undefined;
}

export function get(n: TNode | undefined, key: string): TNode | undefined {
  if (n?.k !== 'map') return undefined;
  let found: TNode | undefined;
  for (const e of n.entries ?? []) if (e.key === key) found = e.value;
  return found;
}

export function entry(n: TNode | undefined, key: string): TEntry | undefined {
  if (n?.k !== 'map') return undefined;
  let found: TEntry | undefined;
  for (const e of n.entries ?? []) if (e.key === key) found = e;
  return found;
}

export function scalarString(n: TNode | undefined): string | undefined {
  if (n?.k !== 'scalar' || n.tag) return undefined;
  return typeof n.value === 'string' ? n.value : undefined;
}

function yamlErrors(text: string): number {
  let n = 0;
  for (const d of withoutErrorStacks(() => parseAllDocuments(text))) n += 'errors' in d ? d.errors.length : 0;
  return n;
}

/**
 * Run the `yaml` package without capturing stack traces: it builds a `YAMLError` per problem (an unclosed flow
 * collection 500 levels deep makes hundreds) and we only read their count and positions. Under mocha, whose
 * stack trace limit is unbounded, capturing those stacks took 10 s for one such template.
 */
function withoutErrorStacks<T>(run: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return run();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function jsonErrors(text: string): number {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { allowTrailingComma: true });
  return errors.length;
}

registerErrorCounter('yaml', yamlErrors);
registerErrorCounter('json', jsonErrors);
