/**
 * apigw/compression: a REST API (`aws_api_gateway_rest_api`) without `minimum_compression_size`, with
 * compression disabled (-1 or ""), or with a threshold above the guide's 1 KB.
 */
import { createRule, type RuleContext } from '../../engine/rule';
import {
  attributeSite,
  describeOrigin,
  iacRules,
  numberOf,
  replaceEdits,
  setAttributeEdits,
} from '../../iac';

export const apigwCompression = createRule(
  {
    id: 'apigw/compression',
    description: 'API Gateway REST APIs that do not compress responses over 1 KB',
    defaultSeverity: 'warning',
    fix: 'sometimes',
    hasSuggestions: false,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'Uncompressed JSON responses are several times larger on the wire: clients wait longer for the last byte ' +
      'and the API pays for the transfer; gzip above 1 KB costs little CPU.',
    target: 'gzip responses larger than 1 KB (minimum_compression_size ≤ 1024)',
  },
  check,
);

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  const max = ctx.targets.apiGateway.compressionMaxBytes;
  const title = `Compress responses over ${max} bytes`;
  for (const api of iac.resources('aws_api_gateway_rest_api')) {
    const attr = api.attributes.get('minimum_compression_size');
    if (!attr) {
      iac.report(
        api.headerSpan,
        'API Gateway REST API without compression: minimum_compression_size is not set',
        {
          fix: {
            title,
            edits: () => setAttributeEdits(ctx.file, api, [], [['minimum_compression_size', max]]),
          },
        },
      );
      continue;
    }
    const disabled = attr.value.kind === 'string' && attr.value.value.trim() === '';
    const n = numberOf(attr.value);
    if (!disabled && (n === undefined || (n >= 0 && n <= max))) continue;
    const what = disabled || n! < 0 ? 'compression is disabled' : `minimum_compression_size is ${n} bytes`;
    iac.report(
      attributeSite(attr),
      `API Gateway REST API compression above 1 KB: ${what}${describeOrigin(attr)}, target ≤ ${max}`,
      {
        fix: { title, edits: () => replaceEdits(ctx.file, api, attr, max) },
      },
    );
  }
}
