/** Hover on a finding: the message, why the pattern costs, and the guide's target with the numbers in effect. */
import * as vscode from 'vscode';
import { ruleById, type Targets } from '../core';
import type { Controller } from './controller';
import { docsUri, toRange } from './convert';

export class PerfguardHover implements vscode.HoverProvider {
  constructor(private readonly controller: Controller) {}

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const findings = this.controller.currentFindings(doc);
    if (!findings) return undefined;
    const here = findings.filter((f) => toRange(f.range).contains(pos));
    if (here.length === 0) return undefined;
    const targets = this.controller.folderStateFor(doc.uri).ws.targets;
    const parts: vscode.MarkdownString[] = [];
    let range: vscode.Range | undefined;
    for (const f of here) {
      const r = toRange(f.range);
      range = range ? range.union(r) : r;
      const meta = ruleById(f.ruleId)?.meta;
      const md = new vscode.MarkdownString(undefined, true);
      md.appendMarkdown(`**perfguard** \`${f.ruleId}\` (${f.severity}): `);
      md.appendMarkdown(escape(f.message));
      if (meta?.why) {
        md.appendMarkdown('\n\n**Why it costs:** ');
        md.appendMarkdown(escape(interpolate(meta.why, targets)));
      }
      if (meta?.target) {
        md.appendMarkdown('\n\n**Guide target:** ');
        md.appendMarkdown(escape(interpolate(meta.target, targets)));
      }
      const inEffect = targetsInEffect(f.ruleId, targets);
      if (inEffect) {
        md.appendMarkdown('\n\n**Targets in effect:** ');
        md.appendMarkdown(escape(inEffect));
      }
      md.appendMarkdown(`\n\n[Documentation](${docsUri(f.ruleId).toString()})`);
      parts.push(md);
    }
    return new vscode.Hover(parts, range);
  }
}

/** Replace `{lambda.coldStartMs}`-style placeholders with the active target values. */
export function interpolate(text: string, targets: Targets): string {
  return text.replace(/\{([a-zA-Z]+(?:\.[a-zA-Z]+)+)\}/g, (whole, p: string) => {
    let v: unknown = targets;
    for (const k of p.split('.')) {
      if (v === null || typeof v !== 'object') return whole;
      v = (v as Record<string, unknown>)[k];
    }
    return typeof v === 'number' || typeof v === 'string' ? String(v) : whole;
  });
}

/** The guide's numbers a rule's namespace is measured against, from the active targets. */
export function targetsInEffect(ruleId: string, t: Targets): string | undefined {
  const ns = ruleId.split('/')[0] ?? '';
  if (ns === 'lambda')
    return `cold start < ${t.lambda.coldStartMs} ms, warm < ${t.lambda.warmMs} ms, memory < ${t.lambda.memoryUtilizationPct} %, timeouts < ${t.lambda.timeoutRatePct} %`;
  if (ns === 'athena' || ns === 'sql' || ns === 'glue')
    return `simple queries < ${t.athena.simpleQueryMs / 1000} s, complex < ${t.athena.complexQueryMs / 1000} s, < ${formatBytes(t.athena.maxBytesScannedPerQuery)} scanned per query`;
  if (ns === 'apigateway' || ns === 'api')
    return `avg < ${t.apiGateway.avgLatencyMs} ms, p95 < ${t.apiGateway.p95LatencyMs} ms, p99 < ${t.apiGateway.p99LatencyMs} ms, errors < ${t.apiGateway.errorRatePct} %`;
  if (ns === 'cache' || ns === 'cloudfront') return `cache TTL ${t.cache.ttlSeconds} s`;
  if (ns === 'dynamodb')
    return `warm Lambda < ${t.lambda.warmMs} ms, API p95 < ${t.apiGateway.p95LatencyMs} ms`;
  if (ns === 'logs') return `log retention ${t.logs.retentionDays} days`;
  if (ns === 'mysql' || ns === 'rds')
    return `max_connections ${t.mysql.maxConnections}, thread_cache_size ${t.mysql.threadCacheSize}`;
  if (ns === 'pipeline' || ns === 'dms')
    return `DMS lag < ${t.pipeline.dmsLagSeconds} s, end to end < ${t.pipeline.endToEndMinutes} min`;
  return undefined;
}

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${+(n / 1024 ** 3).toFixed(2)} GB`;
  if (n >= 1024 ** 2) return `${+(n / 1024 ** 2).toFixed(2)} MB`;
  return `${n} bytes`;
}

/** Escape what would change the rendering of plain prose (emphasis, code, links), keeping it readable. */
function escape(text: string): string {
  return text.replace(/[\\`*[\]]/g, (c) => `\\${c}`).replace(/<(?=[A-Za-z/!])/g, '&lt;');
}
