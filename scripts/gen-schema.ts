/**
 * Generates `schemas/perfguard.schema.json` (IntelliSense for `.perfguard.json` through the extension's
 * `jsonValidation`) from the rules in `allRules` and the targets in `DEFAULT_TARGETS`, so that new rules and
 * targets appear without editing the schema by hand. Run by `npm run build` before esbuild.
 */
import * as fs from 'fs';
import * as path from 'path';
import { allRules, DEFAULT_TARGETS, docsUrl } from '../src/core';

type Schema = Record<string, unknown>;

const SEVERITY: Schema = { type: 'string', enum: ['off', 'info', 'warning', 'error'] };

function ruleSchema(): Schema {
  const properties: Record<string, Schema> = {};
  const ids = allRules.map((r) => r.meta.id).sort();
  for (const rule of [...allRules].sort((a, b) => a.meta.id.localeCompare(b.meta.id))) {
    const m = rule.meta;
    const description = `${m.description}. Default: ${m.defaultSeverity}.${m.target ? ` Target: ${m.target}.` : ''}`;
    const options: Schema = m.optionsSchema ?? { type: 'object' };
    properties[m.id] = {
      description,
      markdownDescription: `${description}\n\n[Documentation](${docsUrl(m.id)})`,
      default: m.defaultSeverity,
      anyOf: [SEVERITY, { type: 'array', items: [SEVERITY, options], minItems: 1, maxItems: 2 }],
    };
  }
  return {
    type: 'object',
    description: 'Rule severities by rule id: off, info, warning or error (or [severity, options]).',
    properties,
    propertyNames: { enum: ids },
    additionalProperties: false,
  };
}

/** A schema for a target value, from its default. */
function targetSchema(value: unknown, at: string): Schema {
  if (Array.isArray(value)) {
    const first: unknown = value[0];
    return {
      type: 'array',
      default: value,
      ...(first !== undefined ? { items: targetSchema(first, `${at}[]`) } : {}),
    };
  }
  if (value !== null && typeof value === 'object') {
    const properties: Record<string, Schema> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      properties[k] = targetSchema(v, `${at}.${k}`);
    }
    return { type: 'object', properties, additionalProperties: false };
  }
  return { type: typeof value === 'number' ? 'number' : typeof value, default: value };
}

export function buildSchema(): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/perfguard/perfguard/blob/main/schemas/perfguard.schema.json',
    title: 'perfguard configuration (.perfguard.json)',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      rules: ruleSchema(),
      targets: {
        ...targetSchema(DEFAULT_TARGETS, 'targets'),
        description: "The performance guide's targets; any value given here replaces the default.",
      },
      exclude: {
        type: 'array',
        items: { type: 'string' },
        description: 'Globs (gitignore style, relative to the workspace root) of files not to lint.',
      },
      tables: { description: 'Athena/Glue tables the SQL rules should know about.' },
      sql: { description: 'SQL settings (dialect and the like).' },
      handlers: { description: 'Extra Lambda handler mappings.' },
      data: { description: 'Data pipeline settings.' },
    },
    additionalProperties: false,
  };
}

if (require.main === module) {
  const out = path.join(__dirname, '..', 'schemas', 'perfguard.schema.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const text = JSON.stringify(buildSchema(), null, 2) + '\n';
  const old = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  if (old !== text) fs.writeFileSync(out, text);
}
