/**
 * The SQL of a file as units the rules walk: a `.sql` file is one unit; code files have one unit per SQL string
 * passed to Athena or MySQL. Each unit knows its dialect (`.perfguard.json` `sql.dialects` globs relative to the
 * config file, then the API it is passed to, then detection) and is parsed once per file version.
 */
import picomatch from 'picomatch';
import type { ResolvedConfig } from '../config';
import type { ParsedFile } from '../engine/file';
import type { WorkspaceContext } from '../engine/workspace';
import type { TextEdit } from '../model/types';
import { registerErrorCounter } from '../parse/verify';
import { codeSqlOf, encodeForHost, type EmbeddedSql } from './embedded';
import { countSqlErrors, parseSql, type ParsedSql } from './parser';
import { tokenize, type SqlDialect } from './tokenize';

registerErrorCounter('sql', (text) => countSqlErrors(text, detectDialect(text)));

export interface SqlUnit {
  /** Host offset of SQL offset 0. */
  base: number;
  text: string;
  dialect: SqlDialect;
  parsed: ParsedSql;
  /** Set for SQL inside code. */
  embedded?: EmbeddedSql;
}

export interface SqlSettings {
  dialects: { match: (relPath: string) => boolean; dialect: SqlDialect }[];
  defaultDatabase?: string;
}

const settingsCache = new WeakMap<ResolvedConfig, SqlSettings>();

/** `.perfguard.json` `sql`: `{ "dialects": { "<glob>": "mysql" | "athena" }, "defaultDatabase": "…" }`. */
export function sqlSettings(config: ResolvedConfig, root = ''): SqlSettings {
  const hit = settingsCache.get(config);
  if (hit) return hit;
  const out: SqlSettings = { dialects: [] };
  const raw = config.raw.sql;
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const r = raw as Record<string, unknown>;
    if (typeof r.defaultDatabase === 'string') out.defaultDatabase = r.defaultDatabase.toLowerCase();
    const d = r.dialects;
    if (d && typeof d === 'object' && !Array.isArray(d)) {
      const dir = configDir(config, root);
      for (const [glob, dialect] of Object.entries(d as Record<string, unknown>)) {
        if (dialect !== 'mysql' && dialect !== 'athena') continue;
        let m: (p: string) => boolean;
        try {
          m = picomatch(glob, { dot: true });
        } catch {
          continue;
        }
        out.dialects.push({
          dialect,
          match: (p) => {
            if (dir && !p.startsWith(dir + '/')) return false;
            const rel = dir ? p.slice(dir.length + 1) : p;
            return m(rel) || m(p);
          },
        });
      }
    }
  }
  settingsCache.set(config, out);
  return out;
}

/** The config file's folder relative to the workspace root ('' at the root). */
export function configDir(config: ResolvedConfig, root = ''): string {
  const src = (config.source ?? '').replace(/\\/g, '/');
  const slash = src.lastIndexOf('/');
  if (slash < 0) return '';
  let dir = src.slice(0, slash);
  const r = root.replace(/\\/g, '/').replace(/\/$/, '');
  if (r && (dir === r || dir.startsWith(r + '/'))) dir = dir.slice(r.length + 1);
  else if (dir.startsWith('/')) return '';
  return dir.replace(/^\.\/?/, '');
}

/** MySQL when the text says so (AUTO_INCREMENT, ENGINE=, backticks outside Hive DDL, `#` comments), else Athena. */
export function detectDialect(text: string): SqlDialect {
  const { tokens } = tokenize(text, 'athena');
  let mysql = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'word') {
      switch (t.value) {
        case 'EXTERNAL':
        case 'TBLPROPERTIES':
        case 'SERDE':
        case 'UNLOAD':
        case 'MSCK':
        case 'STORED':
        case 'PARTITIONED':
          return 'athena';
        case 'AUTO_INCREMENT':
          mysql += 2;
          break;
        case 'ENGINE':
          if (tokens[i + 1]?.text === '=') mysql += 2;
          break;
      }
    } else if (t.kind === 'qident' && t.text.startsWith('`')) mysql++;
    else if (t.kind === 'param' && (t.text === '%s' || t.text.startsWith('%('))) mysql++;
  }
  return mysql > 0 ? 'mysql' : 'athena';
}

/** The dialect of a file path from the config's globs, if one matches. */
export function configuredDialect(ws: WorkspaceContext, relPath: string): SqlDialect | undefined {
  for (const d of sqlSettings(ws.config, ws.root).dialects) if (d.match(relPath)) return d.dialect;
  return undefined;
}

/** The SQL units of a file (cached per file version). */
export function sqlUnitsOf(ws: WorkspaceContext, file: ParsedFile): SqlUnit[] {
  const configured = configuredDialect(ws, file.relPath);
  return file.view(`sql:units:${configured ?? ''}`, () => {
    if (file.language === 'sql') {
      const dialect = configured ?? detectDialect(file.text);
      return [{ base: 0, text: file.text, dialect, parsed: parseSql(file.text, { dialect }) }];
    }
    if (!['python', 'javascript', 'typescript', 'tsx'].includes(file.language)) return [];
    const embedded = codeSqlOf(file).sql.filter((e) => configured !== undefined || !e.unknownDriver);
    return embedded.map((e) => {
      const dialect = configured ?? e.dialect ?? detectDialect(e.text);
      return { base: e.base, text: e.text, dialect, parsed: parseSql(e.text, { dialect }), embedded: e };
    });
  });
}

/** A host-file edit for a SQL-coordinates replacement, or undefined when it cannot be written there safely. */
export function unitEdit(
  file: ParsedFile,
  unit: SqlUnit,
  start: number,
  end: number,
  text: string,
): TextEdit | undefined {
  let newText = text;
  if (unit.embedded) {
    const enc = encodeForHost(unit.embedded, start, end, text);
    if (enc === undefined) return undefined;
    newText = enc;
  }
  return { range: file.range(unit.base + start, unit.base + end), newText };
}

/** Does a SQL span touch a masked interpolation? */
export function touchesMask(unit: SqlUnit, start: number, end: number): boolean {
  return !!unit.embedded?.masked.some((m) => m.start < end && start < m.end);
}
