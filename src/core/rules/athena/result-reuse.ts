/**
 * athena/result-reuse: `start_query_execution` / `StartQueryExecutionCommand` / `startQueryExecution` without
 * `ResultReuseConfiguration`. Suggestion: reuse results by age (60 minutes from the targets, overridable).
 */
import { createRule, type RuleContext } from '../../engine/rule';
import { codeSqlOf, type AthenaCall } from '../../sql';

export const athenaResultReuse = createRule(
  {
    id: 'athena/result-reuse',
    description: 'Athena query executions without result reuse',
    defaultSeverity: 'info',
    fix: 'never',
    hasSuggestions: true,
    languages: ['python', 'javascript', 'typescript', 'tsx'],
    why:
      'With result reuse Athena answers a repeated query from the previous result without scanning again: ' +
      'no data scanned, no charge, and the answer in milliseconds.',
    target: 'reuse cached results (max age 60 minutes)',
    optionsSchema: {
      type: 'object',
      properties: { maxAgeInMinutes: { type: 'number', minimum: 1, maximum: 10080 } },
      additionalProperties: false,
    },
  },
  check,
);

function check(ctx: RuleContext): void {
  const opt = ctx.options.maxAgeInMinutes;
  const minutes =
    typeof opt === 'number' && opt > 0 ? Math.round(opt) : ctx.targets.athena.resultReuseMinutes;
  for (const call of codeSqlOf(ctx.file).calls) {
    if (!call.keys || call.keys.has('ResultReuseConfiguration')) continue;
    const text = property(call, minutes);
    ctx.report({
      message: `${ctx.file.text.slice(call.callee.start, call.callee.end)} runs without ResultReuseConfiguration, so a repeated query scans and bills again`,
      startOffset: call.callee.start,
      endOffset: call.callee.end,
      suggestions: [
        {
          title: `Reuse query results up to ${minutes} minutes old`,
          edits: [{ range: ctx.file.range(call.insertAt, call.insertAt), newText: text }],
        },
      ],
    });
  }
}

function property(call: AthenaCall, minutes: number): string {
  const value =
    call.language === 'python'
      ? `ResultReuseConfiguration={"ResultReuseByAgeConfiguration": {"Enabled": True, "MaxAgeInMinutes": ${minutes}}}`
      : `ResultReuseConfiguration: { ResultReuseByAgeConfiguration: { Enabled: true, MaxAgeInMinutes: ${minutes} } }`;
  if (call.multilineIndent !== undefined)
    return `${call.needsComma ? ',' : ''}\n${call.multilineIndent}${value}`;
  return `${call.needsComma ? ', ' : ''}${value}`;
}
