/**
 * lambda/sdk-client-config: a module-level boto3 client or resource without a botocore `Config` that sets
 * `max_pool_connections` and `retries`. Suggestion: add `Config(max_pool_connections=50, retries={"max_attempts": 3})`
 * with the values from the targets, and the `from botocore.config import Config` import.
 */
import { createRule, type RuleContext } from '../../engine/rule';
import { edit } from '../../model/text';
import type { Fix, TextEdit } from '../../model/types';
import type { SyntaxNode } from '../../parse/syntax';
import { namedChildren } from '../../parse/treesitter';
import { callArguments, descendants, keywordArgument } from '../../handlers/ast';
import { moduleInfo } from '../../handlers/module';
import { creationAt } from '../../handlers/clients';
import {
  canonicalCallee,
  enclosingFn,
  importInsertionOffset,
  importTargets,
  linesAt,
  nameInUse,
  type HandlerCode,
} from '../../handlers/code';

export const sdkClientConfig = createRule(
  {
    id: 'lambda/sdk-client-config',
    description: 'Module-level boto3 clients without a connection pool and retry Config',
    defaultSeverity: 'info',
    fix: 'never',
    hasSuggestions: true,
    languages: ['python'],
    why:
      'Without a botocore Config a client keeps at most 10 pooled connections and the legacy retry mode, so ' +
      'concurrent calls wait for a connection and throttled calls fail or stall.',
    target: 'max_pool_connections=50, retries max_attempts=3',
  },
  check,
);

function check(ctx: RuleContext): void {
  // A boto3 client is recognized through an import of boto3: a file that never spells it has none.
  if (!ctx.file.text.includes('boto3')) return;
  const info = moduleInfo(ctx.file);
  const root = ctx.file.syntax;
  if (!info || !root || info.lang !== 'python') return;
  const code: HandlerCode = { file: ctx.file, info, lang: 'python', regions: [] };
  const pool = ctx.targets.lambda.sdkMaxPoolConnections;
  const attempts = ctx.targets.lambda.sdkMaxAttempts;
  for (const node of moduleLevelCalls(root, ctx.file.text)) {
    if (node.type !== 'call' || node.hasError) continue;
    if (enclosingFn('python', node)) continue;
    const creation = creationAt(code, node);
    if (!creation?.boto3) continue;
    const configArg = keywordArgument('python', node, 'config');
    const configCall = configArg ? resolveConfig(code, configArg) : undefined;
    if (configArg && !configCall) continue; // a Config we cannot read
    const missing: string[] = [];
    if (!configCall || !keywordArgument('python', configCall, 'max_pool_connections'))
      missing.push('max_pool_connections');
    if (!configCall || !keywordArgument('python', configCall, 'retries')) missing.push('retries');
    if (missing.length === 0) continue;
    const retries = `retries={"max_attempts": ${attempts}}`;
    const wanted = { max_pool_connections: `max_pool_connections=${pool}`, retries } as Record<
      string,
      string
    >;
    const suggestion = configCall
      ? addToConfig(
          code,
          configCall,
          missing.map((m) => wanted[m] ?? ''),
        )
      : addConfig(code, node, `max_pool_connections=${pool}, ${retries}`);
    ctx.report({
      message: `Module-level ${creation.label} without a botocore Config setting ${missing.join(' and ')}: set max_pool_connections=${pool} and retries (max_attempts ${attempts}) so concurrent calls reuse pooled connections and throttling is retried.`,
      startOffset: node.startIndex,
      endOffset: node.endIndex,
      ...(suggestion ? { suggestions: [suggestion] } : {}),
    });
  }
}

/**
 * The calls outside function definitions and ERROR subtrees, in document order. In an error-free tree, each
 * top-level statement that is not a definition is searched wasm-side (nested definitions dropped by range,
 * pre-order: a definition comes before its calls); definitions keep the walk that skips their bodies.
 */
function moduleLevelCalls(root: SyntaxNode, text: string): SyntaxNode[] {
  const skip = (n: SyntaxNode) => n.type === 'function_definition' || n.type === 'ERROR';
  if (root.hasError) return descendants(root, skip).filter((n) => n.type === 'call');
  const out: SyntaxNode[] = [];
  for (const stmt of namedChildren(root)) {
    const t = stmt.type;
    if (t === 'function_definition' || t === 'import_statement' || t === 'import_from_statement') continue;
    // every call has a parenthesized argument list (or generator): no "(" in the statement, no call
    if (!spells(text, '(', stmt.startIndex, stmt.endIndex)) continue;
    if (t === 'decorated_definition' || t === 'class_definition') {
      for (const n of descendants(stmt, skip)) if (n.type === 'call') out.push(n);
      continue;
    }
    let skipUntil = -1;
    for (const n of stmt.descendantsOfType(['call', 'function_definition'])) {
      if (!n || n.startIndex < skipUntil) continue;
      if (n.type === 'function_definition') skipUntil = n.endIndex;
      else out.push(n);
    }
  }
  return out;
}

/** Whether `text[start, end)` contains `s`. */
function spells(text: string, s: string, start: number, end: number): boolean {
  const i = text.indexOf(s, start);
  return i >= 0 && i + s.length <= end;
}

function isConfigCall(code: HandlerCode, n: SyntaxNode): boolean {
  if (n.type !== 'call') return false;
  const c = canonicalCallee(code, n.childForFieldName('function') ?? n);
  return c === 'botocore.config.Config' || c === 'botocore.client.Config';
}

function resolveConfig(code: HandlerCode, value: SyntaxNode): SyntaxNode | undefined {
  if (isConfigCall(code, value)) return value;
  if (value.type === 'identifier') {
    const b = code.info.bindings.get(value.text);
    if (b && isConfigCall(code, b)) return b;
  }
  return undefined;
}

function addToConfig(code: HandlerCode, call: SyntaxNode, parts: string[]): Fix {
  const args = callArguments(call);
  const last = args[args.length - 1];
  const argList = call.childForFieldName('arguments') as SyntaxNode;
  const at = last ? last.endIndex : argList.endIndex - 1;
  return {
    title: 'Set max_pool_connections and retries in the Config',
    edits: [edit(code.file.index, at, at, (last ? ', ' : '') + parts.join(', '))],
  };
}

function addConfig(code: HandlerCode, call: SyntaxNode, kwargs: string): Fix | undefined {
  const file = code.file;
  const t = importTargets(file, 'python').get('Config');
  const edits: TextEdit[] = [];
  if (!t) {
    if (nameInUse(file, code.info, 'Config')) return undefined;
    const at = importInsertionOffset(code);
    if (at > call.startIndex) return undefined;
    edits.push(edit(file.index, at, at, linesAt(file, at, ['from botocore.config import Config'])));
  } else if (t.module !== 'botocore.config.Config' && t.module !== 'botocore.client.Config') return undefined;
  const args = callArguments(call);
  const last = args[args.length - 1];
  const argList = call.childForFieldName('arguments');
  if (!argList) return undefined;
  const at = last ? last.endIndex : argList.endIndex - 1;
  edits.push(edit(file.index, at, at, `${last ? ', ' : ''}config=Config(${kwargs})`));
  return { title: 'Add a botocore Config with a connection pool and retries', edits };
}
