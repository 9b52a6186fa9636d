/**
 * Phase 1 of the restart check: a turn completes and is persisted. The launcher then reloads the window, which
 * starts a new extension host on the same server, browser profile and workspace; phase 2 asserts what survived.
 */
import * as assert from 'node:assert/strict';
import { RESTART_PROMPT, RESTART_KEY } from './restartScenario';
import { activateThreadline, ask, connectToFakeServer } from '../support/threadline';

suite('Restart, phase 1: before the host restarts', () => {
  test('a completed turn is recorded', async () => {
    await activateThreadline();
    const { disconnect } = await connectToFakeServer(RESTART_KEY);
    try {
      const turn = await ask(RESTART_PROMPT);
      assert.equal(turn.status, 'complete');
    } finally {
      await disconnect();
    }
  });
});
