/**
 * Recognizing SDK clients, database connections and HTTP pools at a call site, for the handler rules.
 */
import type { SyntaxNode } from '../parse/syntax';
import { namedChildren } from '../parse/treesitter';
import { callArguments, keywordArgument, stringValue } from './ast';
import { canonicalCallee, enclosingFn, importTargets, scopeOf, type HandlerCode } from './code';

export interface Creation {
  /** The call / `new` expression. */
  node: SyntaxNode;
  /** What it creates, for messages ("boto3 client 's3'", "S3Client"). */
  label: string;
  /** A clear module-level name (`s3_client`, `s3Client`). */
  name: string;
  /** boto3 client/resource (for sdk-client-config). */
  boto3?: 'client' | 'resource';
  /** The service name of a boto3 client, when literal. */
  service?: string;
  /** TypeScript type of the result (`S3Client`), when it is a `new X(…)`. */
  typeName?: string;
}

const PY_CREATIONS: [RegExp, string, string][] = [
  [
    /^(pymysql|MySQLdb|psycopg2|psycopg|pg8000|mysql\.connector|pymssql|pyodbc|oracledb|cx_Oracle)\.connect$/,
    'database connection',
    'db_connection',
  ],
  [
    /^(pymysql\.connections\.Connection|pg8000\.native\.Connection|psycopg\.Connection\.connect)$/,
    'database connection',
    'db_connection',
  ],
  [/^psycopg2\.pool\.(Simple|Threaded)ConnectionPool$/, 'connection pool', 'db_pool'],
  [
    /^redis\.(Redis|StrictRedis|from_url|Redis\.from_url|RedisCluster|cluster\.RedisCluster)$/,
    'Redis client',
    'redis_client',
  ],
  [/^pymongo\.MongoClient$/, 'MongoClient', 'mongo_client'],
  [/^sqlalchemy\.create_engine$/, 'SQLAlchemy engine', 'db_engine'],
  [/^requests\.(Session|session)$/, 'requests Session', 'http_session'],
  [/^urllib3\.PoolManager$/, 'urllib3 PoolManager', 'http_pool'],
  [/^httpx\.(Client|AsyncClient)$/, 'httpx client', 'http_client'],
  [/^(opensearchpy|elasticsearch)\.(OpenSearch|Elasticsearch)$/, 'search client', 'search_client'],
];

const JS_CREATIONS: [RegExp, boolean, string, string][] = [
  // [canonical callee, is `new`, label, name]
  [/^pg:(Client|default\.Client)$/, true, 'pg Client', 'pgClient'],
  [/^pg:(Pool|default\.Pool)$/, true, 'pg Pool', 'pool'],
  [/^(mysql2|mysql2\/promise|mysql):(default\.)?createConnection$/, false, 'MySQL connection', 'connection'],
  [/^(mysql2|mysql2\/promise|mysql):(default\.)?createPool(Cluster)?$/, false, 'MySQL pool', 'pool'],
  [/^ioredis:(default|Redis|Cluster|Redis\.Cluster|default\.Cluster)?$/, true, 'Redis client', 'redis'],
  [/^(redis|@redis\/client):createCl(ient|uster)$/, false, 'Redis client', 'redis'],
  [/^mongodb:MongoClient$/, true, 'MongoClient', 'mongoClient'],
  [/^mongodb:MongoClient\.connect$/, false, 'MongoClient', 'mongoClient'],
  [/^mongoose:(default\.)?(connect|createConnection)$/, false, 'mongoose connection', 'mongooseConnection'],
];

const V2_NOT_CLIENTS = /(^|\.)(Config|Credentials|\w+Credentials|Endpoint|Request|Response|Service)$/;

function lowerFirst(s: string): string {
  const m = /^[A-Z]+(?=[A-Z][a-z]|$)/.exec(s);
  if (m && m[0].length > 1) return m[0].toLowerCase() + s.slice(m[0].length);
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function pyIdent(s: string): string {
  return s.replace(/[^A-Za-z0-9_]/g, '_').replace(/^(\d)/, '_$1');
}

/** The service name argument of a boto3 `client`/`resource` call. */
export function boto3Service(call: SyntaxNode): string | undefined {
  const first = callArguments(call)[0];
  const v = first && first.type !== 'keyword_argument' ? stringValue(first) : undefined;
  return v ?? stringValue(keywordArgument('python', call, 'service_name'));
}

/** Whether a node is a boto3 Session value (a `boto3.Session()` call, or a name bound to one). */
function isBoto3Session(code: HandlerCode, node: SyntaxNode | null | undefined): boolean {
  if (!node) return false;
  if (node.type === 'call') {
    const c = canonicalCallee(code, node.childForFieldName('function') ?? node);
    return !!c && /^boto3(\.session)?\.Session$/.test(c);
  }
  if (node.type === 'identifier') {
    for (let fn = enclosingFn('python', node); fn; fn = enclosingFn('python', fn)) {
      const b = scopeOf(code.file, 'python', fn).bindings.get(node.text);
      if (b) return b.values.some((v) => isBoto3Session(code, v));
    }
    const top = code.info.bindings.get(node.text);
    return !!top && top.type === 'call' && isBoto3Session(code, top);
  }
  return false;
}

const LEADING_PY_NAME = /^([A-Za-z_][A-Za-z0-9_]*)(?:$|\.)/;
const LEADING_JS_NAME = /^([A-Za-z_$][A-Za-z0-9_$]*)(?:$|\.)/;

/**
 * False when the callee's text provably names no import: it starts with a plain name directly followed by the
 * end or a dot (so that name is the first segment `canonicalCallee` resolves) that the file's imports do not
 * bind (and, in JS, that is not `AWS`). True otherwise (the full resolution decides).
 */
function resolvable(code: HandlerCode, calleeText: string): boolean {
  const m = (code.lang === 'python' ? LEADING_PY_NAME : LEADING_JS_NAME).exec(calleeText);
  if (!m) return true;
  const first = m[1] as string;
  if (code.lang === 'js' && first === 'AWS') return true;
  return importTargets(code.file, code.lang).has(first);
}

/** A Python callee's first segment, when directly followed by a dot (`boto3.` of `boto3.client(…)`). */
const PY_FIRST_SEGMENT = /[A-Za-z_][A-Za-z0-9_]*(?=\.)/y;
const CLIENT_OR_RESOURCE = /client|resource/;

/**
 * The client/connection a call creates, if any. `type`: the node's type when the caller knows it already
 * (regionNodes), which saves a call into the wasm runtime.
 */
export function creationAt(code: HandlerCode, node: SyntaxNode, type?: string): Creation | undefined {
  if (code.lang === 'python') {
    if ((type ?? node.type) !== 'call') return undefined;
    // Most calls are methods of names the file does not import (`logger.info(…)`, `table.put_item(…)`): the
    // call's text says so without reading its callee node (the callee starts where the call starts).
    const text = code.file.text;
    PY_FIRST_SEGMENT.lastIndex = node.startIndex;
    const first = PY_FIRST_SEGMENT.exec(text)?.[0];
    if (
      first !== undefined &&
      !importTargets(code.file, code.lang).has(first) &&
      !CLIENT_OR_RESOURCE.test(text.slice(node.startIndex, node.endIndex))
    )
      return undefined; // (resolvable() false, and the callee cannot end with client/resource)
    const callee = node.childForFieldName('function');
    if (!callee) return undefined;
    const calleeText = code.file.text.slice(callee.startIndex, callee.endIndex);
    if (!resolvable(code, calleeText) && !/(client|resource)$/.test(calleeText)) return undefined;
    const canon = canonicalCallee(code, callee);
    let kind: 'client' | 'resource' | undefined;
    if (canon === 'boto3.client' || canon === 'boto3.resource')
      kind = canon === 'boto3.client' ? 'client' : 'resource';
    else if (
      callee.type === 'attribute' &&
      /^(client|resource)$/.test(callee.childForFieldName('attribute')?.text ?? '') &&
      isBoto3Session(code, callee.childForFieldName('object'))
    )
      kind = callee.childForFieldName('attribute')?.text === 'client' ? 'client' : 'resource';
    if (kind) {
      const service = boto3Service(node);
      return {
        node,
        label: `boto3 ${kind}${service ? ` '${service}'` : ''}`,
        name: `${service ? pyIdent(service) + '_' : ''}${kind}`,
        boto3: kind,
        ...(service ? { service } : {}),
      };
    }
    if (!canon) return undefined;
    for (const [re, label, name] of PY_CREATIONS) if (re.test(canon)) return { node, label, name };
    return undefined;
  }
  const isNew = node.type === 'new_expression';
  if (!isNew && node.type !== 'call_expression') return undefined;
  const callee = node.childForFieldName(isNew ? 'constructor' : 'function');
  if (!callee) return undefined;
  if (!resolvable(code, code.file.text.slice(callee.startIndex, callee.endIndex))) return undefined;
  const canon = canonicalCallee(code, callee);
  if (!canon) return undefined;
  const [mod, path = ''] = canon.split(':');
  const last = path.split('.').pop() ?? '';
  const typeName =
    isNew && (callee.type === 'identifier' || callee.type === 'member_expression') ? callee.text : undefined;
  if (mod?.startsWith('@aws-sdk/client-') && isNew && /Client$/.test(last))
    return { node, label: last, name: lowerFirst(last), ...(typeName ? { typeName } : {}) };
  if (mod === '@aws-sdk/lib-dynamodb' && !isNew && /^DynamoDBDocument(Client)?\.from$/.test(path))
    return { node, label: `${path.split('.')[0] ?? 'DynamoDBDocumentClient'}.from`, name: 'docClient' };
  if ((mod === 'aws-sdk' || mod?.startsWith('aws-sdk/clients/')) && isNew && !V2_NOT_CLIENTS.test(path)) {
    const service = path || (mod.split('/').pop() ?? 'client');
    const lastName = service.split('.').pop() ?? service;
    return {
      node,
      label: `AWS SDK v2 ${service}`,
      name: lowerFirst(lastName),
      ...(typeName ? { typeName } : {}),
    };
  }
  for (const [re, needsNew, label, name] of JS_CREATIONS)
    if (re.test(canon) && needsNew === isNew) return { node, label, name, ...(typeName ? { typeName } : {}) };
  return undefined;
}

const CLOSING_WORD = /(?<![\w$])(?:close|end|quit|disconnect|destroy|dispose|shutdown)(?![\w$])/;

/** Whether the value bound to `name` is closed/ended in the function (hoisting would break later calls). */
export function closedIn(fn: SyntaxNode, name: string, text?: string): boolean {
  const body = fn.childForFieldName('body') ?? fn;
  // A close call needs both the name and a closing method name spelled in the body's text (as a whole word:
  // the property is a token of its own).
  if (text !== undefined) {
    const src = text.slice(body.startIndex, body.endIndex);
    if (!src.includes(name) || !CLOSING_WORD.test(src)) return false;
  }
  const stack = [body];
  while (stack.length > 0) {
    const n = stack.pop() as SyntaxNode;
    if (n.type === 'attribute' || n.type === 'member_expression') {
      const obj = n.childForFieldName('object');
      const prop = (n.childForFieldName('attribute') ?? n.childForFieldName('property'))?.text ?? '';
      if (obj?.text === name && /^(close|end|quit|disconnect|destroy|dispose|shutdown)$/.test(prop))
        return true;
    }
    stack.push(...namedChildren(n));
  }
  return false;
}
