import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { NO_FOLDER_KEY } from '../../../src/core/store/workspaceIdentity';
import { openLibrary, removeDir, streamingTurn, tempRoot, turn, useLibraryRoot } from './support';

/** Two library instances on one root are two extension hosts on one workspace: two windows, two code-server tabs. */
describe('ConversationLibrary: several hosts on one workspace', () => {
  const roots = useLibraryRoot();
  const host = roots.library;

  for (const [label, workspace] of [
    ['a folder', { folderUris: ['file:///home/dev/project'] }],
    ['folderless windows', {}],
  ] as const) {
    it(`${label}: both append to one conversation at once; each sees every turn after a refresh, and nothing is lost on disk`, async () => {
      const a = await host({ workspace });
      const b = await host({ workspace });
      const onA = await a.create();
      await onA.commit(turn(0));
      const onB = await b.open(onA.id);
      assert.deepEqual(onB.turns.map((t) => t.id), ['turn-0000']);

      const writes: Promise<void>[] = [];
      for (let i = 1; i <= 40; i++) writes.push((i % 2 ? onA : onB).commit(turn(i)));
      await Promise.all(writes);
      await onA.refresh();
      await onB.refresh();
      const expected = Array.from({ length: 41 }, (_, i) => turn(i).id);
      assert.deepEqual(onA.turns.map((t) => t.id), expected);
      assert.deepEqual(onB.turns.map((t) => t.id), expected);

      const third = await host({ workspace });
      assert.deepEqual((await third.open(onA.id)).turns.map((t) => t.id), expected, 'a host opened later reads it all from disk');
      const [summary] = await third.list();
      assert.equal(summary.turnCount, 41, 'the newest summary in the index saw every record');
      assert.deepEqual((await readdir(a.paths.conversationDir(onA.id))).sort(), [`${a.writerId}.jsonl`, `${b.writerId}.jsonl`].sort());
      if (label === 'folderless windows') assert.equal(a.workspace.key, NO_FOLDER_KEY);
    });

    it(`${label}: New Conversation on one host while the other streams loses nothing`, async () => {
      const a = await host({ workspace });
      const b = await host({ workspace });
      const first = await a.create();
      await first.commit(turn(1));
      const onB = await b.open(first.id);
      const live = streamingTurn(2);
      onB.begin(live);
      live.assistantText = 'partial';
      onB.progress(live);

      // Host A starts a new conversation and talks there while B's answer streams in the old one.
      const second = await a.create();
      await second.commit(turn(3));
      await first.refresh();
      assert.deepEqual(first.turns.map((t) => t.id), ['turn-0001'], "B's streaming turn is not shown on A while B may still be streaming");
      live.assistantText = 'the whole answer';
      await onB.commit({ ...live, status: 'complete' });

      await a.refresh();
      assert.deepEqual(first.turns.map((t) => [t.id, t.assistantText]), [['turn-0001', 'answer 1'], ['turn-0002', 'the whole answer']]);
      const fresh = await host({ workspace });
      await fresh.refresh();
      const list = await fresh.list();
      assert.deepEqual(list.map((s) => [s.id, s.turnCount]).sort(), [[first.id, 2], [second.id, 1]].sort());
      assert.deepEqual((await fresh.open(first.id)).turns.map((t) => t.assistantText), ['answer 1', 'the whole answer']);
    });
  }

  it('a refresh announces what another host changed, and the list shows it without opening the conversation', async () => {
    const a = await host();
    const b = await host();
    const handle = await a.create();
    await handle.commit(turn(1));
    const announced: string[][] = [];
    b.onEvents({ changed: ({ conversationIds }) => announced.push(conversationIds) });
    await b.refresh();
    await Promise.resolve();
    assert.deepEqual(announced, [[handle.id]]);
    assert.equal((await b.list())[0].turnCount, 1);

    await handle.commit(turn(2));
    await b.refresh();
    await Promise.resolve();
    assert.equal((await b.list())[0].turnCount, 2);
    announced.length = 0;
    await b.refresh();
    await Promise.resolve();
    assert.deepEqual(announced, [], 'nothing new, nothing announced');
  });

  it('a rename on one host and a pin on the other both stay; a turn removed on one is gone on the other', async () => {
    const a = await host();
    const b = await host();
    const onA = await a.create();
    await onA.commit(turn(1));
    await onA.commit(turn(2));
    const onB = await b.open(onA.id);
    await Promise.all([a.rename(onA.id, 'Named on A'), b.setPinned(onA.id, true)]);
    await onB.remove('turn-0001');
    await a.refresh();
    await b.refresh();
    for (const lib of [a, b]) {
      const [summary] = await lib.list();
      assert.equal(summary.title, 'Named on A');
      assert.equal(summary.pinned, true);
    }
    assert.deepEqual(onA.turns.map((t) => t.id), ['turn-0002']);
    const fresh = await host();
    assert.deepEqual((await fresh.open(onA.id)).turns.map((t) => t.id), ['turn-0002']);
  });

  it('a change made after seeing another host\'s record wins, even when that host\'s clock runs ahead', async () => {
    const a = await host({ now: () => Date.now() + 3_600_000 });
    const b = await host();
    const onA = await a.create();
    await onA.commit(turn(1, { assistantText: 'from the host an hour ahead' }));
    const onB = await b.open(onA.id);
    await onB.commit(turn(1, { assistantText: 'edited afterwards' }));
    await onA.refresh();
    assert.equal(onA.turns[0].assistantText, 'edited afterwards');
  });
});

describe('ConversationLibrary: hosts in separate processes', () => {
  let root = '';
  beforeEach(async () => {
    root = await tempRoot();
  });
  afterEach(() => removeDir(root));

  function runHost(args: string[]): Promise<number | null> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [join(__dirname, 'hostProcess.js'), root, ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('error', reject);
      child.on('exit', (code, signal) => resolve(signal ? -1 : code));
    });
  }

  it('two processes appending to one conversation at once lose nothing', async function () {
    this.timeout(60_000);
    const lib = await openLibrary(root);
    try {
      const handle = await lib.create();
      await handle.commit(turn(0));
      const codes = await Promise.all([runHost([handle.id, '1', '60']), runHost([handle.id, '100', '60'])]);
      assert.deepEqual(codes, [0, 0]);
      // A host that did not take part lists it from the index alone: the newest summary saw every record.
      const fresh = await openLibrary(root);
      assert.equal((await fresh.list())[0].turnCount, 121);
      await fresh.dispose();
      await handle.refresh();
      const expected = [0, ...Array.from({ length: 60 }, (_, i) => i + 1), ...Array.from({ length: 60 }, (_, i) => i + 100)].map((i) => turn(i).id);
      assert.deepEqual(handle.turns.map((t) => t.id), expected);
    } finally {
      await lib.dispose();
    }
  });

  it('a host killed mid-answer: its turn comes back stopped at once, since its process is gone', async function () {
    this.timeout(60_000);
    const lib = await openLibrary(root);
    try {
      const handle = await lib.create();
      await handle.commit(turn(0));
      assert.equal(await runHost([handle.id, '1', '2', 'crash']), -1);
      await handle.refresh();
      assert.deepEqual(handle.turns.map((t) => [t.id, t.status, t.assistantText]), [
        ['turn-0000', 'complete', 'answer 0'],
        ['turn-0001', 'complete', 'answer 1'],
        ['turn-0002', 'complete', 'answer 2'],
        ['turn-0003', 'stopped', 'cut off mid-'],
      ]);
    } finally {
      await lib.dispose();
    }
  });
});
