/**
 * The performance guide's numbers (shared/seed/performance-optimization-guide.md) as typed defaults.
 * Users override any of them in `.perfguard.json` under `targets` (deep-merged) or the `perfguard.targets` setting.
 */

export interface FunctionMemoryTarget {
  /** Case-insensitive regular expression matched against the function's name or logical id. */
  pattern: string;
  memoryMb: number;
}

export interface Targets {
  apiGateway: {
    /** Average response time, ms ("< 500ms"). */
    avgLatencyMs: number;
    p95LatencyMs: number;
    p99LatencyMs: number;
    /** Error rate, percent ("< 1%"). */
    errorRatePct: number;
    throughputRps: number;
    /** Cache TTL target, seconds ("Cache TTL: 5 minutes"). */
    cacheTtlSeconds: number;
    /** Shortest and longest TTL the guide recommends (dynamic data 30 s … static data 1 h). */
    cacheTtlMinSeconds: number;
    cacheTtlMaxSeconds: number;
    /** Cache cluster size to start with, GB ("Start with 0.5GB"). */
    cacheClusterSize: string;
    throttlingBurstLimit: number;
    throttlingRateLimit: number;
    /** Compress responses larger than this many bytes ("> 1KB"). */
    compressionMaxBytes: number;
  };
  lambda: {
    coldStartMs: number;
    warmMs: number;
    memoryUtilizationPct: number;
    timeoutRatePct: number;
    /** Minimum memory for a function that no pattern matches, MB. */
    memoryMb: number;
    /** Per-function memory targets, first match wins (the guide's "Current Settings"). */
    memoryByFunction: FunctionMemoryTarget[];
    /** API Gateway's integration timeout, seconds: a longer Lambda timeout is cut off. */
    apiTimeoutSeconds: number;
    /** Functions the guide wants provisioned concurrency for (name patterns). */
    provisionedConcurrencyFunctions: string[];
    /** botocore Config for module-level clients. */
    sdkMaxPoolConnections: number;
    sdkMaxAttempts: number;
  };
  athena: {
    simpleQueryMs: number;
    complexQueryMs: number;
    concurrentQueries: number;
    /** Per-query scan budget and workgroup cutoff, bytes ("< 1 GB per query"). */
    maxBytesScannedPerQuery: number;
    /** Result reuse max age, minutes. */
    resultReuseMinutes: number;
    /** Price per TB scanned, USD. */
    pricePerTbUsd: number;
    /** Billing minimum per query, bytes (10 MB). */
    minBilledBytes: number;
  };
  pipeline: {
    dmsLagSeconds: number;
    batchMinutes: number;
    crawlerMinutes: number;
    endToEndMinutes: number;
    /** Crawlers should not run inside these hours (24 h clock, UTC, [start, end)). */
    businessHoursStart: number;
    businessHoursEnd: number;
    dmsMaxFullLoadSubTasks: number;
    dmsBatchApplyMemoryLimit: number;
    dmsMemoryLimitTotal: number;
    dmsStatementCacheSize: number;
    batchMinVcpus: number;
  };
  mysql: {
    maxConnections: number;
    threadCacheSize: number;
    tableOpenCache: number;
  };
  cache: {
    /** Application cache TTL, seconds ("Cache for 5 minutes"). */
    ttlSeconds: number;
  };
  logs: {
    /** Log group retention to set when none is set, days. */
    retentionDays: number;
  };
}

export const DEFAULT_TARGETS: Targets = {
  apiGateway: {
    avgLatencyMs: 500,
    p95LatencyMs: 1000,
    p99LatencyMs: 2000,
    errorRatePct: 1,
    throughputRps: 1000,
    cacheTtlSeconds: 300,
    cacheTtlMinSeconds: 30,
    cacheTtlMaxSeconds: 3600,
    cacheClusterSize: '0.5',
    throttlingBurstLimit: 5000,
    throttlingRateLimit: 2000,
    compressionMaxBytes: 1024,
  },
  lambda: {
    coldStartMs: 3000,
    warmMs: 200,
    memoryUtilizationPct: 80,
    timeoutRatePct: 0.1,
    memoryMb: 512,
    memoryByFunction: [
      { pattern: 'auth', memoryMb: 512 },
      { pattern: 'analytics', memoryMb: 1024 },
      { pattern: 'market[-_ ]?intelligence', memoryMb: 3072 },
      { pattern: 'demand[-_ ]?insights', memoryMb: 3072 },
      { pattern: 'compliance[-_ ]?guardian', memoryMb: 3072 },
      { pattern: 'retail[-_ ]?copilot', memoryMb: 2048 },
      { pattern: 'global[-_ ]?market[-_ ]?pulse', memoryMb: 1024 },
    ],
    apiTimeoutSeconds: 29,
    provisionedConcurrencyFunctions: ['auth', 'analytics', 'market[-_ ]?intelligence'],
    sdkMaxPoolConnections: 50,
    sdkMaxAttempts: 3,
  },
  athena: {
    simpleQueryMs: 2000,
    complexQueryMs: 15000,
    concurrentQueries: 50,
    maxBytesScannedPerQuery: 1073741824,
    resultReuseMinutes: 60,
    pricePerTbUsd: 5,
    minBilledBytes: 10 * 1024 * 1024,
  },
  pipeline: {
    dmsLagSeconds: 60,
    batchMinutes: 10,
    crawlerMinutes: 5,
    endToEndMinutes: 30,
    businessHoursStart: 8,
    businessHoursEnd: 18,
    dmsMaxFullLoadSubTasks: 8,
    dmsBatchApplyMemoryLimit: 500,
    dmsMemoryLimitTotal: 1024,
    dmsStatementCacheSize: 50,
    batchMinVcpus: 4,
  },
  mysql: {
    maxConnections: 500,
    threadCacheSize: 100,
    tableOpenCache: 4000,
  },
  cache: {
    ttlSeconds: 300,
  },
  logs: {
    retentionDays: 30,
  },
};

export type DeepPartial<T> = T extends (infer U)[]
  ? U[]
  : T extends object
    ? { [K in keyof T]?: DeepPartial<T[K]> }
    : T;

/** Deep-merge overrides onto targets; arrays replace, unknown keys and values of the wrong type are ignored. */
export function mergeTargets(
  base: Targets,
  override: unknown,
  problems: string[] = [],
  at = 'targets',
): Targets {
  return mergeInto(base, override, problems, at) as Targets;
}

function mergeInto(base: unknown, override: unknown, problems: string[], at: string): unknown {
  if (override === undefined) return base;
  if (Array.isArray(base)) {
    if (!Array.isArray(override)) {
      problems.push(`${at} should be an array`);
      return base;
    }
    return override;
  }
  if (base !== null && typeof base === 'object') {
    if (override === null || typeof override !== 'object' || Array.isArray(override)) {
      problems.push(`${at} should be an object`);
      return base;
    }
    const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
    for (const [k, v] of Object.entries(override as Record<string, unknown>)) {
      if (!(k in out)) {
        problems.push(`${at}.${k} is not a known target`);
        continue;
      }
      out[k] = mergeInto(out[k], v, problems, `${at}.${k}`);
    }
    return out;
  }
  if (typeof base !== typeof override) {
    problems.push(`${at} should be a ${typeof base}, not ${override === null ? 'null' : typeof override}`);
    return base;
  }
  return override;
}

/** Memory target for a function name: the first matching pattern, else the default. */
export function memoryTargetFor(targets: Targets, functionName: string): number {
  for (const t of targets.lambda.memoryByFunction) {
    try {
      if (new RegExp(t.pattern, 'i').test(functionName)) return t.memoryMb;
    } catch {
      // an invalid pattern from config never matches
    }
  }
  return targets.lambda.memoryMb;
}
