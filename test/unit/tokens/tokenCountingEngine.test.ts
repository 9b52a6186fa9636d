import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRankFile } from '../../../src/core/tokens/rankTable';
import { InProcessTokenCounting, TokenRequestError } from '../../../src/core/tokens/tokenCountingClient';
import { TokenCountingEngine } from '../../../src/core/tokens/tokenCountingEngine';
import { TokenWorkerClient } from '../../../src/tokens/tokenWorkerClient';
import { KOREAN_PROSE, rankFile, referenceEncoder, typescriptLibFiles } from './corpus';

describe('TokenCountingEngine', () => {
  let ranksDirectory = '';
  before(() => {
    ranksDirectory = mkdtempSync(join(tmpdir(), 'threadline-ranks-'));
    for (const name of ['o200k_base', 'cl100k_base'] as const) writeFileSync(join(ranksDirectory, `${name}.json`), JSON.stringify(rankFile(name)));
  });
  after(() => rmSync(ranksDirectory, { recursive: true, force: true }));

  it('loads ranks from a directory and keeps mirrored documents in step with their edits', async () => {
    const client = new InProcessTokenCounting(new TokenCountingEngine((encoding) => readRankFile(ranksDirectory, encoding)));
    const text = typescriptLibFiles(20_000)[5].text;
    // The edit is sent before the open has finished loading ranks: requests must still run in order.
    const opened = client.request({ kind: 'openDocument', documentId: 'doc', encoding: 'cl100k_base', text });
    const edited = client.request({ kind: 'editDocument', documentId: 'doc', changes: [{ offset: 0, deleteLength: 0, text: '<|endoftext|>\n' }] });
    const reference = referenceEncoder('cl100k_base');
    assert.equal(await opened, reference.encode(text).length);
    assert.equal(await edited, reference.encode(`<|endoftext|>\n${text}`).length);
  });

  it('answers an edit to an unknown document with an error that asks for the text again', async () => {
    const client = new InProcessTokenCounting(new TokenCountingEngine((encoding) => readRankFile(ranksDirectory, encoding)));
    await assert.rejects(
      client.request({ kind: 'editDocument', documentId: 'never-opened', changes: [] }),
      (error: unknown) => error instanceof TokenRequestError && error.unknownDocument,
    );
  });

  it('reports a missing rank file and recovers once it is there', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'threadline-no-ranks-'));
    try {
      const client = new InProcessTokenCounting(new TokenCountingEngine((encoding) => readRankFile(empty, encoding)));
      await assert.rejects(client.request({ kind: 'count', encoding: 'o200k_base', text: 'hi' }), /o200k_base\.json/);
      writeFileSync(join(empty, 'o200k_base.json'), JSON.stringify(rankFile('o200k_base')));
      assert.equal(await client.request({ kind: 'count', encoding: 'o200k_base', text: 'hello world' }), 2);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('TokenWorkerClient', () => {
  const workerScript = join(process.cwd(), 'dist', 'tokenWorker.js');

  it('counts in the built worker exactly like js-tiktoken', async () => {
    assert.ok(existsSync(workerScript), 'dist/tokenWorker.js is built by `node esbuild.mjs` (npm run test:unit does it)');
    const client = new TokenWorkerClient(workerScript, { ranksDirectory: join(process.cwd(), 'dist', 'ranks') });
    try {
      assert.equal(await client.request({ kind: 'count', encoding: 'o200k_base', text: KOREAN_PROSE }), referenceEncoder('o200k_base').encode(KOREAN_PROSE).length);
      assert.equal(await client.request({ kind: 'openDocument', documentId: 'd', encoding: 'o200k_base', text: 'a\nb\n' }), 4);
      assert.equal(await client.request({ kind: 'editDocument', documentId: 'd', changes: [{ offset: 4, deleteLength: 0, text: 'c' }] }), 5);
    } finally {
      client.dispose();
    }
  });

  it('fails requests when the worker cannot start instead of hanging', async () => {
    const client = new TokenWorkerClient(join(process.cwd(), 'no-such-worker.js'), { ranksDirectory: '' });
    try {
      await assert.rejects(client.request({ kind: 'count', encoding: 'o200k_base', text: 'x' }), TokenRequestError);
    } finally {
      client.dispose();
    }
  });
});
