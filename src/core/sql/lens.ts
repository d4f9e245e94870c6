/**
 * The editor's view of scan estimates: one entry per query statement of a file (CodeLens above each query,
 * status bar for the query at the cursor). Pure over the workspace; the Parquet metadata comes from
 * `catalog/data.ts` when a loader fed it.
 */
import { tableDataOf } from '../catalog/data';
import type { WorkspaceContext } from '../engine/workspace';
import type { Range } from '../model/types';
import { describeEstimate, estimateScan, type ScanEstimate } from './estimate';
import { sqlStatementsOf } from './index';

export interface QueryEstimate {
  /** The statement's whole range in the host file. */
  range: Range;
  /** Where a CodeLens goes: the statement's first keyword. */
  headRange: Range;
  estimate: ScanEstimate;
  /** "≈ 1.2 GB scanned · ≈ $0.0059 · 3 of 365 partitions" or "No scan estimate possible: …". */
  text: string;
}

/** Scan estimates for every Athena query statement of a file already set in the workspace. */
export function scanEstimatesOf(ws: WorkspaceContext, relPath: string): QueryEstimate[] {
  const file = ws.getFile(relPath);
  if (!file) return [];
  const out: QueryEstimate[] = [];
  for (const st of sqlStatementsOf(ws, file)) {
    if (st.unit.dialect !== 'athena') continue;
    const t = st.node.type;
    if (t !== 'query' && t !== 'insert' && t !== 'unload' && !(t === 'create-table' && st.node.query))
      continue;
    const uses = st.analysis().uses;
    if (uses.length === 0) continue;
    const estimate = estimateScan(uses, (tb) => tableDataOf(ws, tb), ws.targets.athena);
    out.push({
      range: file.range(st.host(st.parsed.start), st.host(st.parsed.end)),
      headRange: file.range(st.host(st.parsed.head.start), st.host(st.parsed.head.end)),
      estimate,
      text: describeEstimate(estimate),
    });
  }
  return out;
}

/** The estimate of the query containing a host offset (status bar). */
export function scanEstimateAt(
  ws: WorkspaceContext,
  relPath: string,
  offset: number,
): QueryEstimate | undefined {
  return scanEstimatesOf(ws, relPath).find(
    (q) => q.range.startOffset <= offset && offset <= q.range.endOffset,
  );
}
