/**
 * The Terraform front end: every `.tf` file of a folder forms a module; a folder no local module call points
 * at is a root module (its variables come from `terraform.tfvars` / `*.auto.tfvars`, else their defaults);
 * a folder called with `source = "./modules/…"` is instantiated at each call site with the inputs given there.
 * Values are what Terraform knows before apply: literals, variables, locals, module inputs and outputs,
 * string templates and simple operators/functions over them. Anything else is unknown.
 */
import type { ParsedFile } from '../engine/file';
import type { WorkspaceContext } from '../engine/workspace';
import {
  hclFileOf,
  withLastGood,
  type Expr,
  type HclAttribute,
  type HclBlock,
  type HclFile,
  type HclPrevious,
} from './hcl';
import { parseHcl } from './hcl-parse';
import {
  fromPlain,
  isUnknown,
  registerFrontEnd,
  toPlain,
  UNKNOWN,
  type Attribute,
  type Block,
  type IacValue,
  type Provenance,
  type Reference,
  type Resource,
  type Span,
  resourceOf,
} from './model';

/** A value with where it came from and the resources it mentions. */
export interface Evaluated {
  v: IacValue;
  prov: Provenance;
  refs: Reference[];
}

const LITERAL: Provenance = { kind: 'literal' };
const EMPTY_FILE: HclFile = { blocks: [], attributes: [], hasErrors: false };
/** The last clean version of each file (its text and syntax), per workspace. */
const lastGood = new WeakMap<WorkspaceContext, Map<string, HclPrevious>>();

/** Whether `hclOf` tries the hand-written parser first (switched off by tests and benchmarks to compare). */
let fastParse = true;

/** Turn the hand-written parser on or off (tests and benchmarks); returns the previous setting. */
export function setFastHclParse(on: boolean): boolean {
  const was = fastParse;
  fastParse = on;
  return was;
}

/**
 * A Terraform file's syntax (cached per file version), completed from its last clean parse when broken.
 *
 * A clean file is read by the hand-written parser (hcl-parse.ts), which never touches tree-sitter. When it
 * declines (a syntax error, or a construct it leaves to tree-sitter), the tree-sitter tree is converted
 * instead. Either way the top-level items a new version did not change are taken from the last clean version
 * rather than read again (an edit re-reads one block).
 */
export function hclOf(ws: WorkspaceContext, file: ParsedFile): HclFile {
  return file.view('iac.terraform.hcl', () => {
    let byPath = lastGood.get(ws);
    if (!byPath) lastGood.set(ws, (byPath = new Map()));
    const previous = byPath.get(file.relPath);
    let current: HclFile | undefined;
    try {
      current = fastParse ? parseHcl(file.text, previous) : undefined;
    } catch {
      current = undefined; // a parser bug must not cost the file its findings: tree-sitter reads it
    }
    if (!current) {
      try {
        const tree = file.tree;
        if (!tree) return EMPTY_FILE;
        current = hclFileOf(tree, file.text, previous ? { previous } : {});
      } catch {
        return EMPTY_FILE;
      }
    }
    if (!current.hasErrors) {
      byPath.set(file.relPath, { text: file.text, file: current });
      return current;
    }
    return withLastGood(current, previous?.file);
  });
}

interface SourceFile {
  path: string;
  hcl: HclFile;
}

interface ModuleDir {
  dir: string;
  files: SourceFile[];
  tfvars: SourceFile[];
  variables: Map<string, { file: string; block: HclBlock }>;
  locals: Map<string, { file: string; attr: HclAttribute }>;
  outputs: Map<string, { file: string; attr: HclAttribute }>;
  resources: { file: string; block: HclBlock; mode: 'resource' | 'data' }[];
  /** `type.name` of managed resources (`data.type.name` of data sources). */
  declared: Set<string>;
  calls: { file: string; block: HclBlock; name: string; target?: string }[];
}

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function baseOf(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** `a/b` + `../c` → `a/c`; undefined when it leaves the workspace. */
export function joinPath(dir: string, rel: string): string | undefined {
  const parts = dir ? dir.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  return parts.join('/');
}

function attrOf(b: HclBlock, name: string): HclAttribute | undefined {
  return b.attributes.find((a) => a.name === name);
}

function literalString(x: Expr | undefined): string | undefined {
  if (!x) return undefined;
  if (x.k === 'lit' && x.v.kind === 'string') return x.v.value;
  if (x.k === 'tpl' && x.parts.every((p) => typeof p === 'string')) return x.parts.join('');
  return undefined;
}

function collectDirs(ws: WorkspaceContext): Map<string, ModuleDir> {
  const dirs = new Map<string, ModuleDir>();
  for (const p of ws.filePaths(['terraform'])) {
    if (p.includes('/.terraform/') || p.startsWith('.terraform/')) continue;
    const base = baseOf(p);
    const isTf = p.endsWith('.tf');
    const isVars = base === 'terraform.tfvars' || base.endsWith('.auto.tfvars');
    if (!isTf && !isVars) continue;
    const file = ws.getFile(p);
    if (!file) continue;
    const dir = dirOf(p);
    let m = dirs.get(dir);
    if (!m) {
      m = {
        dir,
        files: [],
        tfvars: [],
        variables: new Map(),
        locals: new Map(),
        outputs: new Map(),
        resources: [],
        declared: new Set(),
        calls: [],
      };
      dirs.set(dir, m);
    }
    const hcl = hclOf(ws, file);
    if (isVars) {
      m.tfvars.push({ path: p, hcl });
      continue;
    }
    m.files.push({ path: p, hcl });
    for (const b of hcl.blocks) {
      const [l0, l1] = b.labels;
      switch (b.type) {
        case 'variable':
          if (l0 !== undefined && !m.variables.has(l0)) m.variables.set(l0, { file: p, block: b });
          break;
        case 'locals':
          for (const a of b.attributes) if (!m.locals.has(a.name)) m.locals.set(a.name, { file: p, attr: a });
          break;
        case 'output': {
          const v = attrOf(b, 'value');
          if (l0 !== undefined && v) m.outputs.set(l0, { file: p, attr: v });
          break;
        }
        case 'resource':
        case 'data':
          if (l0 !== undefined && l1 !== undefined) {
            m.resources.push({ file: p, block: b, mode: b.type });
            m.declared.add(b.type === 'data' ? `data.${l0}.${l1}` : `${l0}.${l1}`);
          }
          break;
        case 'module':
          if (l0 !== undefined) {
            const src = literalString(attrOf(b, 'source')?.expr);
            const local = src !== undefined && (src.startsWith('./') || src.startsWith('../'));
            const target = local ? joinPath(dir, src) : undefined;
            m.calls.push({ file: p, block: b, name: l0, ...(target !== undefined ? { target } : {}) });
          }
          break;
        default:
          break;
      }
    }
  }
  // tfvars: terraform.tfvars first, then *.auto.tfvars in lexical order (later files win).
  for (const m of dirs.values())
    m.tfvars.sort((a, b) =>
      baseOf(a.path) === 'terraform.tfvars'
        ? -1
        : baseOf(b.path) === 'terraform.tfvars'
          ? 1
          : a.path.localeCompare(b.path),
    );
  return dirs;
}

const MAX_DEPTH = 8;
const META_ARGS = new Set(['source', 'version', 'count', 'for_each', 'providers', 'depends_on']);

/** One instantiation of a module folder: the root, or one `module` call. */
class Instance {
  private readonly varCache = new Map<string, Evaluated>();
  private readonly localCache = new Map<string, Evaluated | 'busy'>();
  private readonly outputCache = new Map<string, Evaluated | 'busy'>();
  readonly children = new Map<string, Instance>();

  constructor(
    readonly mod: ModuleDir,
    readonly path: readonly string[],
    /** Inputs of a module call (already evaluated in the caller), or undefined for a root module. */
    private readonly inputs: Map<string, Evaluated> | undefined,
  ) {}

  get prefix(): string {
    return this.path.map((p) => `module.${p}.`).join('');
  }

  variable(name: string): Evaluated {
    const hit = this.varCache.get(name);
    if (hit) return hit;
    const r = this.computeVariable(name);
    this.varCache.set(name, r);
    return r;
  }

  private computeVariable(name: string): Evaluated {
    const unknown: Evaluated = { v: UNKNOWN, prov: { kind: 'unknown' }, refs: [] };
    const input = this.inputs?.get(name);
    if (input) return input;
    if (!this.inputs) {
      for (let i = this.mod.tfvars.length - 1; i >= 0; i--) {
        const f = this.mod.tfvars[i]!;
        const a = f.hcl.attributes.find((x) => x.name === name);
        if (!a) continue;
        const r = evaluate(a.expr, EMPTY_SCOPE(this), f.path);
        const span: Span = { file: f.path, startOffset: a.expr.s, endOffset: a.expr.e };
        return {
          v: r.v,
          prov: r.prov.kind === 'literal' ? { kind: 'tfvars', name, span } : r.prov,
          refs: [],
        };
      }
    }
    const decl = this.mod.variables.get(name);
    if (!decl) return unknown;
    const def = attrOf(decl.block, 'default');
    if (!def) return unknown;
    const r = evaluate(def.expr, EMPTY_SCOPE(this), decl.file);
    const span: Span = { file: decl.file, startOffset: def.expr.s, endOffset: def.expr.e };
    return { v: r.v, prov: { kind: 'variable-default', name, span }, refs: [] };
  }

  local(name: string): Evaluated {
    const hit = this.localCache.get(name);
    if (hit === 'busy') return { v: UNKNOWN, prov: { kind: 'unknown' }, refs: [] };
    if (hit) return hit;
    const decl = this.mod.locals.get(name);
    if (!decl) return { v: UNKNOWN, prov: { kind: 'unknown' }, refs: [] };
    this.localCache.set(name, 'busy');
    const r = evaluate(decl.attr.expr, { inst: this, hidden: NO_NAMES }, decl.file);
    const span: Span = { file: decl.file, startOffset: decl.attr.expr.s, endOffset: decl.attr.expr.e };
    const out: Evaluated = r.prov.kind === 'literal' ? { ...r, prov: { kind: 'local', name, span } } : r;
    this.localCache.set(name, out);
    return out;
  }

  output(module: string, name: string): Evaluated {
    const child = this.children.get(module);
    if (!child) return { v: UNKNOWN, prov: { kind: 'unknown' }, refs: [] };
    const key = name;
    const hit = child.outputCache.get(key);
    if (hit === 'busy') return { v: UNKNOWN, prov: { kind: 'unknown' }, refs: [] };
    if (hit) return hit;
    const decl = child.mod.outputs.get(name);
    if (!decl) return { v: UNKNOWN, prov: { kind: 'unknown' }, refs: [] };
    child.outputCache.set(key, 'busy');
    const r = evaluate(decl.attr.expr, { inst: child, hidden: NO_NAMES }, decl.file);
    child.outputCache.set(key, r);
    return r;
  }
}

interface Scope {
  inst: Instance;
  /** Names that are iteration variables here (`each`, `count`, a dynamic block's iterator). */
  hidden: ReadonlySet<string>;
}

const NO_NAMES: ReadonlySet<string> = new Set();
/** `count.index` and `each.key` inside a resource or module call with `count`/`for_each` (shared, never changed). */
const ITERATION_NAMES: ReadonlySet<string> = new Set(['count', 'each']);
const EMPTY_SCOPE = (inst: Instance): Scope => ({ inst, hidden: NO_NAMES });

function unknownWith(refs: Reference[]): Evaluated {
  return { v: UNKNOWN, prov: { kind: 'unknown' }, refs };
}

/** The first provenance that is not a literal, else literal. */
function combine(...xs: Evaluated[]): Provenance {
  for (const x of xs) if (x.prov.kind !== 'literal') return x.prov;
  return LITERAL;
}

function allRefs(...xs: Evaluated[]): Reference[] {
  const out: Reference[] = [];
  for (const x of xs) out.push(...x.refs);
  return out;
}

/** Evaluate an expression as Terraform would before apply. */
export function evaluate(x: Expr, scope: Scope, file: string): Evaluated {
  switch (x.k) {
    case 'lit':
      return { v: x.v, prov: LITERAL, refs: [] };
    case 'tpl': {
      const parts = x.parts.map((p) => (typeof p === 'string' ? undefined : evaluate(p, scope, file)));
      const evs = parts.filter((p): p is Evaluated => !!p);
      let s = '';
      let known = true;
      for (let i = 0; i < x.parts.length; i++) {
        const raw = x.parts[i]!;
        if (typeof raw === 'string') {
          s += raw;
          continue;
        }
        const v = parts[i]!.v;
        if (v.kind === 'string') s += v.value;
        else if (v.kind === 'number' || v.kind === 'bool') s += String(v.value);
        else known = false;
      }
      if (!known) return unknownWith(allRefs(...evs));
      return { v: { kind: 'string', value: s }, prov: combine(...evs), refs: allRefs(...evs) };
    }
    case 'trav':
      return traverse(x, scope, file);
    case 'post': {
      const base = evaluate(x.base, scope, file);
      return applySteps(base, x.steps, scope, file);
    }
    case 'bin': {
      const l = evaluate(x.l, scope, file);
      const r = evaluate(x.r, scope, file);
      const v = binary(x.op, l.v, r.v);
      return { v, prov: v.kind === 'unknown' ? { kind: 'unknown' } : combine(l, r), refs: allRefs(l, r) };
    }
    case 'un': {
      const a = evaluate(x.x, scope, file);
      let v: IacValue = UNKNOWN;
      if (x.op === '-' && a.v.kind === 'number') v = { kind: 'number', value: -a.v.value };
      else if (x.op === '!' && a.v.kind === 'bool') v = { kind: 'bool', value: !a.v.value };
      return { v, prov: v.kind === 'unknown' ? { kind: 'unknown' } : a.prov, refs: a.refs };
    }
    case 'cond': {
      const c = evaluate(x.c, scope, file);
      const t = evaluate(x.t, scope, file);
      const f = evaluate(x.f, scope, file);
      if (c.v.kind === 'bool') {
        const chosen = c.v.value ? t : f;
        return { ...chosen, refs: allRefs(c, t, f) };
      }
      // Both branches the same known value: Terraform knows it whatever the condition.
      if (!isUnknown(t.v) && JSON.stringify(toPlain(t.v)) === JSON.stringify(toPlain(f.v)))
        return { v: t.v, prov: combine(t, f), refs: allRefs(c, t, f) };
      return unknownWith(allRefs(c, t, f));
    }
    case 'call':
      return call(x.name, x.args, x.expand, scope, file);
    case 'tuple': {
      const items = x.items.map((i) => evaluate(i, scope, file));
      return {
        v: { kind: 'list', items: items.map((i) => i.v) },
        prov: combine(...items),
        refs: allRefs(...items),
      };
    }
    case 'obj': {
      const entries = new Map<string, IacValue>();
      const evs: Evaluated[] = [];
      let known = true;
      for (const e of x.entries) {
        const k = evaluate(e.key, scope, file);
        const v = evaluate(e.value, scope, file);
        evs.push(k, v);
        if (k.v.kind === 'string') entries.set(k.v.value, v.v);
        else known = false;
      }
      if (!known) return unknownWith(allRefs(...evs));
      return { v: { kind: 'map', entries }, prov: combine(...evs), refs: allRefs(...evs) };
    }
    case 'unk':
      return unknownWith(allRefs(...x.parts.map((p) => evaluate(p, scope, file))));
  }
}

function traverse(x: Extract<Expr, { k: 'trav' }>, scope: Scope, file: string): Evaluated {
  const { root, steps } = x;
  const inst = scope.inst;
  const s0 = steps[0];
  const s1 = steps[1];
  const name0 = s0?.k === 'attr' ? s0.name : undefined;
  const name1 = s1?.k === 'attr' ? s1.name : undefined;
  if (scope.hidden.has(root)) return unknownWith(stepRefs(steps, scope, file));
  switch (root) {
    case 'var':
      if (!name0) return unknownWith([]);
      return applySteps(inst.variable(name0), steps.slice(1), scope, file);
    case 'local':
      if (!name0) return unknownWith([]);
      return applySteps(inst.local(name0), steps.slice(1), scope, file);
    case 'module':
      if (!name0) return unknownWith([]);
      if (!name1) return unknownWith([]);
      return applySteps(inst.output(name0, name1), steps.slice(2), scope, file);
    case 'data': {
      if (!name0 || !name1) return unknownWith([]);
      const key = `data.${name0}.${name1}`;
      const s2 = steps[2];
      const ref: Reference = {
        type: name0,
        name: name1,
        ...(s2?.k === 'attr' ? { attribute: s2.name } : {}),
        ...(inst.mod.declared.has(key) ? { address: inst.prefix + key } : {}),
      };
      return unknownWith([ref, ...stepRefs(steps.slice(2), scope, file)]);
    }
    case 'count':
    case 'each':
    case 'self':
    case 'path':
    case 'terraform':
      return unknownWith(stepRefs(steps, scope, file));
    default: {
      // A bare name (`ignore_changes = [read_capacity]`, `type = string`) stands for itself.
      if (steps.length === 0)
        return { v: { kind: 'string', value: root }, prov: { kind: 'unknown' }, refs: [] };
      if (!name0) return unknownWith([]);
      const key = `${root}.${name0}`;
      // `aws_x.name[0].attr` and `aws_x.name["k"].attr` address the same resource.
      let rest = steps.slice(1);
      if (rest[0]?.k === 'index' || rest[0]?.k === 'splat') rest = rest.slice(1);
      const attr = rest[0]?.k === 'attr' ? rest[0].name : undefined;
      const ref: Reference = {
        type: root,
        name: name0,
        ...(attr ? { attribute: attr } : {}),
        ...(inst.mod.declared.has(key) ? { address: inst.prefix + key } : {}),
      };
      return unknownWith([ref, ...stepRefs(steps, scope, file)]);
    }
  }
}

function stepRefs(steps: readonly { k: string; x?: Expr }[], scope: Scope, file: string): Reference[] {
  const out: Reference[] = [];
  for (const s of steps) if (s.k === 'index' && s.x) out.push(...evaluate(s.x, scope, file).refs);
  return out;
}

function applySteps(
  base: Evaluated,
  steps: readonly ({ k: 'attr'; name: string } | { k: 'index'; x: Expr } | { k: 'splat' })[],
  scope: Scope,
  file: string,
): Evaluated {
  let cur = base;
  for (const s of steps) {
    if (s.k === 'splat') return unknownWith(cur.refs);
    let key: IacValue;
    let extra: Reference[] = [];
    if (s.k === 'attr') key = { kind: 'string', value: s.name };
    else {
      const k = evaluate(s.x, scope, file);
      key = k.v;
      extra = k.refs;
    }
    const v = cur.v;
    let next: IacValue = UNKNOWN;
    if (v.kind === 'map' && (key.kind === 'string' || key.kind === 'number'))
      next = v.entries.get(String(key.value)) ?? UNKNOWN;
    else if (v.kind === 'list' && key.kind === 'number') next = v.items[key.value] ?? UNKNOWN;
    else if (v.kind === 'list' && key.kind === 'string' && /^\d+$/.test(key.value))
      next = v.items[Number(key.value)] ?? UNKNOWN;
    cur = {
      v: next,
      prov: next.kind === 'unknown' ? { kind: 'unknown' } : cur.prov,
      refs: [...cur.refs, ...extra],
    };
  }
  return cur;
}

function binary(op: string, l: IacValue, r: IacValue): IacValue {
  if (op === '&&' || op === '||') {
    if (l.kind === 'bool' && r.kind === 'bool')
      return { kind: 'bool', value: op === '&&' ? l.value && r.value : l.value || r.value };
    if (op === '&&' && ((l.kind === 'bool' && !l.value) || (r.kind === 'bool' && !r.value)))
      return { kind: 'bool', value: false };
    if (op === '||' && ((l.kind === 'bool' && l.value) || (r.kind === 'bool' && r.value)))
      return { kind: 'bool', value: true };
    return UNKNOWN;
  }
  if (isUnknown(l) || isUnknown(r)) return UNKNOWN;
  if (op === '==' || op === '!=') {
    const same = JSON.stringify(toPlain(l)) === JSON.stringify(toPlain(r));
    return { kind: 'bool', value: op === '==' ? same : !same };
  }
  const a =
    l.kind === 'number' ? l.value : l.kind === 'string' && l.value.trim() !== '' ? Number(l.value) : NaN;
  const b =
    r.kind === 'number' ? r.value : r.kind === 'string' && r.value.trim() !== '' ? Number(r.value) : NaN;
  if (isNaN(a) || isNaN(b)) return UNKNOWN;
  switch (op) {
    case '+':
      return { kind: 'number', value: a + b };
    case '-':
      return { kind: 'number', value: a - b };
    case '*':
      return { kind: 'number', value: a * b };
    case '/':
      return b === 0 ? UNKNOWN : { kind: 'number', value: a / b };
    case '%':
      return b === 0 ? UNKNOWN : { kind: 'number', value: a % b };
    case '<':
      return { kind: 'bool', value: a < b };
    case '>':
      return { kind: 'bool', value: a > b };
    case '<=':
      return { kind: 'bool', value: a <= b };
    case '>=':
      return { kind: 'bool', value: a >= b };
    default:
      return UNKNOWN;
  }
}

function call(name: string, argx: Expr[], expand: boolean, scope: Scope, file: string): Evaluated {
  const args = argx.map((a) => evaluate(a, scope, file));
  const refs = allRefs(...args);
  const known = (v: IacValue): Evaluated => ({ v, prov: combine(...args), refs });
  if (expand) return unknownWith(refs);
  const [a0, a1] = args.map((a) => a.v);
  const plain = (v: IacValue | undefined) => (v ? toPlain(v) : undefined);
  const nums = (): number[] | undefined => {
    const out: number[] = [];
    for (const a of args) {
      const n = a.v.kind === 'number' ? a.v.value : a.v.kind === 'string' ? Number(a.v.value) : NaN;
      if (isNaN(n)) return undefined;
      out.push(n);
    }
    return out;
  };
  switch (name) {
    case 'jsonencode': {
      const p = plain(a0);
      return p === undefined ? unknownWith(refs) : known({ kind: 'string', value: JSON.stringify(p) });
    }
    case 'jsondecode': {
      if (a0?.kind !== 'string') return unknownWith(refs);
      try {
        return known(fromPlain(JSON.parse(a0.value)));
      } catch {
        return unknownWith(refs);
      }
    }
    case 'tonumber': {
      const n = numberish(a0);
      return n === undefined ? unknownWith(refs) : known({ kind: 'number', value: n });
    }
    case 'tostring':
      if (a0?.kind === 'string') return known(a0);
      if (a0?.kind === 'number' || a0?.kind === 'bool')
        return known({ kind: 'string', value: String(a0.value) });
      return unknownWith(refs);
    case 'tobool':
      if (a0?.kind === 'bool') return known(a0);
      if (a0?.kind === 'string' && (a0.value === 'true' || a0.value === 'false'))
        return known({ kind: 'bool', value: a0.value === 'true' });
      return unknownWith(refs);
    case 'lower':
    case 'upper':
      if (a0?.kind !== 'string') return unknownWith(refs);
      return known({
        kind: 'string',
        value: name === 'lower' ? a0.value.toLowerCase() : a0.value.toUpperCase(),
      });
    case 'max':
    case 'min': {
      const n = nums();
      if (!n || n.length === 0) return unknownWith(refs);
      return known({ kind: 'number', value: name === 'max' ? Math.max(...n) : Math.min(...n) });
    }
    case 'floor':
    case 'ceil': {
      const n = nums();
      if (!n || n.length !== 1) return unknownWith(refs);
      return known({ kind: 'number', value: name === 'floor' ? Math.floor(n[0]!) : Math.ceil(n[0]!) });
    }
    case 'coalesce': {
      for (const a of args) {
        if (a.v.kind === 'unknown') return unknownWith(refs);
        if (a.v.kind !== 'null' && !(a.v.kind === 'string' && a.v.value === '')) return { ...a, refs };
      }
      return unknownWith(refs);
    }
    case 'try': {
      const first = args[0];
      return first && !isUnknown(first.v) ? { ...first, refs } : unknownWith(refs);
    }
    case 'lookup': {
      if (a0?.kind === 'map' && a1?.kind === 'string') {
        const hit = a0.entries.get(a1.value);
        if (hit && hit.kind !== 'unknown') return known(hit);
        if (!hit && args[2] && args[2].v.kind !== 'unknown') return { ...args[2], refs };
      }
      return unknownWith(refs);
    }
    case 'merge': {
      const entries = new Map<string, IacValue>();
      for (const a of args) {
        if (a.v.kind === 'null') continue;
        if (a.v.kind !== 'map') return unknownWith(refs);
        for (const [k, v] of a.v.entries) entries.set(k, v);
      }
      return known({ kind: 'map', entries });
    }
    case 'concat': {
      const items: IacValue[] = [];
      for (const a of args) {
        if (a.v.kind !== 'list') return unknownWith(refs);
        items.push(...a.v.items);
      }
      return known({ kind: 'list', items });
    }
    case 'length': {
      if (a0?.kind === 'list') return known({ kind: 'number', value: a0.items.length });
      if (a0?.kind === 'map') return known({ kind: 'number', value: a0.entries.size });
      if (a0?.kind === 'string') return known({ kind: 'number', value: a0.value.length });
      return unknownWith(refs);
    }
    case 'format': {
      if (a0?.kind !== 'string') return unknownWith(refs);
      let i = 1;
      let ok = true;
      const out = a0.value.replace(/%(%|[sdv])/g, (_m, c: string) => {
        if (c === '%') return '%';
        const v = args[i++]?.v;
        if (v?.kind === 'string' || v?.kind === 'number' || v?.kind === 'bool') return String(v.value);
        ok = false;
        return '';
      });
      return ok ? known({ kind: 'string', value: out }) : unknownWith(refs);
    }
    default:
      return unknownWith(refs);
  }
}

function numberish(v: IacValue | undefined): number | undefined {
  if (v?.kind === 'number') return v.value;
  if (v?.kind === 'string' && v.value.trim() !== '' && !isNaN(Number(v.value))) return Number(v.value);
  return undefined;
}

/** Whether a `count`/`for_each` is known to create nothing. */
function createsNothing(b: HclBlock, scope: Scope, file: string): boolean {
  const count = attrOf(b, 'count');
  if (count) {
    const v = evaluate(count.expr, scope, file).v;
    if (numberish(v) === 0) return true;
  }
  const fe = attrOf(b, 'for_each');
  if (fe) {
    const v = evaluate(fe.expr, scope, file).v;
    if ((v.kind === 'list' && v.items.length === 0) || (v.kind === 'map' && v.entries.size === 0))
      return true;
  }
  return false;
}

function span(file: string, s: number, e: number): Span {
  return { file, startOffset: s, endOffset: e };
}

function attributeFrom(a: HclAttribute, scope: Scope, file: string): Attribute {
  const r = evaluate(a.expr, scope, file);
  const prov = r.v.kind === 'unknown' ? ({ kind: 'unknown' } as Provenance) : r.prov;
  const out: Attribute = {
    name: a.name,
    value: r.v,
    provenance: prov,
    span: span(file, a.s, a.e),
    valueSpan: span(file, a.expr.s, a.expr.e),
    refs: r.refs,
  };
  if ('span' in prov) out.origin = prov.span;
  return out;
}

function blockFrom(b: HclBlock, scope: Scope, file: string, dynamic = false): Block {
  const attributes = new Map<string, Attribute>();
  for (const a of b.attributes) attributes.set(a.name, attributeFrom(a, scope, file));
  const blocks: Block[] = [];
  for (const c of b.blocks) {
    if (c.type === 'dynamic' && c.labels[0]) {
      const content = c.blocks.find((x) => x.type === 'content');
      const iterator = literalString(attrOf(c, 'iterator')?.expr) ?? c.labels[0];
      const inner: Scope = { inst: scope.inst, hidden: new Set([...scope.hidden, iterator]) };
      const made = blockFrom(content ?? { ...c, attributes: [], blocks: [] }, inner, file, true);
      blocks.push({
        ...made,
        type: c.labels[0],
        span: span(file, c.s, c.e),
        headerSpan: span(file, c.s, c.headerEnd),
      });
    } else blocks.push(blockFrom(c, scope, file, dynamic));
  }
  const out: Block = {
    type: b.type,
    attributes,
    blocks,
    span: span(file, b.s, b.e),
    headerSpan: span(file, b.s, b.headerEnd),
  };
  if (b.closeStart !== undefined) out.bodySpan = span(file, b.openEnd, b.closeStart);
  if (dynamic) out.dynamic = true;
  return out;
}

function instantiate(
  inst: Instance,
  dirs: Map<string, ModuleDir>,
  out: Resource[],
  stack: readonly string[],
): void {
  const mod = inst.mod;
  // Children first, so that module outputs resolve in this instance.
  for (const c of mod.calls) {
    if (c.target === undefined) continue;
    const target = dirs.get(c.target);
    if (!target || stack.includes(target.dir) || stack.length >= MAX_DEPTH) continue;
    const scope: Scope = { inst, hidden: ITERATION_NAMES };
    if (createsNothing(c.block, scope, c.file)) continue;
    const inputs = new Map<string, Evaluated>();
    for (const a of c.block.attributes) {
      if (META_ARGS.has(a.name)) continue;
      const r = evaluate(a.expr, scope, c.file);
      const prov: Provenance =
        r.v.kind === 'unknown'
          ? { kind: 'unknown' }
          : r.prov.kind === 'literal'
            ? { kind: 'module-input', name: a.name, module: c.name, span: span(c.file, a.expr.s, a.expr.e) }
            : r.prov;
      inputs.set(a.name, { v: r.v, prov, refs: r.refs });
    }
    const child = new Instance(target, [...inst.path, c.name], inputs);
    inst.children.set(c.name, child);
    instantiate(child, dirs, out, [...stack, target.dir]);
  }
  for (const r of mod.resources) {
    const [type, name] = r.block.labels as [string, string];
    const scope: Scope = { inst, hidden: ITERATION_NAMES };
    if (createsNothing(r.block, scope, r.file)) continue;
    const block = blockFrom(r.block, scope, r.file);
    const res = resourceOf(block, {
      mode: r.mode,
      resourceType: type,
      sourceType: type,
      name,
      address: inst.prefix + (r.mode === 'data' ? `data.${type}.${name}` : `${type}.${name}`),
      format: 'terraform',
      file: r.file,
      modulePath: inst.path,
    });
    if (r.block.incomplete) res.incomplete = true;
    if (attrOf(r.block, 'count') || attrOf(r.block, 'for_each')) res.conditional = true;
    out.push(res);
  }
}

/** Every resource of the workspace's Terraform, each module folder judged at each call site. */
export function buildTerraform(ws: WorkspaceContext): Resource[] {
  const dirs = collectDirs(ws);
  const called = new Set<string>();
  for (const m of dirs.values())
    for (const c of m.calls) if (c.target !== undefined && c.target !== m.dir) called.add(c.target);
  const out: Resource[] = [];
  for (const m of [...dirs.values()].sort((a, b) => a.dir.localeCompare(b.dir))) {
    if (called.has(m.dir)) continue;
    instantiate(new Instance(m, [], undefined), dirs, out, [m.dir]);
  }
  return out;
}

registerFrontEnd({ format: 'terraform', languages: ['terraform'], build: buildTerraform });
