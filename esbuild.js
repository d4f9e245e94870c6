// Bundles the extension, the CLI and the lazy AWS bundle; copies the grammar wasm files next to them.
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = !process.argv.includes('--dev');
const watch = process.argv.includes('--watch');
const dist = path.join(__dirname, 'dist');

const WASM = [
  ['web-tree-sitter', 'tree-sitter.wasm'],
  ['tree-sitter-python', 'tree-sitter-python.wasm'],
  ['tree-sitter-javascript', 'tree-sitter-javascript.wasm'],
  ['tree-sitter-typescript', 'tree-sitter-typescript.wasm'],
  ['tree-sitter-typescript', 'tree-sitter-tsx.wasm'],
  ['@tree-sitter-grammars/tree-sitter-hcl', 'tree-sitter-terraform.wasm'],
];

function copyWasm() {
  fs.mkdirSync(dist, { recursive: true });
  for (const [pkg, file] of WASM) {
    const src = path.join(__dirname, 'node_modules', pkg, file);
    if (!fs.existsSync(src)) throw new Error(`missing ${src}: run npm install`);
    fs.copyFileSync(src, path.join(dist, file));
  }
}

/** Entry points that exist (later features add theirs). */
function entries() {
  const all = {
    extension: 'src/extension/extension.ts',
    // dist/cli.js (the `perfguard` bin) runs dist/cli-main.js with a V8 code cache (src/cli/loader.ts).
    cli: 'src/cli/loader.ts',
    'cli-main': 'src/cli/main.ts',
    aws: 'src/aws/index.ts',
  };
  return Object.fromEntries(Object.entries(all).filter(([, f]) => fs.existsSync(path.join(__dirname, f))));
}

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  // web-tree-sitter's CJS build refers to these Node modules conditionally.
  external: ['vscode'],
  legalComments: 'none',
  // jsonc-parser's "main" is a UMD build whose require('./impl/…') esbuild cannot follow: bundle its ES build.
  // web-tree-sitter's ES build reads import.meta.url, which is empty in a CJS bundle: bundle its CJS build.
  alias: {
    'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js',
    'web-tree-sitter': './node_modules/web-tree-sitter/tree-sitter.cjs',
  },
};

async function main() {
  copyWasm();
  const nodeEntries = entries();
  const builds = [];
  for (const [name, entry] of Object.entries(nodeEntries)) {
    builds.push({
      ...common,
      entryPoints: [entry],
      outfile: path.join(dist, `${name}.js`),
      banner: name === 'cli' ? { js: '#!/usr/bin/env node' } : undefined,
    });
  }
  // The sidebar's webview bundle (browser), when present.
  const webview = 'src/webview/main.ts';
  if (fs.existsSync(path.join(__dirname, webview))) {
    builds.push({
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      minify: production,
      sourcemap: !production,
      logLevel: 'warning',
      entryPoints: [webview],
      outfile: path.join(dist, 'webview.js'),
      loader: { '.css': 'text' },
    });
  }
  if (watch) {
    for (const b of builds) await (await esbuild.context(b)).watch();
    return;
  }
  await Promise.all(builds.map((b) => esbuild.build(b)));
  if (fs.existsSync(path.join(dist, 'cli.js'))) fs.chmodSync(path.join(dist, 'cli.js'), 0o755);
}

// The benches bundle their in-process runners with the same options (bench/bundle.ts).
module.exports = { common };

if (require.main === module)
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
