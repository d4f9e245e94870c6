/** Rules over the infrastructure resource model (Terraform, CDK, SAM/CloudFormation, serverless.yml). */
import type { Rule } from '../engine/rule';
import { lambdaMemory } from './lambda/memory';

export const iacRules: Rule[] = [lambdaMemory];
