/**
 * lambda/import-in-handler: an import executed per invocation (inside a handler or a function of the same
 * module the handler calls). Safe fix for static module names: move it to module level after the existing
 * imports, without duplicating one already there. Info on an error-only path (`except` / `catch`).
 */
import { createRule, type RuleContext } from '../../engine/rule';
import { edit } from '../../model/text';
import type { Fix, TextEdit } from '../../model/types';
import type { SyntaxNode } from '../../parse/syntax';
import { namedChildren } from '../../parse/treesitter';
import { onErrorPath, patternNames, stringValue } from '../../handlers/ast';
import { pythonImportedNames, type ModuleInfo } from '../../handlers/module';
import {
  deleteStatement,
  enclosingFn,
  handlerCode,
  importInsertionOffset,
  linesAt,
  regionNodes,
  requireSource,
  scopeOf,
  whereText,
  type HandlerCode,
} from '../../handlers/code';

export const importInHandler = createRule(
  {
    id: 'lambda/import-in-handler',
    description: 'Imports executed on every invocation of a Lambda handler',
    defaultSeverity: 'warning',
    fix: 'sometimes',
    hasSuggestions: true,
    languages: ['python', 'javascript', 'typescript', 'tsx'],
    why:
      'An import inside the handler runs on the invocation path: the first request on every new execution ' +
      'environment pays the module load outside the init phase, and every later request pays the lookup.',
    target: 'cold start < 3000 ms, warm response < 200 ms',
  },
  check,
);

interface ImportSite {
  /** The node to report (the statement or the call). */
  node: SyntaxNode;
  /** The statement that would move (undefined when the import sits inside an expression). */
  stmt?: SyntaxNode;
  /** Module name, when static. */
  module?: string;
  /** Module-level statement text equivalent to the import, when one exists. */
  moduleLevel?: string;
  /** Names the import binds. */
  names: string[];
}

function check(ctx: RuleContext): void {
  const code = handlerCode(ctx);
  if (!code) return;
  const reported = new Set<number>();
  const py = code.lang === 'python';
  for (const { node, type, region } of regionNodes(code)) {
    if (py ? type !== 'import_statement' && type !== 'import_from_statement' : type !== 'call_expression')
      continue;
    const site = importSite(code, node);
    if (!site || reported.has(site.node.id)) continue;
    reported.add(site.node.id);
    const errorOnly = onErrorPath(site.node, region.fn);
    const what = site.module ? `'${site.module}'` : 'a module';
    const message = errorOnly
      ? `Import on an error path of ${whereText(region)}: ${what} loads only when it fails; fine if rare, else import it at module level.`
      : `Import inside ${whereText(region)}: ${what} is imported on every invocation instead of once in the init phase; import it at module level.`;
    const fix = moduleLevelFix(code, site);
    ctx.report({
      message,
      startOffset: site.node.startIndex,
      endOffset: site.node.endIndex,
      ...(errorOnly ? { severity: 'info' as const } : {}),
      ...(fix && !errorOnly ? { fix } : {}),
      ...(fix && errorOnly ? { suggestions: [fix] } : {}),
    });
  }
}

/** An import at this node, if it is one. */
function importSite(code: HandlerCode, node: SyntaxNode): ImportSite | undefined {
  if (code.lang === 'python') {
    if (node.type !== 'import_statement' && node.type !== 'import_from_statement') return undefined;
    if (node.hasError) return undefined;
    const mod =
      node.type === 'import_from_statement'
        ? node.childForFieldName('module_name')?.text.replace(/\s+/g, '')
        : namedChildren(node)
            .map((c) => (c.type === 'aliased_import' ? c.childForFieldName('name')?.text : c.text))
            .join(', ');
    return {
      node,
      stmt: node,
      ...(mod ? { module: mod } : {}),
      moduleLevel: node.text,
      names: pythonImportedNames(node),
    };
  }
  // JS: require('x') / await import('x') calls
  if (node.type !== 'call_expression') return undefined;
  const fn = node.childForFieldName('function');
  const isRequire = fn?.type === 'identifier' && fn.text === 'require';
  const isDynamic = fn?.type === 'import';
  if (!isRequire && !isDynamic) return undefined;
  if (isRequire && enclosingFn(code.lang, node) === undefined) return undefined;
  const srcNode = namedChildren(node.childForFieldName('arguments') ?? node)[0];
  const src = stringValue(srcNode);
  const site: ImportSite = { node, names: [], ...(src !== undefined ? { module: src } : {}) };
  if (src === undefined) return site;
  // The whole statement: `const x = require('x')`, `const { a } = await import('x')`, `require('x');`
  let expr: SyntaxNode = node;
  while (
    expr.parent &&
    (expr.parent.type === 'await_expression' ||
      expr.parent.type === 'parenthesized_expression' ||
      (expr.parent.type === 'member_expression' && isRequire))
  )
    expr = expr.parent;
  if (isDynamic && expr.type !== 'await_expression') return site; // a promise used as is
  const parent = expr.parent;
  if (parent?.type === 'variable_declarator' && parent.childForFieldName('value')?.id === expr.id) {
    const decl = parent.parent;
    if (!decl || namedChildren(decl).filter((c) => c.type === 'variable_declarator').length !== 1)
      return site;
    const pattern = parent.childForFieldName('name');
    site.stmt = decl;
    site.names = patternNames(pattern);
    const kw = decl.type === 'variable_declaration' ? 'var' : (decl.children[0]?.text ?? 'const');
    if (isRequire) site.moduleLevel = `${kw} ${pattern?.text} = ${expr.text};`;
    else if (code.info.esm && pattern) {
      const spec = esmSpecifiers(pattern);
      if (spec) site.moduleLevel = `import ${spec} from ${srcNode?.text ?? JSON.stringify(src)};`;
    }
  } else if (parent?.type === 'expression_statement' && isRequire && expr.id === node.id) {
    site.stmt = parent;
    site.moduleLevel = `${node.text};`;
  } else if (parent?.type === 'expression_statement' && isDynamic && code.info.esm) {
    site.stmt = parent;
    site.moduleLevel = `import ${srcNode?.text ?? JSON.stringify(src)};`;
  }
  return site;
}

/** `m` → `* as m`; `{ a, b: c, default: d }` → `d, { a, b as c }`; undefined for nested patterns/defaults. */
function esmSpecifiers(pattern: SyntaxNode): string | undefined {
  if (pattern.type === 'identifier') return `* as ${pattern.text}`;
  if (pattern.type !== 'object_pattern') return undefined;
  const named: string[] = [];
  let def: string | undefined;
  for (const p of namedChildren(pattern)) {
    if (p.type === 'shorthand_property_identifier_pattern') named.push(p.text);
    else if (p.type === 'pair_pattern') {
      const k = p.childForFieldName('key')?.text;
      const v = p.childForFieldName('value');
      if (!k || v?.type !== 'identifier') return undefined;
      if (k === 'default') def = v.text;
      else named.push(k === v.text ? k : `${k} as ${v.text}`);
    } else return undefined;
  }
  const parts: string[] = [];
  if (def) parts.push(def);
  if (named.length > 0) parts.push(`{ ${named.join(', ')} }`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** Whether the import sits in a `try` that handles ImportError (an optional dependency): moving it changes behaviour. */
function guardedImport(code: HandlerCode, stmt: SyntaxNode, stop: SyntaxNode): boolean {
  let n = stmt.parent;
  while (n && n.id !== stop.id) {
    if (n.type === 'try_statement' && n.childForFieldName('body') && code.lang === 'python') {
      const body = n.childForFieldName('body');
      if (body && stmt.startIndex >= body.startIndex && stmt.endIndex <= body.endIndex) return true;
    }
    if (n.type === 'try_statement' && code.lang === 'js') {
      const body = n.childForFieldName('body');
      if (body && stmt.startIndex >= body.startIndex && stmt.endIndex <= body.endIndex) return true;
    }
    n = n.parent;
  }
  return false;
}

function normalize(s: string): string {
  return s
    .replace(/\s+/g, ' ')
    .replace(/[;,]?\s*$/, '')
    .replace(/'/g, '"')
    .trim();
}

/** Move to module level (or just delete when the module already imports the same). */
function moduleLevelFix(code: HandlerCode, site: ImportSite): Fix | undefined {
  if (!site.stmt || !site.moduleLevel || !site.module) return undefined;
  const fn = enclosingFn(code.lang, site.stmt);
  if (!fn) return undefined;
  if (guardedImport(code, site.stmt, fn)) return undefined;
  // The names must not be assigned elsewhere in the function (the module-level binding would change meaning).
  const scope = scopeOf(code.file, code.lang, fn);
  for (const name of site.names) {
    const b = scope.bindings.get(name);
    if (b && (b.kind !== 'import' || b.values.length > 1)) return undefined;
  }
  const del = deleteStatement(code, site.stmt);
  if (!del) return undefined;
  const edits: TextEdit[] = [del];
  const already = existingImport(code, site);
  if (already === 'conflict') return undefined;
  if (!already) {
    const at = importInsertionOffset(code);
    if (at > site.stmt.startIndex) return undefined;
    edits.push(edit(code.file.index, at, at, linesAt(code.file, at, [site.moduleLevel])));
  }
  return { title: 'Move import to module level', edits };
}

/** Whether the module already binds the same names to the same imports ('conflict' when bound otherwise). */
function existingImport(code: HandlerCode, site: ImportSite): boolean | 'conflict' {
  const target = normalize(site.moduleLevel ?? '');
  const tops = topImports(code);
  if (tops.some((t) => t.normalized === target)) return true;
  if (site.names.length === 0) return false;
  let all = true;
  for (const name of site.names) {
    if (!code.info.topLevelNames.has(name)) {
      all = false;
      continue;
    }
    // bound at top level: the same import?
    const top = tops.find((t) => t.names.includes(name))?.node;
    if (!top) return 'conflict';
    const mine = describeBinding(code, site, name);
    const theirs = describeTopBinding(code, top, name);
    if (!mine || mine !== theirs) return 'conflict';
  }
  return all;
}

const topImportCache = new WeakMap<ModuleInfo, { node: SyntaxNode; normalized: string; names: string[] }[]>();

/** The module's top-level imports with their normalized text and the names they bind (once per module). */
function topImports(code: HandlerCode): { node: SyntaxNode; normalized: string; names: string[] }[] {
  let out = topImportCache.get(code.info);
  if (!out) {
    out = code.info.imports.map((node) => ({
      node,
      normalized: normalize(node.text),
      names: code.lang === 'python' ? pythonImportedNames(node) : jsNames(node),
    }));
    topImportCache.set(code.info, out);
  }
  return out;
}

function jsNames(stmt: SyntaxNode): string[] {
  const out: string[] = [];
  if (stmt.type === 'import_statement') {
    for (const c of namedChildren(stmt)) if (c.type === 'import_clause') out.push(...patternNamesOfClause(c));
  } else
    for (const d of namedChildren(stmt))
      if (d.type === 'variable_declarator') out.push(...patternNames(d.childForFieldName('name')));
  return out;
}

function patternNamesOfClause(clause: SyntaxNode): string[] {
  const out: string[] = [];
  for (const c of namedChildren(clause)) {
    if (c.type === 'identifier') out.push(c.text);
    else if (c.type === 'namespace_import') {
      const id = namedChildren(c).find((x) => x.type === 'identifier');
      if (id) out.push(id.text);
    } else if (c.type === 'named_imports')
      for (const s of namedChildren(c)) {
        const n = s.childForFieldName('alias') ?? s.childForFieldName('name');
        if (n) out.push(n.text);
      }
  }
  return out;
}

/** What a name bound by the in-function import refers to, as "module|name". */
function describeBinding(code: HandlerCode, site: ImportSite, name: string): string | undefined {
  if (!site.stmt) return undefined;
  return bindingIn(code, site.stmt, name);
}

function describeTopBinding(code: HandlerCode, stmt: SyntaxNode, name: string): string | undefined {
  return bindingIn(code, stmt, name);
}

function bindingIn(code: HandlerCode, stmt: SyntaxNode, name: string): string | undefined {
  if (code.lang === 'python') {
    if (stmt.type === 'import_statement') {
      for (const c of namedChildren(stmt)) {
        if (c.type === 'aliased_import' && c.childForFieldName('alias')?.text === name)
          return `mod|${c.childForFieldName('name')?.text ?? ''}`;
        if (c.type === 'dotted_name' && c.text.split('.')[0] === name) return `mod|${name}`;
      }
    } else if (stmt.type === 'import_from_statement') {
      const mod = stmt.childForFieldName('module_name')?.text ?? '';
      for (const c of stmt.childrenForFieldName('name')) {
        if (!c) continue;
        if (c.type === 'aliased_import' && c.childForFieldName('alias')?.text === name)
          return `from|${mod}|${c.childForFieldName('name')?.text ?? ''}`;
        if (c.type === 'dotted_name' && c.text === name) return `from|${mod}|${name}`;
      }
    }
    return undefined;
  }
  if (stmt.type === 'import_statement') {
    const src = stringValue(stmt.childForFieldName('source'));
    for (const c of namedChildren(stmt)) {
      if (c.type !== 'import_clause') continue;
      for (const k of namedChildren(c)) {
        if (k.type === 'identifier' && k.text === name) return `${src}|default`;
        if (k.type === 'namespace_import' && namedChildren(k).some((x) => x.text === name)) return `${src}|*`;
        if (k.type === 'named_imports')
          for (const s of namedChildren(k)) {
            const local = (s.childForFieldName('alias') ?? s.childForFieldName('name'))?.text;
            if (local === name) return `${src}|${s.childForFieldName('name')?.text ?? ''}`;
          }
      }
    }
    return undefined;
  }
  for (const d of namedChildren(stmt)) {
    if (d.type !== 'variable_declarator') continue;
    const src = requireSource(d.childForFieldName('value'));
    const pat = d.childForFieldName('name');
    if (!src || !pat) continue;
    const isAwait = d.childForFieldName('value')?.type === 'await_expression';
    if (pat.type === 'identifier' && pat.text === name)
      return isAwait ? `${src.module}|*` : `${src.module}|${src.name ?? 'require'}`;
    if (pat.type === 'object_pattern') {
      for (const p of namedChildren(pat)) {
        if (p.type === 'shorthand_property_identifier_pattern' && p.text === name)
          return `${src.module}|${p.text}`;
        if (p.type === 'pair_pattern' && p.childForFieldName('value')?.text === name)
          return `${src.module}|${p.childForFieldName('key')?.text ?? ''}`;
      }
    }
  }
  return undefined;
}
