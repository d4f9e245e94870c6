/** Rules over the infrastructure resource model (Terraform, CDK, SAM/CloudFormation, serverless.yml). */
import type { Rule } from '../engine/rule';

export const iacRules: Rule[] = [];
