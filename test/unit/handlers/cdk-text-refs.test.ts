/**
 * The handler index reads a CDK TypeScript stack's Lambda constructs from the `new` expressions the CDK front end
 * read from the text (no tree-sitter parse). Both readings must give the same handler references: a table of
 * handler settings, and every TypeScript file of this repository (plus PERFGUARD_CDK_TS_CORPUS=DIR).
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { corpusFiles, isTs, REPO_ROOT } from '../corpus-files';
import { ParsedFile } from '../../../src/core/engine/file';
import { cdkHandlerRefsFromTree, handlerRefsFromFile } from '../../../src/core/handlers/infra';
import { cdkTsNewExpressions } from '../../../src/core/iac/cdk-typescript';
import { loadGrammar } from '../../../src/core/parse/treesitter';

function both(src: string, rel = 'infra/lib/stack.ts') {
  const a = new ParsedFile(rel, rel, src, 'typescript');
  const b = new ParsedFile(rel, rel, src, 'typescript');
  try {
    const fromText = cdkTsNewExpressions(a) !== undefined;
    return { text: handlerRefsFromFile(a), tree: cdkHandlerRefsFromTree(b, 'js'), fromText };
  } finally {
    a.dispose();
    b.dispose();
  }
}

const STACK = `import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction } from 'aws-cdk-lib/aws-lambda-nodejs';
import { PythonFunction } from '@aws-cdk/aws-lambda-python-alpha';

export class Api extends Stack {
  constructor(scope: any, id: string) {
    super(scope, id);
    new lambda.Function(this, 'Plain', {
      runtime: lambda.Runtime.PYTHON_3_12,
      handler: 'app.lambda_handler',
      code: lambda.Code.fromAsset('functions/orders'),
    });
    new lambda.Function(this, "Joined", {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: "index.handler",
      code: lambda.Code.fromAsset(path.join(__dirname, '..', 'lambda', "reports")),
      functionName: 'reports-fn',
    });
    new lambda.Function(this, 'Template', {
      runtime: lambda.Runtime.NODEJS_18_X,
      handler: \`src/main.handler\`,
      code: lambda.Code.fromAsset(\`\${__dirname}/../lambda/tpl\`),
    });
    new lambda.Function(this, 'Escaped', {
      runtime: lambda.Runtime.PYTHON_3_11,
      handler: 'it\\'s.handler',
      code: new lambda.AssetCode('functions/escaped'),
    });
    new lambda.SingletonFunction(this, 'Single', {
      uuid: 'x',
      runtime: lambda.Runtime.PYTHON_3_12,
      handler: 'single.main',
      code: lambda.Code.fromAsset(path.resolve(__dirname, 'single')),
    });
    new NodejsFunction(this, 'Entry', { entry: path.join(__dirname, '../src/entry.ts'), handler: 'main' });
    new NodejsFunction(this, 'Default');
    new PythonFunction(this, 'Py', { entry: 'py-src', index: 'main.py', handler: 'go' });
    const inline = new lambda.Function(this, 'Inline', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => 1;'),
    });
    // new lambda.Function(this, 'Commented', { handler: 'no.handler', code: lambda.Code.fromAsset('x') });
  }
}
`;

describe('handlers: CDK TypeScript handler settings read from the text', () => {
  before(async () => {
    await loadGrammar('typescript');
  });

  it('a stack with every kind of handler setting reads the same both ways, from the text', () => {
    const r = both(STACK);
    assert.ok(r.fromText, 'read from the text');
    assert.deepStrictEqual(r.text, r.tree);
    assert.deepStrictEqual(
      r.text.map((x) => [x.logicalName, x.handler, x.candidates[0]]),
      [
        ['Plain', 'app.lambda_handler', 'infra/lib/functions/orders/app.py'],
        ['Joined', 'index.handler', 'infra/lambda/reports/index.js'],
        ['Template', 'src/main.handler', 'infra/lambda/tpl/src/main.js'],
        ['Escaped', "it's.handler", "infra/lib/functions/escaped/it's.py"],
        ['Single', 'single.main', 'infra/lib/single/single.py'],
        ['Entry', 'main', 'infra/src/entry.ts'],
        ['Default', 'handler', 'infra/lib/stack.Default.ts'],
        ['Py', 'main.go', 'infra/lib/py-src/main.py'],
      ],
    );
  });

  it('on every TypeScript file of this repository (and PERFGUARD_CDK_TS_CORPUS=DIR)', () => {
    const files = corpusFiles(['*.ts'], 'PERFGUARD_CDK_TS_CORPUS', isTs);
    let compared = 0;
    for (const f of files) {
      if (!fs.existsSync(f)) continue;
      const src = fs.readFileSync(f, 'utf8');
      if (!/aws-cdk-lib|@aws-cdk\//.test(src) || !src.includes('Function')) continue;
      const extra = process.env.PERFGUARD_CDK_TS_CORPUS;
      const rel = path.relative(extra && f.startsWith(extra) ? extra : REPO_ROOT, f).replace(/\\/g, '/');
      const r = both(src, rel);
      if (!r.fromText) continue;
      compared++;
      assert.deepStrictEqual(r.text, r.tree, f);
    }
    assert.ok(compared > 0, 'some stacks compared');
  });
});
