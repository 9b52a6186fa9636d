import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import type { ImageRef } from '../../src/core/images/imageRef';
import type { WebviewToHost } from '../../src/core/protocol';
import { solidPng } from '../fixtures/images/makeImages';
import { panelState, usage } from './chatFixtures';
import type { ChatPage } from './chatPage';
import { useChatPages } from './useChatPages';

type Attach = Extract<WebviewToHost, { type: 'attachImage' }>;

/** Plays the host: stores what the page sent (in the harness's image folder) and answers imageAttached. */
async function answerAttach(chat: ChatPage, harness: { origin: string; putImage(name: string, bytes: Buffer): void }, message: Attach): Promise<ImageRef> {
  const bytes = Buffer.from(message.data, 'base64');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const image: ImageRef = { sha256, mime: 'image/png', bytes: bytes.length, width: 40, height: 30, name: message.name };
  harness.putImage(`${sha256}.png`, bytes);
  await chat.post({ type: 'imageAttached', requestId: message.requestId, image, src: `${harness.origin}/images/${sha256}.png` });
  await chat.settle();
  return image;
}

async function attachRequests(chat: ChatPage, count: number): Promise<Attach[]> {
  await chat.page.waitForFunction((n) => (window as unknown as { __posted: Array<{ type: string }> }).__posted.filter((m) => m.type === 'attachImage').length >= n, count);
  return (await chat.posted()).filter((m): m is Attach => m.type === 'attachImage');
}

/** A ClipboardEvent or DragEvent carrying a PNG File, built in the page as a real paste or drop delivers it. */
async function dispatchWithFile(chat: ChatPage, kind: 'paste' | 'drop', pngBase64: string, name: string): Promise<void> {
  await chat.page.evaluate(({ kind, pngBase64, name }) => {
    const bytes = Uint8Array.from(atob(pngBase64), (c) => c.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], name, { type: 'image/png' }));
    if (kind === 'paste') {
      document.getElementById('prompt')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    } else {
      const composer = document.getElementById('composer') as HTMLElement;
      composer.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      composer.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }
  }, { kind, pngBase64, name });
}

describe('chat webview: images (Chromium)', function () {
  const pages = useChatPages();
  let chat: ChatPage;
  beforeEach(async () => {
    chat = pages.chat();
    await chat.post({ type: 'init', turns: [], state: { ...panelState(), imageBase: `${pages.harness().origin}/images/` }, totals: usage(0, 0) });
    await chat.settle();
  });

  it('paste and drop hand the image to the host, show its stored thumbnail, and send it with the message', async () => {
    const first = solidPng(40, 30, 1);
    const second = solidPng(40, 30, 2);
    await dispatchWithFile(chat, 'paste', first.toString('base64'), 'pasted.png');
    const [pasted] = await attachRequests(chat, 1);
    assert.deepEqual(Buffer.from(pasted.data, 'base64'), first, 'the bytes reach the host unchanged');
    assert.equal(await chat.page.inputValue('#prompt'), '', 'an image paste inserts no text');
    const a = await answerAttach(chat, pages.harness(), pasted);

    await dispatchWithFile(chat, 'drop', second.toString('base64'), 'dropped.png');
    const b = await answerAttach(chat, pages.harness(), (await attachRequests(chat, 2))[1]);

    const thumbnails = await chat.page.$$eval('#attachments .attachment img', (imgs) => imgs.map((img) => ({
      alt: img.getAttribute('alt'), loaded: (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0,
    })));
    assert.deepEqual(thumbnails, [{ alt: 'pasted.png', loaded: true }, { alt: 'dropped.png', loaded: true }]);
    const draft = await chat.page.waitForFunction(() => (window as unknown as { __posted: Array<{ type: string; images?: unknown[] }> }).__posted
      .filter((m) => m.type === 'draftChanged' && m.images?.length === 2).at(-1));
    const draftMessage = (await draft.jsonValue()) as unknown as { requestId: string; images: unknown };
    assert.deepEqual(draftMessage.images, [{ width: 40, height: 30 }, { width: 40, height: 30 }], 'the draft count asks for both images');
    await chat.post({ type: 'draftTokens', requestId: draftMessage.requestId, count: 560, encoding: 'o200k_base', imageTokens: 550 });
    await chat.settle();
    assert.match(await chat.page.getAttribute('#draft-tokens', 'title') ?? '', /including an estimate of 550 tokens for 2 image\(s\) by OpenAI.s formula/);
    await chat.screenshot('images-composer-thumbnails');

    await chat.page.fill('#prompt', 'Compare these');
    await chat.clearPosted();
    await chat.page.keyboard.press('Enter');
    const sent = await chat.waitForPosted('send');
    assert.deepEqual(sent.type === 'send' && sent.images, [a, b]);
    assert.equal(await chat.page.isHidden('#attachments'), true, 'the tray empties once sent');
  });

  it('each thumbnail has a labelled remove button, reachable and usable from the keyboard', async () => {
    for (const [i, name] of ['one.png', 'two.png'].entries()) {
      await dispatchWithFile(chat, 'paste', solidPng(8, 8, i).toString('base64'), name);
      await answerAttach(chat, pages.harness(), (await attachRequests(chat, i + 1))[i]);
    }
    const labels = await chat.page.$$eval('.remove-image', (buttons) => buttons.map((b) => b.getAttribute('aria-label')));
    assert.deepEqual(labels, ['Remove image one.png', 'Remove image two.png']);
    await chat.page.focus('.remove-image');
    await chat.page.keyboard.press('Enter');
    assert.deepEqual(await chat.page.$$eval('#attachments img', (imgs) => imgs.map((img) => img.getAttribute('alt'))), ['two.png']);
    assert.equal(await chat.page.evaluate(() => document.activeElement?.getAttribute('aria-label')), 'Remove image two.png', 'focus moves to the next');
    await chat.page.keyboard.press('Space');
    assert.equal(await chat.page.isHidden('#attachments'), true);
    assert.equal(await chat.page.evaluate(() => document.activeElement?.id), 'prompt', 'then back to the prompt');
  });

  it('refuses an over-limit file before reading it, and shows the host’s refusal', async () => {
    await chat.page.evaluate(() => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(20 * 1024 * 1024 + 1)], 'huge.png', { type: 'image/png' }));
      document.getElementById('prompt')?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    });
    await chat.page.waitForSelector('#composer-hint >> text=/huge\\.png is 20\\.0 MB/');
    assert.ok(!(await chat.posted()).some((m) => m.type === 'attachImage'), 'nothing was sent to the host');

    await chat.post({ type: 'imageRejected', message: 'notes.png is not a PNG, JPEG, WEBP or GIF image (judged by its content, not its name).' });
    await chat.page.waitForSelector('#composer-hint >> text=/judged by its content/');
  });

  it('a sent turn shows its images from the image folder, and a click asks the host to open one', async () => {
    const png = solidPng(20, 20, 3);
    const sha256 = createHash('sha256').update(png).digest('hex');
    pages.harness().putImage(`${sha256}.png`, png);
    const image: ImageRef = { sha256, mime: 'image/png', bytes: png.length, name: 'diagram.png' };
    const turn = { id: 't1', origin: 'chat' as const, userText: 'Explain', context: [], images: [image], personaId: 'assistant', personaLabel: 'Assistant',
      model: 'gpt-4.1', assistantText: 'It is a diagram.', refusalText: '', reasoningSummary: '', status: 'complete' as const, startedAt: 1 };
    await chat.post({ type: 'init', turns: [turn], state: { ...panelState(), imageBase: `${pages.harness().origin}/images/` }, totals: usage(0, 0) });
    await chat.settle();
    const thumb = await chat.page.waitForSelector('.turn-image img');
    await chat.page.waitForFunction((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth === 20, thumb);
    assert.equal(await chat.page.getAttribute('.turn-image', 'aria-label'), 'Open image diagram.png in the editor');
    await chat.screenshot('images-sent-turn');
    await chat.page.click('.turn-image');
    const open = await chat.waitForPosted('openImage');
    assert.deepEqual(open, { type: 'openImage', turnId: 't1', sha256 });
  });
});
