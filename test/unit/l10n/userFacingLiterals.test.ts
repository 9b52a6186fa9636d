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
  // Reason ids, not prose: an incomplete answer's (shown through the webview catalogue) and a direct route's (logged).
  'src/core/provider/chat/chatFinish.ts: max_output_tokens',
  'src/core/provider/chat/chatFinish.ts: content_filter',
  'src/core/network/proxyRules.ts: unconfigured',
  'src/core/network/proxyRules.ts: noProxy',
  // Damage reasons: written to the log only; the warning the user reads is composed by the host in its own words.
  "src/core/store/conversationFiles.ts: the conversation's directory cannot be read (…); it is left as it is",
  'src/core/store/legacyMigration.ts: a 0.1.0 conversation could not be read (…)',
  'src/core/store/libraryIndex.ts: the index cannot be read (…)',
  'src/core/store/otherWorkspace.ts: the index cannot be read (…)',
  'src/core/store/otherWorkspace.ts: its identity cannot be read (…); it is listed by its key',
  'src/core/store/otherWorkspace.ts: its identity is not valid; it is listed by its key',
  'src/core/store/otherWorkspaces.ts: the workspaces cannot be listed (…)',
  'src/core/store/readOnlyDamage.ts: …; it belongs to another workspace and is left as it is',
  // Guards behind the protocol's validation and internal invariants: reached only through a bug, and read in a bug report.
  'src/core/store/conversationLibrary.ts: Not a conversation id: …',
  'src/core/store/otherWorkspaces.ts: That conversation belongs to this workspace.',
  'src/core/store/otherWorkspaces.ts: Not a workspace key: …',
  'src/core/store/otherWorkspaces.ts: Not a conversation id: …',
  'src/core/chatHtml.ts: buildChatHtml: the nonce must be at least 16 base64/hex characters',
  'src/core/provider/outputParts.ts: no part … for output item …',
  'src/core/tokens/rankTable.ts: ….json in … is not a tokenizer rank file',
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
    const sentences = scanSource('w.ts', [
      "export function describeThing(): string { return 'Plain English'; }",
      'const retryNotice = (): string => `Sent ${n} again`;',
      "if (!ok) throw new Error('Went wrong');",
      "walk.problem(at, 'enum', 'bad keyword');",
      "throw new MalformedStreamFault('odd stream');",
      "problems.push({ index, field: 'id', message: 'not valid' });",
      "function describeFine(): string { return l10n.t('Fine'); }",
      "function helper(): string { return 'Not a message function'; }",
      "logger.warn('logs stay English');",
    ].join('\n'), 'core').map((f) => f.text);
    assert.deepEqual(sentences, ['Plain English', 'Sent … again', 'Went wrong', 'bad keyword', 'odd stream', 'not valid']);
    assert.deepEqual(scanSource('v.ts', "throw new Error(`there is no persona ${id}`);", 'host').map((f) => f.text), ['there is no persona …']);
  });

  it('treats codicons, punctuation and numbers as not prose', () => {
    assert.equal(isProse('$(check) '), false);
    assert.equal(isProse(' · '), false);
    assert.equal(isProse('(3)'), false);
    assert.equal(isProse('Send'), true);
  });
});
