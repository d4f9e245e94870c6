/**
 * The scan estimate before a query runs: for each table read, the partitions the predicates keep × the
 * projected columns' share of the data, from the best source available:
 *   1. exact, from local Parquet metadata (hive-style partition folders; compressed column-chunk sizes),
 *   2. declared statistics (`.perfguard.json` table sizes and column bytes, Glue `totalSize`),
 *   3. otherwise no estimate, with what to configure.
 * Pure: the Parquet metadata is loaded outside (see `catalog/data.ts`) and passed in.
 * Athena bills per query: bytes rounded up to the MB, 10 MB minimum, at `pricePerTbUsd` per TB.
 */
import type { CatalogTable } from '../catalog/catalog';
import type { Targets } from '../targets';
import type { TableUse } from './analyze';
import type { ColumnRef, Expr } from './ast';

/** Metadata of a table's local data: one entry per Parquet file. */
export interface TableData {
  files: {
    path: string;
    /** Partition values from the folder names (`year=2026/month=01`), lower-case keys. */
    partition: Record<string, string>;
    /** Compressed bytes per column (lower-case top-level column name), summed over row groups. */
    columnBytes: Record<string, number>;
    rows: number;
  }[];
}

export interface TableEstimate {
  table: string;
  bytes?: number;
  partitions?: { kept: number; total: number };
  source: 'parquet' | 'declared' | 'none';
  /** What to configure when there is no estimate. */
  missing?: string;
}

export interface ScanEstimate {
  /** Undefined when no table could be estimated. */
  bytes?: number;
  billedBytes?: number;
  costUsd?: number;
  partitions?: { kept: number; total: number };
  source: 'parquet' | 'declared' | 'mixed' | 'none';
  tables: TableEstimate[];
  /** Some tables had no estimate (the bytes cover the others only). */
  partial: boolean;
}

const MB = 1024 * 1024;
const TB = 1024 * 1024 * 1024 * 1024;
const MAX_COMBOS = 200_000;

export function estimateScan(
  uses: readonly TableUse[],
  dataOf: (t: CatalogTable) => TableData | undefined,
  targets: Targets['athena'],
): ScanEstimate {
  const tables: TableEstimate[] = [];
  for (const u of uses) {
    if (u.unused || !u.table || u.table.view) continue;
    tables.push(estimateTable(u, u.table, dataOf(u.table)));
  }
  const known = tables.filter((t) => t.bytes !== undefined);
  const out: ScanEstimate = {
    source: 'none',
    tables,
    partial: known.length < tables.length,
  };
  if (known.length === 0) return out;
  const bytes = known.reduce((s, t) => s + (t.bytes as number), 0);
  out.bytes = bytes;
  out.billedBytes = Math.max(targets.minBilledBytes, Math.ceil(bytes / MB) * MB);
  out.costUsd = (out.billedBytes / TB) * targets.pricePerTbUsd;
  const srcs = new Set(known.map((t) => t.source));
  out.source = srcs.size > 1 ? 'mixed' : (known[0] as TableEstimate).source;
  const parts = known.filter((t) => t.partitions);
  if (parts.length > 0)
    out.partitions = {
      kept: parts.reduce((s, t) => s + (t.partitions as { kept: number }).kept, 0),
      total: parts.reduce((s, t) => s + (t.partitions as { total: number }).total, 0),
    };
  return out;
}

function label(t: CatalogTable): string {
  return t.database ? `${t.database}.${t.name}` : t.name;
}

function estimateTable(u: TableUse, t: CatalogTable, data: TableData | undefined): TableEstimate {
  const name = label(t);
  const keys = t.partitionKeys.map((k) => k.name);
  const dataCols = t.columns.map((c) => c.name).filter((c) => !keys.includes(c) || t.iceberg);
  const used = u.columns === 'all' ? dataCols : dataCols.filter((c) => (u.columns as Set<string>).has(c));
  if (data && data.files.length > 0) {
    let bytes = 0;
    const all = new Set<string>();
    const kept = new Set<string>();
    for (const f of data.files) {
      const pkey = keys.map((k) => `${k}=${f.partition[k] ?? ''}`).join('/');
      all.add(pkey);
      if (!keepPartition(u, keys, f.partition)) continue;
      kept.add(pkey);
      const cols = u.columns === 'all' ? Object.keys(f.columnBytes) : used;
      for (const c of cols) bytes += f.columnBytes[c] ?? 0;
    }
    const e: TableEstimate = { table: name, bytes, source: 'parquet' };
    if (keys.length > 0) e.partitions = { kept: kept.size, total: all.size };
    return e;
  }
  const size = t.stats.totalSize;
  if (size === undefined)
    return {
      table: name,
      source: 'none',
      missing: `no estimate for ${name}: declare "sizeBytes" in .perfguard.json tables, or map a local "dataFolder" with Parquet files`,
    };
  // Column share: declared column bytes, else the share of columns read.
  let share = 1;
  const declared = t.columns.filter((c) => c.bytes !== undefined && dataCols.includes(c.name));
  if (declared.length === dataCols.length && declared.length > 0) {
    const total = declared.reduce((s, c) => s + (c.bytes as number), 0);
    const part = declared.filter((c) => used.includes(c.name)).reduce((s, c) => s + (c.bytes as number), 0);
    share = total > 0 ? part / total : 1;
  } else if (dataCols.length > 0)
    share = Math.max(used.length, u.columns === 'all' ? dataCols.length : 0) / dataCols.length;
  const e: TableEstimate = { table: name, source: 'declared', bytes: 0 };
  let partShare = 1;
  if (keys.length > 0) {
    const domains = keys.map((k) => t.domains[k]);
    if (domains.every((d) => d && d.length > 0)) {
      const total = domains.reduce((n, d) => n * (d as unknown[]).length, 1);
      if (total <= MAX_COMBOS) {
        let kept = 0;
        const combo: Record<string, string> = {};
        const rec = (i: number) => {
          if (i === keys.length) {
            if (keepPartition(u, keys, combo)) kept++;
            return;
          }
          for (const v of domains[i] as (string | number)[]) {
            combo[keys[i] as string] = String(v);
            rec(i + 1);
          }
        };
        rec(0);
        e.partitions = { kept, total };
        partShare = kept / total;
      }
    } else if (t.stats.partitionCount !== undefined && !anyKeyConstrained(u, keys)) {
      e.partitions = { kept: t.stats.partitionCount, total: t.stats.partitionCount };
    }
  }
  e.bytes = Math.round(size * share * partShare);
  return e;
}

function anyKeyConstrained(u: TableUse, keys: string[]): boolean {
  return keys.some((k) => (u.constraints.get(k) ?? []).length > 0);
}

/** Keep a partition unless some constraint on its keys is false for its values. */
export function keepPartition(u: TableUse, keys: string[], values: Record<string, string>): boolean {
  for (const k of keys) {
    for (const c of u.constraints.get(k) ?? []) {
      if (c.dynamic) continue;
      const binding = new Map<ColumnRef, Value>();
      const v = values[k];
      if (v === undefined) continue;
      for (const r of c.refs) binding.set(r, v);
      // Other partition keys referenced in the same conjunct.
      bindOthers(c.pred, keys, values, binding);
      if (evaluate(c.pred, binding) === false) return false;
    }
  }
  return true;
}

function bindOthers(
  e: Expr,
  keys: string[],
  values: Record<string, string>,
  binding: Map<ColumnRef, Value>,
): void {
  const visit = (x: Expr) => {
    if (x.type === 'column' && !binding.has(x)) {
      const n = (x.parts[x.parts.length - 1] as { name: string }).name;
      if (keys.includes(n) && values[n] !== undefined) binding.set(x, values[n] as string);
    }
    for (const c of kids(x)) visit(c);
  };
  visit(e);
}

type Value = string | number | boolean | null;

function kids(e: Expr): Expr[] {
  switch (e.type) {
    case 'binary':
      return [e.left, e.right];
    case 'unary':
    case 'paren':
    case 'cast':
      return [e.expr];
    case 'between':
      return [e.expr, e.low, e.high];
    case 'in':
      return [e.expr, ...(e.list ?? [])];
    case 'call':
      return e.args;
    default:
      return [];
  }
}

/** Three-valued evaluation: true, false, or undefined (unknown: the partition is kept). */
export function evaluate(e: Expr, b: Map<ColumnRef, Value>): Value | undefined {
  switch (e.type) {
    case 'column':
      return b.get(e);
    case 'literal':
      if (e.kind === 'null') return null;
      if (e.kind === 'number') return Number(e.value);
      if (e.kind === 'boolean') return e.value === 'TRUE';
      if (e.kind === 'string' || e.kind === 'typed') return e.value;
      return undefined;
    case 'paren':
      return evaluate(e.expr, b);
    case 'cast': {
      const v = evaluate(e.expr, b);
      if (v === undefined || v === null) return v;
      const t = e.typeName.toLowerCase();
      if (/int|decimal|double|real|numeric/.test(t)) {
        const n = Number(v);
        return Number.isFinite(n) ? n : undefined;
      }
      if (/char|string/.test(t)) return String(v);
      if (t === 'date') return String(v).slice(0, 10);
      return v;
    }
    case 'unary': {
      const v = evaluate(e.expr, b);
      if (e.op === 'NOT') return v === undefined || v === null ? v : !v;
      if (e.op === '-') return typeof v === 'number' ? -v : undefined;
      return v;
    }
    case 'binary': {
      if (e.op === 'AND' || e.op === 'OR') {
        const l = evaluate(e.left, b);
        const r = evaluate(e.right, b);
        if (e.op === 'AND')
          return l === false || r === false ? false : l === true && r === true ? true : undefined;
        return l === true || r === true ? true : l === false && r === false ? false : undefined;
      }
      const l = evaluate(e.left, b);
      const r = evaluate(e.right, b);
      if (l === undefined || r === undefined) return undefined;
      if (l === null || r === null) return null;
      if (e.op === '||') return String(l) + String(r);
      if (e.op === '+' || e.op === '-' || e.op === '*' || e.op === '/') {
        const x = Number(l);
        const y = Number(r);
        if (!Number.isFinite(x) || !Number.isFinite(y)) return undefined;
        return e.op === '+'
          ? x + y
          : e.op === '-'
            ? x - y
            : e.op === '*'
              ? x * y
              : y === 0
                ? undefined
                : x / y;
      }
      const c = compare(l, r);
      if (c === undefined) return undefined;
      switch (e.op) {
        case '=':
          return c === 0;
        case '<>':
          return c !== 0;
        case '<':
          return c < 0;
        case '<=':
          return c <= 0;
        case '>':
          return c > 0;
        case '>=':
          return c >= 0;
        default:
          return undefined;
      }
    }
    case 'between': {
      const v = evaluate(e.expr, b);
      const lo = evaluate(e.low, b);
      const hi = evaluate(e.high, b);
      if (v === undefined || lo === undefined || hi === undefined) return undefined;
      if (v === null || lo === null || hi === null) return null;
      const a = compare(v, lo);
      const c = compare(v, hi);
      if (a === undefined || c === undefined) return undefined;
      const r = a >= 0 && c <= 0;
      return e.not ? !r : r;
    }
    case 'in': {
      if (!e.list) return undefined;
      const v = evaluate(e.expr, b);
      if (v === undefined || v === null) return v;
      let unknown = false;
      for (const x of e.list) {
        const w = evaluate(x, b);
        if (w === undefined) unknown = true;
        else if (w !== null && compare(v, w) === 0) return !e.not;
      }
      return unknown ? undefined : e.not;
    }
    case 'call': {
      const n = e.name.map((p) => p.name).join('.');
      if (n === 'concat') {
        const parts = e.args.map((a) => evaluate(a, b));
        if (parts.some((p) => p === undefined)) return undefined;
        return parts.map(String).join('');
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Numbers compare numerically (partition values are strings like "01"), else strings compare. */
function compare(a: Value, b: Value): number | undefined {
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b ? 0 : undefined;
  const x = Number(a);
  const y = Number(b);
  const numeric = (v: Value) => typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v));
  if (numeric(a) && numeric(b) && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  const s = String(a);
  const t = String(b);
  return s < t ? -1 : s > t ? 1 : 0;
}

/** "1.2 GB" in binary units (what Athena's console shows). */
export function formatBytes(n: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let v = n;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(1)} ${units[i]}`;
}

/** Dollars with four decimals; amounts under $0.0001 (the 10 MB minimum is about $0.00005) keep two significant digits. */
export function formatUsd(usd: number): string {
  if (usd > 0 && usd < 0.0001) return `$${usd.toPrecision(2)}`;
  return `$${usd.toFixed(4)}`;
}

/** "≈ 1.2 GB scanned · ≈ $0.0059 · 3 of 365 partitions", or what to configure. */
export function describeEstimate(e: ScanEstimate): string {
  if (e.bytes === undefined) {
    const m = e.tables.find((t) => t.missing)?.missing;
    return m ? `No scan estimate possible: ${m}` : 'No scan estimate possible: no catalog table is read';
  }
  const parts = [`≈ ${formatBytes(e.bytes)} scanned`, `≈ ${formatUsd(e.costUsd ?? 0)}`];
  if (e.partitions) parts.push(`${e.partitions.kept} of ${e.partitions.total} partitions`);
  if (e.partial) parts.push('some tables unknown');
  return parts.join(' · ');
}
