/**
 * What the CDK TypeScript and CDK Python front ends share: import resolution (`aws-cdk-lib/aws-lambda`,
 * `@aws-cdk/aws-lambda`, `aws_cdk.aws_lambda`, aliases), the values of CDK helpers and enums
 * (`Duration.minutes(5)` → 300 s, `Size.kibibytes(1)` → 1024 bytes, `logs.RetentionDays.ONE_MONTH` → 30), and the
 * constructs the rules need, mapped onto the model (`lambda.Function` → `aws_lambda_function`, `RestApi` → a REST
 * API, its stage and its `*\/*` method settings from `deployOptions`, L1 `Cfn*` constructs through the
 * CloudFormation schemas).
 *
 * CDK's own defaults go in `Resource.defaults` where they differ from Terraform's: a `logs.LogGroup` keeps logs
 * 731 days, a `cloudfront.Distribution` compresses and allows plain HTTP, a `dynamodb.TableV2` is on-demand.
 */
import { CFN_SCHEMAS, CFN_TYPES } from './cfn-schemas';
import { idOf, type SNode } from './cdk-syntax';
import {
  LITERAL,
  aliasProvisionedConcurrency,
  entryOf,
  makeBlock,
  objOf,
  setSite,
  siteOf,
  toVal,
  valOf,
  type KeyStyle,
  type Schema,
  type SrcNode,
  type SrcObj,
  type Val,
  type WriteSite,
} from './mapping';
import {
  resourceOf,
  type Attribute,
  type Block,
  type IacFormat,
  type IacValue,
  type Provenance,
  type Reference,
  type Resource,
  type Span,
} from './model';

/** `aws-cdk-lib/aws-lambda`, `@aws-cdk/aws-lambda`, `aws_cdk.aws_lambda` → `aws-lambda`; the core → ''. */
export function normalizeModule(spec: string): string | undefined {
  let s = spec.trim();
  if (s === 'aws-cdk-lib' || s === '@aws-cdk/core' || s === 'aws_cdk' || s === 'aws_cdk.core') return '';
  if (s.startsWith('aws-cdk-lib/')) s = s.slice('aws-cdk-lib/'.length);
  else if (s.startsWith('@aws-cdk/')) s = s.slice('@aws-cdk/'.length);
  else if (s.startsWith('aws_cdk.')) s = s.slice('aws_cdk.'.length).replace(/_/g, '-');
  else return undefined;
  if (s === 'core') return '';
  return s.replace(/-alpha$/, '');
}

/** A name bound by an import: a module namespace (`lambda`) or one export of a module (`Function`). */
export interface ImportBinding {
  module: string;
  export?: string;
}

/** A dotted name resolved through the imports: module and the path inside it (`Runtime.PYTHON_3_12`). */
export interface Qualified {
  module: string;
  path: string;
  /** `enumValue` of it, once asked (null: no enum member). */
  enumMemo?: IacValue | null;
}

export function qualify(imports: ReadonlyMap<string, ImportBinding>, dotted: string): Qualified | undefined {
  const parts = dotted.split('.');
  const head = parts[0];
  if (head === undefined) return undefined;
  const b = imports.get(head);
  if (!b) return undefined;
  let module = b.module;
  let rest = b.export !== undefined ? [b.export, ...parts.slice(1)] : parts.slice(1);
  // `cdk.aws_lambda.Function` through the root namespace.
  if (module === '' && rest[0] !== undefined && /^aws_/.test(rest[0])) {
    module = rest[0].replace(/_/g, '-');
    rest = rest.slice(1);
  }
  if (rest.length === 0) return undefined;
  return { module, path: rest.join('.') };
}

/** What evaluating a CDK file knows: its imports, constants, the constructs found and the names bound to them. */
export interface CdkCtx {
  file: string;
  imports: Map<string, ImportBinding>;
  /** Constants of the file (null: not a single constant). */
  consts: Map<string, SNode | null>;
  /** Constructs by `idOf` their call. */
  constructs: Map<number, { address: string; type: string; id: string }>;
  /** Names (`fn`, `this.fn`, `self.fn`) bound to a construct call (by `idOf`). */
  bindings: Map<string, number>;
  /** The language's dotted name of an expression (`lambda.Function`), if it is one. */
  dotted: (n: SNode | null | undefined) => string | undefined;
  /** `qualifyName` results by dotted name. */
  qualified: Map<string, Qualified | undefined>;
}

export function newCtx(file: string, imports: Map<string, ImportBinding>, dotted: CdkCtx['dotted']): CdkCtx {
  return {
    file,
    imports,
    consts: new Map(),
    constructs: new Map(),
    bindings: new Map(),
    dotted,
    qualified: new Map(),
  };
}

/** An expression resolved through the imports (`lambda.Runtime.PYTHON_3_12`), remembered per import map. */
export function qualifyNode(ctx: CdkCtx, n: SNode | null | undefined): Qualified | undefined {
  const d = ctx.dotted(n);
  return d ? qualifyName(ctx, d) : undefined;
}

/** A dotted name resolved through the file's imports, remembered per reading. */
export function qualifyName(ctx: CdkCtx, d: string): Qualified | undefined {
  const memo = ctx.qualified;
  const hit = memo.get(d);
  if (hit !== undefined || memo.has(d)) return hit;
  const r = qualify(ctx.imports, d);
  memo.set(d, r);
  return r;
}

/** A reference to the construct a name stands for (`fn`, `this.table`). */
export function refOfNode(ctx: CdkCtx, n: SNode): Reference | undefined {
  const d = ctx.dotted(n);
  const id = d !== undefined ? ctx.bindings.get(d) : undefined;
  const c = id !== undefined ? ctx.constructs.get(id) : undefined;
  return c ? { type: c.type, name: c.id, address: c.address } : undefined;
}

/** A reference to a construct call itself (`new lambda.Function(…)` used as a value). */
export function refOfConstruct(ctx: CdkCtx, n: SNode): Reference | undefined {
  const c = ctx.constructs.get(idOf(n));
  return c ? { type: c.type, name: c.id, address: c.address } : undefined;
}

const RETENTION: Record<string, number> = {
  ONE_DAY: 1,
  THREE_DAYS: 3,
  FIVE_DAYS: 5,
  ONE_WEEK: 7,
  TWO_WEEKS: 14,
  ONE_MONTH: 30,
  TWO_MONTHS: 60,
  THREE_MONTHS: 90,
  FOUR_MONTHS: 120,
  FIVE_MONTHS: 150,
  SIX_MONTHS: 180,
  ONE_YEAR: 365,
  THIRTEEN_MONTHS: 400,
  EIGHTEEN_MONTHS: 545,
  TWO_YEARS: 731,
  THREE_YEARS: 1096,
  FIVE_YEARS: 1827,
  SIX_YEARS: 2192,
  SEVEN_YEARS: 2557,
  EIGHT_YEARS: 2922,
  NINE_YEARS: 3288,
  TEN_YEARS: 3653,
  INFINITE: 0,
};

/** The `RetentionDays` member for a number of days, if CDK has one. */
export function retentionMember(days: number): string | undefined {
  return Object.entries(RETENTION).find(([, d]) => d === days)?.[0];
}

const DURATION: Record<string, number> = { millis: 0.001, seconds: 1, minutes: 60, hours: 3600, days: 86400 };
const SIZE: Record<string, number> = {
  bytes: 1,
  kibibytes: 1024,
  mebibytes: 1024 ** 2,
  gibibytes: 1024 ** 3,
};
const STORAGE: Record<string, string> = {
  GLACIER_INSTANT_RETRIEVAL: 'GLACIER_IR',
  INFREQUENT_ACCESS: 'STANDARD_IA',
  ONE_ZONE_INFREQUENT_ACCESS: 'ONEZONE_IA',
};

function num(n: number): IacValue {
  return { kind: 'number', value: n };
}
function str(s: string): IacValue {
  return { kind: 'string', value: s };
}

/**
 * An enum member's value (`lambda.Runtime.PYTHON_3_12` → "python3.12"), or undefined; remembered on `q` (one
 * object per dotted name of a reading: the same member is asked for on every construct).
 */
export function enumValue(q: Qualified): IacValue | undefined {
  if (q.enumMemo === undefined) q.enumMemo = enumValueOf(q) ?? null;
  return q.enumMemo ?? undefined;
}

function enumValueOf(q: Qualified): IacValue | undefined {
  const [cls, member, extra] = q.path.split('.');
  if (member === undefined || extra !== undefined) return undefined;
  switch (`${q.module}:${cls}`) {
    case 'aws-lambda:Runtime': {
      const m = /^(PYTHON|NODEJS|JAVA|DOTNET|RUBY|GO|PROVIDED)_?(.*)$/.exec(member);
      if (!m) return undefined;
      const ver = (m[2] ?? '').replace(/_X$/, '.x').replace(/_/g, m[1] === 'PYTHON' ? '.' : '');
      const lang = (m[1] ?? '').toLowerCase();
      return str(
        lang === 'provided' ? `provided${ver ? `.${ver.toLowerCase()}` : ''}` : `${lang}${ver.toLowerCase()}`,
      );
    }
    case 'aws-logs:RetentionDays':
      return RETENTION[member] !== undefined ? num(RETENTION[member]) : undefined;
    case 'aws-dynamodb:BillingMode':
    case 'aws-apigateway:MethodLoggingLevel':
      return str(member);
    case 'aws-cloudfront:ViewerProtocolPolicy':
      return str(member.toLowerCase().replace(/_/g, '-'));
    case 'aws-s3:StorageClass':
      return str(STORAGE[member] ?? member);
    default:
      return undefined;
  }
}

/** A helper call's value (`Duration.minutes(5)` → 300, `Size.kibibytes(1)` → 1024), or undefined. */
export function helperValue(q: Qualified, args: readonly (number | undefined)[]): IacValue | undefined {
  const [cls, fn, extra] = q.path.split('.');
  if (fn === undefined || extra !== undefined) return undefined;
  const a = args[0];
  if (q.module === '' && cls === 'Duration' && DURATION[fn] !== undefined)
    return a === undefined ? { kind: 'unknown' } : num(a * DURATION[fn]);
  if (q.module === '' && cls === 'Size' && SIZE[fn] !== undefined)
    return a === undefined ? { kind: 'unknown' } : num(a * SIZE[fn]);
  if (q.module === 'aws-dynamodb' && cls === 'Billing')
    return fn === 'onDemand' || fn === 'on_demand'
      ? str('PAY_PER_REQUEST')
      : fn === 'provisioned'
        ? str('PROVISIONED')
        : undefined;
  return undefined;
}

/** `metricErrors` / `metric_errors` → `Errors`. */
const METRIC_METHODS: Record<string, string> = {
  metricerrors: 'Errors',
  metricthrottles: 'Throttles',
  metriclatency: 'Latency',
  metricintegrationlatency: 'IntegrationLatency',
  metricduration: 'Duration',
  metricinvocations: 'Invocations',
  metricconcurrentexecutions: 'ConcurrentExecutions',
  metricclienterror: '4XXError',
  metricservererror: '5XXError',
  metriccount: 'Count',
};

export function metricOfMethod(method: string): string | undefined {
  return METRIC_METHODS[method.replace(/_/g, '').toLowerCase()];
}

const NAMESPACES: Record<string, string> = {
  aws_lambda_function: 'AWS/Lambda',
  aws_api_gateway_rest_api: 'AWS/ApiGateway',
  aws_apigatewayv2_api: 'AWS/ApiGateway',
  aws_dynamodb_table: 'AWS/DynamoDB',
};

// ---- Schemas of the L2 constructs (camelCase keys; Python's snake_case keys match them) ---------------------

const LAMBDA: Schema = {
  attrs: {
    memorySize: 'memory_size',
    timeout: { name: 'timeout', write: 'duration' },
    reservedConcurrentExecutions: 'reserved_concurrent_executions',
    functionName: 'function_name',
    handler: 'handler',
    runtime: 'runtime',
  },
};
const LAMBDA_LOGS: Schema = { attrs: { logRetention: { name: 'retention_in_days', write: 'retention' } } };
const REST_API: Schema = {
  attrs: {
    minCompressionSize: { name: 'minimum_compression_size', write: 'size' },
    minimumCompressionSize: 'minimum_compression_size',
    restApiName: 'name',
  },
};
const STAGE: Schema = {
  attrs: {
    cacheClusterEnabled: 'cache_cluster_enabled',
    cacheClusterSize: 'cache_cluster_size',
    stageName: 'stage_name',
  },
};
const METHOD_SETTINGS: Schema = {
  attrs: {
    cachingEnabled: 'caching_enabled',
    cacheTtl: { name: 'cache_ttl_in_seconds', write: 'duration' },
    cacheDataEncrypted: 'cache_data_encrypted',
    throttlingBurstLimit: 'throttling_burst_limit',
    throttlingRateLimit: 'throttling_rate_limit',
    metricsEnabled: 'metrics_enabled',
    loggingLevel: 'logging_level',
  },
};
const PROPS_STAGE: Schema = { blocks: { deployOptions: { type: 'deploy_options', schema: STAGE } } };
const PROPS_SETTINGS: Schema = {
  blocks: { deployOptions: { type: 'deploy_options', schema: METHOD_SETTINGS } },
};
const BEHAVIOR: Schema = {
  attrs: {
    compress: 'compress',
    viewerProtocolPolicy: { name: 'viewer_protocol_policy', write: 'viewer-protocol-policy' },
  },
};
const DISTRIBUTION: Schema = {
  blocks: {
    defaultBehavior: { type: 'default_cache_behavior', schema: BEHAVIOR },
    additionalBehaviors: { type: 'ordered_cache_behavior', entries: true, schema: BEHAVIOR },
  },
};
const LOG_GROUP: Schema = {
  attrs: { retention: { name: 'retention_in_days', write: 'retention' }, logGroupName: 'name' },
};
const TABLE: Schema = { attrs: { billingMode: 'billing_mode', billing: 'billing_mode', tableName: 'name' } };
const BUCKET: Schema = {
  attrs: { bucketName: 'bucket' },
  blocks: {
    lifecycleRules: {
      type: 'lifecycle_rule',
      list: true,
      schema: {
        attrs: { enabled: 'enabled', id: 'id' },
        blocks: {
          transitions: {
            type: 'transition',
            list: true,
            schema: { attrs: { storageClass: 'storage_class' } },
          },
          expiration: { type: 'expiration', wrap: 'days', schema: {} },
        },
      },
    },
  },
};
const ALARM: Schema = { attrs: { threshold: 'threshold', alarmName: 'alarm_name' } };
const HTTP_API: Schema = { attrs: { apiName: 'name' } };

const CFN_SERVICES: Record<string, string> = {
  'aws-lambda': 'Lambda',
  'aws-apigateway': 'ApiGateway',
  'aws-apigatewayv2': 'ApiGatewayV2',
  'aws-athena': 'Athena',
  'aws-dynamodb': 'DynamoDB',
  'aws-applicationautoscaling': 'ApplicationAutoScaling',
  'aws-cloudfront': 'CloudFront',
  'aws-logs': 'Logs',
  'aws-glue': 'Glue',
  'aws-s3': 'S3',
  'aws-cloudwatch': 'CloudWatch',
  'aws-dms': 'DMS',
  'aws-batch': 'Batch',
};

// ---- Emitting resources ---------------------------------------------------------------------------------

/** A constructor call (`new lambda.Function(this, 'Fn', { … })`, `lambda_.Function(self, "Fn", …)`). */
export interface CdkCall {
  q: Qualified;
  /** The construct id when it is a literal. */
  id?: string;
  /** Props: the object literal (TypeScript) or the keyword arguments (Python). */
  props?: SrcObj;
  /** Arguments after scope and id (an integration's function), evaluated. */
  args: SrcNode[];
  span: Span;
  header: Span;
  /** The model address the front end gave it (used for references to it). */
  address: string;
}

/** A method call on a construct (`table.autoScaleReadCapacity(…)`, `fn.metricErrors().createAlarm(…)`). */
export interface CdkMethodCall {
  method: string;
  receiver: Val;
  args: SrcNode[];
  props?: SrcObj;
  id?: string;
  span: Span;
  header: Span;
  address: string;
}

/** The Terraform type a construct class stands for (for references to it), if the model knows it. */
export function constructType(q: Qualified): string | undefined {
  const key = `${q.module}:${q.path}`;
  switch (key) {
    case 'aws-lambda:Function':
    case 'aws-lambda:DockerImageFunction':
    case 'aws-lambda-nodejs:NodejsFunction':
    case 'aws-lambda-python:PythonFunction':
    case 'aws-lambda-go:GoFunction':
      return 'aws_lambda_function';
    case 'aws-apigateway:RestApi':
    case 'aws-apigateway:LambdaRestApi':
    case 'aws-apigateway:SpecRestApi':
      return 'aws_api_gateway_rest_api';
    case 'aws-apigatewayv2:HttpApi':
      return 'aws_apigatewayv2_api';
    case 'aws-dynamodb:Table':
    case 'aws-dynamodb:TableV2':
      return 'aws_dynamodb_table';
    case 'aws-cloudfront:Distribution':
      return 'aws_cloudfront_distribution';
    case 'aws-logs:LogGroup':
      return 'aws_cloudwatch_log_group';
    case 'aws-s3:Bucket':
      return 'aws_s3_bucket';
    case 'aws-cloudwatch:Alarm':
      return 'aws_cloudwatch_metric_alarm';
    case 'aws-apigateway:LambdaIntegration':
      return 'aws_api_gateway_integration';
    case 'aws-apigatewayv2-integrations:HttpLambdaIntegration':
    case 'aws-apigatewayv2-integrations:LambdaProxyIntegration':
      return 'aws_apigatewayv2_integration';
    default: {
      const cfn = cfnTypeOf(q);
      return cfn ? CFN_TYPES[cfn] : undefined;
    }
  }
}

function cfnTypeOf(q: Qualified): string | undefined {
  const m = /^Cfn([A-Za-z0-9]+)$/.exec(q.path);
  const svc = CFN_SERVICES[q.module];
  if (!m || !svc) return undefined;
  const t = `AWS::${svc}::${m[1]}`;
  return CFN_SCHEMAS[t] ? t : undefined;
}

export class CdkEmitter {
  readonly out: Resource[] = [];
  private readonly used = new Set<string>();

  constructor(
    readonly file: string,
    readonly format: IacFormat,
    /** Key style of new keys: camel (TypeScript) or snake (Python). */
    readonly style: KeyStyle,
    readonly text: string,
  ) {}

  /** A unique address for a construct id (`stack.ts#Fn`, `stack.ts#Fn@2` for a second `Fn`). */
  address(id: string | undefined, offset: number): string {
    const base = `${this.file}#${id ?? `@${offset}`}`;
    let a = base;
    for (let i = 2; this.used.has(a); i++) a = `${base}@${i}`;
    this.used.add(a);
    return a;
  }

  private resource(
    block: Block,
    type: string,
    sourceType: string,
    name: string,
    address: string,
    defaults?: ReadonlyMap<string, IacValue>,
  ): Resource {
    const r = resourceOf(
      block,
      {
        mode: 'resource',
        resourceType: type,
        sourceType,
        name,
        address,
        format: this.format,
        file: this.file,
        modulePath: [],
      },
      defaults,
    );
    const site = siteOf(block);
    if (site) setSite(r, site);
    this.out.push(r);
    return r;
  }

  private site(obj: SrcObj | undefined, schema: Schema): WriteSite {
    const site: WriteSite = { schema, style: this.style };
    if (obj) site.obj = obj;
    return site;
  }

  private synthetic(name: string, v: IacValue, at: Span, refs: Reference[] = []): Attribute {
    const provenance: Provenance = v.kind === 'unknown' ? { kind: 'unknown' } : LITERAL;
    return { name, value: v, provenance, span: at, valueSpan: at, refs };
  }

  private block(
    obj: SrcObj | undefined,
    schema: Schema,
    c: { span: Span; header: Span },
    site?: WriteSite,
  ): Block {
    return makeBlock('resource', obj, schema, c.span, c.header, site ?? this.site(obj, schema));
  }

  construct(c: CdkCall): void {
    const key = `${c.q.module}:${c.q.path}`;
    const name = c.id ?? c.q.path;
    const src = c.q.path;
    const props = c.props;
    switch (key) {
      case 'aws-lambda:Function':
      case 'aws-lambda:DockerImageFunction':
      case 'aws-lambda-nodejs:NodejsFunction':
      case 'aws-lambda-python:PythonFunction':
      case 'aws-lambda-go:GoFunction': {
        this.resource(this.block(props, LAMBDA, c), 'aws_lambda_function', src, name, c.address);
        const lr = entryOf(props, 'logRetention');
        if (lr)
          this.resource(
            this.block(props, LAMBDA_LOGS, { span: lr.span, header: lr.keySpan }),
            'aws_cloudwatch_log_group',
            `${src} logRetention`,
            `${name}.logRetention`,
            `${c.address}/logRetention`,
          );
        return;
      }
      case 'aws-apigateway:RestApi':
      case 'aws-apigateway:LambdaRestApi':
      case 'aws-apigateway:SpecRestApi': {
        const api = this.resource(
          this.block(props, REST_API, c),
          'aws_api_gateway_rest_api',
          src,
          name,
          c.address,
        );
        const handler = entryOf(props, 'handler');
        if (handler)
          this.integration(
            'rest',
            handler.value,
            { span: handler.span, header: handler.keySpan },
            `${name}.handler`,
            `${c.address}/handler`,
          );
        const deploy = valOf(entryOf(props, 'deploy')?.value)?.v;
        if (deploy?.kind === 'bool' && !deploy.value) return;
        this.stage(api, props, c, name);
        return;
      }
      case 'aws-apigateway:LambdaIntegration': {
        const opts = objOf(c.args[1]);
        const proxy = valOf(entryOf(opts, 'proxy')?.value)?.v;
        const fn = c.args[0];
        if (!fn) return;
        const timeout = valOf(entryOf(opts, 'timeout')?.value)?.v;
        this.integration(
          'rest',
          fn,
          c,
          name,
          c.address,
          proxy?.kind === 'bool' && !proxy.value ? 'AWS' : 'AWS_PROXY',
          timeout,
        );
        return;
      }
      case 'aws-apigatewayv2-integrations:HttpLambdaIntegration':
      case 'aws-apigatewayv2-integrations:LambdaProxyIntegration': {
        const fn = key.endsWith('HttpLambdaIntegration')
          ? c.args[0]
          : entryOf(objOf(c.args[0]) ?? props, 'handler')?.value;
        if (!fn) return;
        const timeout = valOf(entryOf(objOf(c.args[1]), 'timeout')?.value)?.v;
        this.integration('http', fn, c, name, c.address, undefined, timeout);
        return;
      }
      case 'aws-apigatewayv2:HttpApi':
        this.resource(this.block(props, HTTP_API, c), 'aws_apigatewayv2_api', src, name, c.address);
        return;
      case 'aws-dynamodb:Table':
      case 'aws-dynamodb:TableV2': {
        const v2 = key.endsWith('V2');
        const table = this.resource(
          this.block(props, TABLE, c),
          'aws_dynamodb_table',
          src,
          name,
          c.address,
          v2 ? new Map([['billing_mode', str('PAY_PER_REQUEST')]]) : undefined,
        );
        const billing = entryOf(props, 'billing');
        if (v2 && billing) {
          const text = this.text.slice(billing.value.span.startOffset, billing.value.span.endOffset);
          for (const [dim, re] of [
            ['ReadCapacityUnits', /read_?capacity\s*[:=]\s*[\w.]*Capacity\.autoscaled/i],
            ['WriteCapacityUnits', /write_?capacity\s*[:=]\s*[\w.]*Capacity\.autoscaled/i],
          ] as const)
            if (re.test(text)) this.scalingTarget(table, dim, billing.span, billing.keySpan);
        }
        return;
      }
      case 'aws-cloudfront:Distribution':
        this.resource(
          this.block(props, DISTRIBUTION, c),
          'aws_cloudfront_distribution',
          src,
          name,
          c.address,
          new Map<string, IacValue>([
            ['compress', { kind: 'bool', value: true }],
            ['viewer_protocol_policy', str('allow-all')],
          ]),
        );
        return;
      case 'aws-logs:LogGroup':
        this.resource(
          this.block(props, LOG_GROUP, c),
          'aws_cloudwatch_log_group',
          src,
          name,
          c.address,
          new Map([['retention_in_days', num(731)]]),
        );
        return;
      case 'aws-s3:Bucket':
        this.resource(this.block(props, BUCKET, c), 'aws_s3_bucket', src, name, c.address);
        return;
      case 'aws-cloudwatch:Alarm':
        this.alarm(props, entryOf(props, 'metric')?.value, c, name, c.address, src);
        return;
      default: {
        const cfn = cfnTypeOf(c.q);
        const tf = cfn ? CFN_TYPES[cfn] : undefined;
        const schema = cfn ? CFN_SCHEMAS[cfn] : undefined;
        if (!tf || !schema) return;
        const main = this.resource(this.block(props, schema, c), tf, src, name, c.address);
        const pc = cfn === 'AWS::Lambda::Alias' ? aliasProvisionedConcurrency(main) : undefined;
        if (pc)
          this.resource(
            pc,
            'aws_lambda_provisioned_concurrency_config',
            `${src} provisionedConcurrencyConfig`,
            `${name}.provisionedConcurrencyConfig`,
            `${c.address}/provisionedConcurrency`,
          );
      }
    }
  }

  method(m: CdkMethodCall): void {
    const n = m.method.replace(/_/g, '').toLowerCase();
    const target = m.receiver.refs.find((r) => r.address && !r.attribute);
    if (
      (n === 'autoscalereadcapacity' || n === 'autoscalewritecapacity') &&
      target?.type === 'aws_dynamodb_table'
    ) {
      const table = this.out.find((r) => r.address === target.address);
      const dim = n === 'autoscalereadcapacity' ? 'ReadCapacityUnits' : 'WriteCapacityUnits';
      if (table) this.scalingTarget(table, dim, m.span, m.header);
      else this.scalingTargetRef(target, dim, m.span, m.header);
      return;
    }
    if (n === 'createalarm') {
      this.alarm(
        m.props,
        { k: 'val', val: m.receiver, span: m.span },
        m,
        m.id ?? 'Alarm',
        m.address,
        'createAlarm',
      );
      return;
    }
    if (n === 'addalias' && target?.type === 'aws_lambda_function') {
      const opts = objOf(m.args[1]);
      if (!entryOf(opts, 'provisionedConcurrentExecutions')) return;
      this.provisioned(target, m);
    }
  }

  /** `new lambda.Alias(…, { version: fn.currentVersion, provisionedConcurrentExecutions })`. */
  alias(c: CdkCall): void {
    if (!entryOf(c.props, 'provisionedConcurrentExecutions')) return;
    const version = entryOf(c.props, 'version')?.value;
    const target = version ? toVal(version).refs.find((r) => r.type === 'aws_lambda_function') : undefined;
    if (target) this.provisioned(target, { span: c.span, header: c.header, address: c.address });
  }

  private provisioned(target: Reference, at: { span: Span; header: Span; address: string }): void {
    const attrs = new Map([
      [
        'function_name',
        this.synthetic('function_name', { kind: 'unknown' }, at.span, [
          { ...target, attribute: 'function_name' },
        ]),
      ],
    ]);
    this.resource(
      { type: 'resource', attributes: attrs, blocks: [], span: at.span, headerSpan: at.header },
      'aws_lambda_provisioned_concurrency_config',
      'Alias',
      `${target.name}.alias`,
      `${at.address}/provisionedConcurrency`,
    );
  }

  private stage(
    api: Resource,
    props: SrcObj | undefined,
    c: { span: Span; header: Span; address: string },
    name: string,
  ): void {
    const dopt = entryOf(props, 'deployOptions');
    const dobj = objOf(dopt?.value);
    const where = dopt ? { span: dopt.span, header: dopt.keySpan } : c;
    const propsSite = (schema: Schema): WriteSite | undefined =>
      props ? this.site(props, schema) : undefined;
    const siteFor = (schema: Schema, parentSchema: Schema): WriteSite => {
      const parent = propsSite(parentSchema);
      return {
        ...(dobj ? { obj: dobj } : {}),
        schema,
        style: this.style,
        ...(!dobj && parent ? { parent: { site: parent, key: 'deployOptions' } } : {}),
      };
    };
    const stageBlock = this.block(dobj, STAGE, where, siteFor(STAGE, PROPS_STAGE));
    const attrs = new Map(stageBlock.attributes);
    attrs.set(
      'rest_api_id',
      this.synthetic('rest_api_id', { kind: 'unknown' }, c.header, [
        { type: 'aws_api_gateway_rest_api', name: api.name, attribute: 'id', address: api.address },
      ]),
    );
    if (!attrs.has('stage_name'))
      attrs.set('stage_name', this.synthetic('stage_name', str('prod'), where.header));
    const stageB: Block = { ...stageBlock, attributes: attrs };
    setSite(stageB, siteFor(STAGE, PROPS_STAGE));
    const stage = this.resource(
      stageB,
      'aws_api_gateway_stage',
      'deployOptions',
      `${name}.deployOptions`,
      `${c.address}/stage`,
    );
    const settings = makeBlock(
      'settings',
      dobj,
      METHOD_SETTINGS,
      where.span,
      where.header,
      siteFor(METHOD_SETTINGS, PROPS_SETTINGS),
    );
    const msAttrs = new Map<string, Attribute>([
      ['method_path', this.synthetic('method_path', str('*/*'), where.header)],
      [
        'stage_name',
        this.synthetic(
          'stage_name',
          stage.attributes.get('stage_name')?.value ?? { kind: 'unknown' },
          where.header,
          [{ type: 'aws_api_gateway_stage', name: stage.name, address: stage.address }],
        ),
      ],
    ]);
    this.resource(
      {
        type: 'resource',
        attributes: msAttrs,
        blocks: [settings],
        span: where.span,
        headerSpan: where.header,
      },
      'aws_api_gateway_method_settings',
      'deployOptions',
      `${name}.deployOptions.methodSettings`,
      `${c.address}/methodSettings`,
    );
  }

  private integration(
    kind: 'rest' | 'http',
    fn: SrcNode,
    at: { span: Span; header: Span },
    name: string,
    address: string,
    type = 'AWS_PROXY',
    timeout?: IacValue,
  ): void {
    const refs = toVal(fn)
      .refs.filter((r) => r.type === 'aws_lambda_function')
      .map((r) => ({ ...r, attribute: 'invoke_arn' }));
    const attrs = new Map<string, Attribute>();
    if (kind === 'rest') {
      attrs.set('type', this.synthetic('type', str(type), at.header));
      attrs.set('uri', this.synthetic('uri', { kind: 'unknown' }, at.header, refs));
    } else
      attrs.set('integration_uri', this.synthetic('integration_uri', { kind: 'unknown' }, at.header, refs));
    if (timeout?.kind === 'number')
      attrs.set(
        'timeout_milliseconds',
        this.synthetic('timeout_milliseconds', num(timeout.value * 1000), at.header),
      );
    this.resource(
      { type: 'resource', attributes: attrs, blocks: [], span: at.span, headerSpan: at.header },
      kind === 'rest' ? 'aws_api_gateway_integration' : 'aws_apigatewayv2_integration',
      kind === 'rest' ? 'LambdaIntegration' : 'HttpLambdaIntegration',
      name,
      address,
    );
  }

  private scalingTarget(table: Resource, dim: string, at: Span, header: Span): void {
    this.scalingTargetRef(
      { type: 'aws_dynamodb_table', name: table.name, address: table.address },
      dim,
      at,
      header,
    );
  }

  private scalingTargetRef(table: Reference, dim: string, at: Span, header: Span): void {
    const attrs = new Map<string, Attribute>([
      ['service_namespace', this.synthetic('service_namespace', str('dynamodb'), header)],
      ['scalable_dimension', this.synthetic('scalable_dimension', str(`dynamodb:table:${dim}`), header)],
      [
        'resource_id',
        this.synthetic('resource_id', { kind: 'unknown' }, header, [{ ...table, attribute: 'name' }]),
      ],
    ]);
    this.resource(
      { type: 'resource', attributes: attrs, blocks: [], span: at, headerSpan: header },
      'aws_appautoscaling_target',
      'autoScale',
      `${table.name}.${dim}`,
      `${table.address ?? this.file}/autoscaling/${dim}@${at.startOffset}`,
    );
  }

  private alarm(
    props: SrcObj | undefined,
    metric: SrcNode | undefined,
    c: { span: Span; header: Span },
    name: string,
    address: string,
    src: string,
  ): void {
    const b = this.block(props, ALARM, c);
    const attrs = new Map(b.attributes);
    const at = metric?.span ?? c.header;
    const mobj = objOf(metric);
    if (mobj) {
      const ns = entryOf(mobj, 'namespace');
      const mn = entryOf(mobj, 'metricName');
      const dims = entryOf(mobj, 'dimensionsMap') ?? entryOf(mobj, 'dimensions');
      attrs.set(
        'namespace',
        ns ? this.fromEntryVal('namespace', ns.value) : this.synthetic('namespace', { kind: 'unknown' }, at),
      );
      attrs.set(
        'metric_name',
        mn
          ? this.fromEntryVal('metric_name', mn.value)
          : this.synthetic('metric_name', { kind: 'unknown' }, at),
      );
      if (dims) attrs.set('dimensions', this.fromEntryVal('dimensions', dims.value));
    } else if (metric) {
      const v = toVal(metric);
      const ref = v.refs.find((r) => r.attribute?.startsWith('metric:'));
      const ns = ref ? NAMESPACES[ref.type] : undefined;
      attrs.set('namespace', this.synthetic('namespace', ns ? str(ns) : { kind: 'unknown' }, at));
      attrs.set(
        'metric_name',
        this.synthetic(
          'metric_name',
          ref ? str(ref.attribute!.slice('metric:'.length)) : { kind: 'unknown' },
          at,
        ),
      );
      if (ref)
        attrs.set(
          'dimensions',
          this.synthetic('dimensions', { kind: 'unknown' }, at, [{ ...ref, attribute: 'name' }]),
        );
    }
    this.resource({ ...b, attributes: attrs }, 'aws_cloudwatch_metric_alarm', src, name, address);
  }

  private fromEntryVal(name: string, n: SrcNode): Attribute {
    const v = toVal(n);
    return { name, value: v.v, provenance: v.prov, span: n.span, valueSpan: n.span, refs: v.refs };
  }
}
