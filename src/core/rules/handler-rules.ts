/** Rules over Lambda handler code (Python, JavaScript, TypeScript). */
import type { Rule } from '../engine/rule';
import { missingTtl } from './cache/missing-ttl';
import { scanFilter } from './dynamodb/scan-filter';
import { clientInHandler } from './lambda/client-in-handler';
import { importInHandler } from './lambda/import-in-handler';
import { sdkClientConfig } from './lambda/sdk-client-config';

export const handlerRules: Rule[] = [
  importInHandler,
  clientInHandler,
  sdkClientConfig,
  scanFilter,
  missingTtl,
];
