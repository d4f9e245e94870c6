/**
 * The serverless.yml front end (Serverless Framework, AWS provider), recognised by content: a `service` and a
 * `provider`. Each `functions.<key>` is an `aws_lambda_function` whose unset settings come from `provider`
 * (provenance `globals`) and then the framework's own defaults (1024 MB, 6 s, in `Resource.defaults`);
 * `events: - http` / `- httpApi` make it API-facing; the log groups the framework creates keep logs for
 * `provider.logRetentionInDays` (forever when unset). Values with `${…}` variables are unknown. A
 * `resources.Resources` section is read as CloudFormation.
 */
import type { ParsedFile } from '../engine/file';
import type { WorkspaceContext } from '../engine/workspace';
import { buildTemplate } from './cloudformation';
import {
  LITERAL,
  entryOf,
  literalVal,
  makeBlock,
  normKey,
  objOf,
  setSite,
  span,
  unknownVal,
  type Schema,
  type SrcEntry,
  type SrcNode,
  type SrcObj,
  type WriteSite,
} from './mapping';
import {
  registerFrontEnd,
  resourcesOfFiles,
  type Attribute,
  type Block,
  type IacValue,
  type Provenance,
  type Reference,
  type Resource,
  type Span,
  resourceOf,
} from './model';
import { get, scalarString, templateTree, type TEntry, type TNode } from './template-tree';
import './yaml-writer';

/** The framework's defaults for the AWS provider. */
export const SERVERLESS_DEFAULTS: ReadonlyMap<string, IacValue> = new Map<string, IacValue>([
  ['memory_size', { kind: 'number', value: 1024 }],
  ['timeout', { kind: 'number', value: 6 }],
]);

const FUNCTION: Schema = {
  attrs: {
    memorySize: 'memory_size',
    timeout: 'timeout',
    reservedConcurrency: 'reserved_concurrent_executions',
    name: 'function_name',
    handler: 'handler',
    runtime: 'runtime',
  },
};

const LOGS: Schema = { attrs: { logRetentionInDays: 'retention_in_days' } };

export function isServerless(root: TNode | undefined): boolean {
  if (root?.k !== 'map' || !get(root, 'service')) return false;
  const p = get(root, 'provider');
  if (!p) return false;
  const name = scalarString(p.k === 'map' ? get(p, 'name') : p);
  return name === undefined || name === 'aws';
}

/** A map entry as a source entry (`depth`: of the entry's value). */
function srcEntry(file: string, e: TEntry, depth: number): SrcEntry {
  return {
    key: e.key,
    keySpan: span(file, e.ks, e.ke),
    span: span(file, e.ks, Math.max(e.ke, e.value.e)),
    value: toSrc(file, e.value, depth),
  };
}

function toSrc(file: string, n: TNode, depth = 0): SrcNode {
  const at = span(file, n.s, n.e);
  if (depth > 60) return { k: 'val', val: unknownVal(), span: at };
  if (n.k === 'map') {
    // Plain loops: this runs on every node of the file.
    const es = n.entries ?? [];
    const entries: SrcEntry[] = new Array<SrcEntry>(es.length);
    for (let i = 0; i < es.length; i++) entries[i] = srcEntry(file, es[i]!, depth + 1);
    return { k: 'obj', entries, span: at };
  }
  if (n.k === 'seq') {
    const its = n.items ?? [];
    const items: SrcNode[] = new Array<SrcNode>(its.length);
    for (let i = 0; i < its.length; i++) items[i] = toSrc(file, its[i]!, depth + 1);
    return { k: 'list', items, span: at };
  }
  const v = n.value;
  if (n.tag || (typeof v === 'string' && v.includes('${'))) return { k: 'val', val: unknownVal(), span: at };
  const value: IacValue =
    v === null || v === undefined
      ? { kind: 'null' }
      : typeof v === 'number'
        ? { kind: 'number', value: v }
        : typeof v === 'boolean'
          ? { kind: 'bool', value: v }
          : { kind: 'string', value: String(v) };
  return { k: 'val', val: literalVal(value), span: at };
}

function markGlobals(n: SrcNode): SrcNode {
  if (n.k !== 'val' || n.val.v.kind === 'unknown') return n;
  const prov: Provenance = { kind: 'globals', span: n.span };
  return { k: 'val', val: { v: n.val.v, prov, refs: n.val.refs }, span: n.span };
}

function synthetic(name: string, v: IacValue, at: Span, refs: Reference[] = []): Attribute {
  const provenance: Provenance = v.kind === 'unknown' ? { kind: 'unknown' } : LITERAL;
  return { name, value: v, provenance, span: at, valueSpan: at, refs };
}

function asResource(
  block: Block,
  type: string,
  sourceType: string,
  name: string,
  address: string,
  file: string,
  defaults?: ReadonlyMap<string, IacValue>,
): Resource {
  return resourceOf(
    block,
    {
      mode: 'resource',
      resourceType: type,
      sourceType,
      name,
      address,
      format: 'serverless',
      file,
      modulePath: [],
    },
    defaults,
  );
}

function functionRef(name: string, attribute: string, address: string): Reference {
  return { type: 'aws_lambda_function', name, attribute, address };
}

function build(file: ParsedFile, root: TNode): Resource[] {
  const rel = file.relPath;
  const out: Resource[] = [];
  // Only `provider` and `functions` are read as source here (the `resources` section goes to buildTemplate):
  // converting the whole file first doubled the work on a large `resources` section.
  const rootObj: SrcObj = { k: 'obj', entries: [], span: span(rel, root.s, root.e) };
  for (const e of root.entries ?? []) {
    const nk = normKey(e.key);
    if (nk === 'provider' || nk === 'functions') rootObj.entries.push(srcEntry(rel, e, 1));
  }
  const providerEntry = entryOf(rootObj, 'provider');
  const provider = objOf(providerEntry?.value);
  const functions = objOf(entryOf(rootObj, 'functions')?.value);
  for (const fe of functions?.entries ?? []) {
    const own = objOf(fe.value);
    if (!own) continue;
    const merged: SrcObj = { k: 'obj', entries: [...own.entries], span: own.span };
    for (const key of ['memorySize', 'timeout', 'runtime']) {
      const p = entryOf(provider, key);
      if (p && !entryOf(own, key))
        merged.entries.push({ key: p.key, span: p.span, keySpan: p.keySpan, value: markGlobals(p.value) });
    }
    const site: WriteSite = { obj: own, schema: FUNCTION, style: 'asis' };
    const block = makeBlock('resource', merged, FUNCTION, fe.span, fe.keySpan, site);
    const address = `${rel}#functions.${fe.key}`;
    const fn = asResource(
      block,
      'aws_lambda_function',
      'function',
      fe.key,
      address,
      rel,
      SERVERLESS_DEFAULTS,
    );
    setSite(fn, site);
    out.push(fn);
    const fnRef = (attribute: string): Reference => functionRef(fe.key, attribute, address);
    const events = entryOf(own, 'events')?.value;
    if (events?.k === 'list') {
      events.items.forEach((ev, i) => {
        const e = objOf(ev)?.entries[0];
        if (!e || (e.key !== 'http' && e.key !== 'httpApi')) return;
        const attrs = new Map<string, Attribute>();
        if (e.key === 'http') {
          attrs.set('type', synthetic('type', { kind: 'string', value: 'AWS_PROXY' }, e.keySpan));
          attrs.set('uri', synthetic('uri', { kind: 'unknown' }, e.keySpan, [fnRef('invoke_arn')]));
        } else
          attrs.set(
            'integration_uri',
            synthetic('integration_uri', { kind: 'unknown' }, e.keySpan, [fnRef('invoke_arn')]),
          );
        out.push(
          asResource(
            { type: 'resource', attributes: attrs, blocks: [], span: e.span, headerSpan: e.keySpan },
            e.key === 'http' ? 'aws_api_gateway_integration' : 'aws_apigatewayv2_integration',
            `${e.key} event`,
            `${fe.key}.events[${i}]`,
            `${address}/events/${i}`,
            rel,
          ),
        );
      });
    }
    const pc = entryOf(own, 'provisionedConcurrency');
    if (pc) {
      const attrs = new Map<string, Attribute>([
        ['function_name', synthetic('function_name', { kind: 'unknown' }, pc.span, [fnRef('function_name')])],
      ]);
      out.push(
        asResource(
          { type: 'resource', attributes: attrs, blocks: [], span: pc.span, headerSpan: pc.keySpan },
          'aws_lambda_provisioned_concurrency_config',
          'provisionedConcurrency',
          `${fe.key}.provisionedConcurrency`,
          `${address}/provisionedConcurrency`,
          rel,
        ),
      );
    }
  }
  // The log groups the framework creates for the functions.
  if (providerEntry && provider && (functions?.entries.length ?? 0) > 0) {
    const site: WriteSite = { obj: provider, schema: LOGS, style: 'asis' };
    const block = makeBlock('resource', provider, LOGS, providerEntry.span, providerEntry.keySpan, site);
    const logs = asResource(
      block,
      'aws_cloudwatch_log_group',
      'function log groups',
      'provider',
      `${rel}#provider.logs`,
      rel,
    );
    setSite(logs, site);
    out.push(logs);
  }
  const resources = get(root, 'resources');
  if (resources?.k === 'map' && get(resources, 'Resources'))
    out.push(...buildTemplate(file, resources, true));
  return out;
}

/** A serverless.yml file's resources (cached on the file version). */
export function serverlessResources(file: ParsedFile): Resource[] {
  return file.view('iac.serverless', () => {
    if (file.language !== 'yaml' && file.language !== 'json') return [];
    if (!/\bservice\b/.test(file.text) || !/\bprovider\b/.test(file.text)) return [];
    const root = templateTree(file);
    if (!isServerless(root)) return [];
    try {
      return build(file, root!);
    } catch {
      return [];
    }
  });
}

export function buildServerless(ws: WorkspaceContext): Resource[] {
  return resourcesOfFiles(ws, ['yaml', 'json'], serverlessResources);
}

registerFrontEnd({ format: 'serverless', languages: ['yaml', 'json'], build: buildServerless });
