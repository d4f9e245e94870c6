/**
 * lambda/client-in-handler: an SDK client, database connection or HTTP pool built per invocation.
 * Safe fix only when everything it uses is static or module-level: hoist it to module scope under a clear
 * name (with the imports it needs). When it uses the event or context, a suggestion caches clients per key.
 */
import { createRule, type RuleContext } from '../../engine/rule';
import { edit } from '../../model/text';
import type { Fix, TextEdit } from '../../model/types';
import type { SyntaxNode } from '../../parse/syntax';
import { namedChildren } from '../../parse/treesitter';
import { callArguments, patternNames } from '../../handlers/ast';
import { pythonImportedNames } from '../../handlers/module';
import { closedIn, creationAt, type Creation } from '../../handlers/clients';
import {
  deleteStatement,
  dependencyOf,
  enclosingFn,
  freshName,
  handlerCode,
  importInsertionOffset,
  insertionAfterNames,
  isLazyCache,
  linesAt,
  referencesNamed,
  regionNodes,
  scopeOf,
  availableAtModuleLevel,
  whereText,
  type Dependency,
  type HandlerCode,
} from '../../handlers/code';

export const clientInHandler = createRule(
  {
    id: 'lambda/client-in-handler',
    description: 'SDK clients, database connections and HTTP pools created on every invocation',
    defaultSeverity: 'warning',
    fix: 'sometimes',
    hasSuggestions: true,
    languages: ['python', 'javascript', 'typescript', 'tsx'],
    why:
      'A client built inside the handler repeats credential resolution, endpoint setup and TLS/TCP handshakes ' +
      'on every invocation; one built at module scope is reused by every warm invocation.',
    target: 'warm response < 200 ms',
  },
  check,
);

const GENERIC_NAMES = new Set([
  'client',
  'c',
  'cli',
  'conn',
  'connection',
  'con',
  'session',
  's',
  'resource',
  'res',
  'r',
  'db',
  'sdk',
  'svc',
  'service',
]);

function check(ctx: RuleContext): void {
  const code = handlerCode(ctx);
  if (!code) return;
  for (const { node, type, region } of regionNodes(code)) {
    if (type !== 'call' && type !== 'call_expression' && type !== 'new_expression') continue;
    // (creationAt reads no state: asking it first saves reading hasError of every other call)
    const creation = creationAt(code, node, type);
    if (!creation || node.hasError) continue;
    if (isLazyCache(code, node)) continue;
    if (insideCreation(code, node)) continue; // reported once, on the outer client
    const dep = dependencyOf(code, node);
    const where = whereText(region);
    if (dep.kind === 'input') {
      const suggestion = cachePerKey(code, creation);
      ctx.report({
        message: `Client built per invocation in ${where}: the ${creation.label} depends on the handler's input (${dep.names.join(', ')}); cache clients per key at module scope instead of building one per call.`,
        startOffset: node.startIndex,
        endOffset: node.endIndex,
        ...(suggestion ? { suggestions: [suggestion] } : {}),
      });
      continue;
    }
    const hoist = dep.kind === 'static' ? hoistFix(code, creation, dep) : undefined;
    const closes = hoist === 'closes';
    const detail =
      dep.kind === 'local'
        ? ` (it uses ${dep.names.map((n) => `'${n}'`).join(', ')}, computed in the function: move that to module scope too)`
        : closes
          ? ' (it is closed at the end of the call: keep it open and reuse it)'
          : '';
    ctx.report({
      message: `Client built per invocation in ${where}: the ${creation.label} is created on every call${detail}; create it once at module scope and reuse it.`,
      startOffset: node.startIndex,
      endOffset: node.endIndex,
      ...(hoist && hoist !== 'closes' ? { fix: hoist } : {}),
    });
  }
}

/** Dedent continuation lines of a multi-line expression by the indentation of its first line. */
function dedent(code: HandlerCode, node: SyntaxNode, text: string): string {
  const indent = code.file.index.indentOf(node.startPosition.row);
  if (!indent) return text;
  return text
    .split('\n')
    .map((l, i) => (i > 0 && l.startsWith(indent) ? l.slice(indent.length) : l))
    .join('\n');
}

/** The import statements a hoisted expression needs at module level (in-function imports it uses). */
function importLines(code: HandlerCode, dep: Dependency): string[] | undefined {
  const out: string[] = [];
  for (const stmt of dep.imports) {
    if (code.lang === 'python') out.push(stmt.text);
    else {
      // `const { S3Client } = require('…')` moves as is; dynamic imports cannot move into CommonJS
      if (stmt.type !== 'lexical_declaration' && stmt.type !== 'variable_declaration') return undefined;
      if (stmt.text.includes('await')) return undefined;
      out.push(stmt.text.endsWith(';') ? stmt.text : `${stmt.text};`);
    }
  }
  return out;
}

/** A safe hoist, 'closes' when the function closes it, or undefined when none is possible. */
function hoistFix(code: HandlerCode, creation: Creation, dep: Dependency): Fix | 'closes' | undefined {
  const node = creation.node;
  const fn = enclosingFn(code.lang, node);
  if (!fn || dep.awaits) return undefined;
  const imports = importLines(code, dep);
  if (!imports) return undefined;
  // Skip `with X() as y:` and awaited creations (the statement shape matters).
  let up = node.parent;
  while (
    up &&
    (up.type === 'parenthesized_expression' ||
      up.type === 'as_expression' ||
      up.type === 'satisfies_expression')
  )
    up = up.parent;
  if (!up) return undefined;
  if (
    up.type === 'with_item' ||
    up.type === 'as_pattern' ||
    up.type === 'await_expression' ||
    up.type === 'await'
  )
    return undefined;

  const file = code.file;
  const edits: TextEdit[] = [];
  const names = dep.moduleNames;
  const fromImports = new Set(dep.imports.flatMap((i) => importedNamesOf(code, i)));
  if (
    !availableAtModuleLevel(
      code,
      names.filter((n) => !fromImports.has(n)),
    )
  )
    return undefined;
  const at = insertionAfterNames(code, names);
  const importAt = importInsertionOffset(code);
  if (at > fn.startIndex) return undefined;

  // Statement form: `name = create(…)` / `const name = new X(…)`
  const stmtForm = localAssignment(code, node, up);
  let moduleLine: string;
  if (stmtForm) {
    const { stmt, name, typeAnnotation } = stmtForm;
    const scope = scopeOf(file, code.lang, fn);
    const b = scope.bindings.get(name);
    if (!b || b.kind !== 'local' || b.values.length !== 1) return undefined;
    if (closedIn(fn, name, file.text)) return 'closes';
    const del = deleteStatement(code, stmt);
    if (!del) return undefined;
    edits.push(del);
    const existing = code.info.bindings.get(name);
    let target = name;
    if (existing) {
      if (existing.text === node.text) {
        // the module already has it: the local copy goes, references now reach the module-level one
        return {
          title: 'Use the module-level client',
          edits: [del, ...importEdits(code, importAt, imports, at, [])],
        };
      }
      target = freshName(file, code.info, creation.name, code.lang);
    } else if (GENERIC_NAMES.has(name) || code.info.topLevelNames.has(name)) {
      target = freshName(file, code.info, creation.name, code.lang);
    }
    if (target !== name) {
      const renames = renameLocal(code, fn, name, target, stmt);
      if (!renames) return undefined;
      edits.push(...renames);
    }
    moduleLine =
      code.lang === 'python'
        ? `${target} = ${dedent(code, node, node.text)}`
        : `const ${target}${typeAnnotation} = ${dedent(code, node, node.text)};`;
  } else {
    // Inline: replace the expression with a module-level name.
    if (
      code.lang === 'python' &&
      up.type === 'assignment' &&
      up.childForFieldName('left')?.type === 'identifier'
    )
      return undefined; // a local assigned more than once: keep it simple
    const target = freshName(file, code.info, creation.name, code.lang);
    edits.push(edit(file.index, node.startIndex, node.endIndex, target));
    moduleLine =
      code.lang === 'python'
        ? `${target} = ${dedent(code, node, node.text)}`
        : `const ${target} = ${dedent(code, node, node.text)};`;
  }
  edits.push(...importEdits(code, importAt, imports, at, [moduleLine]));
  return { title: 'Move client to module scope', edits };
}

/** One insertion of imports (after the imports) and module-level lines (after what they use). */
function importEdits(
  code: HandlerCode,
  importAt: number,
  imports: string[],
  at: number,
  lines: string[],
): TextEdit[] {
  const file = code.file;
  const fresh = imports.filter(
    (l) => !code.info.imports.some((i) => i.text.replace(/\s+/g, ' ') === l.replace(/\s+/g, ' ')),
  );
  const blank = code.lang === 'python' || lines.length > 0 ? [''] : [];
  if (lines.length === 0)
    return fresh.length > 0 ? [edit(file.index, importAt, importAt, linesAt(file, importAt, fresh))] : [];
  if (importAt === at) {
    const all = [...fresh, ...blank, ...lines];
    return [edit(file.index, at, at, linesAt(file, at, all))];
  }
  const out: TextEdit[] = [];
  if (fresh.length > 0) out.push(edit(file.index, importAt, importAt, linesAt(file, importAt, fresh)));
  out.push(edit(file.index, at, at, linesAt(file, at, [...blank, ...lines])));
  return out;
}

interface LocalAssignment {
  stmt: SyntaxNode;
  name: string;
  typeAnnotation: string;
}

function localAssignment(code: HandlerCode, node: SyntaxNode, up: SyntaxNode): LocalAssignment | undefined {
  if (code.lang === 'python') {
    if (up.type !== 'assignment' || up.childForFieldName('right')?.id !== node.id) return undefined;
    const left = up.childForFieldName('left');
    const stmt = up.parent;
    if (left?.type !== 'identifier' || stmt?.type !== 'expression_statement') return undefined;
    if (stmt.parent?.type !== 'block') return undefined;
    return { stmt, name: left.text, typeAnnotation: '' };
  }
  if (up.type !== 'variable_declarator' || up.childForFieldName('value')?.id !== node.id) return undefined;
  const nameNode = up.childForFieldName('name');
  const decl = up.parent;
  if (nameNode?.type !== 'identifier' || !decl) return undefined;
  if (namedChildren(decl).filter((c) => c.type === 'variable_declarator').length !== 1) return undefined;
  if (decl.parent?.type !== 'statement_block') return undefined;
  const type = up.childForFieldName('type');
  return { stmt: decl, name: nameNode.text, typeAnnotation: type ? type.text : '' };
}

/** Rename the references of a local in the function (undefined when a nested function rebinds it). */
function renameLocal(
  code: HandlerCode,
  fn: SyntaxNode,
  from: string,
  to: string,
  stmt: SyntaxNode,
): TextEdit[] | undefined {
  const out: TextEdit[] = [];
  const body = fn.childForFieldName('body');
  if (!body) return undefined;
  for (const id of referencesNamed(code.file, body, from)) {
    if (id.startIndex >= stmt.startIndex && id.endIndex <= stmt.endIndex) continue;
    // a nested function with its own binding of the name
    for (let f = enclosingFn(code.lang, id); f && f.id !== fn.id; f = enclosingFn(code.lang, f)) {
      if (scopeOf(code.file, code.lang, f).bindings.has(from)) return undefined;
    }
    const newText = id.type === 'shorthand_property_identifier' ? `${from}: ${to}` : to;
    out.push(edit(code.file.index, id.startIndex, id.endIndex, newText));
  }
  return out;
}

/** Suggestion: a module-level map of clients keyed by the input-dependent arguments. */
function cachePerKey(code: HandlerCode, creation: Creation): Fix | undefined {
  const node = creation.node;
  const fn = enclosingFn(code.lang, node);
  if (!fn) return undefined;
  const keyParts: string[] = [];
  const args = callArguments(node);
  const values: SyntaxNode[] = [];
  for (const a of args) {
    if (a.type === 'keyword_argument') {
      const v = a.childForFieldName('value');
      if (v) values.push(v);
    } else if (a.type === 'object') {
      for (const p of namedChildren(a)) {
        if (p.type === 'pair') {
          const v = p.childForFieldName('value');
          if (v) values.push(v);
        } else if (p.type === 'shorthand_property_identifier') values.push(p);
        else if (p.type === 'spread_element') return undefined;
      }
    } else if (a.type === 'list_splat' || a.type === 'dictionary_splat' || a.type === 'spread_element')
      return undefined;
    else values.push(a);
  }
  for (const v of values) {
    if (dependencyOf(code, v).kind !== 'input') continue;
    if (
      (v.type === 'new_expression' || v.type === 'call_expression' || v.type === 'call') &&
      creationAt(code, v)
    ) {
      const inner = cachePerKey(code, { ...creation, node: v });
      if (!inner) return undefined;
      keyParts.push(...innerKeys(code, v));
    } else keyParts.push(v.text);
  }
  if (keyParts.length === 0) return undefined;
  const file = code.file;
  const base = creation.name.replace(/_?(client|resource|connection|session)$|Client$/i, '') || 'client';
  const at = importInsertionOffset(code);
  if (at > fn.startIndex) return undefined;
  const text = node.text;
  if (code.lang === 'python') {
    const cache = freshName(file, code.info, `_${base.replace(/^_+/, '')}_clients`, 'python');
    const key = keyParts.length === 1 ? (keyParts[0] as string) : `(${keyParts.join(', ')})`;
    return {
      title: 'Cache clients per key at module scope',
      edits: [
        edit(file.index, at, at, linesAt(file, at, ['', `${cache} = {}`])),
        edit(
          file.index,
          node.startIndex,
          node.endIndex,
          `${cache}.get(${key}) or ${cache}.setdefault(${key}, ${text})`,
        ),
      ],
    };
  }
  const cache = freshName(file, code.info, `${base || 'client'}Clients`, 'js');
  const key =
    keyParts.length === 1
      ? (keyParts[0] as string)
      : '`' + keyParts.map((k) => '${' + k + '}').join('|') + '`';
  const ts = file.language === 'typescript' || file.language === 'tsx';
  const callee = node.childForFieldName('function');
  const type = creation.typeName ?? (callee ? `ReturnType<typeof ${callee.text}>` : 'unknown');
  const decl = ts ? `const ${cache}: Record<string, ${type}> = {};` : `const ${cache} = {};`;
  return {
    title: 'Cache clients per key at module scope',
    edits: [
      edit(file.index, at, at, linesAt(file, at, ['', decl])),
      edit(file.index, node.startIndex, node.endIndex, `(${cache}[${key}] ??= ${text})`),
    ],
  };
}

function importedNamesOf(code: HandlerCode, stmt: SyntaxNode): string[] {
  if (code.lang === 'python') return pythonImportedNames(stmt);
  return namedChildren(stmt).flatMap((d) =>
    d.type === 'variable_declarator' ? patternNames(d.childForFieldName('name')) : [],
  );
}

/** Whether a creation is an argument of another creation (`DynamoDBDocumentClient.from(new DynamoDBClient())`). */
function insideCreation(code: HandlerCode, node: SyntaxNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'call' || p.type === 'call_expression' || p.type === 'new_expression') {
      if (creationAt(code, p)) return true;
      continue;
    }
    if (
      [
        'arguments',
        'argument_list',
        'object',
        'pair',
        'keyword_argument',
        'parenthesized_expression',
      ].includes(p.type)
    )
      continue;
    return false;
  }
  return false;
}

/** The input-dependent argument texts of an inner creation, for the outer one's cache key. */
function innerKeys(code: HandlerCode, call: SyntaxNode): string[] {
  const out: string[] = [];
  for (const a of callArguments(call)) {
    const vals =
      a.type === 'object'
        ? namedChildren(a).map((p) => (p.type === 'pair' ? p.childForFieldName('value') : p))
        : [a.type === 'keyword_argument' ? a.childForFieldName('value') : a];
    for (const v of vals) if (v && dependencyOf(code, v).kind === 'input') out.push(v.text);
  }
  return out;
}
