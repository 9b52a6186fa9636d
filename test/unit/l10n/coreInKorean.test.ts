import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { statelessDialectNotice } from '../../../src/core/conversation/chainedRequest';
import { describeCompaction } from '../../../src/core/conversation/compactionText';
import type { Turn } from '../../../src/core/conversation/turn';
import { checkBaseUrl } from '../../../src/core/endpoints/endpoint';
import { PRESETS } from '../../../src/core/endpoints/presets';
import { exportConversationMarkdown } from '../../../src/core/export/markdownExport';
import { adaptToStrictSchema, describeSchemaProblem } from '../../../src/core/extract/strictSchema';
import { validateJson } from '../../../src/core/extract/validateJson';
import { checkImageSize } from '../../../src/core/images/imageLimits';
import { setWebviewLocale } from '../../../src/core/l10n/webviewMessages';
import { describeCaProblem, readExtraCertificates } from '../../../src/core/network/caCertificates';
import { chooseProxy } from '../../../src/core/network/proxyRules';
import { describePersonaProblem, parsePersonas } from '../../../src/core/personas';
import { Shaping } from '../../../src/core/provider/requestShaper';
import { describeDeleteOutcome } from '../../../src/core/provider/storedResponses';
import { describeServerCleanup } from '../../../src/core/store/sharedResponses';
import { describeFailure } from '../../../src/core/store/workspaceDirectory';
import { emptyUsage } from '../../../src/core/turn/usage';

/**
 * With VS Code's Korean bundle loaded (as host/localization.ts does at activation), what core composes for the user
 * is Korean: settings problems, endpoint and network diagnostics, notes on the turn, extraction problems, exports.
 * Values the user or the server wrote (a URL, a model name, a schema keyword) stay as they were.
 */
const bundle = JSON.parse(readFileSync(join(process.cwd(), 'l10n', 'bundle.l10n.ko.json'), 'utf8')) as Record<string, string>;
const HANGUL = /[가-힣]/;

function assertKorean(text: string, ...kept: string[]): void {
  assert.match(text, HANGUL, text);
  for (const value of kept) assert.ok(text.includes(value), `${text} keeps ${value}`);
}

describe('core messages in Korean', () => {
  before(() => {
    l10n.config({ contents: bundle });
    setWebviewLocale('ko');
  });
  after(() => {
    l10n.config({ contents: {} });
    setWebviewLocale('en');
  });

  it('settings problems', () => {
    const { problems } = parsePersonas([{ id: 'a', instructions: 'x', temperature: 3 }]);
    assert.deepEqual(problems.map(describePersonaProblem), [
      'threadline.personas[0] ("a").label: 필수 항목입니다',
      'threadline.personas[0] ("a").temperature: 2 이하여야 합니다',
    ]);
  });

  it('endpoint, proxy, certificate and storage diagnostics', () => {
    const check = checkBaseUrl('ftp://host/v1');
    assert.ok(!check.ok);
    assertKorean(check.error.detail, 'threadline.baseUrl', 'ftp:');
    const proxy = chooseProxy('https://api.openai.com/v1', { proxy: 'socks5://p:1080', noProxy: [] }, {});
    assert.equal(proxy.kind, 'invalid');
    if (proxy.kind === 'invalid') assertKorean(proxy.problem, 'socks5');
    const { problems } = readExtraCertificates([{ path: '/ca.pem', source: 'NODE_EXTRA_CA_CERTS' }], () => {
      throw Object.assign(new Error('missing'), { code: 'ENOENT' });
    });
    assertKorean(describeCaProblem(problems[0]!), '/ca.pem', 'NODE_EXTRA_CA_CERTS');
    assertKorean(describeFailure(Object.assign(new Error('full'), { code: 'ENOSPC' })), 'ENOSPC');
    assertKorean(PRESETS.ollama.needs, 'ollama serve');
    assert.equal(PRESETS.custom.label, '사용자 지정');
  });

  it('what a turn says about itself, and server clean-up', () => {
    const shaping = new Shaping('gpt-5', new Set());
    shaping.accept('temperature', 1, false);
    assert.deepEqual(shaping.notApplied, ['temperature: gpt-5에서 사용하지 않음']);
    assertKorean(statelessDialectNotice({ earlierTurns: 3, tokens: 1200 }), '1,200');
    assertKorean(describeCompaction({ how: 'transcript', at: 0, tokensBefore: 96_400, tokensAfter: 8_100 }), '96,400', '8,100');
    assertKorean(describeDeleteOutcome({ deleted: 2, alreadyGone: 1, failed: [] }), '2', '1');
    assertKorean(describeServerCleanup({ remove: ['r1', 'r2'], keep: ['r3'] }), '2');
    assertKorean(checkImageSize(30 * 1024 * 1024, 'huge.png')?.message ?? '', 'huge.png', '30.0 MB');
  });

  it('JSON extraction problems', () => {
    const issues = validateJson({ age: -4 }, { type: 'object', properties: { age: { type: 'integer', minimum: 0 } }, required: ['age', 'name'] });
    assert.equal(issues.length, 2);
    for (const issue of issues) assertKorean(issue.message, '$');
    const adapted = adaptToStrictSchema({ type: 'object', properties: { a: { type: 'string' } }, not: {} });
    assert.ok(!adapted.ok);
    if (!adapted.ok) assertKorean(describeSchemaProblem(adapted.problems[0]!), 'not', '#');
  });

  it('the Markdown export', () => {
    const turn: Turn = {
      id: 't1', origin: 'chat', userText: 'What is this?', context: [], personaId: 'p', personaLabel: 'P', model: 'gpt-4.1',
      assistantText: 'A chart.', refusalText: '', reasoningSummary: '', status: 'stopped', startedAt: 0,
    };
    const markdown = exportConversationMarkdown([turn], emptyUsage());
    assert.match(markdown, /^# Threadline 대화$/m);
    assert.match(markdown, /^## 1\. 나$/m);
    assert.match(markdown, /What is this\?/);
    assert.match(markdown, /\*\*중지됨\*\*/);
  });
});
