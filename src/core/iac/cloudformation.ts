/**
 * The CloudFormation / SAM front end (YAML or JSON), templates recognised by content: `AWSTemplateFormatVersion`,
 * `Transform: AWS::Serverless-2016-10-31`, or `Resources` whose entries have a `Type: AWS::…`.
 *
 * Values are what CloudFormation knows before deploying: literals and `Parameters` defaults (`!Ref Param`,
 * provenance `variable-default`); `!Sub` without variables. Everything else (`!GetAtt`, `!If`, `!ImportValue`,
 * pseudo parameters) is unknown, but the resources it mentions become references, so that
 * `!Sub …${Fn.Arn}/invocations` links an API method to its function. SAM `Globals` are merged into each
 * function/API with provenance `globals`; SAM `Events` of type `Api`/`HttpApi` become API Gateway integrations.
 */
import type { ParsedFile } from '../engine/file';
import type { WorkspaceContext } from '../engine/workspace';
import {
  LITERAL,
  aliasProvisionedConcurrency,
  attributeFrom,
  entryOf,
  literalVal,
  makeBlock,
  objOf,
  setSite,
  siteOf,
  span,
  toVal,
  unknownVal,
  valOf,
  type Schema,
  type SrcEntry,
  type SrcNode,
  type SrcObj,
  type Val,
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
import { CFN_SCHEMAS, CFN_TYPES } from './cfn-schemas';
import { get, scalarString, templateTree, type TNode } from './template-tree';
import './yaml-writer';

/** Whether a parsed document is a CloudFormation/SAM template. */
export function isTemplate(root: TNode | undefined): boolean {
  if (root?.k !== 'map') return false;
  if (get(root, 'AWSTemplateFormatVersion')) return true;
  const t = get(root, 'Transform');
  const transforms = t?.k === 'seq' ? (t.items ?? []) : t ? [t] : [];
  if (transforms.some((x) => /^AWS::Serverless/.test(scalarString(x) ?? ''))) return true;
  const res = get(root, 'Resources');
  return (
    res?.k === 'map' &&
    (res.entries ?? []).some((e) => /^(AWS|Custom|Alexa)::/.test(scalarString(get(e.value, 'Type')) ?? ''))
  );
}

const INTRINSIC = /^(Ref|Condition|Fn::[A-Za-z]+)$/;

interface Scope {
  file: string;
  params: Map<string, { node: TNode; name: string }>;
  resources: Map<string, { type: string; address: string }>;
  /** serverless.yml: `${…}` variables are resolved by the framework at deploy time, so unknown here. */
  variables?: boolean;
}

function attrName(a: string): string {
  return a === 'Arn' ? 'arn' : a.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function refTo(scope: Scope, name: string, attribute?: string): Reference | undefined {
  const r = scope.resources.get(name);
  if (!r) return undefined;
  return attribute
    ? { type: r.type, name, attribute: attrName(attribute), address: r.address }
    : { type: r.type, name, address: r.address };
}

/** References named in a `!Sub` string: `${Name}` and `${Name.Attr}`. */
function subRefs(scope: Scope, text: string): Reference[] {
  const out: Reference[] = [];
  for (const m of text.matchAll(/\$\{([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?\}/g)) {
    const r = refTo(scope, m[1]!, m[2]);
    if (r) out.push(r);
  }
  return out;
}

function allRefs(scope: Scope, n: TNode, depth = 0): Reference[] {
  if (depth > 50) return [];
  const v = evaluate(scope, n, depth + 1);
  return v.k === 'val' ? v.val.refs : toVal(v).refs;
}

/** A value node at a span (a plain function: a closure per call cost a visible share of large builds). */
function valAt(at: Span, val: Val): SrcNode {
  return { k: 'val', val, span: at };
}

function intrinsic(scope: Scope, fn: string, arg: TNode, at: Span, depth: number): SrcNode {
  switch (fn) {
    case 'Ref': {
      const name = scalarString(arg) ?? (typeof arg.value === 'string' ? arg.value : undefined);
      if (name === undefined) return valAt(at, unknownVal());
      const p = scope.params.get(name);
      const dflt = p && get(p.node, 'Default');
      if (dflt) {
        const d = evaluate(scope, dflt, depth + 1);
        const inner = d.k === 'val' ? d.val : toVal(d);
        if (inner.v.kind === 'unknown') return valAt(at, unknownVal(inner.refs));
        const prov: Provenance = {
          kind: 'variable-default',
          name,
          span: span(scope.file, dflt.s, dflt.e),
        };
        return valAt(at, { v: inner.v, prov, refs: inner.refs });
      }
      const r = refTo(scope, name);
      return valAt(at, unknownVal(r ? [r] : []));
    }
    case 'Fn::GetAtt': {
      let target: string | undefined;
      let attribute: string | undefined;
      const s = typeof arg.value === 'string' ? arg.value : undefined;
      if (arg.k === 'scalar' && s !== undefined) {
        const dot = s.indexOf('.');
        target = dot < 0 ? s : s.slice(0, dot);
        attribute = dot < 0 ? undefined : s.slice(dot + 1);
      } else if (arg.k === 'seq') {
        target = scalarString(arg.items?.[0]);
        attribute = scalarString(arg.items?.[1]);
      }
      const r = target !== undefined ? refTo(scope, target, attribute) : undefined;
      return valAt(at, unknownVal(r ? [r] : []));
    }
    case 'Fn::Sub': {
      const tpl = arg.k === 'seq' ? arg.items?.[0] : arg;
      const text = tpl && typeof tpl.value === 'string' && tpl.k === 'scalar' ? tpl.value : undefined;
      const extra = arg.k === 'seq' && arg.items?.[1] ? allRefs(scope, arg.items[1], depth) : [];
      if (text === undefined) return valAt(at, unknownVal(extra));
      if (!/\$\{[^!]/.test(text) && arg.k !== 'seq')
        return valAt(at, {
          v: { kind: 'string', value: text.replace(/\$\{!/g, '${') },
          prov: LITERAL,
          refs: [],
        });
      return valAt(at, unknownVal([...subRefs(scope, text), ...extra]));
    }
    default:
      return valAt(at, unknownVal(allRefs(scope, arg, depth)));
  }
}

/** A tagged node without its tag (the argument of the intrinsic function the tag names). */
function untagged(n: TNode): TNode {
  const u: TNode = { k: n.k, s: n.s, e: n.e };
  if (n.value !== undefined) u.value = n.value;
  if (n.entries) u.entries = n.entries;
  if (n.items) u.items = n.items;
  if (n.flow) u.flow = n.flow;
  return u;
}

const SHORT_TAGS: Record<string, string> = { '!Ref': 'Ref', '!Condition': 'Condition' };

/** A template node as a source node, intrinsic functions evaluated. */
function evaluate(scope: Scope, n: TNode, depth = 0): SrcNode {
  const at = span(scope.file, n.s, n.e);
  if (depth > 60) return { k: 'val', val: unknownVal(), span: at };
  if (n.tag) {
    const fn = SHORT_TAGS[n.tag] ?? (n.tag.startsWith('!') ? `Fn::${n.tag.slice(1)}` : n.tag);
    return intrinsic(scope, fn, untagged(n), at, depth);
  }
  if (n.k === 'map') {
    const es = n.entries ?? [];
    const only = es.length === 1 ? es[0] : undefined;
    if (only && INTRINSIC.test(only.key)) return intrinsic(scope, only.key, only.value, at, depth);
    // Plain loops: this runs on every node of every resource.
    const entries: SrcEntry[] = new Array<SrcEntry>(es.length);
    for (let i = 0; i < es.length; i++) {
      const e = es[i]!;
      entries[i] = {
        key: e.key,
        keySpan: span(scope.file, e.ks, e.ke),
        span: span(scope.file, e.ks, Math.max(e.ke, trimEnd(e.value))),
        value: evaluate(scope, e.value, depth + 1),
      };
    }
    return { k: 'obj', entries, span: at };
  }
  if (n.k === 'seq') {
    const its = n.items ?? [];
    const items: SrcNode[] = new Array<SrcNode>(its.length);
    for (let i = 0; i < its.length; i++) items[i] = evaluate(scope, its[i]!, depth + 1);
    return { k: 'list', items, span: at };
  }
  if (scope.variables && typeof n.value === 'string' && n.value.includes('${'))
    return { k: 'val', val: unknownVal(), span: at };
  return { k: 'val', val: literalVal(scalar(n.value)), span: at };
}

/** A value's end without the line break a YAML block value ends with. */
function trimEnd(n: TNode): number {
  return n.e;
}

function scalar(v: unknown): IacValue {
  if (v === null || v === undefined) return { kind: 'null' };
  if (typeof v === 'string') return { kind: 'string', value: v };
  if (typeof v === 'number') return { kind: 'number', value: v };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  return { kind: 'string', value: String(v) };
}

/** Mark every value of a node as coming from `Globals`. */
function fromGlobals(n: SrcNode, at: Span): SrcNode {
  if (n.k === 'val') {
    const prov: Provenance = n.val.v.kind === 'unknown' ? n.val.prov : { kind: 'globals', span: at };
    return { k: 'val', val: { v: n.val.v, prov, refs: n.val.refs }, span: n.span };
  }
  if (n.k === 'list') return { k: 'list', items: n.items.map((i) => fromGlobals(i, at)), span: n.span };
  return { k: 'obj', entries: n.entries.map(globalEntry), span: n.span };
}

function globalEntry(e: SrcEntry): SrcEntry {
  return { key: e.key, span: e.span, keySpan: e.keySpan, value: fromGlobals(e.value, e.value.span) };
}

/** Properties with the Globals section's keys the resource does not set (SAM merges maps one level deep). */
function withGlobals(
  props: SrcObj | undefined,
  globals: SrcObj | undefined,
  whole: Span,
): SrcObj | undefined {
  if (!globals) return props;
  const entries = [...(props?.entries ?? [])];
  for (const g of globals.entries) {
    if (entryOf(props, g.key)) continue;
    entries.push(globalEntry(g));
  }
  return { k: 'obj', entries, span: props?.span ?? whole };
}

interface Emit {
  out: Resource[];
  file: string;
  scope: Scope;
}

function resource(
  em: Emit,
  tfType: string,
  cfnType: string,
  name: string,
  address: string,
  block: Block,
): Resource {
  const r = resourceOf(block, {
    mode: 'resource',
    resourceType: tfType,
    sourceType: cfnType,
    name,
    address,
    format: 'cloudformation',
    file: em.file,
    modulePath: [],
  });
  // The writer finds the site by object identity.
  const site = siteOf(block);
  if (site) setSite(r, site);
  em.out.push(r);
  return r;
}

function synthetic(name: string, v: IacValue, at: Span, refs: Reference[] = []): Attribute {
  const provenance: Provenance = v.kind === 'unknown' ? { kind: 'unknown' } : LITERAL;
  return { name, value: v, provenance, span: at, valueSpan: at, refs };
}

function str(v: string): IacValue {
  return { kind: 'string', value: v };
}

/** SAM MethodSettings `ResourcePath` + `HttpMethod` → Terraform's `method_path` (`*\/*`, `orders/GET`). */
function methodPath(item: SrcObj): IacValue {
  const rp = valOf(entryOf(item, 'ResourcePath')?.value)?.v;
  const hm = valOf(entryOf(item, 'HttpMethod')?.value)?.v;
  if (rp?.kind !== 'string' || hm?.kind !== 'string') return { kind: 'unknown' };
  const path = rp.value.replace(/^\/+/, '').replace(/~1/g, '/');
  return str(`${path === '' ? '' : path}/${hm.value}`.replace(/^\//, ''));
}

const METHOD_SETTINGS: Schema = CFN_SCHEMAS['#MethodSettings']!;

function methodSettings(em: Emit, list: SrcNode | undefined, stage: Resource, prefix: string): void {
  if (list?.k !== 'list') return;
  list.items.forEach((item, i) => {
    const o = objOf(item);
    if (!o) return;
    const site: WriteSite = { obj: o, schema: METHOD_SETTINGS, style: 'pascal' };
    const settings = makeBlock('settings', o, METHOD_SETTINGS, o.span, o.span, site);
    const attrs = new Map<string, Attribute>();
    attrs.set('method_path', synthetic('method_path', methodPath(o), o.span));
    attrs.set(
      'stage_name',
      synthetic('stage_name', stage.attributes.get('stage_name')?.value ?? { kind: 'unknown' }, o.span, [
        { type: 'aws_api_gateway_stage', name: stage.name, address: stage.address },
      ]),
    );
    const block: Block = {
      type: 'resource',
      attributes: attrs,
      blocks: [settings],
      span: o.span,
      headerSpan: o.span,
    };
    setSite(block, site);
    resource(
      em,
      'aws_api_gateway_method_settings',
      'MethodSettings',
      `${stage.name}.MethodSettings[${i}]`,
      `${prefix}/MethodSettings/${i}`,
      block,
    );
  });
}

/**
 * The resources of a template's root map (also a serverless.yml `resources` section: `serverless` keeps the
 * framework's `${…}` variables unknown).
 */
export function buildTemplate(file: ParsedFile, root: TNode, serverless = false): Resource[] {
  const rel = file.relPath;
  const resNode = get(root, 'Resources');
  if (resNode?.k !== 'map') return [];
  const scope: Scope = {
    file: rel,
    params: new Map(),
    resources: new Map(),
    ...(serverless ? { variables: true } : {}),
  };
  for (const p of get(root, 'Parameters')?.entries ?? [])
    scope.params.set(p.key, { node: p.value, name: p.key });
  for (const r of resNode.entries ?? []) {
    const t = scalarString(get(r.value, 'Type'));
    const tf = t ? CFN_TYPES[t] : undefined;
    scope.resources.set(r.key, { type: tf ?? t ?? 'unknown', address: `${rel}#${r.key}` });
  }
  const em: Emit = { out: [], file: rel, scope };
  const globalsNode = get(root, 'Globals');
  const globals = globalsNode ? objOf(evaluate(scope, globalsNode)) : undefined;
  for (const r of resNode.entries ?? []) {
    const cfnType = scalarString(get(r.value, 'Type'));
    if (!cfnType) continue;
    const tfType = CFN_TYPES[cfnType];
    const schema = CFN_SCHEMAS[cfnType];
    if (!tfType || !schema) continue;
    const def = objOf(evaluate(scope, r.value));
    if (!def) continue;
    const whole = span(rel, r.ks, Math.max(r.ke, r.value.e));
    const header = span(rel, r.ks, r.ke);
    const address = `${rel}#${r.key}`;
    const defSite: WriteSite = { obj: def, schema: {}, style: 'pascal' };
    const propsEntry = entryOf(def, 'Properties');
    const ownProps = objOf(propsEntry?.value);
    const globalKey =
      cfnType === 'AWS::Serverless::Function'
        ? 'Function'
        : cfnType === 'AWS::Serverless::Api'
          ? 'Api'
          : cfnType === 'AWS::Serverless::HttpApi'
            ? 'HttpApi'
            : undefined;
    const props = globalKey
      ? withGlobals(ownProps, objOf(entryOf(globals, globalKey)?.value), whole)
      : ownProps;
    // Built field by field: conditional spreads here were a measurable share of a large template's build.
    const site: WriteSite = { schema, style: 'pascal' };
    if (ownProps) site.obj = ownProps;
    if (!propsEntry) site.parent = { site: defSite, key: 'Properties' };
    const block = makeBlock('resource', props, schema, whole, header, site);
    const conditional = !!entryOf(def, 'Condition');
    const main = resource(em, tfType, cfnType, r.key, address, block);
    if (conditional) main.conditional = true;
    extras(em, cfnType, main, props, site, r.key);
  }
  return em.out;
}

/** Resources a CloudFormation type implies beyond its own: SAM events, stages, method settings. */
function extras(
  em: Emit,
  cfnType: string,
  main: Resource,
  props: SrcObj | undefined,
  site: WriteSite,
  id: string,
): void {
  const fnRef = (attribute: string): Reference => ({
    type: 'aws_lambda_function',
    name: id,
    attribute,
    address: main.address,
  });
  switch (cfnType) {
    case 'AWS::Serverless::Function': {
      for (const ev of objOf(entryOf(props, 'Events')?.value)?.entries ?? []) {
        const o = objOf(ev.value);
        const type = valOf(entryOf(o, 'Type')?.value)?.v;
        if (type?.kind !== 'string' || (type.value !== 'Api' && type.value !== 'HttpApi')) continue;
        const p = objOf(entryOf(o, 'Properties')?.value);
        const attrs = new Map<string, Attribute>();
        const rest = type.value === 'Api';
        if (rest) {
          attrs.set('type', synthetic('type', str('AWS_PROXY'), ev.keySpan));
          attrs.set('uri', synthetic('uri', { kind: 'unknown' }, ev.keySpan, [fnRef('invoke_arn')]));
        } else {
          attrs.set(
            'integration_uri',
            synthetic('integration_uri', { kind: 'unknown' }, ev.keySpan, [fnRef('invoke_arn')]),
          );
          const t = entryOf(p, 'TimeoutInMillis');
          if (t) attrs.set('timeout_milliseconds', attributeFrom('timeout_milliseconds', t));
        }
        const block: Block = {
          type: 'resource',
          attributes: attrs,
          blocks: [],
          span: ev.span,
          headerSpan: ev.keySpan,
        };
        resource(
          em,
          rest ? 'aws_api_gateway_integration' : 'aws_apigatewayv2_integration',
          `${type.value} event`,
          `${id}.${ev.key}`,
          `${main.address}/Events/${ev.key}`,
          block,
        );
      }
      const pc = entryOf(props, 'ProvisionedConcurrencyConfig');
      if (pc) {
        const attrs = new Map<string, Attribute>();
        attrs.set(
          'function_name',
          synthetic('function_name', { kind: 'unknown' }, pc.span, [fnRef('function_name')]),
        );
        resource(
          em,
          'aws_lambda_provisioned_concurrency_config',
          'ProvisionedConcurrencyConfig',
          `${id}.ProvisionedConcurrencyConfig`,
          `${main.address}/ProvisionedConcurrencyConfig`,
          {
            type: 'resource',
            attributes: attrs,
            blocks: [],
            span: pc.span,
            headerSpan: pc.keySpan,
          },
        );
      }
      return;
    }
    case 'AWS::Serverless::Api': {
      // SAM creates the REST API and its stage from one resource; the stage's settings live beside the API's.
      const stageSchema = CFN_SCHEMAS['#ServerlessApiStage']!;
      const made = makeBlock('resource', props, stageSchema, main.span, main.headerSpan, {
        ...site,
        schema: stageSchema,
      });
      const attributes = new Map(made.attributes);
      attributes.set(
        'rest_api_id',
        synthetic('rest_api_id', { kind: 'unknown' }, main.headerSpan, [
          { type: 'aws_api_gateway_rest_api', name: id, attribute: 'id', address: main.address },
        ]),
      );
      const block: Block = { ...made, attributes };
      setSite(block, { ...site, schema: stageSchema });
      const stage = resource(
        em,
        'aws_api_gateway_stage',
        'AWS::Serverless::Api',
        id,
        `${main.address}/Stage`,
        block,
      );
      if (main.conditional) stage.conditional = true;
      methodSettings(em, entryOf(props, 'MethodSettings')?.value, stage, main.address);
      return;
    }
    case 'AWS::Serverless::HttpApi': {
      const stageSchema = CFN_SCHEMAS['#ServerlessHttpApiStage']!;
      const block = makeBlock('resource', props, stageSchema, main.span, main.headerSpan, {
        ...site,
        schema: stageSchema,
      });
      resource(em, 'aws_apigatewayv2_stage', 'AWS::Serverless::HttpApi', id, `${main.address}/Stage`, block);
      return;
    }
    case 'AWS::Lambda::Alias': {
      const pc = aliasProvisionedConcurrency(main);
      if (pc)
        resource(
          em,
          'aws_lambda_provisioned_concurrency_config',
          'ProvisionedConcurrencyConfig',
          `${id}.ProvisionedConcurrencyConfig`,
          `${main.address}/ProvisionedConcurrencyConfig`,
          pc,
        );
      return;
    }
    case 'AWS::Serverless::SimpleTable':
      // SAM bills a SimpleTable per request unless it sets ProvisionedThroughput.
      if (!entryOf(props, 'ProvisionedThroughput'))
        main.defaults = new Map([['billing_mode', str('PAY_PER_REQUEST')]]);
      return;
    case 'AWS::ApiGateway::Stage':
      methodSettings(em, entryOf(props, 'MethodSettings')?.value, main, main.address);
      return;
    default:
      return;
  }
}

/** The template's resources (cached on the file version). */
export function templateResources(file: ParsedFile): Resource[] {
  return file.view('iac.cloudformation', () => {
    if (!/AWS::|AWSTemplateFormatVersion/.test(file.text)) return [];
    const root = templateTree(file);
    if (!isTemplate(root)) return [];
    try {
      return buildTemplate(file, root!);
    } catch {
      return [];
    }
  });
}

export function buildCloudFormation(ws: WorkspaceContext): Resource[] {
  return resourcesOfFiles(ws, ['yaml', 'json'], templateResources);
}

registerFrontEnd({ format: 'cloudformation', languages: ['yaml', 'json'], build: buildCloudFormation });
