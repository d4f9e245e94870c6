/**
 * Small helpers over calendar dates written as SQL literals (`'2026-01-31'`, `DATE '…'`, `TIMESTAMP '…'`), used
 * by the fixes that turn functions over a column into ranges and by the partition predicate suggestion.
 */
import type { Expr } from './ast';

export interface Ymd {
  y: number;
  m: number;
  d: number;
  /** The literal had a time of day other than midnight. */
  time?: boolean;
}

/** A date from a literal expression (`'2026-01-31'`, `DATE '2026-01-31'`, `TIMESTAMP '2026-01-31 10:00:00'`). */
export function dateOfLiteral(e: Expr): Ymd | undefined {
  if (e.type === 'cast') return dateOfLiteral(e.expr);
  if (e.type !== 'literal') return undefined;
  if (e.kind !== 'string' && !(e.kind === 'typed' && (e.typeName === 'DATE' || e.typeName === 'TIMESTAMP')))
    return undefined;
  return parseYmd(e.value);
}

export function parseYmd(s: string): Ymd | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*$/.exec(s);
  if (!m) return undefined;
  const out: Ymd = { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  if (out.m < 1 || out.m > 12 || out.d < 1 || out.d > daysIn(out.y, out.m)) return undefined;
  if (m[4] && (Number(m[4]) !== 0 || Number(m[5]) !== 0 || Number(m[6] ?? '0') !== 0)) out.time = true;
  return out;
}

export function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function addDays(d: Ymd, n: number): Ymd {
  const t = new Date(Date.UTC(d.y, d.m - 1, d.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

export function addMonths(d: Ymd, n: number): Ymd {
  const t = new Date(Date.UTC(d.y, d.m - 1 + n, 1));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: 1 };
}

export function ymdText(d: Ymd): string {
  return `${String(d.y).padStart(4, '0')}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
}

export function compareYmd(a: Ymd, b: Ymd): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

/** The class of a column type for literal formatting. */
export type TypeClass = 'date' | 'timestamp' | 'string' | 'number' | 'unknown';

export function typeClass(type: string | undefined): TypeClass {
  const t = (type ?? '').toLowerCase();
  if (!t) return 'unknown';
  if (t.startsWith('timestamp') || t.startsWith('datetime')) return 'timestamp';
  if (t === 'date') return 'date';
  if (/^(string|varchar|char|text|tinytext|mediumtext|longtext|nvarchar|nchar)/.test(t)) return 'string';
  if (/^(int|integer|bigint|smallint|tinyint|mediumint|decimal|numeric|double|float|real)/.test(t))
    return 'number';
  return 'unknown';
}
