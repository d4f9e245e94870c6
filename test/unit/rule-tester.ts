/**
 * Table tests for rules, in the manner of typescript-eslint's RuleTester: `valid` cases report nothing;
 * `invalid` cases pin every finding (1-based line/column, end line/column) and give the whole file after
 * the safe fixes (`output`), or `null` when no fix may be offered.
 */
import * as assert from 'assert';
import { defaultConfig, parseConfig } from '../../src/core/config';
import type { Finding, Severity } from '../../src/core/model/types';
import { applyEdits } from '../../src/core/engine/fix';
import type { Rule } from '../../src/core/engine/rule';
import { Workspace } from '../../src/core/engine/workspace';

export interface ValidCase {
  name?: string;
  /** The file under test. */
  code: string;
  /** Workspace-relative path; its extension picks the language. */
  filename: string;
  /** Other files of the workspace (infrastructure naming handlers, DDL, …). */
  files?: Record<string, string>;
  /** `.perfguard.json` content. */
  config?: Record<string, unknown>;
}

export interface ExpectedFinding {
  /** Substring (or exact, when `exactMessage`) of the message. */
  message?: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity?: Severity;
  /** Each suggestion's title and the whole file after applying it alone. */
  suggestions?: { title?: string; output: string }[];
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** The whole file after `--fix`, or null when no safe fix is offered. */
  output: string | null;
}

export interface RuleTestTable {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

export async function lintCase(rule: Rule, c: ValidCase): Promise<{ ws: Workspace; findings: Finding[] }> {
  const cfg = c.config ? parseConfig('.perfguard.json', JSON.stringify(c.config)) : defaultConfig();
  assert.deepStrictEqual(cfg.problems, [], 'test config has problems');
  const ws = new Workspace('/ws', [rule], cfg);
  for (const [p, t] of Object.entries(c.files ?? {})) ws.setFile(p, t);
  const res = await ws.lint(c.filename, c.code, { ignoreExcludes: true });
  assert.deepStrictEqual(res.diagnostics, [], 'engine diagnostics');
  return { ws, findings: res.findings.filter((f) => f.ruleId === rule.meta.id) };
}

function describeFinding(f: Finding): string {
  const r = f.range;
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1} ${f.severity} ${f.message}`;
}

export function ruleTester(rule: Rule, table: RuleTestTable): void {
  describe(rule.meta.id, () => {
    describe('valid', () => {
      for (const [i, c] of table.valid.entries()) {
        it(c.name ?? `valid #${i + 1}`, async () => {
          const { findings } = await lintCase(rule, c);
          assert.deepStrictEqual(findings.map(describeFinding), [], 'expected no findings');
        });
      }
    });
    describe('invalid', () => {
      for (const [i, c] of table.invalid.entries()) {
        it(c.name ?? `invalid #${i + 1}`, async () => {
          const { ws, findings } = await lintCase(rule, c);
          assert.strictEqual(
            findings.length,
            c.errors.length,
            `expected ${c.errors.length} findings, got:\n${findings.map(describeFinding).join('\n')}`,
          );
          for (const [j, e] of c.errors.entries()) {
            const f = findings[j]!;
            const r = f.range;
            assert.deepStrictEqual(
              {
                line: r.start.line + 1,
                column: r.start.character + 1,
                endLine: r.end.line + 1,
                endColumn: r.end.character + 1,
              },
              { line: e.line, column: e.column, endLine: e.endLine, endColumn: e.endColumn },
              `range of finding ${j + 1}: ${describeFinding(f)}`,
            );
            // Offsets agree with positions.
            assert.strictEqual(ws.getFile(c.filename)!.index.positionAt(r.startOffset).line, r.start.line);
            if (e.message)
              assert.ok(
                f.message.includes(e.message),
                `message "${f.message}" should include "${e.message}"`,
              );
            assert.strictEqual(
              f.severity,
              e.severity ?? rule.meta.defaultSeverity,
              `severity of finding ${j + 1}`,
            );
            if (e.suggestions) {
              const got = f.suggestions ?? [];
              assert.strictEqual(got.length, e.suggestions.length, `suggestions of finding ${j + 1}`);
              for (const [k, s] of e.suggestions.entries()) {
                if (s.title) assert.strictEqual(got[k]!.title, s.title);
                assert.strictEqual(applyEdits(c.code, got[k]!.edits), s.output, `suggestion ${k + 1} output`);
              }
            }
          }
          const fixed = await ws.fix(c.filename, c.code, {
            ignoreExcludes: true,
            ruleIds: new Set([rule.meta.id]),
          });
          if (c.output === null) {
            assert.ok(
              findings.every((f) => !f.fix),
              'expected no fix to be offered',
            );
            assert.strictEqual(fixed.text, c.code);
          } else {
            assert.strictEqual(fixed.text, c.output, 'output after fix');
            assert.notStrictEqual(c.output, c.code, 'output equals input: use null when no fix is offered');
            // Idempotent: a second pass makes no edits.
            const again = await ws.fix(c.filename, fixed.text, {
              ignoreExcludes: true,
              ruleIds: new Set([rule.meta.id]),
            });
            assert.strictEqual(again.text, fixed.text, 'a second --fix pass changed the file');
          }
        });
      }
    });
  });
}
