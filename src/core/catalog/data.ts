/**
 * Local table data for exact scan estimates: Parquet files under a folder mapped to a table in `.perfguard.json`
 * (`tables[].dataFolder`), in hive-style partition folders (`year=2026/month=01/…`). Only the footers matter: the
 * compressed size of each column chunk. Reading happens here, outside the rules, through a small I/O interface
 * the CLI and the extension implement with `fs`; the result is handed to the workspace with `setTableData`.
 */
import type { WorkspaceContext } from '../engine/workspace';
import type { TableData } from '../sql/estimate';
import { catalogOf, tableLabel, type CatalogTable } from './catalog';

export interface DataIo {
  /** Entries of a folder (workspace-relative path, forward slashes). */
  listDir(path: string): Promise<{ name: string; isDirectory: boolean }[]>;
  readFile(path: string): Promise<Uint8Array>;
}

const store = new WeakMap<object, Map<string, TableData>>();

/** Hand loaded metadata to the workspace (the seam between the async loader and the pure rules). */
export function setTableData(ws: WorkspaceContext, table: string, data: TableData | undefined): void {
  let m = store.get(ws);
  if (!m) store.set(ws, (m = new Map()));
  if (data) m.set(table, data);
  else m.delete(table);
}

/** Metadata previously loaded for a table, if any. */
export function tableDataOf(ws: WorkspaceContext, t: CatalogTable): TableData | undefined {
  return store.get(ws)?.get(tableLabel(t));
}

/** Read the Parquet footers under a folder. Files that are not Parquet or do not parse are skipped. */
export async function loadTableData(io: DataIo, folder: string, maxFiles = 5000): Promise<TableData> {
  const { parquetMetadata } = await import('hyparquet');
  const files: TableData['files'] = [];
  const walk = async (dir: string, partition: Record<string, string>): Promise<void> => {
    let entries: { name: string; isDirectory: boolean }[];
    try {
      entries = await io.listDir(dir);
    } catch {
      return;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (files.length >= maxFiles) return;
      const p = `${dir}/${e.name}`;
      if (e.isDirectory) {
        const m = /^([^=]+)=(.*)$/.exec(e.name);
        await walk(
          p,
          m
            ? { ...partition, [(m[1] as string).toLowerCase()]: decodeURIComponent(m[2] as string) }
            : partition,
        );
        continue;
      }
      if (e.name.startsWith('.') || e.name.startsWith('_')) continue;
      try {
        const bytes = await io.readFile(p);
        const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
        const meta = parquetMetadata(buf);
        const columnBytes: Record<string, number> = {};
        for (const rg of meta.row_groups)
          for (const c of rg.columns) {
            const md = c.meta_data;
            if (!md) continue;
            const name = (md.path_in_schema[0] ?? '').toLowerCase();
            columnBytes[name] = (columnBytes[name] ?? 0) + Number(md.total_compressed_size);
          }
        files.push({ path: p, partition, columnBytes, rows: Number(meta.num_rows) });
      } catch {
        // not a Parquet file
      }
    }
  };
  await walk(folder.replace(/\/$/, ''), {});
  return { files };
}

/** Load the data folder of every catalog table that has one, into the workspace. */
export async function loadWorkspaceTableData(ws: WorkspaceContext, io: DataIo): Promise<number> {
  let n = 0;
  for (const t of catalogOf(ws).tables) {
    if (!t.dataFolder) continue;
    setTableData(ws, tableLabel(t), await loadTableData(io, t.dataFolder));
    n++;
  }
  return n;
}
