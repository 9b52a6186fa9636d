import * as assert from 'node:assert/strict';
import { markCitations, utf16Offset } from '../../../src/core/turn/citationMarks';

describe('citation marks in an answer', () => {
  const url = 'https://example.com/a';
  const numbers = new Map([[url, 1]]);
  const mark = (n: number) => `<${n}>`;

  it('a span over prose keeps its words and gets the number after them', () => {
    const text = 'Berlin has museums. More text.';
    assert.equal(markCitations(text, [{ type: 'url_citation', start_index: 0, end_index: 19, url }], numbers, mark), 'Berlin has museums.<1> More text.');
  });

  it('counts indices in code points, as the server does, past an emoji', () => {
    const text = '🎉 Party ([example.com](https://example.com/a)) ok';
    assert.equal(utf16Offset(text, 2), 3);
    const start = Array.from(text).indexOf('(');
    const end = start + '([example.com](https://example.com/a))'.length;
    assert.equal(markCitations(text, [{ type: 'url_citation', start_index: start, end_index: end, url }], numbers, mark), '🎉 Party <1> ok');
  });

  it('annotations of URLs without a number, other types and broken spans change nothing', () => {
    const text = 'Plain text.';
    const annotations = [
      { type: 'url_citation', start_index: 0, end_index: 5, url: 'javascript:alert(1)' },
      { type: 'file_citation', index: 2, file_id: 'f' },
      { type: 'url_citation', start_index: 9, end_index: 3, url },
    ];
    assert.equal(markCitations(text, annotations, numbers, mark), text);
  });
});
