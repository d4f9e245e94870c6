/**
 * Every failure of a call to AWS becomes a plain `Problem` the view can show: which state, what to do, and for
 * AccessDenied the IAM action that was denied.
 */
import type { Problem } from '../core/metrics/types';

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  errors?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'RequestThrottledException',
  'ThrottledException',
  'SlowDown',
]);

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnrecognizedClientException',
  'NotAuthorized',
  'AuthorizationError',
]);

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'InvalidClientTokenId']);

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ERR_INVALID_URL',
]);

function asError(e: unknown): ErrorLike {
  return e !== null && typeof e === 'object' ? (e as ErrorLike) : { message: String(e) };
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** The Node network error code of an error, looking through `AggregateError`s and causes. */
export function networkCode(e: unknown, depth = 0): string | undefined {
  const err = asError(e);
  const code = str(err.code);
  if (NETWORK_CODES.has(code)) return code;
  if (str(err.name) === 'TimeoutError') return 'ETIMEDOUT';
  if (depth < 4) {
    if (Array.isArray(err.errors))
      for (const x of err.errors) if (networkCode(x, depth + 1)) return networkCode(x, depth + 1);
    if (err.cause) return networkCode(err.cause, depth + 1);
  }
  const m = /\b(ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|ECONNRESET|EAI_AGAIN)\b/.exec(
    str(err.message),
  );
  return m?.[1];
}

export interface ClassifyContext {
  /** The IAM action of the call, e.g. `cloudwatch:GetMetricData`. */
  action: string;
  profile?: string;
  endpoint?: string;
  region?: string;
}

function profileHint(profile: string | undefined): string {
  return profile ? ` --profile ${profile}` : '';
}

/** Turn anything a call to AWS threw into a problem for the view. */
export function classify(e: unknown, ctx: ClassifyContext): Problem {
  const err = asError(e);
  const name = str(err.name);
  const message = str(err.message);
  const profileName = ctx.profile ? `profile "${ctx.profile}"` : 'the default profile';

  if (/sso/i.test(message) && /(expired|invalid|sso login|refresh)/i.test(message)) {
    return {
      kind: 'sso-expired',
      message: `The AWS SSO session of ${profileName} has expired. Run \`aws sso login${profileHint(ctx.profile)}\` and refresh.`,
    };
  }
  if (
    name === 'CredentialsProviderError' ||
    /could not load credentials|unable to find .*credentials/i.test(message)
  ) {
    return {
      kind: 'no-credentials',
      message:
        `No AWS credentials found for ${profileName}. Pick a profile in the \`perfguard.aws.profile\` setting, ` +
        `or run \`aws sso login${profileHint(ctx.profile)}\` (or \`aws configure\`), then refresh.`,
    };
  }
  if (name === 'TokenProviderError') {
    return {
      kind: 'sso-expired',
      message: `The AWS SSO token of ${profileName} is missing or expired. Run \`aws sso login${profileHint(ctx.profile)}\` and refresh.`,
    };
  }
  if (/region is missing/i.test(message) || name === 'RegionMissing') {
    return {
      kind: 'no-region',
      message:
        'No AWS region is set. Set `perfguard.aws.region`, or a `region` for the profile in ~/.aws/config, ' +
        'or the AWS_REGION environment variable.',
    };
  }
  const net = networkCode(e);
  if (net) {
    const where = ctx.endpoint ? ctx.endpoint : `AWS in ${ctx.region ?? 'the selected region'}`;
    return {
      kind: 'unreachable',
      message: `Cannot reach ${where} (${net}). Check the network or the \`perfguard.aws.endpoint\` setting.`,
    };
  }
  if (ACCESS_DENIED.has(name) || (err.$metadata?.httpStatusCode === 403 && !EXPIRED.has(name))) {
    return {
      kind: 'access-denied',
      action: ctx.action,
      message: `Access denied: the credentials of ${profileName} are not allowed \`${ctx.action}\`. Add that IAM action to the role or user.`,
    };
  }
  if (EXPIRED.has(name) || /security token .* (expired|invalid)/i.test(message)) {
    return {
      kind: 'expired-credentials',
      message: `The AWS credentials of ${profileName} have expired or are invalid. Refresh them (for SSO: \`aws sso login${profileHint(ctx.profile)}\`).`,
    };
  }
  if (THROTTLING.has(name) || err.$metadata?.httpStatusCode === 429) {
    const attempts = err.$metadata?.attempts;
    return {
      kind: 'throttled',
      action: ctx.action,
      message:
        `AWS throttled \`${ctx.action}\`${attempts ? `; the SDK retried (${attempts} attempts)` : '; the SDK retried'} ` +
        'and it still failed. Refresh later or raise `perfguard.metrics.refreshSeconds`.',
    };
  }
  return {
    kind: 'error',
    action: ctx.action,
    message: `\`${ctx.action}\` failed: ${name && name !== 'Error' ? `${name}: ` : ''}${message || 'unknown error'}`,
  };
}

/** Problems that stop every call (nothing else can succeed after them). */
export function isGlobal(p: Problem): boolean {
  return (
    p.kind === 'no-credentials' ||
    p.kind === 'sso-expired' ||
    p.kind === 'expired-credentials' ||
    p.kind === 'no-region' ||
    p.kind === 'unreachable'
  );
}
