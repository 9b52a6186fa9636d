import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { defaultReplyText, estimateTokens } from '../../fake-server/replies';
import { activateThreadline, ask, useFakeServer, waitFor } from '../support/threadline';

const API_KEY = 'sk-integration-chat-0123456789';

suite('Chat turn through the real provider', () => {
  const fake = useFakeServer(API_KEY);

  test('streams a full answer from the server into a completed turn', async () => {
    const prompt = 'What does the integration test check?';
    const turn = await ask(prompt);

    assert.equal(turn.status, 'complete', `turn ended ${turn.status}: ${turn.error?.title ?? ''} ${turn.error?.detail ?? ''}`);
    assert.equal(turn.userText, prompt);
    assert.equal(turn.assistantText, defaultReplyText(prompt));
    assert.ok(turn.usage, 'the turn carries usage');
    assert.equal(turn.usage.outputTokens, estimateTokens(turn.assistantText));
    assert.equal(turn.usage.totalTokens, turn.usage.inputTokens + turn.usage.outputTokens);
    assert.ok(turn.responseId && fake().hasResponse(turn.responseId), 'the turn keeps the id the server stored');

    const [request] = fake().responseRequests;
    assert.equal(fake().responseRequests.length, 1);
    assert.equal(request.body.stream, true);
    assert.equal(request.body.model, vscode.workspace.getConfiguration('threadline').get('model'));
    assert.equal(request.body.model, turn.model);
    assert.ok(request.userText.includes(prompt), `the request carried ${JSON.stringify(request.userText)}`);
    assert.equal(request.headers.authorization, `Bearer ${API_KEY}`, 'the key from SecretStorage is sent');
  });

  test('the finished turn is in the transcript', async () => {
    const turn = await ask('Is this turn in the transcript?');
    const stored = (await activateThreadline()).getTranscript().find((t) => t.id === turn.id);
    assert.ok(stored, 'turn missing from getTranscript()');
    assert.equal(stored.status, 'complete');
    assert.equal(stored.assistantText, turn.assistantText);
  });

  test('the next turn chains on the previous response id', async () => {
    const first = await ask('First of two chained turns');
    const second = await ask('Second of two chained turns');
    assert.equal(second.status, 'complete');
    const requests = fake().responseRequests;
    assert.equal(requests.length, 2);
    assert.equal(requests[1].body.previous_response_id, first.responseId);
  });

  test('stop mid-stream keeps the partial answer with a stopped status', async () => {
    const pending = ask('[[slow:60]] [[long:200]] Stop me halfway');
    const streaming = await waitFor('some streamed text', async () => {
      const last = (await activateThreadline()).getTranscript().at(-1);
      return last?.status === 'streaming' && last.assistantText.length > 0 ? last : undefined;
    });
    await vscode.commands.executeCommand('threadline.stopGeneration');
    const turn = await pending;
    assert.equal(turn.id, streaming.id);
    assert.equal(turn.status, 'stopped');
    assert.ok(turn.assistantText.length > 0, 'the partial answer is kept');
    assert.ok(turn.assistantText.split(/\s+/).length < 200, 'the answer was cut before the end');
  });
});
