/** Rules over Lambda handler code (Python, JavaScript, TypeScript). */
import type { Rule } from '../engine/rule';
import { clientInHandler } from './lambda/client-in-handler';
import { importInHandler } from './lambda/import-in-handler';

export const handlerRules: Rule[] = [importInHandler, clientInHandler];
