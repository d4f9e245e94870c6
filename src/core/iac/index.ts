/**
 * The infrastructure resource model and its front ends. Importing this module registers every front end and
 * writer; rules import from here.
 */
import './terraform';
import './terraform-writer';
import './cloudformation';
import './serverless';
import './cdk-typescript';
import './cdk-python';

export * from './model';
export {
  registerWriter,
  writerFor,
  setAttributeEdits,
  replaceEdits,
  type IacWriter,
  type WriteValue,
} from './writer';
export { hclOf, buildTerraform, evaluate } from './terraform';
export { terraformWriter, hclLiteral } from './terraform-writer';
export { iacRules, type IacReporter, type LazyFix, attributeSite, describeOrigin } from './report';
export * from './queries';
