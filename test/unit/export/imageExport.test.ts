import * as assert from 'node:assert/strict';
import type { Turn } from '../../../src/core/conversation/turn';
import { emptyUsage } from '../../../src/core/turn/usage';
import { exportConversationJson } from '../../../src/core/export/jsonExport';
import { exportConversationMarkdown } from '../../../src/core/export/markdownExport';
import type { ImageRef } from '../../../src/core/images/imageRef';

const image: ImageRef = { sha256: 'a'.repeat(64), mime: 'image/png', bytes: 1234, width: 10, height: 10, name: 'chart [v2].png' };
const turn: Turn = {
  id: 't1', origin: 'chat', userText: 'What is this?', context: [], images: [image], personaId: 'p', personaLabel: 'P', model: 'gpt-4.1',
  assistantText: 'A chart.', refusalText: '', reasoningSummary: '', status: 'complete', startedAt: 0,
};

describe('export of a turn’s images', () => {
  it('Markdown links each image to its stored file, never inlining it', () => {
    const md = exportConversationMarkdown([turn], emptyUsage(), 'T', (ref) => `../store/images/c1/${ref.sha256}.png`);
    assert.ok(md.includes(`![chart v2.png](<../store/images/c1/${'a'.repeat(64)}.png>)`), md);
    assert.ok(!md.includes('base64'));
  });

  it('Markdown without a link names the file', () => {
    assert.ok(exportConversationMarkdown([turn], emptyUsage()).includes(`_Image: chart v2.png (${'a'.repeat(64)}.png)_`));
  });

  it('JSON keeps the reference and says which folder it is in', () => {
    const json = JSON.parse(exportConversationJson([turn], undefined, '/store/images/c1')) as { imageDir: string; turns: Turn[] };
    assert.equal(json.imageDir, '/store/images/c1');
    assert.deepEqual(json.turns[0].images, [image]);
  });
});
