/**
 * dynamodb/scan-filter: a DynamoDB scan with a FilterExpression in handler code (boto3 `table.scan(…)` /
 * `client.scan(…)`, SDK v3 `ScanCommand`, DocumentClient `scan`). No automatic fix: the access pattern needs
 * a key or a global secondary index.
 */
import { createRule, type RuleContext } from '../../engine/rule';
import type { SyntaxNode } from '../../parse/syntax';
import { namedChildren } from '../../parse/treesitter';
import { callArguments, objectProperty, stringValue } from '../../handlers/ast';
import {
  canonicalCallee,
  enclosingFn,
  handlerCode,
  regionNodes,
  scopeOf,
  whereText,
  type HandlerCode,
} from '../../handlers/code';

export const scanFilter = createRule(
  {
    id: 'dynamodb/scan-filter',
    description: 'DynamoDB scans that filter after reading the whole table',
    defaultSeverity: 'warning',
    fix: 'never',
    hasSuggestions: false,
    languages: ['python', 'javascript', 'typescript', 'tsx'],
    why:
      'A scan reads every item of the table (and pays read capacity for all of it) before the FilterExpression ' +
      'drops what does not match; latency and cost grow with the table, not with the result.',
    target: 'warm response < 200 ms',
  },
  check,
);

const FILTER_KEYS = ['FilterExpression', 'ScanFilter'];

function check(ctx: RuleContext): void {
  // Every form below spells "scan" (a `.scan(` call) or "Scan" (`ScanCommand`, imported under that name or
  // reached through a namespace): a file without either has no finding.
  if (!/scan/i.test(ctx.file.text)) return;
  const code = handlerCode(ctx);
  if (!code) return;
  for (const { node, type, region } of regionNodes(code)) {
    if (type !== 'call' && type !== 'call_expression' && type !== 'new_expression') continue;
    if (node.hasError) continue;
    let params: SyntaxNode | undefined;
    if (code.lang === 'python') {
      if (node.type !== 'call') continue;
      const fn = node.childForFieldName('function');
      if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'scan') continue;
      if (!pythonHasFilter(code, node)) continue;
      params = node;
    } else if (node.type === 'new_expression') {
      const canon = canonicalCallee(code, node.childForFieldName('constructor') ?? node);
      if (!canon || !/^@aws-sdk\/(client-dynamodb|lib-dynamodb):Scan(Command)?$/.test(canon)) continue;
      if (!jsHasFilter(code, callArguments(node)[0])) continue;
      params = node;
    } else if (node.type === 'call_expression') {
      const fn = node.childForFieldName('function');
      if (fn?.type !== 'member_expression' || fn.childForFieldName('property')?.text !== 'scan') continue;
      if (!jsHasFilter(code, callArguments(node)[0])) continue;
      params = node;
    }
    if (!params) continue;
    ctx.report({
      message: `DynamoDB scan with a FilterExpression in ${whereText(region)}: it reads the whole table and filters afterwards; query on the partition key or a global secondary index instead.`,
      startOffset: node.startIndex,
      endOffset: node.endIndex,
    });
  }
}

/** The value a name holds, when it is assigned once (local or module level). */
function valueOf(code: HandlerCode, id: SyntaxNode): SyntaxNode | undefined {
  for (let fn = enclosingFn(code.lang, id); fn; fn = enclosingFn(code.lang, fn)) {
    const b = scopeOf(code.file, code.lang, fn).bindings.get(id.text);
    if (b) return b.values.length === 1 ? b.values[0] : undefined;
  }
  return code.info.bindings.get(id.text);
}

function pythonHasFilter(code: HandlerCode, call: SyntaxNode): boolean {
  for (const a of callArguments(call)) {
    if (a.type === 'keyword_argument' && FILTER_KEYS.includes(a.childForFieldName('name')?.text ?? ''))
      return true;
    if (a.type === 'dictionary_splat') {
      let d = namedChildren(a)[0];
      if (d?.type === 'identifier') d = valueOf(code, d);
      if (d?.type === 'dictionary' && dictHasKey(d)) return true;
    }
  }
  return false;
}

function dictHasKey(d: SyntaxNode): boolean {
  return namedChildren(d).some(
    (p) => p.type === 'pair' && FILTER_KEYS.includes(stringValue(p.childForFieldName('key')) ?? ''),
  );
}

function jsHasFilter(code: HandlerCode, arg: SyntaxNode | undefined): boolean {
  let obj = arg;
  if (obj?.type === 'identifier') obj = valueOf(code, obj);
  if (obj?.type !== 'object') return false;
  if (FILTER_KEYS.some((k) => objectProperty(obj, k))) return true;
  // `{ ...baseParams, FilterExpression }` spreads
  return namedChildren(obj).some((p) => {
    if (p.type !== 'spread_element') return false;
    const inner = namedChildren(p)[0];
    const v = inner?.type === 'identifier' ? valueOf(code, inner) : inner;
    return v?.type === 'object' && FILTER_KEYS.some((k) => objectProperty(v, k));
  });
}
