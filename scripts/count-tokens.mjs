#!/usr/bin/env node
// Prints the token count of each file with the extension's own counting code.
//   node scripts/count-tokens.mjs FILE… [--encoding o200k_base|cl100k_base] [--model NAME]
// The counting modules are bundled from src/core/tokens on the fly, so the figures always match the source;
// ranks come from dist/ranks when built, else from js-tiktoken's rank modules (the same data).
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

function usage(message) {
  if (message) console.error(message);
  console.error('usage: node scripts/count-tokens.mjs FILE… [--encoding o200k_base|cl100k_base] [--model NAME]');
  process.exit(2);
}

const files = [];
let encodingArg;
let modelArg;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const arg = args[i];
  if (arg === '--encoding' || arg === '--model') {
    const value = args[++i];
    if (!value) usage(`${arg} needs a value`);
    if (arg === '--encoding') encodingArg = value;
    else modelArg = value;
  } else if (arg.startsWith('--encoding=')) encodingArg = arg.slice('--encoding='.length);
  else if (arg.startsWith('--model=')) modelArg = arg.slice('--model='.length);
  else if (arg === '-h' || arg === '--help') usage();
  else files.push(arg);
}
if (files.length === 0) usage('no files given');

const bundle = await esbuild.build({
  stdin: {
    contents: [
      "export { TokenCountingEngine } from './src/core/tokens/tokenCountingEngine';",
      "export { encodingForModel, isEncodingName } from './src/core/tokens/models';",
      "export { readRankFile } from './src/core/tokens/rankTable';",
    ].join('\n'),
    resolveDir: root,
    loader: 'ts',
  },
  bundle: true,
  write: false,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
});
const source = bundle.outputFiles[0].text;
const tokens = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);

let encoding = encodingArg ?? 'o200k_base';
if (modelArg) {
  const resolved = tokens.encodingForModel(modelArg);
  if (!resolved.known) console.error(`note: ${modelArg} is not a known model; using ${resolved.encoding}`);
  encoding = encodingArg ?? resolved.encoding;
}
if (!tokens.isEncodingName(encoding)) usage(`unknown encoding ${encoding}`);

const ranksDirectory = join(root, 'dist', 'ranks');
const engine = new tokens.TokenCountingEngine(async (name) =>
  existsSync(join(ranksDirectory, `${name}.json`)) ? tokens.readRankFile(ranksDirectory, name) : require(`js-tiktoken/ranks/${name}`),
);

let total = 0;
let failed = false;
let id = 1;
for (const file of files) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    console.error(`${file}: ${error.message}`);
    failed = true;
    continue;
  }
  const response = await engine.handle({ kind: 'count', id: id++, encoding, text });
  if (response.kind !== 'counted') {
    console.error(`${file}: ${response.message}`);
    failed = true;
    continue;
  }
  total += response.count;
  console.log(`${response.count}\t${file}`);
}
if (files.length > 1) console.log(`${total}\ttotal (${encoding})`);
process.exit(failed ? 1 : 0);
