import * as assert from 'node:assert/strict';
import { sniffImage } from '../../../src/core/images/imageFormat';
import { gifHeader, jpegHeader, solidPng, webpLosslessHeader } from '../../fixtures/images/makeImages';

describe('image format by magic bytes', () => {
  it('recognises each format the API takes, with its size from the header', () => {
    assert.deepEqual(sniffImage(solidPng(640, 480)), { mime: 'image/png', width: 640, height: 480 });
    assert.deepEqual(sniffImage(jpegHeader(1024, 768)), { mime: 'image/jpeg', width: 1024, height: 768 });
    assert.deepEqual(sniffImage(gifHeader(300, 200)), { mime: 'image/gif', width: 300, height: 200 });
    assert.deepEqual(sniffImage(webpLosslessHeader(4000, 3000)), { mime: 'image/webp', width: 4000, height: 3000 });
  });

  it('judges by content, not by what the file claims to be', () => {
    assert.equal(sniffImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), undefined, 'SVG is not taken');
    assert.equal(sniffImage(Buffer.from('#!/bin/sh\nrm -rf /\n')), undefined);
    assert.equal(sniffImage(Buffer.from('BM\0\0\0\0')), undefined, 'BMP is not taken');
    assert.equal(sniffImage(Buffer.from('RIFF\0\0\0\0WAVEfmt ')), undefined, 'a RIFF that is not WEBP');
    assert.equal(sniffImage(new Uint8Array(0)), undefined);
  });

  it('keeps the format but drops a size the header does not give', () => {
    assert.deepEqual(sniffImage(solidPng(2, 2).subarray(0, 12)), { mime: 'image/png' }, 'cut before IHDR');
    assert.deepEqual(sniffImage(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10])), { mime: 'image/jpeg' });
  });
});
