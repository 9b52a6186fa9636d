import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { solidPng } from '../fixtures/images/makeImages';
import { send, showThreadlineView, turnIds, waitForNewLastTurn } from './support/chatPanel';
import { EditorUi } from './support/editorUi';
import { WorkbenchSession } from './workbenchSession';

const PERSONAS = [
  { id: 'seeing', label: 'Seeing', instructions: 'Describe what you are shown.', model: 'gpt-4.1-mini' },
  // Text only, by OpenAI's model pages: the fake server refuses input_image for it as the API does.
  { id: 'textonly', label: 'Text only', instructions: 'Answer in words.', model: 'gpt-3.5-turbo' },
];

const PASTED = solidPng(40, 30, 1);
const DROPPED = solidPng(64, 48, 2);
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

interface ShownImage { src: string; alt: string; width: number; height: number }

/** A paste on the prompt or a drop on the composer carrying a PNG File, built in the webview as the browser delivers one. */
async function dispatchWithFile(chat: Frame, kind: 'paste' | 'drop', png: Buffer, name: string): Promise<void> {
  await chat.evaluate(({ kind, base64, name }) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], name, { type: 'image/png' }));
    if (kind === 'paste') {
      document.getElementById('prompt')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
      return;
    }
    const composer = document.getElementById('composer') as HTMLElement;
    composer.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    composer.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, { kind, base64: png.toString('base64'), name });
}

/** Waits until `selector` holds `count` decoded images (loaded, with their pixels) and returns them. */
async function loadedImages(chat: Frame, selector: string, count: number): Promise<ShownImage[]> {
  const handle = await chat.waitForFunction(
    ({ selector, count }) => {
      const images = Array.from(document.querySelectorAll<HTMLImageElement>(selector));
      if (images.length !== count || images.some((img) => !img.complete || img.naturalWidth === 0)) return false;
      return images.map((img) => ({ src: img.src, alt: img.alt, width: img.naturalWidth, height: img.naturalHeight }));
    },
    { selector, count },
    { timeout: 30_000 },
  );
  return (await handle.jsonValue()) as ShownImage[];
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((f) => path.join(dir, f)).filter((f) => fs.statSync(f).isFile());
}

/** The images of one request's user message, as the Responses API receives them. */
function inputImages(input: unknown): Array<{ type: string; image_url?: string; detail?: string }> {
  if (!Array.isArray(input)) return [];
  const user = input.filter((item: { role?: string }) => item.role === 'user').at(-1) as { content?: unknown } | undefined;
  return Array.isArray(user?.content) ? user.content.filter((part: { type?: string }) => part.type === 'input_image') : [];
}

/**
 * Images in the real workbench against the fake server: pasted and dropped into the composer, stored by hash,
 * sent as input_image with the detail setting, shown in the turn from the stored file before and after a window
 * reload, opened in the editor, refused by a model without vision with the named error, and never loaded from
 * anywhere remote.
 */
suite('Images in the real workbench', function () {
  this.timeout(240_000);
  let session: WorkbenchSession;
  let ui: EditorUi;
  let chat: Frame;
  let turnId = '';

  const turnImages = () => `.turn[data-turn-id="${turnId}"] .turn-images img`;

  suiteSetup(async () => {
    session = await WorkbenchSession.open('ui-images', {
      userSettings: { 'threadline.personas': PERSONAS, 'threadline.activePersona': 'seeing', 'threadline.imageDetail': 'high' },
    });
    ui = new EditorUi(session);
    chat = await showThreadlineView(session);
  });

  teardown(async function () {
    await ui.screenshotOnFailure(this.currentTest);
  });

  suiteTeardown(async () => {
    if (session) {
      await session.screenshot('final').catch(() => {});
      await session.close();
    }
  });

  test('a pasted and a dropped image show as thumbnails and go with the message as input_image data URLs with the detail setting', async () => {
    await dispatchWithFile(chat, 'paste', PASTED, 'pasted.png');
    await loadedImages(chat, '#attachments .attachment img', 1);
    assert.equal(await chat.inputValue('#prompt'), '', 'an image paste inserts no text');
    await dispatchWithFile(chat, 'drop', DROPPED, 'dropped.png');
    const thumbnails = await loadedImages(chat, '#attachments .attachment img', 2);
    assert.deepEqual(thumbnails.map((t) => [t.alt, t.width, t.height]), [['pasted.png', 40, 30], ['dropped.png', 64, 48]], 'the stored files, decoded');
    assert.deepEqual(
      await chat.$$eval('#attachments .remove-image', (buttons) => buttons.map((b) => b.getAttribute('aria-label'))),
      ['Remove image pasted.png', 'Remove image dropped.png'],
    );
    await chat.waitForFunction(() => /estimate of .+ for 2 image\(s\)/.test(document.getElementById('draft-tokens')?.title ?? ''), undefined, { timeout: 30_000 });
    await session.screenshot('composer-thumbnails');

    // The bytes were stored at once, by hash, in the workspace's image folder: the thumbnails are those files.
    const stored = filesUnder(session.globalStorage).filter((f) => f.split(path.sep).includes('images'));
    for (const png of [PASTED, DROPPED]) {
      const file = stored.find((f) => path.basename(f) === `${sha256(png)}.png`);
      assert.ok(file, `${sha256(png)}.png is stored (found: ${stored.map((f) => path.basename(f)).join(', ')})`);
      assert.deepEqual(fs.readFileSync(file), png);
    }

    const before = session.fake.responseRequests.length;
    const known = await turnIds(chat);
    await send(chat, 'What colours are these?');
    const turn = await waitForNewLastTurn(chat, known, 'complete', 60_000);
    turnId = turn.id;
    assert.equal(turn.user, 'What colours are these?');
    assert.ok(await chat.locator('#attachments').isHidden(), 'the tray empties once sent');

    assert.equal(session.fake.responseRequests.length, before + 1);
    const request = session.fake.responseRequests.at(-1);
    assert.equal(request?.body.model, 'gpt-4.1-mini');
    assert.deepEqual(inputImages(request?.body.input), [
      { type: 'input_image', image_url: `data:image/png;base64,${PASTED.toString('base64')}`, detail: 'high' },
      { type: 'input_image', image_url: `data:image/png;base64,${DROPPED.toString('base64')}`, detail: 'high' },
    ]);

    const shown = await loadedImages(chat, turnImages(), 2);
    assert.deepEqual(shown.map((t) => [t.width, t.height]), [[40, 30], [64, 48]], 'the turn shows both images');
    // The conversation's log references the images; their bytes are only in the image files.
    const logs = filesUnder(path.join(session.globalStorage)).filter((f) => !f.split(path.sep).includes('images'));
    const leaked = logs.filter((f) => fs.readFileSync(f, 'latin1').includes(PASTED.toString('base64').slice(0, 64)));
    assert.deepEqual(leaked, [], 'no stored record carries the image bytes');
    assert.ok(logs.some((f) => fs.readFileSync(f, 'utf8').includes(sha256(PASTED))), 'the turn is stored with a reference to its image');
    await session.screenshot('turn-with-images');
  });

  test('remote images are blocked by the panel’s policy, while the stored ones load', async () => {
    // A server that would serve a real PNG: if the policy let the request through, the image would load.
    let hits = 0;
    const remote: Server = createServer((_req, res) => {
      hits++;
      res.writeHead(200, { 'content-type': 'image/png' }).end(PASTED);
    });
    await new Promise<void>((resolve) => remote.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(remote.address() as AddressInfo).port}/tracker.png?leak=1`;
      // Settles on a load, or once the image has both failed and been reported as a violation; a deadline ends the
      // wait with what was seen, so a missing report fails the assertions instead of hanging.
      const outcome = await chat.evaluate((url) => new Promise<{ loaded: boolean; failed: boolean; directive?: string }>((resolve) => {
        const seen: { loaded: boolean; failed: boolean; directive?: string } = { loaded: false, failed: false };
        const settle = () => { if (seen.loaded || (seen.failed && seen.directive)) resolve(seen); };
        document.addEventListener('securitypolicyviolation', (event) => {
          if (!event.blockedURI.startsWith(new URL(url).origin)) return;
          seen.directive = event.effectiveDirective;
          settle();
        });
        const img = document.createElement('img');
        img.addEventListener('load', () => { seen.loaded = true; settle(); });
        img.addEventListener('error', () => { seen.failed = true; settle(); });
        setTimeout(() => resolve(seen), 20_000);
        img.src = url;
        document.body.append(img);
      }), url);
      assert.equal(outcome.loaded, false, 'the remote image did not load');
      assert.equal(outcome.failed, true, 'the image element reported the failure');
      assert.equal(outcome.directive, 'img-src');
      assert.equal(hits, 0, 'the remote server was never asked');
      const policy = await chat.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
      const imgSrc = policy.split(';').map((d) => d.trim()).find((d) => d.startsWith('img-src')) ?? '';
      const sources = imgSrc.split(/\s+/).slice(1);
      assert.equal(sources.length, 1, `img-src has one source: ${imgSrc}`);
      // The resource host's first label names the window's authority, which a CSP host cannot spell: it is `*.`.
      assert.match(sources[0], /^https?:\/\/(?:\*\.)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?::\d+)?\/\S+\/images\/$/, `img-src is the image folder: ${imgSrc}`);
      await loadedImages(chat, turnImages(), 2);
    } finally {
      await new Promise<void>((resolve) => remote.close(() => resolve()));
    }
  });

  test('after a window reload the turn still shows its images, read from the stored files', async () => {
    await session.page.reload();
    await session.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    chat = await showThreadlineView(session);
    const shown = await loadedImages(chat, turnImages(), 2);
    assert.deepEqual(shown.map((t) => [t.width, t.height]), [[40, 30], [64, 48]]);
    // Each address is the stored file's, through the webview's resource URI: images/<conversation>/<sha256>.png.
    const stored = filesUnder(session.globalStorage).filter((f) => f.split(path.sep).includes('images'));
    for (const [i, png] of [PASTED, DROPPED].entries()) {
      const src = decodeURIComponent(shown[i].src);
      assert.ok(src.endsWith(`/${sha256(png)}.png`), src);
      const file = stored.find((f) => path.basename(f) === `${sha256(png)}.png`);
      assert.ok(file);
      const folder = path.relative(session.globalStorage, path.dirname(file)).split(path.sep).join('/');
      assert.ok(src.includes(`/${folder}/`), `${src} is served from ${folder}`);
    }
    await session.screenshot('after-reload');
  });

  test('clicking a sent image opens it in the editor', async () => {
    const button = chat.locator(`.turn[data-turn-id="${turnId}"] .turn-image`).nth(1);
    assert.equal(await button.getAttribute('aria-label'), 'Open image dropped.png in the editor');
    await button.click();
    await ui.waitForActiveTab(`${sha256(DROPPED)}.png`);
    await session.screenshot('image-in-editor');
    chat = await showThreadlineView(session);
  });

  test('a model without vision gets the named error', async () => {
    await dispatchWithFile(chat, 'paste', PASTED, 'pasted.png');
    await loadedImages(chat, '#attachments .attachment img', 1);
    const before = session.fake.responseRequests.length;
    const known = await turnIds(chat);
    await send(chat, '@textonly What is this?');
    const turn = await waitForNewLastTurn(chat, known, 'failed', 60_000);
    const request = session.fake.responseRequests.at(-1);
    assert.equal(session.fake.responseRequests.length, before + 1);
    assert.equal(request?.body.model, 'gpt-3.5-turbo');
    assert.equal(inputImages(request?.body.input).length, 1, 'the image was sent');
    assert.equal(request?.status, 400);
    assert.match(turn.statusText, /gpt-3\.5-turbo cannot read images/);
    assert.match(turn.statusText, /pick a model that reads images/);
    await session.screenshot('model-without-vision');
  });
});
