/**
 * sql/select-star: `SELECT *` or `t.*` whose columns reach the result. Not reported inside a CTE or subquery
 * whose consumer names its columns (the engine prunes them), nor in view definitions; `INSERT … SELECT *`
 * between tables of the same shape is info. Safe fix when the catalog knows every covered relation's columns.
 */
import { tableLabel } from '../../catalog/catalog';
import { createRule, type RuleContext } from '../../engine/rule';
import {
  sqlStatementsOf,
  unitEdit,
  type FromItem,
  type Relation,
  type SqlStatement,
  type StarUse,
} from '../../sql';

export const sqlSelectStar = createRule(
  {
    id: 'sql/select-star',
    description: 'SELECT * whose columns reach the result',
    defaultSeverity: 'warning',
    fix: 'sometimes',
    hasSuggestions: false,
    languages: ['sql', 'python', 'javascript', 'typescript', 'tsx'],
    why:
      'Parquet and ORC store each column apart: Athena bills and reads only the columns a query names, ' +
      'so SELECT * scans every column of every row group it touches.',
    target: 'data scanned < 1 GB per query',
  },
  check,
);

const IDENT = /^[a-z_][a-z0-9_]*$/;
const RESERVED = new Set(
  'select from where group order by limit and or not in is null as on join table date time timestamp year month day user case when then else end values with union'.split(
    ' ',
  ),
);

function check(ctx: RuleContext): void {
  for (const st of sqlStatementsOf(ctx.workspace, ctx.file)) {
    const a = st.analysis();
    if (a.stars.length === 0) continue;
    const topLimited =
      ctx.file.language === 'sql' && st.node.type === 'query' && st.node.query.limit !== undefined;
    const seen = new Set<StarUse['item']>();
    for (const s of a.stars) {
      if (!s.reachesResult || seen.has(s.item)) continue;
      seen.add(s.item);
      if (topLimited) continue; // SELECT * … LIMIT n while exploring is what the guide recommends
      if (s.select.from.length === 0) continue;
      const names = s.relations.map(label).filter(Boolean).join(', ');
      let severity: 'info' | undefined;
      let message =
        `SELECT ${s.item.expr.type === 'star' && s.item.expr.qualifier ? starText(st, s) : '*'} reads every column` +
        (names ? ` of ${names}` : '') +
        ', and Athena bills every column it reads; name the columns the query needs';
      if (st.node.type === 'insert') {
        const target = st.catalog.resolve(
          st.node.table.map((p) => p.name),
          { dialect: st.unit.dialect },
        );
        const src = s.relations.length === 1 ? s.relations[0] : undefined;
        const same =
          !!target &&
          !!src?.columns &&
          target.columns.length > 0 &&
          sameShape(
            [...target.columns.map((c) => c.name), ...target.partitionKeys.map((c) => c.name)],
            src.columns,
          );
        const differs = !!target && !!src?.columns && target.columns.length > 0 && !same && !st.node.columns;
        if (!differs) {
          severity = 'info';
          message = same
            ? `INSERT … SELECT * copies ${names} into ${tableLabel(target)} of the same shape; naming the columns guards against schema drift`
            : `INSERT … SELECT * copies every column of ${names || 'the source'}; name the columns to guard against schema drift`;
        }
      }
      const fix = expansion(ctx, st, s);
      ctx.report({
        message,
        startOffset: st.host(s.item.expr.start),
        endOffset: st.host(s.item.expr.end),
        ...(severity ? { severity } : {}),
        ...(fix ? { fix } : {}),
      });
    }
  }
}

function label(r: Relation): string {
  if (r.table) return tableLabel(r.table);
  return r.alias;
}

function starText(st: SqlStatement, s: StarUse): string {
  return st.unit.text.slice(s.item.expr.start, s.item.expr.end);
}

function sameShape(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function hasUsing(from: FromItem[]): boolean {
  const visit = (f: FromItem): boolean =>
    f.type === 'join' ? !!f.using || visit(f.left) || visit(f.right) : false;
  return from.some(visit);
}

function quote(name: string, dialect: string): string {
  if (IDENT.test(name) && !RESERVED.has(name)) return name;
  return dialect === 'mysql' ? '`' + name.replace(/`/g, '``') + '`' : '"' + name.replace(/"/g, '""') + '"';
}

function expansion(ctx: RuleContext, st: SqlStatement, s: StarUse) {
  if (s.relations.length === 0 || hasUsing(s.select.from)) return undefined;
  if (s.relations.some((r) => !r.columns || r.columns.length === 0 || (r.kind === 'table' && !r.table)))
    return undefined;
  const star = s.item.expr;
  if (star.type !== 'star') return undefined;
  const qualifyAll = !star.qualifier && s.relations.length > 1;
  const parts: string[] = [];
  for (const r of s.relations) {
    let prefix = '';
    if (star.qualifier) prefix = st.unit.text.slice(star.start, star.end).replace(/\.\s*\*$/, '') + '.';
    else if (qualifyAll) {
      const q = r.ref?.alias?.text ?? r.ref?.name[r.ref.name.length - 1]?.text ?? r.alias;
      if (!q) return undefined;
      prefix = q + '.';
    }
    for (const c of r.columns as string[]) parts.push(prefix + quote(c, st.unit.dialect));
  }
  const edit = unitEdit(ctx.file, st.unit, star.start, star.end, parts.join(', '));
  if (!edit) return undefined;
  return { title: `Expand * to ${parts.length} column${parts.length === 1 ? '' : 's'}`, edits: [edit] };
}
