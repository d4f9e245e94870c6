/**
 * mysql/server-config: `[mysqld]` in my.cnf / *.cnf / *.ini with max_connections, thread_cache_size or
 * table_open_cache below the guide's values (500, 100, 4000). Suggestion: set the guide's value.
 */
import { createRule, type RuleContext } from '../../engine/rule';

export const mysqlServerConfig = createRule(
  {
    id: 'mysql/server-config',
    description: 'MySQL server settings below the guide',
    defaultSeverity: 'info',
    fix: 'never',
    hasSuggestions: true,
    languages: ['ini'],
    why:
      'Too few connections refuse clients under load, a small thread cache creates a thread per connection, and a ' +
      'small table cache reopens table files on every query.',
    target: 'max_connections = 500, thread_cache_size = 100, table_open_cache = 4000',
  },
  check,
);

interface IniEntry {
  section: string;
  key: string;
  value: string;
  valueStart: number;
  valueEnd: number;
}

/** A my.cnf parser: sections, `key = value` (dashes and underscores alike), `#`/`;` comments. */
export function parseIni(text: string): IniEntry[] {
  const out: IniEntry[] = [];
  let section = '';
  let offset = 0;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const trimmed = line.trim();
    const lineStart = offset;
    offset += rawLine.length + 1;
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    const sec = /^\[([^\]]+)\]/.exec(trimmed);
    if (sec) {
      section = (sec[1] as string).trim().toLowerCase();
      continue;
    }
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const key = line.slice(0, eq).trim().toLowerCase().replace(/-/g, '_');
    let v = line.slice(eq + 1);
    const hash = v.search(/\s[#;]/);
    if (hash >= 0) v = v.slice(0, hash);
    const lead = v.length - v.trimStart().length;
    const value = v.trim();
    const valueStart = lineStart + eq + 1 + lead;
    out.push({ section, key, value, valueStart, valueEnd: valueStart + value.length });
  }
  return out;
}

function numberOf(v: string): number | undefined {
  const m = /^(\d+)([kKmMgG]?)$/.exec(v.replace(/^["']|["']$/g, ''));
  if (!m) return undefined;
  const unit = (m[2] as string).toLowerCase();
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  return Number(m[1]) * mult;
}

function check(ctx: RuleContext): void {
  const t = ctx.targets.mysql;
  const wanted: Record<string, number> = {
    max_connections: t.maxConnections,
    thread_cache_size: t.threadCacheSize,
    table_open_cache: t.tableOpenCache,
  };
  for (const e of parseIni(ctx.file.text)) {
    if (e.section !== 'mysqld' && e.section !== 'server' && e.section !== 'mariadb') continue;
    const want = wanted[e.key];
    if (want === undefined) continue;
    const n = numberOf(e.value);
    if (n === undefined || n >= want) continue;
    ctx.report({
      message: `${e.key} = ${e.value} is below the guide's ${want}`,
      startOffset: e.valueStart,
      endOffset: e.valueEnd,
      suggestions: [
        {
          title: `Set ${e.key} to ${want}`,
          edits: [{ range: ctx.file.range(e.valueStart, e.valueEnd), newText: String(want) }],
        },
      ],
    });
  }
}
