/**
 * The AWS side of perfguard, bundled on its own (dist/aws.js) and loaded by the extension with `require` only
 * when the metrics view opens or a command needs it. The only place the AWS SDK is imported.
 */
export { collect, createClients, listFunctions, listApiStages, REPORT_QUERY } from './collect';
export type { AwsSettings, CollectOptions, Collection, Clients } from './collect';
export { classify, isGlobal, networkCode } from './errors';
