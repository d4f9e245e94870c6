/** Rules over SQL (Athena and MySQL), in .sql files and embedded in code. */
import type { Rule } from '../engine/rule';
import { athenaPartitionFilter } from './athena/partition-filter';
import { sqlFunctionOnColumn } from './sql/function-on-column';
import { sqlSelectStar } from './sql/select-star';

export const sqlRules: Rule[] = [athenaPartitionFilter, sqlSelectStar, sqlFunctionOnColumn];
