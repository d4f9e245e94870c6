/**
 * cloudfront/compress: a CloudFront cache behaviour (default or ordered) without `compress = true`.
 */
import { createRule, type RuleContext } from '../../engine/rule';
import {
  attributeSite,
  boolOf,
  defaultOf,
  describeOrigin,
  iacRules,
  replaceEdits,
  setAttributeEdits,
} from '../../iac';

export const cloudfrontCompress = createRule(
  {
    id: 'cloudfront/compress',
    description: 'CloudFront cache behaviours that do not compress',
    defaultSeverity: 'warning',
    fix: 'sometimes',
    hasSuggestions: false,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'Without compression CloudFront serves JavaScript, CSS and JSON at full size: pages load slower and the ' +
      'distribution pays for several times the bytes; CloudFront compresses only for clients that accept it.',
    target: 'compress = true on every cache behaviour',
  },
  check,
);

const BEHAVIOURS = ['default_cache_behavior', 'ordered_cache_behavior'];

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  for (const dist of iac.resources('aws_cloudfront_distribution')) {
    const behaviours = dist.blocks.filter((b) => BEHAVIOURS.includes(b.type));
    for (const b of behaviours) {
      if (b.dynamic) continue;
      const attr = b.attributes.get('compress');
      if (!attr) {
        if (boolOf(defaultOf(dist, 'compress', { kind: 'bool', value: false })) !== false) continue;
        const single = behaviours.filter((x) => x.type === b.type).length === 1;
        iac.report(
          b.headerSpan,
          `CloudFront cache behaviour without compression: compress is not set in ${b.type}`,
          {
            fix: {
              title: 'Compress responses',
              edits: () =>
                single ? setAttributeEdits(ctx.file, dist, [b.type], [['compress', true]]) : undefined,
            },
          },
        );
        continue;
      }
      if (boolOf(attr.value) !== false) continue;
      iac.report(
        attributeSite(attr),
        `CloudFront cache behaviour without compression: compress is false${describeOrigin(attr)}`,
        {
          fix: { title: 'Compress responses', edits: () => replaceEdits(ctx.file, dist, attr, true) },
        },
      );
    }
  }
}
