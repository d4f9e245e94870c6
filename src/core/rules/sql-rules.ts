/** Rules over SQL (Athena and MySQL), in .sql files and embedded in code. */
import type { Rule } from '../engine/rule';
import { athenaPartitionFilter } from './athena/partition-filter';
import { athenaResultReuse } from './athena/result-reuse';
import { athenaScanBudget } from './athena/scan-budget';
import { athenaTableFormat } from './athena/table-format';
import { mysqlMissingIndex } from './mysql/missing-index';
import { mysqlServerConfig } from './mysql/server-config';
import { sqlFunctionOnColumn } from './sql/function-on-column';
import { sqlMissingLimit } from './sql/missing-limit';
import { sqlSelectStar } from './sql/select-star';

export const sqlRules: Rule[] = [
  athenaPartitionFilter,
  sqlSelectStar,
  sqlFunctionOnColumn,
  sqlMissingLimit,
  athenaTableFormat,
  athenaResultReuse,
  athenaScanBudget,
  mysqlMissingIndex,
  mysqlServerConfig,
];
