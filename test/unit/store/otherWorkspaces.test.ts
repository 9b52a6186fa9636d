import * as assert from 'node:assert/strict';
import { appendFile, mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoreDamage } from '../../../src/core/store/libraryTypes';
import { OtherWorkspaces } from '../../../src/core/store/otherWorkspaces';
import { RecordingLogger } from '../provider/support';
import { FOLDER, turn, useLibraryRoot } from './support';

const ALPHA = { folderUris: ['file:///home/dev/alpha'] };
const BETA = { folderUris: ['file:///home/dev/beta'] };

/** Every file under `dir` with its size and time: what "nothing was written" is checked against. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of await readdir(dir, { recursive: true })) {
    const info = await stat(join(dir, name));
    if (info.isFile()) files[name] = `${info.size}@${info.mtimeMs}`;
  }
  return files;
}

describe('OtherWorkspaces: the conversations of every other workspace, read-only', () => {
  const roots = useLibraryRoot();

  function catalog(ownKey: string, damage: StoreDamage[] = []): OtherWorkspaces {
    return new OtherWorkspaces({ root: roots.root, ownKey, logger: new RecordingLogger(), onDamage: (d) => damage.push(d) });
  }

  it('lists every other workspace’s conversations with its label, merged from all its writers, and not this one’s', async () => {
    const own = await roots.library({ workspace: FOLDER });
    await (await own.create()).commit(turn(1, { userText: 'mine' }));
    const alpha1 = await roots.library({ workspace: ALPHA });
    const alpha2 = await roots.library({ workspace: ALPHA });
    const beta = await roots.library({ workspace: BETA });
    const a = await alpha1.createFrom([turn(2, { userText: 'alpha one' })], { title: '' });
    const b = await alpha2.createFrom([turn(3, { userText: 'alpha two' }), turn(4)], { title: '' });
    await alpha2.refresh();
    await alpha2.rename(a.id, 'Renamed by the second window');
    const c = await beta.createFrom([turn(5, { userText: 'beta' })], { title: '' });
    await beta.trash(c.id);
    for (const library of [alpha1, alpha2, beta]) await library.flush();

    const listed = await catalog(own.workspace.key).list();
    const byId = new Map(listed.map((s) => [s.id, s]));
    assert.deepEqual([...byId.keys()].sort(), [a.id, b.id, c.id].sort(), 'this workspace’s own conversation is not among them');
    assert.equal(byId.get(a.id)?.title, 'Renamed by the second window', 'the newest record of any writer wins');
    assert.equal(byId.get(a.id)?.workspace.label, 'alpha');
    assert.equal(byId.get(a.id)?.workspace.key, alpha1.workspace.key);
    assert.equal(byId.get(b.id)?.turnCount, 2);
    assert.equal(byId.get(c.id)?.workspace.label, 'beta');
    assert.ok(byId.get(c.id)?.trashedAt !== undefined, 'the trash is listed as such, for the caller to leave out');
  });

  it('reads one conversation’s turns from every writer, response ids kept, so a copy here continues its chain', async () => {
    const own = await roots.library({ workspace: FOLDER });
    const alpha1 = await roots.library({ workspace: ALPHA });
    const alpha2 = await roots.library({ workspace: ALPHA });
    const source = await alpha1.createFrom([turn(1)], { title: 'Shared' });
    await (await alpha2.open(source.id)).commit(turn(2));
    await alpha2.flush();

    const read = await catalog(own.workspace.key).read(alpha1.workspace.key, source.id);
    assert.deepEqual(read.turns.map((t) => [t.id, t.responseId]), [['turn-0001', 'resp_1'], ['turn-0002', 'resp_2']]);
    assert.equal(read.summary.title, 'Shared');
    assert.equal(read.summary.workspace.label, 'alpha');

    const copy = await own.createFrom(read.turns, { title: read.summary.title });
    assert.deepEqual(copy.turns.map((t) => t.responseId), ['resp_1', 'resp_2']);
    assert.deepEqual((await own.list()).map((s) => s.id), [copy.id]);
  });

  it('sees what another window wrote since the last listing', async () => {
    const own = await roots.library({ workspace: FOLDER });
    const alpha = await roots.library({ workspace: ALPHA });
    const first = await alpha.createFrom([turn(1)], { title: 'First' });
    const others = catalog(own.workspace.key);
    assert.deepEqual((await others.list()).map((s) => s.id), [first.id]);
    const second = await alpha.createFrom([turn(2)], { title: 'Second' });
    await (await alpha.open(first.id)).commit(turn(3));
    await alpha.flush();
    const listed = await others.list();
    assert.deepEqual(listed.map((s) => [s.title, s.turnCount]), [['First', 2], ['Second', 1]]);
    assert.deepEqual((await others.read(alpha.workspace.key, first.id)).turns.map((t) => t.id), ['turn-0001', 'turn-0003']);
    assert.ok(listed.some((s) => s.id === second.id));
  });

  it('damage costs only what is damaged, is reported once, and nothing in the other workspace is written', async () => {
    const own = await roots.library({ workspace: FOLDER });
    const alpha = await roots.library({ workspace: ALPHA });
    const kept = await alpha.createFrom([turn(1), turn(2), turn(3)], { title: 'Kept' });
    await alpha.dispose();
    roots.opened.splice(roots.opened.indexOf(alpha), 1);
    const log = join(alpha.paths.conversationDir(kept.id), `${alpha.writerId}.jsonl`);
    const index = join(alpha.paths.indexDir, `${alpha.writerId}.jsonl`);
    await appendFile(log, 'this is not json {\n');
    await appendFile(index, '{"op":"summary","flipped\n');
    // A temporary file from an interrupted write, old enough that its own library would remove it.
    const temp = join(alpha.paths.conversationDir(kept.id), '.x.jsonl.999999.abc.tmp');
    await writeFile(temp, 'half');
    const before = await snapshot(alpha.paths.workspaceDir);

    const damage: StoreDamage[] = [];
    const others = catalog(own.workspace.key, damage);
    const listed = await others.list();
    assert.deepEqual(listed.map((s) => [s.title, s.turnCount]), [['Kept', 3]]);
    assert.deepEqual((await others.read(alpha.workspace.key, kept.id)).turns.map((t) => t.id), ['turn-0001', 'turn-0002', 'turn-0003']);
    assert.deepEqual(damage.map((d) => [d.path, d.skippedRecords, d.backupPath]).sort(), [[index, 1, index], [log, 1, log]].sort());
    assert.ok(damage.every((d) => /another workspace and is left as it is/.test(d.reason)), damage.map((d) => d.reason).join('; '));

    await others.list();
    await others.read(alpha.workspace.key, kept.id);
    assert.equal(damage.length, 2, 'told once per file');
    assert.deepEqual(await snapshot(alpha.paths.workspaceDir), before, 'no backup, no index record, no clean-up in another workspace');
  });

  it('a conversation the index does not name yet is listed from its own log; a purged one is not', async () => {
    const own = await roots.library({ workspace: FOLDER });
    const alpha = await roots.library({ workspace: ALPHA });
    const unindexed = await alpha.createFrom([turn(1, { userText: 'Written before its summary' }), turn(2)], { title: '' });
    const purged = await alpha.createFrom([turn(3)], { title: 'Purged' });
    await alpha.trash(purged.id);
    assert.equal(await alpha.purgeTrash(0), 1);
    await alpha.dispose();
    roots.opened.splice(roots.opened.indexOf(alpha), 1);
    // The index as it would be had the writer stopped between its records and its summary: only the purge is left.
    const indexFile = join(alpha.paths.indexDir, `${alpha.writerId}.jsonl`);
    const lines = (await readFile(indexFile, 'utf8')).split('\n').filter((line) => !line.includes(`"id":"${unindexed.id}"`));
    await writeFile(indexFile, lines.join('\n'));

    const listed = await catalog(own.workspace.key).list();
    assert.deepEqual(listed.map((s) => [s.id, s.title, s.turnCount, s.workspace.label]), [[unindexed.id, 'Written before its summary', 2, 'alpha']]);
  });

  it('a missing or invalid identity costs the label only; an invalid one is reported', async () => {
    const own = await roots.library({ workspace: FOLDER });
    const alpha = await roots.library({ workspace: ALPHA });
    const beta = await roots.library({ workspace: BETA });
    await alpha.createFrom([turn(1)], { title: 'No identity' });
    await beta.createFrom([turn(2)], { title: 'Bad identity' });
    await rm(alpha.paths.identity);
    await writeFile(beta.paths.identity, '{"format":"threadline-workspace",');
    const damage: StoreDamage[] = [];
    const listed = await catalog(own.workspace.key, damage).list();
    const labels = Object.fromEntries(listed.map((s) => [s.title, s.workspace.label]));
    assert.deepEqual(labels, { 'No identity': `Workspace ${alpha.workspace.key.slice(0, 8)}`, 'Bad identity': `Workspace ${beta.workspace.key.slice(0, 8)}` });
    assert.deepEqual(damage.map((d) => d.path), [beta.paths.identity]);
  });

  it('reads nothing of this workspace, and refuses ids that could leave the library', async () => {
    const own = await roots.library({ workspace: FOLDER });
    const mine = await own.createFrom([turn(1)], { title: 'Mine' });
    const others = catalog(own.workspace.key);
    assert.deepEqual(await others.list(), []);
    await assert.rejects(others.read(own.workspace.key, mine.id), /belongs to this workspace/);
    await assert.rejects(others.read('..', mine.id), /Not a workspace key/);
    await assert.rejects(others.read('abc', '../x'), /Not a conversation id/);
    await mkdir(join(roots.root, 'workspaces', 'empty'), { recursive: true });
    await assert.rejects(others.read('empty', 'nothinghere'), /No conversation nothinghere/);
  });

  it('with no library under the root at all, lists nothing and reports nothing', async () => {
    const damage: StoreDamage[] = [];
    assert.deepEqual(await catalog('anything', damage).list(), []);
    assert.deepEqual(damage, []);
  });
});
