/** Rules over Lambda handler code (Python, JavaScript, TypeScript). */
import type { Rule } from '../engine/rule';

export const handlerRules: Rule[] = [];
