/**
 * athena/workgroup-encryption: an Athena workgroup whose query results are not encrypted (no
 * `configuration.result_configuration.encryption_configuration`). The fix adds SSE_S3 encryption.
 */
import { createRule, type RuleContext } from '../../engine/rule';
import { blockOf, iacRules, setAttributeEdits } from '../../iac';

export const athenaWorkgroupEncryption = createRule(
  {
    id: 'athena/workgroup-encryption',
    description: 'Athena workgroups whose query results are not encrypted',
    defaultSeverity: 'info',
    fix: 'sometimes',
    hasSuggestions: false,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'Query results are copies of the data they select, written to S3 as CSV: without workgroup encryption they ' +
      'depend on the bucket default, and clients may write them unencrypted.',
    target: 'result_configuration.encryption_configuration { encryption_option = "SSE_S3" }',
  },
  check,
);

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  for (const wg of iac.resources('aws_athena_workgroup')) {
    const conf = blockOf(wg, 'configuration');
    const results = conf && blockOf(conf, 'result_configuration');
    if (conf?.dynamic || results?.dynamic) continue;
    const enc = results && blockOf(results, 'encryption_configuration');
    if (enc) continue;
    iac.report(
      (results ?? conf ?? wg).headerSpan,
      'Athena workgroup results not encrypted: no result_configuration.encryption_configuration',
      {
        fix: {
          title: 'Encrypt query results with SSE_S3',
          edits: () =>
            setAttributeEdits(
              ctx.file,
              wg,
              ['configuration', 'result_configuration', 'encryption_configuration'],
              [['encryption_option', 'SSE_S3']],
            ),
        },
      },
    );
  }
}
