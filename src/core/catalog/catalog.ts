/**
 * The workspace table catalog: Athena/Glue tables and views and MySQL tables with their keys, from
 * - DDL in `.sql` files (CREATE [EXTERNAL] TABLE, Iceberg, CTAS `WITH (…)`, CREATE VIEW, CREATE INDEX, ALTER TABLE),
 * - Terraform `aws_glue_catalog_table` (and any other format the IaC model maps onto that type),
 * - `.perfguard.json` `tables` entries for tables defined elsewhere.
 * Names resolve as Athena does: `db.table` exactly, a bare name in the default database (`sql.defaultDatabase`),
 * else the only table of that name.
 */
import type { WorkspaceContext } from '../engine/workspace';
import { blockOf, blocksOf, iacLanguages, iacModel, stringOf, type Block, type IacValue } from '../iac';
import { iacRelevant } from '../iac/model';
import type { LanguageId } from '../model/types';
import type { CreateTable, Query, Span } from '../sql/ast';
import { sqlSettings, sqlUnitsOf } from '../sql/source';
import type { SqlDialect } from '../sql/tokenize';

export interface CatalogColumn {
  name: string;
  type: string;
  /** Declared compressed bytes of this column over the whole table (config), for the scan estimate. */
  bytes?: number;
}

/** Values a partition key can take (projection ranges, enumerations, declared values). */
export type PartitionDomain = (string | number)[];

export type TableSourceKind = 'ddl' | 'config' | 'glue';

export interface CatalogTable {
  name: string;
  database?: string;
  columns: CatalogColumn[];
  partitionKeys: CatalogColumn[];
  /** PARQUET, ORC, TEXTFILE, JSON, AVRO, CSV, ION, … (upper case); undefined when unknown. */
  format?: string;
  /** Compression from table properties (SNAPPY, ZSTD, GZIP, …), upper case. */
  compression?: string;
  iceberg: boolean;
  location?: string;
  /** Table properties / Glue parameters, lower-case keys. */
  properties: Record<string, string>;
  /** Partition value domains by key (projection or config), when known. */
  domains: Record<string, PartitionDomain>;
  /** A view's query (parsed in the defining file). */
  view?: { query: Query; dialect: SqlDialect };
  stats: { totalSize?: number; numRows?: number; partitionCount?: number };
  /** Local folder holding a copy of the data (hive-style partitions), relative to the workspace root. */
  dataFolder?: string;
  dialect: SqlDialect;
  source: { kind: TableSourceKind; file: string; span?: Span; ddl?: CreateTable; glue?: Block };
  /** MySQL indexes, each as its column list. */
  indexes: string[][];
}

export interface Catalog {
  readonly tables: readonly CatalogTable[];
  resolve(parts: readonly string[], options?: { dialect?: SqlDialect }): CatalogTable | undefined;
  /** MySQL indexes of a table name (from CREATE TABLE keys, CREATE INDEX and ALTER TABLE anywhere). */
  indexesOf(table: CatalogTable): string[][];
  readonly defaultDatabase?: string;
}

/** The languages whose files feed the catalog. */
let catalogLanguageList: { iac: readonly LanguageId[]; all: readonly LanguageId[] } | undefined;

/** SQL and the infrastructure languages (one list while the front ends stay the same). */
export function catalogLanguages(): readonly LanguageId[] {
  const iac = iacLanguages();
  if (catalogLanguageList?.iac !== iac)
    catalogLanguageList = { iac, all: [...new Set<LanguageId>(['sql', ...iac])] };
  return catalogLanguageList.all;
}

/** The workspace's catalog (rebuilt only when a SQL or infrastructure file or the config changes). */
export function catalogOf(ws: WorkspaceContext): Catalog {
  return ws.derive('catalog', catalogLanguages(), () => buildCatalog(ws), {
    // SQL files always; infrastructure files when the model could take resources from them.
    relevant: (p, text, lang) => lang === 'sql' || iacRelevant(p, text, lang),
  });
}

interface FileDdl {
  tables: CatalogTable[];
  indexes: { table: string[]; columns: string[] }[];
}

function ddlOf(ws: WorkspaceContext, relPath: string): FileDdl {
  const file = ws.getFile(relPath);
  if (!file) return { tables: [], indexes: [] };
  const out: FileDdl = { tables: [], indexes: [] };
  for (const unit of sqlUnitsOf(ws, file)) {
    for (const st of unit.parsed.statements) {
      const n = st.node;
      if (!n || st.errors.length > 0) continue;
      if (n.type === 'create-table') out.tables.push(fromDdl(n, unit.dialect, relPath));
      else if (n.type === 'create-view') {
        const parts = n.name.map((p) => p.name);
        out.tables.push({
          ...nameOf(parts),
          columns: [],
          partitionKeys: [],
          iceberg: false,
          properties: {},
          domains: {},
          view: { query: n.query, dialect: unit.dialect },
          stats: {},
          dialect: unit.dialect,
          source: { kind: 'ddl', file: relPath, span: n.nameSpan },
          indexes: [],
        });
      } else if (n.type === 'create-index')
        out.indexes.push({ table: n.table.map((p) => p.name), columns: n.columns.map((c) => c.name) });
      else if (n.type === 'alter-table')
        for (const cols of n.indexes) out.indexes.push({ table: n.table.map((p) => p.name), columns: cols });
    }
  }
  return out;
}

function nameOf(parts: string[]): { name: string; database?: string } {
  const name = parts[parts.length - 1] ?? '';
  const db = parts.length >= 2 ? parts[parts.length - 2] : undefined;
  return db ? { name, database: db } : { name };
}

function fromDdl(n: CreateTable, dialect: SqlDialect, file: string): CatalogTable {
  const props: Record<string, string> = { ...(n.tblProperties?.values ?? {}) };
  const withProps = n.withProperties?.values ?? {};
  for (const [k, v] of Object.entries(withProps)) props[k] = v;
  const iceberg = (props.table_type ?? '').toUpperCase() === 'ICEBERG';
  let format = n.storedAs?.value;
  if (!format && withProps.format) format = withProps.format.toUpperCase();
  if (!format && n.serde) format = formatOfSerde(n.serde.value);
  if (!format && iceberg) format = (props.format ?? 'PARQUET').toUpperCase();
  if (!format && dialect === 'athena' && !n.query && n.external) format = 'TEXTFILE';
  if (!format && dialect === 'athena' && n.query) format = 'PARQUET'; // CTAS default
  const columns = n.columns.map((c) => ({ name: c.name.name, type: c.typeName.toLowerCase() }));
  let partitionKeys = n.partitionKeys.map((c) => ({ name: c.name.name, type: c.typeName.toLowerCase() }));
  if (n.partitionTransforms.length > 0) {
    // Iceberg: hidden partitioning. An identity transform keeps the column; others prune through their source column.
    partitionKeys = n.partitionTransforms.map((t) => ({
      name: t.column,
      type: columns.find((c) => c.name === t.column)?.type ?? '',
    }));
  }
  if (withProps.partitioned_by) {
    const keys = withProps.partitioned_by
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean);
    partitionKeys = keys.map((k) => ({ name: k, type: '' }));
  }
  const t: CatalogTable = {
    ...nameOf(n.name.map((p) => p.name)),
    columns: columns.filter((c) => !partitionKeys.some((p) => p.name === c.name) || iceberg),
    partitionKeys,
    iceberg,
    properties: props,
    domains: projectionDomains(props, partitionKeys),
    stats: statsOf(props),
    dialect,
    source: { kind: 'ddl', file, span: n.nameSpan, ddl: n },
    indexes: n.indexes.map((i) => i.columns),
  };
  if (format) t.format = format;
  const comp = compressionOf(props);
  if (comp) t.compression = comp;
  if (n.location ?? withProps.external_location) t.location = n.location ?? withProps.external_location;
  return t;
}

export function formatOfSerde(serde: string): string {
  const s = serde.toLowerCase();
  if (s.includes('parquet')) return 'PARQUET';
  if (s.includes('orc')) return 'ORC';
  if (s.includes('json')) return 'JSON';
  if (s.includes('avro')) return 'AVRO';
  if (s.includes('opencsv') || s.includes('csv')) return 'CSV';
  if (s.includes('ion')) return 'ION';
  if (s.includes('regex') || s.includes('grok') || s.includes('lazysimple') || s.includes('cloudtrail'))
    return 'TEXTFILE';
  return 'TEXTFILE';
}

const COMPRESSION_KEYS = [
  'parquet.compression',
  'parquet_compression',
  'orc.compress',
  'orc_compression',
  'write.compression',
  'write_compression',
  'compressiontype',
  'compression',
  'write.parquet.compression-codec',
];

export function compressionOf(props: Record<string, string>): string | undefined {
  for (const k of COMPRESSION_KEYS) {
    const v = props[k];
    if (v) return v.toUpperCase();
  }
  return undefined;
}

function statsOf(props: Record<string, string>): CatalogTable['stats'] {
  const out: CatalogTable['stats'] = {};
  const size = Number(props.totalsize ?? props.total_size);
  if (Number.isFinite(size) && size > 0) out.totalSize = size;
  const rows = Number(props.numrows ?? props.num_rows ?? props.recordcount);
  if (Number.isFinite(rows) && rows > 0) out.numRows = rows;
  return out;
}

const MAX_DOMAIN = 5000;

/** Partition projection (`projection.<key>.type/range/values/format/interval`) as value lists. */
export function projectionDomains(
  props: Record<string, string>,
  keys: CatalogColumn[],
  now: Date = new Date(),
): Record<string, PartitionDomain> {
  const out: Record<string, PartitionDomain> = {};
  if ((props['projection.enabled'] ?? '').toLowerCase() !== 'true') return out;
  for (const k of keys) {
    const p = (s: string) => props[`projection.${k.name}.${s}`];
    const type = (p('type') ?? '').toLowerCase();
    if (type === 'enum' && p('values')) out[k.name] = (p('values') as string).split(',').map((s) => s.trim());
    else if (type === 'integer' && p('range')) {
      const [a, b] = (p('range') as string).split(',').map((s) => Number(s.trim()));
      const step = Number(p('interval') ?? '1') || 1;
      const digits = Number(p('digits') ?? '0') || 0;
      if (
        a !== undefined &&
        b !== undefined &&
        Number.isFinite(a) &&
        Number.isFinite(b) &&
        (b - a) / step < MAX_DOMAIN
      ) {
        const vals: (string | number)[] = [];
        for (let v = a; v <= b; v += step) vals.push(digits ? String(v).padStart(digits, '0') : v);
        out[k.name] = vals;
      }
    } else if (type === 'date' && p('range')) {
      const dom = dateDomain(
        p('range') as string,
        p('format') ?? 'yyyy-MM-dd',
        p('interval'),
        p('interval.unit'),
        now,
      );
      if (dom) out[k.name] = dom;
    }
  }
  return out;
}

function dateDomain(
  range: string,
  format: string,
  interval: string | undefined,
  unit: string | undefined,
  now: Date,
): PartitionDomain | undefined {
  const [a, b] = range.split(',').map((s) => s.trim());
  if (!a || !b) return undefined;
  const from = parseRangeDate(a, now);
  const to = parseRangeDate(b, now);
  if (!from || !to) return undefined;
  const step = Number(interval ?? '1') || 1;
  const u = (unit ?? (/d/.test(format) ? 'DAYS' : /M/.test(format) ? 'MONTHS' : 'YEARS')).toUpperCase();
  const vals: string[] = [];
  const d = new Date(from.getTime());
  while (d.getTime() <= to.getTime() && vals.length <= MAX_DOMAIN) {
    vals.push(formatDate(d, format));
    if (u.startsWith('DAY')) d.setUTCDate(d.getUTCDate() + step);
    else if (u.startsWith('MONTH')) d.setUTCMonth(d.getUTCMonth() + step);
    else if (u.startsWith('YEAR')) d.setUTCFullYear(d.getUTCFullYear() + step);
    else if (u.startsWith('HOUR')) d.setUTCHours(d.getUTCHours() + step);
    else return undefined;
  }
  return vals.length > MAX_DOMAIN ? undefined : vals;
}

function parseRangeDate(s: string, now: Date): Date | undefined {
  const m = /^NOW(?:\s*([-+])\s*(\d+)\s*(YEAR|MONTH|WEEK|DAY|HOUR)S?)?$/i.exec(s);
  if (m) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    if (m[1]) {
      const n = Number(m[2]) * (m[1] === '-' ? -1 : 1);
      const u = (m[3] as string).toUpperCase();
      if (u === 'YEAR') d.setUTCFullYear(d.getUTCFullYear() + n);
      else if (u === 'MONTH') d.setUTCMonth(d.getUTCMonth() + n);
      else if (u === 'WEEK') d.setUTCDate(d.getUTCDate() + 7 * n);
      else if (u === 'DAY') d.setUTCDate(d.getUTCDate() + n);
    }
    return d;
  }
  const iso = /^(\d{4})(?:[-/]?(\d{2}))?(?:[-/]?(\d{2}))?/.exec(s);
  if (!iso) return undefined;
  return new Date(Date.UTC(Number(iso[1]), Number(iso[2] ?? '1') - 1, Number(iso[3] ?? '1')));
}

function formatDate(d: Date, format: string): string {
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return format
    .replace(/yyyy/g, String(d.getUTCFullYear()))
    .replace(/MM/g, pad(d.getUTCMonth() + 1))
    .replace(/dd/g, pad(d.getUTCDate()))
    .replace(/HH/g, pad(d.getUTCHours()));
}

// ---------------------------------------------------------------- config tables

function configTables(ws: WorkspaceContext): CatalogTable[] {
  const raw = ws.config.raw.tables;
  const entries: [string | undefined, unknown][] = Array.isArray(raw)
    ? raw.map((e) => [undefined, e])
    : raw && typeof raw === 'object'
      ? Object.entries(raw as Record<string, unknown>)
      : [];
  const out: CatalogTable[] = [];
  const src = ws.config.source ?? '.perfguard.json';
  for (const [key, e] of entries) {
    if (!e || typeof e !== 'object' || Array.isArray(e)) continue;
    const o = e as Record<string, unknown>;
    const full = typeof o.name === 'string' ? o.name : key;
    if (!full) continue;
    const parts = full.toLowerCase().split('.');
    const nm = nameOf(parts);
    if (typeof o.database === 'string') nm.database = o.database.toLowerCase();
    const cols = (v: unknown): CatalogColumn[] =>
      Array.isArray(v)
        ? v.flatMap((c): CatalogColumn[] => {
            if (typeof c === 'string') return [{ name: c.toLowerCase(), type: '' }];
            if (c && typeof c === 'object' && typeof (c as Record<string, unknown>).name === 'string') {
              const r = c as Record<string, unknown>;
              const col: CatalogColumn = {
                name: (r.name as string).toLowerCase(),
                type: typeof r.type === 'string' ? r.type.toLowerCase() : '',
              };
              if (typeof r.bytes === 'number') col.bytes = r.bytes;
              return [col];
            }
            return [];
          })
        : [];
    const partitionKeys = cols(o.partitionKeys ?? o.partition_keys);
    const properties: Record<string, string> = {};
    const domains: Record<string, PartitionDomain> = {};
    const pv = o.partitionValues;
    if (pv && typeof pv === 'object' && !Array.isArray(pv)) {
      for (const [k, v] of Object.entries(pv as Record<string, unknown>)) {
        if (Array.isArray(v))
          domains[k.toLowerCase()] = v.filter(
            (x): x is string | number => typeof x === 'string' || typeof x === 'number',
          );
        else if (typeof v === 'string') {
          const key = k.toLowerCase();
          const fake: Record<string, string> = { 'projection.enabled': 'true' };
          const isDate = /^\d{4}-\d{2}/.test(v) || /NOW/i.test(v);
          fake[`projection.${key}.type`] = isDate ? 'date' : 'integer';
          fake[`projection.${key}.range`] = v;
          Object.assign(domains, projectionDomains(fake, [{ name: key, type: '' }]));
        }
      }
    }
    const t: CatalogTable = {
      ...nm,
      columns: cols(o.columns),
      partitionKeys,
      iceberg: false,
      properties,
      domains,
      stats: {},
      dialect: o.dialect === 'mysql' ? 'mysql' : 'athena',
      source: { kind: 'config', file: src },
      indexes: Array.isArray(o.indexes)
        ? o.indexes.filter(Array.isArray).map((i: unknown[]) => i.map((c) => String(c).toLowerCase()))
        : [],
    };
    const num = (v: unknown) => (typeof v === 'number' && v >= 0 ? v : undefined);
    const size = num(o.sizeBytes) ?? num(o.totalSize);
    if (size !== undefined) t.stats.totalSize = size;
    const rows = num(o.numRows);
    if (rows !== undefined) t.stats.numRows = rows;
    const pc = num(o.partitions);
    if (pc !== undefined) t.stats.partitionCount = pc;
    if (typeof o.format === 'string') t.format = o.format.toUpperCase();
    if (typeof o.compression === 'string') t.compression = o.compression.toUpperCase();
    if (typeof o.location === 'string') t.location = o.location;
    if (typeof o.dataFolder === 'string') t.dataFolder = joinRel(configFolder(ws), o.dataFolder);
    out.push(t);
  }
  return out;
}

function configFolder(ws: WorkspaceContext): string {
  const src = (ws.config.source ?? '').replace(/\\/g, '/');
  const root = ws.root.replace(/\\/g, '/').replace(/\/$/, '');
  let dir = src.includes('/') ? src.slice(0, src.lastIndexOf('/')) : '';
  if (root && (dir === root || dir.startsWith(root + '/'))) dir = dir.slice(root.length + 1);
  else if (dir.startsWith('/')) dir = '';
  return dir;
}

function joinRel(dir: string, rel: string): string {
  const parts = (dir ? dir + '/' + rel : rel).replace(/\\/g, '/').split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out.join('/');
}

// ---------------------------------------------------------------- Glue tables from the IaC model

function glueTables(ws: WorkspaceContext): CatalogTable[] {
  const out: CatalogTable[] = [];
  let resources;
  try {
    resources = iacModel(ws).ofType('aws_glue_catalog_table');
  } catch {
    return out;
  }
  for (const r of resources) {
    if (r.incomplete || r.mode !== 'resource') continue;
    const s = (name: string, b: Block = r) => stringOf(b.attributes.get(name)?.value);
    const name = s('name');
    if (!name) continue;
    const sd = blockOf(r, 'storage_descriptor');
    const columns = sd ? blocksOf(sd, 'columns').map((c) => colOf(c)) : [];
    const partitionKeys = blocksOf(r, 'partition_keys').map((c) => colOf(c));
    const properties = mapOf(r.attributes.get('parameters')?.value);
    const serdeInfo = sd ? blockOf(sd, 'ser_de_info') : undefined;
    for (const [k, v] of Object.entries(sd ? mapOf(sd.attributes.get('parameters')?.value) : {}))
      properties[k] ??= v;
    const iceberg =
      !!blockOf(r, 'open_table_format_input') || (properties.table_type ?? '').toUpperCase() === 'ICEBERG';
    const t: CatalogTable = {
      name: name.toLowerCase(),
      columns,
      partitionKeys,
      iceberg,
      properties,
      domains: projectionDomains(properties, partitionKeys),
      stats: statsOf(properties),
      dialect: 'athena',
      source: {
        kind: 'glue',
        file: r.file,
        span: { start: r.headerSpan.startOffset, end: r.headerSpan.endOffset },
        glue: r,
      },
      indexes: [],
    };
    const db = s('database_name');
    if (db) t.database = db.toLowerCase();
    const inputFormat = sd ? s('input_format', sd) : undefined;
    const serde = serdeInfo ? s('serialization_library', serdeInfo) : undefined;
    const classification = properties.classification;
    if (iceberg) t.format = 'PARQUET';
    else if (inputFormat) t.format = inputFormatFormat(inputFormat);
    else if (serde) t.format = formatOfSerde(serde);
    else if (classification) t.format = classification.toUpperCase();
    const comp = compressionOf(properties);
    if (comp) t.compression = comp;
    const loc = sd ? s('location', sd) : undefined;
    if (loc) t.location = loc;
    if ((s('table_type') ?? '').toUpperCase() === 'VIRTUAL_VIEW') continue;
    out.push(t);
  }
  return out;
}

function inputFormatFormat(cls: string): string {
  const c = cls.toLowerCase();
  if (c.includes('parquet')) return 'PARQUET';
  if (c.includes('orc')) return 'ORC';
  if (c.includes('avro')) return 'AVRO';
  return 'TEXTFILE';
}

function colOf(b: Block): CatalogColumn {
  return {
    name: (stringOf(b.attributes.get('name')?.value) ?? '').toLowerCase(),
    type: (stringOf(b.attributes.get('type')?.value) ?? '').toLowerCase(),
  };
}

function mapOf(v: IacValue | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (v?.kind !== 'map') return out;
  for (const [k, x] of v.entries) {
    const s = stringOf(x);
    if (s !== undefined) out[k.toLowerCase()] = s;
  }
  return out;
}

// ---------------------------------------------------------------- build and resolve

export function buildCatalog(ws: WorkspaceContext): Catalog {
  const tables: CatalogTable[] = [];
  const extraIndexes: { table: string[]; columns: string[] }[] = [];
  for (const p of ws.filePaths(['sql'])) {
    const file = ws.getFile(p);
    if (!file) continue;
    const d = file.view('catalog:ddl', () => ddlOf(ws, p));
    tables.push(...d.tables);
    extraIndexes.push(...d.indexes);
  }
  tables.push(...glueTables(ws));
  tables.push(...configTables(ws));
  const defaultDatabase = sqlSettings(ws.config, ws.root).defaultDatabase;
  const byName = new Map<string, CatalogTable[]>();
  for (const t of tables) {
    const list = byName.get(t.name) ?? [];
    list.push(t);
    byName.set(t.name, list);
  }
  const catalog: Catalog = {
    tables,
    resolve(parts, options = {}) {
      if (parts.length === 0 || parts.some((p) => p === '')) return undefined;
      const name = parts[parts.length - 1] as string;
      let cands = byName.get(name) ?? [];
      if (cands.length === 0) return undefined;
      if (options.dialect) {
        const same = cands.filter((t) => t.dialect === options.dialect);
        if (same.length > 0) cands = same;
      }
      const db = parts.length >= 2 ? parts[parts.length - 2] : undefined;
      if (db) {
        const exact = cands.filter((t) => t.database === db);
        if (exact.length > 0) return pick(exact);
        const undb = cands.filter((t) => !t.database);
        return undb.length > 0 && (!defaultDatabase || defaultDatabase === db) ? pick(undb) : undefined;
      }
      if (defaultDatabase) {
        const inDefault = cands.filter((t) => t.database === defaultDatabase || !t.database);
        if (inDefault.length > 0) return pick(inDefault);
        return undefined;
      }
      const dbs = new Set(cands.map((t) => t.database ?? ''));
      return dbs.size === 1 ? pick(cands) : undefined;
    },
    indexesOf(table) {
      const out = [...table.indexes];
      for (const i of extraIndexes) {
        const n = i.table[i.table.length - 1];
        const db = i.table.length >= 2 ? i.table[i.table.length - 2] : undefined;
        if (n === table.name && (!db || !table.database || db === table.database)) out.push(i.columns);
      }
      return out;
    },
  };
  if (defaultDatabase) (catalog as { defaultDatabase?: string }).defaultDatabase = defaultDatabase;
  return catalog;
}

/** Several definitions of one table: prefer DDL (it has the most detail), then Glue, then config; merge stats. */
function pick(cands: CatalogTable[]): CatalogTable {
  if (cands.length === 1) return cands[0] as CatalogTable;
  const order: TableSourceKind[] = ['ddl', 'glue', 'config'];
  const sorted = [...cands].sort(
    (a, b) =>
      order.indexOf(a.source.kind) - order.indexOf(b.source.kind) || (a.view ? 1 : 0) - (b.view ? 1 : 0),
  );
  const best = sorted[0] as CatalogTable;
  const cfg = cands.find((c) => c.source.kind === 'config');
  if (!cfg || cfg === best) return best;
  // Config adds statistics, domains and the local data folder to a table defined in DDL or Glue.
  return {
    ...best,
    stats: { ...best.stats, ...cfg.stats },
    domains: { ...best.domains, ...cfg.domains },
    ...(cfg.dataFolder ? { dataFolder: cfg.dataFolder } : {}),
    columns: best.columns.length > 0 ? mergeBytes(best.columns, cfg.columns) : cfg.columns,
    partitionKeys: best.partitionKeys.length > 0 ? best.partitionKeys : cfg.partitionKeys,
  };
}

function mergeBytes(cols: CatalogColumn[], declared: CatalogColumn[]): CatalogColumn[] {
  return cols.map((c) => {
    const d = declared.find((x) => x.name === c.name);
    return d?.bytes !== undefined ? { ...c, bytes: d.bytes } : c;
  });
}

/** `db.name` or `name`. */
export function tableLabel(t: CatalogTable): string {
  return t.database ? `${t.database}.${t.name}` : t.name;
}
