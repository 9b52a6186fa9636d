import * as assert from 'node:assert/strict';
import { MarkdownBlockSplitter } from '../../../src/webview/markdown/blockSplitter';
import { markdownToHtml } from '../../../src/webview/markdown/markdownToHtml';

/** Feeds text in chunks of `size` and returns the stable blocks and the final tail. */
function split(text: string, size: number): { blocks: string[]; tail: string } {
  const splitter = new MarkdownBlockSplitter();
  const blocks: string[] = [];
  for (let i = 0; i < text.length; i += size) blocks.push(...splitter.push(text.slice(i, i + size)));
  return { blocks, tail: splitter.tail };
}

const DOC = [
  '# Title',
  '',
  'A paragraph that spans',
  'two lines.',
  '',
  '```ts',
  'const a = 1;',
  '',
  'const b = 2;',
  '```',
  'Right after the fence.',
  '',
  '~~~',
  '``` not a closer for a tilde fence',
  '~~~~',
  '',
  '> quoted',
  '',
  'Tail still open',
].join('\n');

describe('MarkdownBlockSplitter', () => {
  it('closes blocks at blank lines and after fences, keeping blank lines inside fences', () => {
    const { blocks, tail } = split(DOC, DOC.length);
    assert.deepEqual(blocks, [
      '# Title\n',
      'A paragraph that spans\ntwo lines.\n',
      '```ts\nconst a = 1;\n\nconst b = 2;\n```\n',
      'Right after the fence.\n',
      '~~~\n``` not a closer for a tilde fence\n~~~~\n',
      '> quoted\n',
    ]);
    assert.equal(tail, 'Tail still open');
  });

  it('gives the same blocks whatever the chunk size, down to one character', () => {
    const whole = split(DOC, DOC.length);
    for (const size of [1, 2, 3, 7, 64]) assert.deepEqual(split(DOC, size), whole, `chunk size ${size}`);
  });

  it('renders blocks one by one to the same HTML as the whole document', () => {
    const { blocks, tail } = split(DOC, 5);
    const pieces = [...blocks, tail].map((block) => markdownToHtml(block)).join('');
    assert.equal(pieces, markdownToHtml(DOC));
  });

  it('keeps an unclosed fence open, whatever blank lines it contains', () => {
    const splitter = new MarkdownBlockSplitter();
    assert.deepEqual(splitter.push('Intro\n\n```python\ndef f():\n\n    return 1\n\n'), ['Intro\n']);
    assert.equal(splitter.insideFence, true);
    assert.equal(splitter.tail, '```python\ndef f():\n\n    return 1\n\n');
    assert.deepEqual(splitter.push('```\n'), ['```python\ndef f():\n\n    return 1\n\n```\n']);
    assert.equal(splitter.insideFence, false);
  });

  it('needs a closing fence as long as the opening one and of the same character', () => {
    const splitter = new MarkdownBlockSplitter();
    assert.deepEqual(splitter.push('````md\n```\ninner\n```\n\n'), []);
    assert.deepEqual(splitter.push('````\n'), ['````md\n```\ninner\n```\n\n````\n']);
  });

  it('does not treat a backtick run with a backtick in its info string as a fence', () => {
    const { blocks } = split('```inline``` code\n\nnext\n\n', 4);
    assert.deepEqual(blocks, ['```inline``` code\n', 'next\n']);
  });

  it('handles CRLF line endings', () => {
    const { blocks, tail } = split('one\r\n\r\n```\r\na\r\n\r\n```\r\nlast', 3);
    assert.deepEqual(blocks, ['one\r\n', '```\r\na\r\n\r\n```\r\n']);
    assert.equal(tail, 'last');
  });

  it('keeps only the open block: the tail never grows with the length of the message', () => {
    const splitter = new MarkdownBlockSplitter();
    let longestTail = 0;
    let closed = 0;
    const paragraph = 'Some words that make a sentence, then another one.\n\n';
    for (let n = 0; n < 2000; n++) {
      for (let i = 0; i < paragraph.length; i += 4) {
        closed += splitter.push(paragraph.slice(i, i + 4)).length;
        longestTail = Math.max(longestTail, splitter.tail.length);
      }
    }
    assert.equal(closed, 2000);
    assert.ok(longestTail <= paragraph.length, `tail reached ${longestTail} characters`);
  });
});
