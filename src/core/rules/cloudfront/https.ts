/**
 * cloudfront/https: a CloudFront cache behaviour with `viewer_protocol_policy = "allow-all"`.
 * Suggests `redirect-to-https` (a behaviour change for plain-HTTP clients, so never applied by --fix).
 */
import { createRule, type RuleContext } from '../../engine/rule';
import {
  attributeSite,
  defaultOf,
  describeOrigin,
  iacRules,
  replaceEdits,
  setAttributeEdits,
  stringOf,
} from '../../iac';

export const cloudfrontHttps = createRule(
  {
    id: 'cloudfront/https',
    description: 'CloudFront cache behaviours that serve plain HTTP',
    defaultSeverity: 'warning',
    fix: 'never',
    hasSuggestions: true,
    languages: ['terraform', 'typescript', 'tsx', 'python', 'yaml', 'json'],
    why:
      'Plain HTTP cannot use HTTP/2 or TLS session reuse, leaks cookies and tokens, and lets proxies tamper with ' +
      'cached assets; redirecting to HTTPS keeps one secure, cacheable variant of every object.',
    target: 'viewer_protocol_policy = "redirect-to-https"',
  },
  check,
);

function check(ctx: RuleContext): void {
  const iac = iacRules(ctx);
  for (const dist of iac.resources('aws_cloudfront_distribution')) {
    const behaviours = dist.blocks.filter(
      (b) => b.type === 'default_cache_behavior' || b.type === 'ordered_cache_behavior',
    );
    for (const b of behaviours) {
      const attr = b.attributes.get('viewer_protocol_policy');
      if (!attr) {
        // Terraform requires the argument; a format with a default (CDK: ALLOW_ALL) carries it.
        if (
          b.dynamic ||
          stringOf(defaultOf(dist, 'viewer_protocol_policy', { kind: 'unknown' })) !== 'allow-all'
        )
          continue;
        const single = behaviours.filter((x) => x.type === b.type).length === 1;
        iac.report(
          b.headerSpan,
          `CloudFront serves plain HTTP: viewer_protocol_policy is not set in ${b.type} (defaults to "allow-all")`,
          {
            suggestions: [
              {
                title: 'Redirect HTTP to HTTPS',
                edits: () =>
                  single
                    ? setAttributeEdits(
                        ctx.file,
                        dist,
                        [b.type],
                        [['viewer_protocol_policy', 'redirect-to-https']],
                      )
                    : undefined,
              },
            ],
          },
        );
        continue;
      }
      if (stringOf(attr.value) !== 'allow-all') continue;
      iac.report(
        attributeSite(attr),
        `CloudFront serves plain HTTP: viewer_protocol_policy is "allow-all"${describeOrigin(attr)}`,
        {
          suggestions: [
            {
              title: 'Redirect HTTP to HTTPS',
              edits: () => replaceEdits(ctx.file, dist, attr, 'redirect-to-https'),
            },
          ],
        },
      );
    }
  }
}
