import * as assert from 'node:assert/strict';
import { base64Length, checkImageSize, checkRequestImages, MAX_IMAGE_BYTES } from '../../../src/core/images/imageLimits';
import { toChatImagePart, toChatUserContent } from '../../../src/core/images/chatImagePart';

describe('image size limits', () => {
  it('takes an image up to 20 MB and refuses one byte more, naming it', () => {
    assert.equal(checkImageSize(MAX_IMAGE_BYTES, 'a.png'), undefined);
    const problem = checkImageSize(MAX_IMAGE_BYTES + 1, 'huge.png');
    assert.equal(problem?.kind, 'too_large');
    assert.match(problem?.message ?? '', /huge\.png is 20\.0 MB; the API takes images up to 20\.0 MB\. Nothing was sent\./);
  });

  it('counts a request’s images as they travel, base64-encoded, against 50 MB', () => {
    assert.equal(base64Length(3), 4);
    const twoOfFifteen = [15, 15].map((mb) => mb * 1024 * 1024);
    assert.equal(checkRequestImages(twoOfFifteen), undefined, '30 MB raw is 40 MB encoded');
    const threeOfFifteen = [15, 15, 15].map((mb) => mb * 1024 * 1024);
    assert.match(checkRequestImages(threeOfFifteen)?.message ?? '', /60\.0 MB encoded; a request may carry 50\.0 MB/);
    assert.equal(checkRequestImages(Array.from({ length: 21 }, () => 10))?.kind, 'too_many');
  });
});

describe('Chat Completions image parts', () => {
  const image = { dataUrl: 'data:image/png;base64,iVBORw0KGgo=', detail: 'low' as const };

  it('spells an image as an image_url part with its detail', () => {
    assert.deepEqual(toChatImagePart(image), { type: 'image_url', image_url: { url: image.dataUrl, detail: 'low' } });
  });

  it('keeps a text-only message a plain string, and puts the text before the images otherwise', () => {
    assert.equal(toChatUserContent('hello'), 'hello');
    assert.deepEqual(toChatUserContent('what is this?', [image]), [
      { type: 'text', text: 'what is this?' },
      { type: 'image_url', image_url: { url: image.dataUrl, detail: 'low' } },
    ]);
  });
});
