/**
 * Handler settings in infrastructure code, one file at a time (pure: reads only the parsed file).
 * Filled in below: Terraform, SAM/CloudFormation, serverless.yml, CDK (TypeScript and Python).
 */
import type { ParsedFile } from '../engine/file';
import type { LanguageId, Range } from '../model/types';

export interface HandlerRef {
  /** Where the handler is set: the infrastructure file and the exact range of the setting's value. */
  file: string;
  range: Range;
  kind: 'terraform' | 'sam' | 'cloudformation' | 'serverless' | 'cdk';
  /** The deployed function's logical name: resource name, logical id, construct id or function key. */
  logicalName: string;
  /** The function name set explicitly (`function_name`, `FunctionName`, `functionName`), when literal. */
  deployedName?: string;
  /** The runtime when known (`python3.12`, `nodejs20.x`). */
  runtime?: string;
  /** The handler setting as written (`app.lambda_handler`), or the implied one (`index.handler`). */
  handler: string;
  /** The function's name inside its module (`lambda_handler`; `handlers.main` for nested Node exports). */
  functionName: string;
  /** Workspace-relative module files the handler may live in, most likely first. */
  candidates: string[];
  /** The candidate that exists in the workspace, filled in by the index. */
  resolvedFile?: string;
}

export const INFRA_LANGUAGES: readonly LanguageId[] = ['terraform', 'yaml', 'json', 'typescript', 'python'];

export function handlerRefsFromFile(_file: ParsedFile): HandlerRef[] {
  return [];
}
