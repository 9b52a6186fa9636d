import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { dataUrl } from '../../../src/core/images/dataUrl';
import { MAX_IMAGE_BYTES } from '../../../src/core/images/imageLimits';
import { imageFileName } from '../../../src/core/images/imageRef';
import { loadTurnImages } from '../../../src/core/conversation/turnImages';
import { ImageStore } from '../../../src/core/store/imageStore';
import { solidPng } from '../../fixtures/images/makeImages';
import { turn, useLibraryRoot } from './support';

describe('image store', () => {
  const { library } = useLibraryRoot();

  it('stores an image once under its content hash, atomically, and reads it back checked', async () => {
    const lib = await library();
    const conversation = await lib.create();
    const png = solidPng(40, 30);
    const first = await lib.images.put(conversation.id, png, 'shot.png');
    assert.ok(first.ok);
    assert.deepEqual({ ...first.ref, sha256: undefined }, { sha256: undefined, mime: 'image/png', bytes: png.length, width: 40, height: 30, name: 'shot.png' });
    const again = await lib.images.put(conversation.id, png, 'copy of shot.png');
    assert.ok(again.ok && again.ref.sha256 === first.ref.sha256, 'same bytes, same name on disk');
    const dir = lib.images.dirOf(conversation.id);
    assert.deepEqual(await fs.readdir(dir), [imageFileName(first.ref)], 'one file, no temporary left behind');
    assert.equal(dir, join(lib.paths.workspaceDir, 'images', conversation.id));
    assert.deepEqual(Buffer.from(await lib.images.read(conversation.id, first.ref)), png);
  });

  it('refuses what is not an image by its bytes, and what is over the per-image limit, writing nothing', async () => {
    const lib = await library();
    const conversation = await lib.create();
    const script = await lib.images.put(conversation.id, Buffer.from('<script>alert(1)</script>'), 'evil.png');
    assert.ok(!script.ok && script.problem.kind === 'not_an_image');
    const huge = Buffer.concat([solidPng(1, 1), Buffer.alloc(MAX_IMAGE_BYTES)]);
    const tooLarge = await lib.images.put(conversation.id, huge, 'huge.png');
    assert.ok(!tooLarge.ok && tooLarge.problem.kind === 'too_large');
    await assert.rejects(fs.readdir(lib.images.dirOf(conversation.id)), /ENOENT/);
  });

  it('will not send a stored image whose bytes changed on disk', async () => {
    const lib = await library();
    const conversation = await lib.create();
    const put = await lib.images.put(conversation.id, solidPng(8, 8), 'a.png');
    assert.ok(put.ok);
    await fs.writeFile(lib.images.pathOf(conversation.id, put.ref), solidPng(8, 8, 5));
    await assert.rejects(lib.images.read(conversation.id, put.ref), /has changed on disk/);
  });

  it('loads a turn’s images as data URLs with the detail setting, only at send time', async () => {
    const lib = await library();
    const conversation = await lib.create();
    const png = solidPng(4, 4);
    const put = await lib.images.put(conversation.id, png, 'a.png');
    assert.ok(put.ok);
    const loaded = await loadTurnImages(lib.images, conversation.id, turn(1, { images: [put.ref] }), 'low');
    assert.deepEqual(loaded, [{ dataUrl: dataUrl('image/png', png), detail: 'low' }]);
    assert.match(loaded[0].dataUrl, /^data:image\/png;base64,iVBORw0KGgo/);
  });

  it('a fork gets its own links to the images its turns use, so purging the source keeps them', async () => {
    let now = 1_800_000_000_000;
    const lib = await library({ now: () => now });
    const source = await lib.create();
    const put = await lib.images.put(source.id, solidPng(6, 6), 'a.png');
    assert.ok(put.ok);
    await source.commit(turn(1, { images: [put.ref] }));
    const fork = await lib.createFrom(source.turns, { title: 'Fork', forkedFrom: { conversationId: source.id, turnId: source.turns[0].id } });
    assert.ok(await lib.images.has(fork.id, put.ref));

    await lib.trash(source.id);
    now += 31 * 86_400_000;
    assert.equal(await lib.purgeTrash(30 * 86_400_000), 1);
    assert.ok(!(await lib.images.has(source.id, put.ref)), 'the purged conversation’s images went with it');
    assert.ok(await lib.images.has(fork.id, put.ref), 'the fork keeps its own');
  });

  it('copies images from another folder (another workspace’s) without touching it', async () => {
    const lib = await library();
    const elsewhere = new ImageStore(join(lib.paths.workspaceDir, '..', 'other', 'images'));
    const put = await elsewhere.put('c1', solidPng(3, 3), 'b.png');
    assert.ok(put.ok);
    const copy = await lib.createFrom([turn(1, { images: [put.ref] })], { title: 'Copy', imagesFrom: elsewhere.dirOf('c1') });
    assert.ok(await lib.images.has(copy.id, put.ref));
    assert.ok(await elsewhere.has('c1', put.ref));
  });

  it('the log references images by hash: no base64 in any record', async () => {
    const lib = await library();
    const conversation = await lib.create();
    const put = await lib.images.put(conversation.id, solidPng(16, 16), 'a.png');
    assert.ok(put.ok);
    await conversation.commit(turn(1, { images: [put.ref] }));
    await lib.flush();
    const dir = lib.paths.conversationDir(conversation.id);
    const log = (await Promise.all((await fs.readdir(dir)).map((name) => fs.readFile(join(dir, name), 'utf8')))).join('\n');
    assert.ok(log.includes(put.ref.sha256));
    assert.ok(!log.includes('base64') && !log.includes('iVBORw0KGgo'), 'no image data in the log');
    const reopened = await (await library()).open(conversation.id);
    assert.deepEqual(reopened.turns[0].images, [put.ref]);
  });
});
