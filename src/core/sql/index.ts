/**
 * SQL for the rules: the statements of a file (a `.sql` file or SQL strings in code), each with its catalog
 * analysis computed once per catalog version. Statements with syntax errors, template control blocks or a
 * timeout are left out: a statement perfguard cannot read never yields a finding.
 */
import { catalogOf, type Catalog } from '../catalog/catalog';
import type { ParsedFile } from '../engine/file';
import type { WorkspaceContext } from '../engine/workspace';
import { analyzeStatement, type Analysis } from './analyze';
import type { ParsedStatement, Statement } from './ast';
import { sqlUnitsOf, type SqlUnit } from './source';

export * from './ast';
export { parseSql, countSqlErrors, type ParsedSql } from './parser';
export { tokenize, MASK_CHAR, type SqlDialect, type Token } from './tokenize';
export { sqlUnitsOf, unitEdit, touchesMask, detectDialect, sqlSettings, type SqlUnit } from './source';
export { codeSqlOf, type AthenaCall, type EmbeddedSql } from './embedded';
export * from './analyze';

export interface SqlStatement {
  unit: SqlUnit;
  parsed: ParsedStatement;
  node: Statement;
  catalog: Catalog;
  /** The catalog analysis (tables read, constraints, stars, resolutions), computed once. */
  analysis(): Analysis;
  /** Host offset of a SQL offset. */
  host(offset: number): number;
}

const analyses = new WeakMap<Catalog, WeakMap<ParsedStatement, Analysis>>();

/** The analysable statements of a file. */
export function sqlStatementsOf(ws: WorkspaceContext, file: ParsedFile): SqlStatement[] {
  const units = sqlUnitsOf(ws, file);
  if (units.length === 0) return [];
  const catalog = catalogOf(ws);
  let cache = analyses.get(catalog);
  if (!cache) analyses.set(catalog, (cache = new WeakMap()));
  const c = cache;
  const out: SqlStatement[] = [];
  for (const unit of units)
    for (const parsed of unit.parsed.statements) {
      const node = parsed.node;
      if (parsed.timedOut) {
        const line = file.index.positionAt(unit.base + parsed.start).line + 1;
        file.note(
          'timeout',
          `the SQL statement at line ${line} took too long to analyse (over 1 s) and was skipped`,
        );
      }
      if (!node || parsed.errors.length > 0 || parsed.templated || parsed.timedOut) continue;
      out.push({
        unit,
        parsed,
        node,
        catalog,
        host: (o) => unit.base + o,
        analysis() {
          let a = c.get(parsed);
          if (!a) {
            try {
              a = analyzeStatement(node, catalog, unit.dialect);
            } catch {
              a = { uses: [], stars: [], resolved: new Map(), selects: [] };
            }
            c.set(parsed, a);
          }
          return a;
        },
      });
    }
  return out;
}

/** Whether the text of a span in a unit contains a masked interpolation (a value the linter cannot know). */
export function hasUnknownValue(unit: SqlUnit, start: number, end: number): boolean {
  return !!unit.embedded?.masked.some((m) => m.start < end && start < m.end);
}

export { estimateScan, describeEstimate, formatBytes, type ScanEstimate, type TableData } from './estimate';
