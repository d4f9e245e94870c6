/**
 * athena/table-format: a table not stored as Parquet or ORC, or Parquet/ORC without a compression property
 * (SNAPPY or ZSTD), in DDL and in Glue table definitions (Terraform). Suggestion: add the compression property.
 */
import { compressionOf, tableLabel, type CatalogTable } from '../../catalog/catalog';
import { catalogOf } from '../../catalog/catalog';
import { createRule, type RuleContext } from '../../engine/rule';
import type { Fix } from '../../model/types';
import { sqlUnitsOf, unitEdit } from '../../sql';

export const athenaTableFormat = createRule(
  {
    id: 'athena/table-format',
    description: 'Athena tables not stored as compressed Parquet or ORC',
    defaultSeverity: 'warning',
    fix: 'never',
    hasSuggestions: true,
    languages: ['sql', 'terraform'],
    why:
      'Columnar Parquet/ORC lets Athena read only the columns and row groups a query needs; compression ' +
      '(Snappy or ZSTD) cuts the bytes scanned again. Text, CSV and JSON are read whole.',
    target: 'all tables Parquet with Snappy or ZSTD compression',
  },
  check,
);

const GOOD = new Set(['SNAPPY', 'ZSTD']);

function check(ctx: RuleContext): void {
  const cat = catalogOf(ctx.workspace);
  const units = ctx.file.language === 'sql' ? sqlUnitsOf(ctx.workspace, ctx.file) : [];
  for (const t of cat.tables) {
    if (t.source.file !== ctx.file.relPath || t.view || t.dialect !== 'athena' || !t.source.span) continue;
    if (t.source.kind !== 'ddl' && t.source.kind !== 'glue') continue;
    const fmt = t.format;
    if (!fmt) continue;
    const ddl = t.source.ddl;
    if (ddl && ddl.withProperties === undefined && !ddl.external && !ddl.tblProperties && !ddl.storedAs)
      continue;
    const at = ddl?.storedAs?.span ?? t.source.span;
    if (fmt !== 'PARQUET' && fmt !== 'ORC') {
      ctx.report({
        message: `Table ${tableLabel(t)} is stored as ${fmt}: Athena reads every column of every row; store it as Parquet or ORC with Snappy or ZSTD`,
        startOffset: at.start,
        endOffset: at.end,
      });
      continue;
    }
    const comp = t.compression;
    if (comp && GOOD.has(comp)) continue;
    if (!comp && t.iceberg) continue; // Athena writes Iceberg Parquet with ZSTD by default
    const unit = units[0];
    const fix = unit ? compressionSuggestion(ctx, unit, t, fmt) : undefined;
    ctx.report({
      message: comp
        ? `Table ${tableLabel(t)} uses ${comp} compression; the guide wants Snappy or ZSTD`
        : `Table ${tableLabel(t)} is ${fmt} without a compression property; set Snappy or ZSTD`,
      startOffset: at.start,
      endOffset: at.end,
      ...(fix ? { suggestions: [fix] } : {}),
    });
  }
}

function compressionSuggestion(
  ctx: RuleContext,
  unit: Parameters<typeof unitEdit>[1],
  t: CatalogTable,
  fmt: string,
): Fix | undefined {
  const ddl = t.source.ddl;
  if (!ddl || compressionOf(t.properties)) return undefined;
  if (ddl.withProperties) {
    const p = ddl.withProperties;
    const e = unitEdit(ctx.file, unit, p.end - 1, p.end - 1, `, write_compression = 'SNAPPY'`);
    return e ? { title: "Add write_compression = 'SNAPPY'", edits: [e] } : undefined;
  }
  const key = fmt === 'ORC' ? 'orc.compress' : 'parquet.compression';
  if (ddl.tblProperties) {
    const p = ddl.tblProperties;
    const empty = Object.keys(p.values).length === 0;
    const e = unitEdit(ctx.file, unit, p.end - 1, p.end - 1, `${empty ? '' : ', '}'${key}'='SNAPPY'`);
    return e ? { title: `Add '${key}'='SNAPPY'`, edits: [e] } : undefined;
  }
  const e = unitEdit(ctx.file, unit, ddl.clausesEnd, ddl.clausesEnd, `\nTBLPROPERTIES ('${key}'='SNAPPY')`);
  return e ? { title: `Add TBLPROPERTIES ('${key}'='SNAPPY')`, edits: [e] } : undefined;
}
