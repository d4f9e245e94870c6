/**
 * cache/missing-ttl: a Redis write in handler code with no expiry: `set` without `ex`/`px` (redis-py),
 * ioredis `set` without `EX`/`PX`, node-redis `set` without `{ EX }`, `hset` with no `expire` after it.
 * Suggestion: `setex(key, 300, value)` with the TTL from the targets (`cache.ttlSeconds`).
 */
import { createRule, type RuleContext } from '../../engine/rule';
import { edit } from '../../model/text';
import type { Fix } from '../../model/types';
import type { SyntaxNode } from '../../parse/syntax';
import { callArguments, descendants, objectProperty, stringValue } from '../../handlers/ast';
import { creationAt } from '../../handlers/clients';
import {
  enclosingFn,
  handlerCode,
  lineEndAfter,
  regionNodes,
  scopeOf,
  whereText,
  type HandlerCode,
} from '../../handlers/code';
import { statementOf } from '../../handlers/ast';

export const missingTtl = createRule(
  {
    id: 'cache/missing-ttl',
    description: 'Redis writes without an expiry',
    defaultSeverity: 'info',
    fix: 'never',
    hasSuggestions: true,
    languages: ['python', 'javascript', 'typescript', 'tsx'],
    why:
      'A cached value without a TTL never refreshes and never leaves memory: readers get stale data and the ' +
      'cache node fills up until it evicts what is still useful.',
    target: 'cache TTL 300 s (5 minutes)',
  },
  check,
);

const PY_EXPIRY_KW = new Set(['ex', 'px', 'exat', 'pxat', 'keepttl']);
const JS_EXPIRY = /^(EX|PX|EXAT|PXAT|KEEPTTL)$/i;

type Flavor = 'redis-py' | 'ioredis' | 'node-redis';

function check(ctx: RuleContext): void {
  // A Redis client is recognized through an import of redis, ioredis or @redis/client (creationAt resolves the
  // callee through the file's imports): a file that never spells "redis" has none.
  if (!ctx.file.text.includes('redis')) return;
  const code = handlerCode(ctx);
  if (!code) return;
  const ttl = ctx.targets.cache.ttlSeconds;
  for (const { node, type, region } of regionNodes(code)) {
    if ((type !== 'call' && type !== 'call_expression') || node.hasError) continue;
    const fn = node.childForFieldName('function');
    if (fn?.type !== 'attribute' && fn?.type !== 'member_expression') continue;
    const method = (fn.childForFieldName('attribute') ?? fn.childForFieldName('property'))?.text ?? '';
    if (method !== 'set' && method !== 'hset' && method !== 'hmset' && method !== 'hSet') continue;
    const receiver = fn.childForFieldName('object');
    const flavor = receiver ? redisFlavor(code, receiver, new Set()) : undefined;
    if (!flavor || !receiver) continue;
    const args = callArguments(node);
    if (method === 'set') {
      if (hasExpiry(code, args, flavor)) continue;
      const suggestion = setexSuggestion(code, node, fn, args, flavor, ttl);
      ctx.report({
        message: `Redis write without an expiry in ${whereText(region)}: set() stores the value forever; give it a TTL (${ttl} s) with setex or ex=.`,
        startOffset: node.startIndex,
        endOffset: node.endIndex,
        ...(suggestion ? { suggestions: [suggestion] } : {}),
      });
    } else {
      const scopeFn = enclosingFn(code.lang, node);
      if (scopeFn && expiresLater(scopeFn, receiver.text, node, args[0]?.text)) continue;
      const suggestion = expireSuggestion(code, node, receiver, args, flavor, ttl);
      ctx.report({
        message: `Redis write without an expiry in ${whereText(region)}: ${method}() is not followed by expire(); give the hash a TTL (${ttl} s).`,
        startOffset: node.startIndex,
        endOffset: node.endIndex,
        ...(suggestion ? { suggestions: [suggestion] } : {}),
      });
    }
  }
}

/** Whether a receiver is a Redis client (or a pipeline of one), and which library. */
function redisFlavor(code: HandlerCode, receiver: SyntaxNode, seen: Set<number>): Flavor | undefined {
  if (seen.has(receiver.id)) return undefined;
  seen.add(receiver.id);
  let value: SyntaxNode | undefined = receiver;
  if (receiver.type === 'identifier') {
    value = undefined;
    let found = false;
    for (let fn = enclosingFn(code.lang, receiver); fn; fn = enclosingFn(code.lang, fn)) {
      const b = scopeOf(code.file, code.lang, fn).bindings.get(receiver.text);
      if (!b) continue;
      found = true;
      value = b.values[0];
      break;
    }
    if (!found) value = code.info.bindings.get(receiver.text);
  }
  while (
    value &&
    (value.type === 'await_expression' || value.type === 'await' || value.type === 'parenthesized_expression')
  )
    value = value.namedChildren[0] ?? undefined;
  if (!value) return undefined;
  if (value.type === 'call' || value.type === 'call_expression' || value.type === 'new_expression') {
    const c = creationAt(code, value);
    if (c && /Redis/.test(c.label)) {
      if (code.lang === 'python') return 'redis-py';
      return value.type === 'new_expression' ? 'ioredis' : 'node-redis';
    }
    // r.pipeline() / client.multi()
    const fn = value.childForFieldName('function');
    if (fn && (fn.type === 'attribute' || fn.type === 'member_expression')) {
      const m = (fn.childForFieldName('attribute') ?? fn.childForFieldName('property'))?.text ?? '';
      const obj = fn.childForFieldName('object');
      if (obj && /^(pipeline|multi)$/.test(m)) return redisFlavor(code, obj, seen);
    }
  }
  return undefined;
}

function hasExpiry(code: HandlerCode, args: SyntaxNode[], flavor: Flavor): boolean {
  for (const a of args) {
    if (code.lang === 'python') {
      if (a.type === 'keyword_argument' && PY_EXPIRY_KW.has(a.childForFieldName('name')?.text ?? ''))
        return true;
      if (a.type === 'dictionary_splat') return true; // unknown options
    } else {
      const s = stringValue(a);
      if (s !== undefined && JS_EXPIRY.test(s)) return true;
      if (
        a.type === 'object' &&
        ['EX', 'PX', 'EXAT', 'PXAT', 'KEEPTTL', 'expiration'].some((k) => objectProperty(a, k))
      )
        return true;
      if (
        a.type === 'spread_element' ||
        (a.type === 'identifier' && flavor === 'node-redis' && args.indexOf(a) >= 2)
      )
        return true; // options we cannot read
    }
  }
  return false;
}

/** Whether an expire call on the same receiver follows the write in the function. */
function expiresLater(fn: SyntaxNode, receiver: string, write: SyntaxNode, key: string | undefined): boolean {
  return descendants(fn).some((n) => {
    if (n.startIndex < write.endIndex) return false;
    if (n.type !== 'call' && n.type !== 'call_expression') return false;
    const f = n.childForFieldName('function');
    if (!f || (f.type !== 'attribute' && f.type !== 'member_expression')) return false;
    const m = (f.childForFieldName('attribute') ?? f.childForFieldName('property'))?.text ?? '';
    if (!/^(expire|pexpire|expireat|pexpireat|expireAt|pExpire|pExpireAt)$/.test(m)) return false;
    if (f.childForFieldName('object')?.text !== receiver) return false;
    return key === undefined || callArguments(n)[0]?.text === key;
  });
}

function setexSuggestion(
  code: HandlerCode,
  call: SyntaxNode,
  fn: SyntaxNode,
  args: SyntaxNode[],
  flavor: Flavor,
  ttl: number,
): Fix | undefined {
  if (args.length !== 2 || args.some((a) => a.type === 'keyword_argument' || a.type === 'object'))
    return undefined;
  const [key, value] = args as [SyntaxNode, SyntaxNode];
  const prop = fn.childForFieldName('attribute') ?? fn.childForFieldName('property');
  if (!prop) return undefined;
  const name = flavor === 'node-redis' ? 'setEx' : 'setex';
  const file = code.file;
  const argList = call.childForFieldName('arguments');
  if (!argList) return undefined;
  return {
    title: `Use ${name}(key, ${ttl}, value)`,
    edits: [
      edit(file.index, prop.startIndex, prop.endIndex, name),
      edit(file.index, argList.startIndex, argList.endIndex, `(${key.text}, ${ttl}, ${value.text})`),
    ],
  };
}

function expireSuggestion(
  code: HandlerCode,
  call: SyntaxNode,
  receiver: SyntaxNode,
  args: SyntaxNode[],
  flavor: Flavor,
  ttl: number,
): Fix | undefined {
  const key = args[0];
  if (!key || key.type === 'keyword_argument') return undefined;
  const stmt = statementOf(call);
  if (!stmt || stmt.startIndex > call.startIndex) return undefined;
  const file = code.file;
  const indent = file.index.indentOf(stmt.startPosition.row);
  const at = lineEndAfter(file, stmt.endIndex);
  const awaitPrefix = code.lang === 'js' && call.parent?.type === 'await_expression' ? 'await ' : '';
  const method = 'expire';
  const semi = code.lang === 'js' ? ';' : '';
  const eol = file.index.eol;
  const needsBreak = at === file.text.length && !file.text.endsWith('\n') ? eol : '';
  return {
    title: `Add expire(key, ${ttl}) after the write`,
    edits: [
      edit(
        file.index,
        at,
        at,
        `${needsBreak}${indent}${awaitPrefix}${receiver.text}.${method}(${key.text}, ${ttl})${semi}${eol}`,
      ),
    ],
  };
}
