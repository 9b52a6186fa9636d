import * as assert from 'node:assert/strict';
import { ChatCompletionsProvider } from '../../../../src/core/provider/chat/chatCompletionsProvider';
import type { InputImage } from '../../../../src/core/images/imageRef';
import { FakeResponsesServer } from '../../../fake-server/fakeResponsesServer';
import { DeltaRecorder, RecordingLogger, requestFor, settingsFor } from '../support';

/** A 1×1 PNG: what a pasted image becomes once the host has read and checked it. */
const PIXEL: InputImage = {
  dataUrl: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  detail: 'low',
};

/** Images on the Chat Completions dialect: `image_url` parts after the text, and the named error where a model has no vision. */
describe('ChatCompletionsProvider: images', () => {
  const server = new FakeResponsesServer();
  let baseURL = '';
  before(async () => {
    baseURL = await server.start();
  });
  after(() => server.stop());
  afterEach(() => server.clearRequests());

  const send = (model: string) =>
    new ChatCompletionsProvider(settingsFor(baseURL), new RecordingLogger()).stream(
      requestFor('', { model, input: [{ role: 'user', content: 'What is in this picture?', images: [PIXEL] }] }),
      new DeltaRecorder(),
    );

  it('sends the text, then each image as an image_url part with its detail', async () => {
    const result = await send('gpt-4.1-mini');
    assert.equal(result.status, 'completed');
    const body = server.chatRequests.at(-1)?.body as { messages: unknown[] };
    assert.deepEqual(body.messages.at(-1), {
      role: 'user',
      content: [{ type: 'text', text: 'What is in this picture?' }, { type: 'image_url', image_url: { url: PIXEL.dataUrl, detail: 'low' } }],
    });
  });

  it('a model without vision refuses the image, and the turn names it', async () => {
    const result = await send('gpt-3.5-turbo');
    assert.equal(result.status, 'error');
    assert.equal(result.error?.kind, 'model_without_vision');
    assert.match(result.error?.title ?? '', /gpt-3\.5-turbo cannot read images/);
  });
});
