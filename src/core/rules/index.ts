/** Every rule perfguard ships. Each pack lists its own rules; ids are unique across packs. */
import type { Rule } from '../engine/rule';
import { handlerRules } from './handler-rules';
import { iacRules } from './iac-rules';
import { sqlRules } from './sql-rules';

export const allRules: readonly Rule[] = [...handlerRules, ...sqlRules, ...iacRules];

const byId = new Map(allRules.map((r) => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return byId.get(id);
}

export const ruleIds: ReadonlySet<string> = new Set(byId.keys());
