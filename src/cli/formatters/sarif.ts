/**
 * SARIF 2.1.0 (https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html) for code-scanning services.
 *
 * - `runs[0].tool.driver.rules[]`: every rule with `id`, `shortDescription`, `helpUri` (its docs page) and
 *   `defaultConfiguration.level` (the severity in effect; `enabled: false` for rules turned off).
 * - `results[]`: `ruleId`, `ruleIndex`, `level`, `message.text`, one physical location whose `artifactLocation.uri`
 *   is relative to the current folder (forward slashes, `%SRCROOT%`) and whose `region` is 1-based, with
 *   exclusive end columns counted in UTF-16 code units (the SARIF default `columnKind`), and `fixes` when the
 *   finding has a safe fix.
 * - Config problems, skipped files and rule failures are `invocations[0].toolExecutionNotifications`.
 */
import { pathToFileURL } from 'url';
import {
  docsUrl,
  type EngineDiagnostic,
  type Range,
  type Severity,
  type SeveritySetting,
} from '../../core/model/types';
import { allFindings, type LintReport } from '../report';

export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export function sarifLevel(s: Severity | SeveritySetting): SarifLevel {
  switch (s) {
    case 'error':
      return 'error';
    case 'warning':
      return 'warning';
    case 'info':
      return 'note';
    default:
      return 'none';
  }
}

export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

export function sarifRegion(r: Range): SarifRegion {
  return {
    startLine: r.start.line + 1,
    startColumn: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  };
}

/** A relative URI reference for a forward-slash path (spaces, `%`, `#`, `?` and non-ASCII percent-encoded). */
export function sarifUri(relPath: string): string {
  return encodeURI(relPath).replace(/#/g, '%23').replace(/\?/g, '%3F');
}

const SRCROOT = '%SRCROOT%';

function artifact(relPath: string) {
  return { uri: sarifUri(relPath), uriBaseId: SRCROOT };
}

function notification(d: EngineDiagnostic) {
  return {
    level: d.kind === 'config-error' || d.kind === 'rule-error' ? 'error' : 'warning',
    message: { text: `${d.file}: ${d.message}` },
    descriptor: { id: d.kind },
    ...(d.ruleId ? { associatedRule: { id: d.ruleId } } : {}),
    locations: [{ physicalLocation: { artifactLocation: artifact(d.file) } }],
  };
}

export function toSarif(report: LintReport): Record<string, unknown> {
  const ruleIndex = new Map(report.rules.map((r, i) => [r.meta.id, i]));
  const rules = report.rules.map(({ meta, setting }) => ({
    id: meta.id,
    name: meta.id,
    shortDescription: { text: meta.description },
    fullDescription: { text: meta.why },
    helpUri: docsUrl(meta.id),
    help: { text: `${meta.description}. ${meta.why} See ${docsUrl(meta.id)}` },
    defaultConfiguration:
      setting === 'off'
        ? { level: sarifLevel(meta.defaultSeverity), enabled: false }
        : { level: sarifLevel(setting) },
    properties: {
      fix: meta.fix,
      languages: [...meta.languages],
      ...(meta.target ? { target: meta.target } : {}),
    },
  }));
  const results = allFindings(report).map((f) => {
    const result: Record<string, unknown> = {
      ruleId: f.ruleId,
      level: sarifLevel(f.severity),
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: artifact(f.file), region: sarifRegion(f.range) } }],
    };
    const idx = ruleIndex.get(f.ruleId);
    if (idx !== undefined) result.ruleIndex = idx;
    if (f.fix) {
      result.fixes = [
        {
          description: { text: f.fix.title },
          artifactChanges: [
            {
              artifactLocation: artifact(f.file),
              replacements: f.fix.edits.map((e) => ({
                deletedRegion: sarifRegion(e.range),
                insertedContent: { text: e.newText },
              })),
            },
          ],
        },
      ];
    }
    return result;
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'perfguard',
            version: report.version,
            semanticVersion: report.version,
            informationUri: 'https://github.com/perfguard/perfguard',
            rules,
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(report.root).href.replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: !report.failed,
            toolExecutionNotifications: report.diagnostics.map(notification),
          },
        ],
        results,
      },
    ],
  };
}

export function formatSarif(report: LintReport): string {
  return JSON.stringify(toSarif(report), null, 2) + '\n';
}
