import * as assert from 'assert';
import { parseSql, countSqlErrors } from '../../../src/core/sql/parser';
import { detectDialect } from '../../../src/core/sql/source';
import { tokenize } from '../../../src/core/sql/tokenize';
import { syntaxErrorCount } from '../../../src/core/parse/verify';
import '../../../src/core/sql';

describe('sql parser', () => {
  it('tokenizes with exact offsets: strings, quoted identifiers, comments, params, templates', () => {
    const t = tokenize(
      "SELECT \"a b\", 'it''s' -- c\n/* x */ FROM t WHERE x = ? AND y = {{ var }} AND z = {prefix}tbl",
    );
    const kinds = t.tokens.map((k) => `${k.kind}:${k.text}`);
    assert.deepStrictEqual(kinds.slice(0, 4), ['word:SELECT', 'qident:"a b"', 'op:,', "string:'it''s'"]);
    assert.strictEqual(t.tokens[3]!.value, "it's");
    assert.strictEqual(t.tokens[1]!.start, 7);
    assert.ok(kinds.includes('param:?'));
    assert.ok(kinds.includes('param:{{ var }}'));
    assert.ok(kinds.includes('param:{prefix}tbl'));
    assert.strictEqual(t.comments.length, 2);
  });

  it('parses real Athena/Trino constructs', () => {
    const sql = `WITH a AS (SELECT id, transform(xs, x -> x + 1) ys FROM "db"."t" CROSS JOIN UNNEST(arr) AS u(v))
SELECT a.id, row_number() OVER (PARTITION BY a.id ORDER BY 1) rn, m['k'], CAST(ts AS timestamp(3) with time zone)
FROM a LEFT JOIN b ON a.id = b.id AND b.dt BETWEEN DATE '2026-01-01' AND current_date - INTERVAL '7' DAY
WHERE NOT EXISTS (SELECT 1 FROM c WHERE c.id = a.id) AND a.id IN (1, 2) AND x IS NOT DISTINCT FROM y
GROUP BY GROUPING SETS ((a.id), ()) HAVING count(*) > 1 ORDER BY 1 DESC NULLS LAST OFFSET 5 LIMIT 10;
UNLOAD (SELECT * FROM t) TO 's3://x/' WITH (format = 'PARQUET');
MSCK REPAIR TABLE t;`;
    const r = parseSql(sql);
    assert.deepStrictEqual(
      r.statements.map((s) => s.node?.type),
      ['query', 'unload', 'other'],
    );
    assert.deepStrictEqual(
      r.statements.flatMap((s) => s.errors),
      [],
    );
  });

  it('keeps errors local to a statement and recovers at the next one', () => {
    const r = parseSql('SELECT a FROM t WHERE (;\nSELECT b FROM u;');
    assert.strictEqual(r.statements.length, 2);
    assert.strictEqual(r.statements[0]!.errors.length, 1);
    assert.strictEqual(r.statements[0]!.node, undefined);
    assert.strictEqual(r.statements[1]!.node?.type, 'query');
    assert.strictEqual(countSqlErrors('SELECT a FROM t WHERE (;'), 1);
    assert.strictEqual(syntaxErrorCount('sql', 'SELECT 1;'), 0, 'the sql error counter is registered');
  });

  it('parses MySQL DDL with keys and options', () => {
    const r = parseSql(
      "CREATE TABLE `o` (`id` int(11) NOT NULL AUTO_INCREMENT, `c` varchar(32) DEFAULT '', PRIMARY KEY (`id`), KEY `k` (`c`)) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;",
      { dialect: 'mysql' },
    );
    const n = r.statements[0]!.node!;
    assert.strictEqual(n.type, 'create-table');
    if (n.type === 'create-table')
      assert.deepStrictEqual(
        n.indexes.map((i) => i.columns),
        [['id'], ['c']],
      );
  });

  it('detects MySQL', () => {
    assert.strictEqual(detectDialect('CREATE TABLE t (id INT AUTO_INCREMENT) ENGINE=InnoDB;'), 'mysql');
    assert.strictEqual(detectDialect('SELECT `a` FROM t'), 'mysql');
    assert.strictEqual(detectDialect('CREATE EXTERNAL TABLE `t` (a string) STORED AS PARQUET'), 'athena');
    assert.strictEqual(detectDialect('SELECT a FROM t'), 'athena');
  });

  it('times out instead of hanging and parses deep nesting without overflow', () => {
    const deep = 'SELECT ' + '('.repeat(400) + '1' + ')'.repeat(400);
    const r = parseSql(deep);
    assert.strictEqual(r.statements.length, 1);
    const t = parseSql('SELECT ' + Array.from({ length: 20000 }, (_, i) => `c${i}`).join(', ') + ' FROM t', {
      timeoutMs: 0,
    });
    assert.ok(t.statements[0]!.timedOut);
  });
});
