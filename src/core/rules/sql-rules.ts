/** Rules over SQL (Athena and MySQL), in .sql files and embedded in code. */
import type { Rule } from '../engine/rule';

export const sqlRules: Rule[] = [];
