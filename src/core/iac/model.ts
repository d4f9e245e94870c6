/**
 * The infrastructure resource model: one normalized view of every resource the workspace defines, whatever the
 * format (Terraform, CDK in TypeScript or Python, SAM/CloudFormation, serverless.yml). Rules are written once
 * against this model; each front end maps its format onto it; fixes go through a writer per format (writer.ts).
 *
 * ## Front-end contract
 *
 * A front end is registered with `registerFrontEnd({ format, languages, build })`. `build(ws)` returns the
 * resources it finds in the workspace; the model is rebuilt (through `WorkspaceContext.derive`) only when a file
 * of one of the registered languages or the config changes, so per-file work belongs in `ParsedFile.view`.
 *
 * 1. **Kinds.** `Resource.type` is the Terraform resource type (`aws_lambda_function`). Other formats map onto
 *    it: `AWS::Lambda::Function`, `AWS::Serverless::Function`, CDK `lambda.Function` / `CfnFunction` →
 *    `aws_lambda_function`; `AWS::ApiGateway::Stage` → `aws_api_gateway_stage`, and so on. `sourceType` keeps the
 *    format's own name for messages.
 * 2. **Attribute names** are the Terraform argument names (`memory_size`, `timeout`, `retention_in_days`);
 *    nested blocks are Terraform block types (`configuration`, `default_cache_behavior`, `settings`). A setting
 *    Terraform models as a separate resource (API Gateway method settings, autoscaling targets) is a separate
 *    resource here too, linked by references; a format that nests it (SAM `MethodSettings`, CDK
 *    `deployOptions`) emits that resource with its spans pointing at the nested object.
 * 3. **Values** are what the format's tool would know before deploying: literals, and whatever the front end can
 *    resolve (Terraform variables, tfvars, locals, module inputs; CDK constants, `Duration.seconds(n)`; CFN
 *    parameter defaults). Anything else is `{ kind: 'unknown' }`; rules never report on an unknown value.
 *    Units are Terraform's: MB for memory, seconds for timeouts, days for retention.
 * 4. **Defaults.** An attribute the source does not set is absent. Rules apply Terraform's provider defaults
 *    through `defaultOf` unless the resource carries its own `defaults` (a format whose default differs: CDK's
 *    `logs.LogGroup` keeps logs 731 days, CDK `cloudfront.Distribution` compresses); a front end fills
 *    `Resource.defaults` with those. SAM `Globals` are attributes with provenance `globals`.
 * 5. **Spans.** Every resource, block and attribute carries exact spans (file + UTF-16 offsets): `span` of the
 *    whole construct, `headerSpan` where a finding about a missing setting goes (`resource "t" "n"`, the
 *    `new lambda.Function(` call, the logical id key), `valueSpan` of the value expression, and `origin` where
 *    the value was written when that is elsewhere (variable default, tfvars, module input).
 * 6. **References.** `Attribute.refs` lists the resources its expression mentions, resolved to addresses of
 *    resources in the model when possible (`Reference.address`), so rules can follow `invoke_arn`, `resource_id`.
 * 7. **Incomplete sources.** A block that does not parse cleanly (being typed) is kept from the last good parse
 *    with `incomplete: true`: it still satisfies references, but rules do not report on it.
 * 8. **Writers.** A front end registers a writer for its format (writer.ts) that sets a Terraform-named
 *    attribute on a block in the format's own idiom.
 */
import type { ParsedFile } from '../engine/file';
import type { WorkspaceContext } from '../engine/workspace';
import type { LanguageId } from '../model/types';

/** The infrastructure formats perfguard reads. */
export type IacFormat = 'terraform' | 'cdk-typescript' | 'cdk-python' | 'cloudformation' | 'serverless';

/** A source span: a workspace-relative file and 0-based UTF-16 offsets. */
export interface Span {
  file: string;
  startOffset: number;
  endOffset: number;
}

/** A value as the deploy tool would know it before deploying. */
export type IacValue =
  | { kind: 'string'; value: string }
  | { kind: 'number'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'null' }
  | { kind: 'list'; items: IacValue[] }
  | { kind: 'map'; entries: Map<string, IacValue> }
  | { kind: 'unknown' };

export const UNKNOWN: IacValue = Object.freeze({ kind: 'unknown' }) as IacValue;

/** Where a value came from. */
export type Provenance =
  | { kind: 'literal' }
  /** A Terraform `variable` default (or a CFN parameter default, a CDK context default). */
  | { kind: 'variable-default'; name: string; span: Span }
  /** `terraform.tfvars` / `*.auto.tfvars`. */
  | { kind: 'tfvars'; name: string; span: Span }
  /** A Terraform local (or a constant of a CDK app). */
  | { kind: 'local'; name: string; span: Span }
  /** An input of a module call: `span` is the input's value at the call site. */
  | { kind: 'module-input'; name: string; module: string; span: Span }
  /** A SAM `Globals` section or serverless.yml `provider` default. */
  | { kind: 'globals'; span: Span }
  | { kind: 'unknown' };

/** A reference from an attribute to another resource. */
export interface Reference {
  /** Referenced resource type (`aws_lambda_function`) and logical name (`api`). */
  type: string;
  name: string;
  /** The attribute read (`invoke_arn`), if any. */
  attribute?: string;
  /** Address of the referenced resource in the model, when it was found. */
  address?: string;
}

export interface Attribute {
  /** Terraform argument name. */
  name: string;
  value: IacValue;
  provenance: Provenance;
  /** The whole `name = value` (or `key: value`). */
  span: Span;
  /** The value expression as written in the block. */
  valueSpan: Span;
  /** Where the value was written when that is not `valueSpan` (variable default, tfvars, module input). */
  origin?: Span;
  /** Resources the expression mentions (directly or through locals, variables and module outputs). */
  refs: Reference[];
}

export interface Block {
  /** Terraform block type (`configuration`, `settings`) or, for a resource, `resource`. */
  type: string;
  attributes: ReadonlyMap<string, Attribute>;
  blocks: readonly Block[];
  /** The whole block. */
  span: Span;
  /** Where a finding about the block goes: `resource "t" "n"`, `settings`, a construct call. */
  headerSpan: Span;
  /** Offsets just inside the braces, when the format has them (for writers). */
  bodySpan?: Span;
  /** A `dynamic` block: its content is generated; its attribute values are unknown per instance. */
  dynamic?: boolean;
}

export interface Resource extends Block {
  /** `resource` (managed) or `data` (read-only data source). */
  mode: 'resource' | 'data';
  /** Canonical kind: the Terraform resource type. */
  resourceType: string;
  /** The format's own type name (`AWS::Lambda::Function`, `lambda.Function`); equals `resourceType` in Terraform. */
  sourceType: string;
  /** Logical name (Terraform name label, CFN logical id, CDK construct id). */
  name: string;
  /** Unique address in the model: `module.api.aws_lambda_function.handler`, `template.yaml#MyFunction`. */
  address: string;
  format: IacFormat;
  /** Workspace-relative file the resource is defined in. */
  file: string;
  /** Module call path (Terraform), empty for a root module and other formats. */
  modulePath: readonly string[];
  /** The block did not parse cleanly (being typed): kept for references, never reported. */
  incomplete?: boolean;
  /** `count`/`for_each` present: the resource may be created zero or several times. */
  conditional?: boolean;
  /** Defaults of this format that differ from Terraform's provider defaults (attribute name → value). */
  defaults?: ReadonlyMap<string, IacValue>;
}

/** What names a resource besides its block (see `resourceOf`). */
export type ResourceHead = Pick<
  Resource,
  'mode' | 'resourceType' | 'sourceType' | 'name' | 'address' | 'format' | 'file' | 'modulePath'
>;

/**
 * A resource made of its block and its head: every front end builds resources this way. Fields are copied one
 * by one: spreading blocks of many shapes (`{ ...block, … }`) takes V8's slow generic copy, about 12 µs a
 * resource here — a sixth of a 5,000-line template's build.
 */
export function resourceOf(
  block: Block,
  head: ResourceHead,
  defaults?: ReadonlyMap<string, IacValue>,
): Resource {
  const r: Resource = {
    type: block.type,
    attributes: block.attributes,
    blocks: block.blocks,
    span: block.span,
    headerSpan: block.headerSpan,
    mode: head.mode,
    resourceType: head.resourceType,
    sourceType: head.sourceType,
    name: head.name,
    address: head.address,
    format: head.format,
    file: head.file,
    modulePath: head.modulePath,
  };
  if (block.bodySpan) r.bodySpan = block.bodySpan;
  if (block.dynamic !== undefined) r.dynamic = block.dynamic;
  if (defaults) r.defaults = defaults;
  return r;
}

/** The whole workspace's infrastructure. */
export interface IacModel {
  readonly resources: readonly Resource[];
  /** Resources of a type (canonical Terraform type), every format, every module instance. */
  ofType(type: string): readonly Resource[];
  byAddress(address: string): Resource | undefined;
  /** Resources with an attribute (at any depth) referring to `target`, optionally of one type. */
  referrers(target: Resource, type?: string): readonly Resource[];
}

export interface FrontEnd {
  format: IacFormat;
  /** Languages whose files this front end reads (the model is recomputed when one of them changes). */
  languages: readonly LanguageId[];
  build(ws: WorkspaceContext): Resource[];
  /**
   * Whether a file's text can hold resources of this format (a cheap text test). Edits to irrelevant files
   * (a Lambda handler next to a CDK app) then do not rebuild the model. Defaults: CDK front ends look for the
   * CDK packages; the others treat every file of their languages as relevant.
   */
  relevant?: (relPath: string, text: string) => boolean;
}

/** Text of a file that imports the AWS CDK (v2 `aws-cdk-lib`, v1 `@aws-cdk/…`, Python `aws_cdk`). */
export function mentionsCdk(text: string): boolean {
  return text.includes('aws-cdk') || text.includes('aws_cdk') || text.includes('@aws-cdk');
}

function relevantTo(fe: FrontEnd, relPath: string, text: string): boolean {
  if (fe.relevant) return fe.relevant(relPath, text);
  return fe.format.startsWith('cdk-') ? mentionsCdk(text) : true;
}

/** Whether a file of a language can contribute to the model. */
export function iacRelevant(relPath: string, text: string, language: LanguageId): boolean {
  return frontEnds.some((fe) => fe.languages.includes(language) && relevantTo(fe, relPath, text));
}

const frontEnds: FrontEnd[] = [];

/**
 * The resources a per-file front end finds in every file of its languages (`resourcesOf` caches per file version
 * with `ParsedFile.view`); paths for which `skip` is true are passed over.
 */
export function resourcesOfFiles(
  ws: WorkspaceContext,
  languages: readonly LanguageId[],
  resourcesOf: (file: ParsedFile) => Resource[],
  skip: (relPath: string) => boolean = () => false,
): Resource[] {
  const out: Resource[] = [];
  for (const p of ws.filePaths(languages)) {
    if (skip(p)) continue;
    const f = ws.getFile(p);
    if (f) out.push(...resourcesOf(f));
  }
  return out;
}

/** Register a front end (once per format; a second registration replaces the first). */
export function registerFrontEnd(fe: FrontEnd): void {
  const i = frontEnds.findIndex((f) => f.format === fe.format);
  if (i >= 0) frontEnds[i] = fe;
  else frontEnds.push(fe);
  languagesOfFrontEnds = undefined;
}

let languagesOfFrontEnds: readonly LanguageId[] | undefined;

/** The languages of the registered front ends (one list until a front end is registered: rules ask per file). */
export function iacLanguages(): readonly LanguageId[] {
  return (languagesOfFrontEnds ??= [...new Set(frontEnds.flatMap((f) => f.languages))].sort());
}

/** The workspace's model, built once and rebuilt only after an infrastructure language's file changed. */
export function iacModel(ws: WorkspaceContext): IacModel {
  return ws.derive(
    'iac',
    iacLanguages(),
    () => {
      const resources: Resource[] = [];
      for (const fe of frontEnds) {
        try {
          resources.push(...fe.build(ws));
        } catch {
          // A front end that fails contributes nothing; the rules stay silent rather than guess.
        }
      }
      return buildModel(resources);
    },
    { relevant: iacRelevant },
  );
}

export function buildModel(resources: Resource[]): IacModel {
  const byType = new Map<string, Resource[]>();
  const byAddress = new Map<string, Resource>();
  const referrers = new Map<string, Resource[]>();
  for (const r of resources) {
    let list = byType.get(r.resourceType);
    if (!list) byType.set(r.resourceType, (list = []));
    list.push(r);
    if (!byAddress.has(r.address)) byAddress.set(r.address, r);
  }
  for (const r of resources) {
    const seen = new Set<string>();
    forEachAttribute(r, (a) => {
      for (const ref of a.refs) {
        if (!ref.address || seen.has(ref.address)) continue;
        seen.add(ref.address);
        let list = referrers.get(ref.address);
        if (!list) referrers.set(ref.address, (list = []));
        list.push(r);
      }
    });
  }
  return {
    resources,
    ofType: (type) => byType.get(type) ?? [],
    byAddress: (address) => byAddress.get(address),
    referrers: (target, type) => {
      const list = referrers.get(target.address) ?? [];
      return type ? list.filter((r) => r.resourceType === type) : list;
    },
  };
}

// ---- Queries rules use ------------------------------------------------------------------------------------

/** Every attribute of a block and its nested blocks, depth first. */
export function forEachAttribute(block: Block, visit: (a: Attribute, owner: Block) => void): void {
  for (const a of block.attributes.values()) visit(a, block);
  for (const b of block.blocks) forEachAttribute(b, visit);
}

/** The nested blocks of a type. */
export function blocksOf(block: Block, type: string): Block[] {
  return block.blocks.filter((b) => b.type === type);
}

/** The first nested block of a type. */
export function blockOf(block: Block, type: string): Block | undefined {
  return block.blocks.find((b) => b.type === type);
}

/** The attribute at a path of nested block types, e.g. `attributeAt(wg, ['configuration'], 'enforce_…')`. */
export function attributeAt(block: Block, path: readonly string[], name: string): Attribute | undefined {
  let b: Block | undefined = block;
  for (const t of path) {
    b = b ? blockOf(b, t) : undefined;
    if (!b) return undefined;
  }
  return b.attributes.get(name);
}

export function numberOf(v: IacValue | undefined): number | undefined {
  if (!v) return undefined;
  if (v.kind === 'number') return v.value;
  if (v.kind === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v.value)) return Number(v.value);
  return undefined;
}

export function stringOf(v: IacValue | undefined): string | undefined {
  if (!v) return undefined;
  if (v.kind === 'string') return v.value;
  if (v.kind === 'number') return String(v.value);
  if (v.kind === 'bool') return String(v.value);
  return undefined;
}

export function boolOf(v: IacValue | undefined): boolean | undefined {
  if (!v) return undefined;
  if (v.kind === 'bool') return v.value;
  if (v.kind === 'string' && (v.value === 'true' || v.value === 'false')) return v.value === 'true';
  return undefined;
}

export function isUnknown(v: IacValue | undefined): boolean {
  if (!v) return false;
  if (v.kind === 'unknown') return true;
  if (v.kind === 'list') return v.items.some(isUnknown);
  if (v.kind === 'map') return [...v.entries.values()].some(isUnknown);
  return false;
}

/** A value as plain JSON-like data, or undefined when any part is unknown. */
export function toPlain(v: IacValue): unknown {
  switch (v.kind) {
    case 'string':
    case 'number':
    case 'bool':
      return v.value;
    case 'null':
      return null;
    case 'list': {
      const out: unknown[] = [];
      for (const i of v.items) {
        const p = toPlain(i);
        if (p === undefined) return undefined;
        out.push(p);
      }
      return out;
    }
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, i] of v.entries) {
        const p = toPlain(i);
        if (p === undefined) return undefined;
        out[k] = p;
      }
      return out;
    }
    default:
      return undefined;
  }
}

/** A plain JSON-like value as an IacValue. */
export function fromPlain(p: unknown): IacValue {
  if (p === null) return { kind: 'null' };
  if (typeof p === 'string') return { kind: 'string', value: p };
  if (typeof p === 'number') return { kind: 'number', value: p };
  if (typeof p === 'boolean') return { kind: 'bool', value: p };
  if (Array.isArray(p)) return { kind: 'list', items: p.map(fromPlain) };
  if (typeof p === 'object') {
    const entries = new Map<string, IacValue>();
    for (const [k, v] of Object.entries(p as Record<string, unknown>)) entries.set(k, fromPlain(v));
    return { kind: 'map', entries };
  }
  return UNKNOWN;
}

/**
 * The value a resource has for an attribute when the source does not set it: the resource's own format default
 * (`Resource.defaults`), else `fallback` (the Terraform provider default the rule knows).
 */
export function defaultOf(resource: Resource, name: string, fallback: IacValue): IacValue {
  return resource.defaults?.get(name) ?? fallback;
}

/** Whether the model has a file's resources: a ParsedFile-level convenience for rules. */
export function resourcesInFile(model: IacModel, file: ParsedFile): Resource[] {
  return model.resources.filter((r) => r.file === file.relPath);
}
