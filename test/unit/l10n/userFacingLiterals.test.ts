import * as assert from 'node:assert/strict';
import { isProse, scanRepository, scanSource } from './literalScan';

/**
 * Text that is not user-facing although it sits where user-facing text goes: `file: text` of the literal.
 * Keep it short; each entry says why.
 */
const ALLOWED = new Set<string>([
  // A code fence's language name when the fence names none: an identifier, not prose.
  'src/webview/markdown/codeBlockChrome.ts: text',
  // The shape of an OpenAI key, shown as the input box's placeholder: the same in every language.
  'src/commands/setApiKeyCommand.ts: sk-…',
  // Diagnostic reasons: written to the log, and quoted in parentheses inside a translated warning. Not yet translated.
  // Reason ids of an incomplete answer, not prose.
  'src/core/provider/chat/chatFinish.ts: max_output_tokens',
  'src/core/provider/chat/chatFinish.ts: content_filter',
  // What a dialect probe saw ("answered 404 …"), quoted inside the translated "No OpenAI-compatible API" detail.
  'src/core/provider/dialectProbe.ts: answered ……',
  'src/core/provider/dialectProbe.ts: answered 404…',
  'src/core/provider/dialectProbe.ts: answered … with …, not an event stream',
  'src/core/network/proxyRules.ts: no proxy configured',
  'src/core/network/proxyRules.ts: matches no-proxy',
  'src/core/provider/storedResponses.ts: cancelled',
  'src/core/provider/storedResponses.ts: this endpoint cannot delete stored responses',
  "src/core/store/conversationFiles.ts: the conversation's directory cannot be read (…); it is left as it is",
  'src/core/store/legacyMigration.ts: a 0.1.0 conversation could not be read (…)',
  'src/core/store/libraryIndex.ts: the index cannot be read (…)',
  'src/core/store/otherWorkspace.ts: the index cannot be read (…)',
  'src/core/store/otherWorkspace.ts: its identity cannot be read (…); it is listed by its key',
  'src/core/store/otherWorkspace.ts: its identity is not valid; it is listed by its key',
  'src/core/store/otherWorkspaces.ts: the workspaces cannot be listed (…)',
  'src/core/store/readOnlyDamage.ts: …; it belongs to another workspace and is left as it is',
]);

describe('l10n: no user-facing literal bypasses the catalogues', () => {
  it('finds none in src (host, core, webview)', function () {
    this.timeout(60_000);
    const findings = scanRepository(process.cwd()).filter((f) => !ALLOWED.has(`${f.file}: ${f.text}`));
    assert.deepEqual(findings.map((f) => `${f.file}:${f.line}: ${f.text}`), []);
  });

  it('catches the shapes it is meant to catch, and lets translated text through', () => {
    const host = scanSource('x.ts', [
      "void vscode.window.showWarningMessage('Threadline: careful', 'Open');",
      "void vscode.window.showInformationMessage(vscode.l10n.t('Threadline: fine {0}', x));",
      "void vscode.window.showQuickPick(items, { title: `Pick ${n}`, placeHolder: vscode.l10n.t('ok') });",
      "void vscode.window.showQuickPick([{ label: '$(check) Done', detail: id }]);",
      "item.tooltip = cond ? 'Click me' : vscode.l10n.t('ok');",
    ].join('\n'), 'host').map((f) => f.text);
    assert.deepEqual(host, ['Threadline: careful', 'Open', 'Pick …', '$(check) Done', 'Click me']);
    const webview = scanSource('y.ts', [
      "h('span', { text: 'Hello there', className: 'greeting' });",
      "button({ icon: 'add', label: wt('toolbar.newConversation'), attrs: { 'aria-label': 'New' } });",
      "row.setAttribute('aria-label', `${title}, pinned`);",
      "row.setAttribute('data-id', 'abc');",
    ].join('\n'), 'webview').map((f) => f.text);
    assert.deepEqual(webview, ['Hello there', 'New', '…, pinned']);
    const core = scanSource('z.ts', "return { kind: 'auth', title: 'Rejected', detail: l10n.t('x {0}', host) };", 'core').map((f) => f.text);
    assert.deepEqual(core, ['Rejected']);
  });

  it('treats codicons, punctuation and numbers as not prose', () => {
    assert.equal(isProse('$(check) '), false);
    assert.equal(isProse(' · '), false);
    assert.equal(isProse('(3)'), false);
    assert.equal(isProse('Send'), true);
  });
});
