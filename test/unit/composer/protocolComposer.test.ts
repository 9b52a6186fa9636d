import * as assert from 'node:assert/strict';
import { parseHostMessage, parseWebviewMessage } from '../../../src/core/protocol';

describe('protocol: composer messages', () => {
  it('accepts the slash commands’ messages and a send addressed to one persona', () => {
    const good: unknown[] = [
      { type: 'send', requestId: 'r1', text: 'check this', personaId: 'reviewer' },
      { type: 'send', requestId: 'r2', text: 'no persona named' },
      { type: 'runEditorCommand', command: 'explain' },
      { type: 'runEditorCommand', command: 'summarize' },
      { type: 'runEditorCommand', command: 'extractJson' },
      { type: 'compactConversation' },
      { type: 'setWebSearch', enabled: true },
      { type: 'setModel', model: 'gpt-5-mini' },
      { type: 'setModel' },
    ];
    for (const message of good) {
      const parsed = parseWebviewMessage(message);
      assert.ok(parsed.ok, JSON.stringify(message));
      assert.deepEqual(parsed.message, message);
    }
  });

  it('rejects malformed ones', () => {
    const bad: unknown[] = [
      { type: 'runEditorCommand', command: 'deleteEverything' },
      { type: 'runEditorCommand' },
      { type: 'setWebSearch', enabled: 'yes' },
      { type: 'setWebSearch' },
      { type: 'setModel', model: '' },
      { type: 'setModel', model: 'x'.repeat(129) },
      { type: 'send', requestId: 'r', text: 'hi', personaId: 7 },
    ];
    for (const message of bad) assert.equal(parseWebviewMessage(message).ok, false, JSON.stringify(message));
  });

  it('carries the panel’s web search flag and model override in the state, both optional', () => {
    const state = { personas: [], activePersonaId: 'a', model: 'gpt-5', hasApiKey: true, baseUrl: 'x', busy: false };
    const withComposer = parseHostMessage({ type: 'state', state: { ...state, webSearch: true, modelOverride: 'gpt-5' } });
    assert.ok(withComposer.ok && withComposer.message.type === 'state' && withComposer.message.state.webSearch === true && withComposer.message.state.modelOverride === 'gpt-5');
    assert.ok(parseHostMessage({ type: 'state', state }).ok, 'a host that sets neither is still understood');
    assert.equal(parseHostMessage({ type: 'state', state: { ...state, webSearch: 'on' } }).ok, false);
  });
});
