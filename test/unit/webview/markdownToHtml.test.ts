import * as assert from 'node:assert/strict';
import { markdownToHtml } from '../../../src/webview/markdown/markdownToHtml';
import { fenceLabel, toVsCodeLanguageId } from '../../../src/webview/markdown/languages';

describe('markdownToHtml', () => {
  it('escapes raw HTML instead of passing it through', () => {
    const html = markdownToHtml('<script>alert(1)</script> <img src=x onerror=alert(1)>');
    assert.ok(!html.includes('<script>'));
    assert.ok(!html.includes('<img'));
    assert.ok(html.includes('&lt;script&gt;'));
  });

  it('links only web and mail targets; other schemes stay text', () => {
    assert.match(markdownToHtml('[a](https://example.com)'), /<a href="https:\/\/example\.com">a<\/a>/);
    assert.match(markdownToHtml('[m](mailto:a@example.com)'), /href="mailto:a@example\.com"/);
    for (const evil of ['javascript:alert(1)', 'JAVASCRIPT:alert(1)', 'vbscript:x', 'data:text/html,x', 'file:///etc/passwd']) {
      assert.ok(!markdownToHtml(`[x](${evil})`).includes('<a'), `${evil} became a link`);
    }
  });

  it('turns images into links and never emits <img>', () => {
    const html = markdownToHtml('![a "cat"](https://images.example.com/cat.png)');
    assert.ok(!html.includes('<img'));
    assert.match(html, /<a href="https:\/\/images\.example\.com\/cat\.png" class="image-link">/);
    assert.ok(html.includes('a &quot;cat&quot;'));
  });

  it('expresses table alignment as classes, without style attributes', () => {
    const html = markdownToHtml('| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |');
    assert.ok(!html.includes('style='));
    for (const align of ['left', 'center', 'right']) assert.ok(html.includes(`class="align-${align}"`), align);
  });

  it('highlights known languages and escapes unknown ones', () => {
    const ts = markdownToHtml('```ts\nconst x = "<b>";\n```');
    assert.match(ts, /<code class="language-ts">/);
    assert.match(ts, /<span class="hljs-keyword">const<\/span>/);
    assert.ok(ts.includes('&lt;b&gt;'));
    const unknown = markdownToHtml('```nosuchlang\n<b>x</b>\n```');
    assert.ok(unknown.includes('&lt;b&gt;x&lt;/b&gt;'));
    assert.ok(!unknown.includes('hljs-'));
  });

  it('linkifies bare URLs', () => {
    assert.match(markdownToHtml('see https://example.com/x now'), /<a href="https:\/\/example\.com\/x">/);
  });
});

describe('fence labels and VS Code language ids', () => {
  it('reads the first word of the info string', () => {
    assert.equal(fenceLabel('TS title="a b"'), 'ts');
    assert.equal(fenceLabel(''), '');
  });

  it('maps common labels and passes plausible ids through', () => {
    assert.equal(toVsCodeLanguageId('ts'), 'typescript');
    assert.equal(toVsCodeLanguageId('sh'), 'shellscript');
    assert.equal(toVsCodeLanguageId('c++'), 'cpp');
    assert.equal(toVsCodeLanguageId(''), 'plaintext');
    assert.equal(toVsCodeLanguageId('elixir'), 'elixir');
    assert.equal(toVsCodeLanguageId('"><img'), 'plaintext');
  });
});
