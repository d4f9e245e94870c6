/**
 * mysql/missing-index: a WHERE, JOIN … ON or ORDER BY column of a MySQL table whose schema in the workspace
 * (CREATE TABLE keys, CREATE INDEX, ALTER TABLE … ADD INDEX) has no index starting with that column.
 * Suggestion (when the schema is in the same file): the CREATE INDEX statement, appended to it.
 */
import { catalogOf } from '../../catalog/catalog';
import { createRule, type RuleContext } from '../../engine/rule';
import { forEachExpr, queriesOf, sqlStatementsOf, type ColumnRef, type Expr, type Select } from '../../sql';

export const mysqlMissingIndex = createRule(
  {
    id: 'mysql/missing-index',
    description: 'MySQL filter, join and sort columns without an index',
    defaultSeverity: 'warning',
    fix: 'never',
    hasSuggestions: true,
    languages: ['sql', 'python', 'javascript', 'typescript', 'tsx'],
    why:
      'Without an index whose first column is the filtered, joined or sorted column MySQL reads the whole table ' +
      '(type ALL in EXPLAIN) and sorts in a temporary file.',
  },
  check,
);

const COMPARE = new Set(['=', '<', '<=', '>', '>=', '<=>', 'LIKE']);

function check(ctx: RuleContext): void {
  const catalog = catalogOf(ctx.workspace);
  for (const st of sqlStatementsOf(ctx.workspace, ctx.file)) {
    if (st.unit.dialect !== 'mysql') continue;
    const a = st.analysis();
    const reported = new Set<string>();
    const consider = (ref: ColumnRef) => {
      const res = a.resolved.get(ref);
      const t = res?.relation.table;
      if (!res || !t || t.dialect !== 'mysql' || t.source.kind !== 'ddl') return;
      if (!t.columns.some((c) => c.name === res.column)) return;
      if (catalog.indexesOf(t).some((cols) => cols[0] === res.column)) return;
      const key = `${t.name}.${res.column}`;
      if (reported.has(key)) return;
      reported.add(key);
      const stmt = `CREATE INDEX idx_${t.name}_${res.column} ON ${t.name}(${res.column});`;
      const sameFile = t.source.file === ctx.file.relPath && ctx.file.language === 'sql';
      const eol = ctx.file.index.eol;
      const end = ctx.file.text.length;
      const sep = ctx.file.text.endsWith('\n') ? '' : eol;
      ctx.report({
        message: `Column ${res.column} of MySQL table ${t.name} is filtered, joined or sorted on without an index starting with it; add ${stmt}`,
        startOffset: st.host(ref.start),
        endOffset: st.host(ref.end),
        ...(sameFile
          ? {
              suggestions: [
                {
                  title: `Add ${stmt}`,
                  edits: [{ range: ctx.file.range(end, end), newText: `${sep}${stmt}${eol}` }],
                },
              ],
            }
          : {}),
      });
    };
    const visitPred = (e: Expr) =>
      forEachExpr(e, (x) => {
        if (x.type === 'subquery' || x.type === 'exists') return false;
        if (x.type === 'binary' && COMPARE.has(x.op)) {
          for (const side of [x.left, x.right]) if (side.type === 'column') consider(side);
          return false;
        }
        if ((x.type === 'between' || x.type === 'in') && x.expr.type === 'column') {
          consider(x.expr);
          return false;
        }
        return true;
      });
    for (const { select } of a.selects) {
      if (select.where) visitPred(select.where);
      joinConditions(select).forEach(visitPred);
    }
    for (const q of queriesOf(st.node))
      for (const o of q.orderBy) if (o.expr.type === 'column') consider(o.expr);
  }
}

function joinConditions(s: Select): Expr[] {
  const out: Expr[] = [];
  const visit = (f: Select['from'][number]) => {
    if (f.type !== 'join') return;
    visit(f.left);
    visit(f.right);
    if (f.on) out.push(f.on);
  };
  s.from.forEach(visit);
  return out;
}
