/** Rules over SQL (Athena and MySQL), in .sql files and embedded in code. */
import type { Rule } from '../engine/rule';
import { athenaPartitionFilter } from './athena/partition-filter';

export const sqlRules: Rule[] = [athenaPartitionFilter];
