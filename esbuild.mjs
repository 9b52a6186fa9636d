// Builds the shipped bundles (extension host + webview + token worker) and, with --tests, the test bundles.
//   node esbuild.mjs [--production] [--watch] [--tests]
// Type checking is separate: `npm run typecheck`.
import * as esbuild from 'esbuild';
import { createRequire } from 'node:module';
import { copyFileSync, mkdirSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const require = createRequire(import.meta.url);
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const tests = args.has('--tests');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  legalComments: 'none',
};

/** The extension host bundle: Node, CommonJS, `vscode` provided by the host. */
const extension = {
  ...common,
  // httpTransport carries undici (proxies, extra CAs); the extension loads it only when one is configured.
  entryPoints: { extension: 'src/extension.ts', tokenWorker: 'src/tokenWorker.ts', httpTransport: 'src/core/network/httpTransport.ts' },
  outdir: 'dist',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
};

/**
 * The chat webview bundle: a browser IIFE loaded with a CSP nonce. It gets a folder of its own because the
 * webview may read only its localResourceRoots (dist/webview and dist/codicons), not the extension's code or data.
 */
const webview = {
  ...common,
  entryPoints: { webview: 'src/webview/main.ts' },
  outdir: 'dist/webview',
  platform: 'browser',
  format: 'iife',
  target: 'chrome120',
  loader: { '.css': 'css' },
};

/**
 * Tokenizer ranks are data, not code: they are written once as JSON beside the bundles and loaded lazily,
 * so they stay out of the extension bundle and off the activation path.
 */
function writeRanks() {
  mkdirSync('dist/ranks', { recursive: true });
  for (const name of ['o200k_base', 'cl100k_base']) {
    const ranks = require(`js-tiktoken/ranks/${name}`);
    writeFileSync(`dist/ranks/${name}.json`, JSON.stringify(ranks.default ?? ranks));
  }
}

/** Codicons are the icon font the workbench uses; the webview loads its CSS and font through asWebviewUri. */
function copyCodicons() {
  mkdirSync('dist/codicons', { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    copyFileSync(require.resolve(`@vscode/codicons/dist/${file}`), `dist/codicons/${file}`);
  }
}

function findFiles(dir, predicate) {
  const found = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...findFiles(path, predicate));
    else if (predicate(path)) found.push(path);
  }
  return found;
}

/** Test and benchmark bundles keep node_modules external, so the tests drive the real installed packages. */
function testBuild() {
  const entryPoints = ['test', 'bench'].flatMap((dir) => findFiles(dir, (p) => p.endsWith('.ts') && !p.endsWith('.d.ts')));
  return {
    ...common,
    minify: false,
    sourcemap: 'inline',
    entryPoints: Object.fromEntries(entryPoints.map((p) => [relative('.', p).replace(/\.ts$/, ''), p])),
    outdir: 'out',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    external: ['vscode'],
  };
}

async function main() {
  writeRanks();
  copyCodicons();
  const configs = [extension, webview];
  if (tests) configs.push(testBuild());
  if (watch) {
    for (const config of configs) {
      const ctx = await esbuild.context(config);
      await ctx.watch();
    }
    console.log('[esbuild] watching for changes');
    return;
  }
  await Promise.all(configs.map((config) => esbuild.build(config)));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
