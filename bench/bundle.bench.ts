// Sizes of what ships: the production extension bundle (tokenizer ranks are separate data files, loaded lazily)
// and the packaged .vsix.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

const kb = (path: string): number => Math.round((statSync(path).size / 1024) * 10) / 10;

const pack = spawnSync('npm', ['run', '--silent', 'package'], { stdio: ['ignore', 'ignore', 'inherit'] });
if (pack.status !== 0) {
  console.error('npm run package failed');
  process.exit(1);
}
const figures = {
  'bundle.extension_kb': kb('dist/extension.js'),
  'bundle.token_worker_kb': kb('dist/tokenWorker.js'),
  'bundle.ranks_kb': Math.round(kb('dist/ranks/o200k_base.json') + kb('dist/ranks/cl100k_base.json')),
  'bundle.vsix_kb': kb('dist-vsix/threadline.vsix'),
};
console.log(`BENCH ${JSON.stringify(figures)}`);
