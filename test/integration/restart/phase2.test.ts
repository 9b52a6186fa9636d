import * as assert from 'node:assert/strict';
import { defaultReplyText } from '../../fake-server/replies';
import { RESTART_PROMPT } from './restartScenario';
import { activateThreadline } from '../support/threadline';

suite('Restart, phase 2: after the host restarted', () => {
  test('the transcript still holds the turn from before the restart', async () => {
    const api = await activateThreadline();
    const turn = api.getTranscript().find((t) => t.userText === RESTART_PROMPT);
    assert.ok(turn, `turn missing after restart; transcript has ${api.getTranscript().length} turn(s)`);
    assert.equal(turn.status, 'complete');
    assert.equal(turn.assistantText, defaultReplyText(RESTART_PROMPT));
    assert.ok(turn.usage && turn.usage.totalTokens > 0);
  });

  test('the API key is still in SecretStorage', async () => {
    assert.equal(process.env.OPENAI_API_KEY, undefined);
    assert.equal(await (await activateThreadline()).hasApiKey(), true);
  });
});
