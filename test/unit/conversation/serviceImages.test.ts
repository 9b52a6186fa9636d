import * as assert from 'node:assert/strict';
import { dataUrl } from '../../../src/core/images/dataUrl';
import type { ImageRef } from '../../../src/core/images/imageRef';
import { solidPng } from '../../fixtures/images/makeImages';
import { TEACHER, openService, useFakeServerSuite } from './support';

/** Images through the whole conversation against the fake Responses server: what goes out, what is kept. */
describe('ConversationService: images', () => {
  const suite = useFakeServerSuite();

  async function withImage() {
    const h = await openService(suite.baseURL());
    suite.dirs.push(h.dir);
    const png = solidPng(64, 48);
    const put = await h.library.images.put(h.service.conversationId, png, 'chart.png');
    assert.ok(put.ok);
    return { h, png, ref: put.ref as ImageRef };
  }

  it('sends the image as input_image with a data URL after the text, and keeps only its reference', async () => {
    const { h, png, ref } = await withImage();
    const turn = await h.service.send({ origin: 'chat', userText: 'What does this chart show?', images: [ref], persona: TEACHER, model: 'gpt-4.1' });
    assert.equal(turn.status, 'complete');
    assert.deepEqual(turn.images, [ref]);
    const body = suite.server.responseRequests[0].body;
    assert.deepEqual(body.input, [{
      type: 'message',
      role: 'user',
      content: [
        { type: 'input_text', text: 'What does this chart show?' },
        { type: 'input_image', image_url: dataUrl('image/png', png), detail: 'auto' },
      ],
    }]);

    const next = await h.service.send({ origin: 'chat', userText: 'And the trend?', persona: TEACHER, model: 'gpt-4.1' });
    assert.equal(next.status, 'complete');
    const chained = suite.server.responseRequests[1].body;
    assert.equal(chained.input, 'And the trend?', 'a later turn chains and sends no image again');
    assert.equal(chained.previous_response_id, turn.responseId);
  });

  it('regenerate sends the same image again', async () => {
    const { h, png, ref } = await withImage();
    const turn = await h.service.send({ origin: 'chat', userText: 'Describe it', images: [ref], persona: TEACHER, model: 'gpt-4o' });
    const again = await h.service.regenerate(turn.id);
    assert.deepEqual(again.images, [ref]);
    const input = suite.server.responseRequests[1].body.input as Array<{ content: Array<{ type: string; image_url?: string }> }>;
    assert.equal(input[0].content[1].image_url, dataUrl('image/png', png));
  });

  it('a model without vision refuses the image with a 400, and the turn gets a named message', async () => {
    const { h, ref } = await withImage();
    const turn = await h.service.send({ origin: 'chat', userText: 'Describe it', images: [ref], persona: TEACHER, model: 'o3-mini' });
    assert.equal(turn.status, 'failed');
    assert.equal(turn.error?.kind, 'model_without_vision');
    assert.equal(turn.error?.title, 'o3-mini cannot read images');
    assert.match(turn.error?.detail ?? '', /image_url is only supported by certain models/);
    const requests = suite.server.responseRequests;
    assert.equal(requests.length, 1, 'not re-sent: the refusal is not about an optional parameter');
    assert.equal(requests[0].status, 400);
  });
});
