import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FakeResponsesServer } from '../../fake-server/fakeResponsesServer';
import type { ExtractJsonResult } from '../../../src/editor/extract/runExtractJson';
import { activateThreadline, ask, connectToFakeServer, setUserSetting, waitFor } from '../support/threadline';

const API_KEY = 'sk-integration-extract-0123456789';
const SOURCE = ['Contact card', 'Name: Grace Hopper', 'Email: grace@navy.mil', 'Rank: Rear Admiral', ''].join('\n');
/** In the fixture workspace, which the launcher opens as the window's folder. */
const PERSON_SCHEMA_PATH = 'extract/person.schema.json';

/** Opens SOURCE in an untitled editor and selects lines (0-based, end exclusive); no range selects nothing. */
async function openSource(lines?: [number, number], text = SOURCE): Promise<vscode.TextEditor> {
  // Start from an empty editor area: with no earlier editor left, no focus change queued by one can land later
  // and take the active editor away from the source.
  await closeAllUntitled();
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  await waitFor('every editor to close', () => vscode.window.tabGroups.all.every((group) => group.tabs.length === 0) || undefined);
  const document = await vscode.workspace.openTextDocument({ language: 'plaintext', content: text });
  const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
  editor.selection = lines ? new vscode.Selection(lines[0], 0, lines[1], 0) : new vscode.Selection(0, 0, 0, 0);
  await waitFor('the source editor to be active', () => vscode.window.activeTextEditor?.document === document || undefined);
  if (lines) vscode.window.activeTextEditor!.selection = new vscode.Selection(lines[0], 0, lines[1], 0);
  return vscode.window.activeTextEditor!;
}

async function extract(args?: Record<string, unknown>): Promise<ExtractJsonResult> {
  const result = await vscode.commands.executeCommand<ExtractJsonResult | undefined>('threadline.extractJson', args);
  assert.ok(result, 'threadline.extractJson returned nothing');
  return result;
}

function expectOk(result: ExtractJsonResult): Extract<ExtractJsonResult, { status: 'ok' }> {
  assert.equal(result.status, 'ok', `extraction ended ${JSON.stringify(result)}`);
  return result as Extract<ExtractJsonResult, { status: 'ok' }>;
}

function expectError(result: ExtractJsonResult, kind: string): Extract<ExtractJsonResult, { status: 'error' }> {
  assert.equal(result.status, 'error', `expected an error, got ${JSON.stringify(result)}`);
  const error = result as Extract<ExtractJsonResult, { status: 'error' }>;
  assert.equal(error.kind, kind, error.message);
  return error;
}

/** Untitled editors are dirty; revert-and-close shuts them without a save prompt blocking the next test. */
async function closeAllUntitled(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isUntitled && !d.isClosed)) {
    await vscode.window.showTextDocument(document, { preview: false });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
}

suite('Extract JSON with Structured Outputs', () => {
  let server: FakeResponsesServer;
  let disconnect: () => Promise<void>;

  suiteSetup(async () => {
    await activateThreadline();
    ({ server, disconnect } = await connectToFakeServer(API_KEY));
  });

  suiteTeardown(async () => {
    await closeAllUntitled();
    await setUserSetting('extractJson.schemas', undefined);
    await setUserSetting('extractJson.temperature', undefined);
    await disconnect?.();
    await vscode.commands.executeCommand('threadline.clearApiKey');
  });

  setup(() => {
    server.clearRequests();
    server.reply = undefined;
  });

  teardown(closeAllUntitled);

  test('without a schema: json_object request, and the JSON opens formatted in an untitled editor', async () => {
    await openSource([1, 3]);
    server.reply = () => '{"name":"Grace Hopper","email":"grace@navy.mil"}';
    const result = expectOk(await extract({ noSchema: true }));

    assert.equal(result.document.isUntitled, true);
    assert.equal(result.document.languageId, 'json');
    assert.equal(result.document.getText(), '{\n  "name": "Grace Hopper",\n  "email": "grace@navy.mil"\n}\n');
    assert.deepEqual(result.value, { name: 'Grace Hopper', email: 'grace@navy.mil' });
    assert.equal(vscode.window.activeTextEditor?.document, result.document, 'the result editor is shown');

    assert.equal(server.responseRequests.length, 1);
    const [request] = server.responseRequests;
    assert.deepEqual(request.body.text, { format: { type: 'json_object' } });
    assert.equal(request.body.temperature, 0);
    assert.match(request.userText, /JSON/);
    assert.match(request.userText, /Name: Grace Hopper\nEmail: grace@navy\.mil/);
    assert.doesNotMatch(request.userText, /Rank|Contact card/, 'only the selected lines are sent');
  });

  test('with a schema file: strict json_schema, and optional fields left null are dropped from the result', async () => {
    await openSource([1, 3]);
    server.reply = () => '{"name":"Grace Hopper","email":"grace@navy.mil","age":null}';
    const result = expectOk(await extract({ schema: PERSON_SCHEMA_PATH }));

    assert.equal(result.document.getText(), '{\n  "name": "Grace Hopper",\n  "email": "grace@navy.mil"\n}\n');
    const format = server.responseRequests[0].body.text?.format;
    assert.deepEqual(format, {
      type: 'json_schema',
      name: 'person',
      strict: true,
      schema: {
        type: 'object',
        properties: { name: { type: 'string' }, email: { type: 'string', format: 'email' }, age: { type: ['integer', 'null'], minimum: 0 } },
        required: ['name', 'email', 'age'],
        additionalProperties: false,
      },
    });
  });

  test('a named schema from settings, with the temperature setting applied', async () => {
    await setUserSetting('extractJson.schemas', [PERSON_SCHEMA_PATH, { name: 'rank', schema: { type: 'object', properties: { rank: { type: 'string' } }, required: ['rank'] } }]);
    await setUserSetting('extractJson.temperature', 0.3);
    try {
      await openSource([3, 4]);
      server.reply = () => '{"rank":"Rear Admiral"}';
      const result = expectOk(await extract({ schemaName: 'rank' }));
      assert.deepEqual(result.value, { rank: 'Rear Admiral' });
      assert.equal(server.responseRequests[0].body.temperature, 0.3);
      assert.equal(server.responseRequests[0].body.text?.format?.name, 'rank');

      server.reply = () => '{"name":"Grace Hopper","email":"grace@navy.mil","age":85}';
      await openSource([1, 3]);
      const byPath = expectOk(await extract({ schemaName: 'person' }));
      assert.deepEqual(byPath.value, { name: 'Grace Hopper', email: 'grace@navy.mil', age: 85 });
    } finally {
      await setUserSetting('extractJson.schemas', undefined);
      await setUserSetting('extractJson.temperature', undefined);
    }
  });

  test('a reply that breaks the schema is reported with the field and the rule, with the raw output kept', async () => {
    await openSource([1, 3]);
    const raw = '{"name":"Grace Hopper","email":"grace at navy","age":-3}';
    server.reply = () => raw;
    const before = vscode.workspace.textDocuments.filter((d) => d.languageId === 'json' && d.isUntitled).length;
    const error = expectError(await extract({ schema: PERSON_SCHEMA_PATH }), 'schema_mismatch');

    assert.match(error.message, /\$\.email: "grace at navy" is not a valid email \(rule: format\)/);
    assert.match(error.message, /\$\.age: must be at least 0, got -3 \(rule: minimum\)/);
    assert.equal(error.raw, raw);
    const after = vscode.workspace.textDocuments.filter((d) => d.languageId === 'json' && d.isUntitled).length;
    assert.equal(after, before, 'no result document is opened for a mismatch');
  });

  test('a refusal is reported as a refusal, with its text as the raw output', async () => {
    await openSource([1, 3]);
    server.reply = () => ({ text: '', refusal: 'I can’t help with extracting that.' });
    const error = expectError(await extract({ schema: PERSON_SCHEMA_PATH }), 'refusal');
    assert.equal(error.message, 'The model declined to extract this: I can’t help with extracting that.');
    assert.equal(error.raw, 'I can’t help with extracting that.');
  });

  test('a schema strict mode cannot express is refused before anything is sent', async () => {
    await openSource([1, 3]);
    const error = expectError(await extract({ schema: 'extract/tagged.schema.json' }), 'schema_unsupported');
    assert.match(error.message, /patternProperties at #: strict mode needs every property listed by name/);
    assert.equal(server.responseRequests.length, 0);
  });

  test('with nothing selected the whole document is used', async () => {
    await openSource();
    server.reply = () => '{"card":"Grace Hopper"}';
    expectOk(await extract({ noSchema: true }));
    assert.match(server.responseRequests[0].userText, /Contact card\nName: Grace Hopper\nEmail: grace@navy\.mil\nRank: Rear Admiral/);
  });

  test('from the context menu (a URI argument) the schema picker is shown, and "No schema" infers JSON', async () => {
    const editor = await openSource([1, 3]);
    server.reply = () => '{"name":"Grace Hopper"}';
    let settled: ExtractJsonResult | undefined;
    const running = vscode.commands.executeCommand<ExtractJsonResult>('threadline.extractJson', editor.document.uri).then((result) => (settled = result));
    // The picker opens once the command reaches it; accepting before then does nothing, so keep accepting its first item.
    await waitFor('the picker to be answered', async () => {
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      return server.responseRequests.length > 0 || settled !== undefined || undefined;
    });
    const result = expectOk(await running);
    assert.deepEqual(result.value, { name: 'Grace Hopper' });
    assert.deepEqual(server.responseRequests[0].body.text, { format: { type: 'json_object' } });
  });

  test('blank input and bad arguments are answered without a request', async () => {
    await openSource(undefined, '   \n\t\n');
    expectError(await extract({ noSchema: true }), 'blank_selection');
    await openSource([1, 3]);
    expectError(await extract({ noSchema: true, schema: PERSON_SCHEMA_PATH }), 'invalid_arguments');
    expectError(await extract({ schema: 'extract/missing.schema.json' }), 'schema_unreadable');
    assert.equal(server.responseRequests.length, 0);
  });

  test('a provider error shows the provider’s own description', async () => {
    await openSource([1, 3]);
    server.queueFault('insufficient_quota');
    const error = expectError(await extract({ noSchema: true }), 'insufficient_quota');
    assert.ok(error.message.length > 20, error.message);
  });

  test('extraction stands alone: store false, no previous_response_id, and the chat chain and transcript are untouched', async () => {
    const api = await activateThreadline();
    const first = await ask('A chat turn before the extraction');
    assert.equal(first.status, 'complete');
    const transcriptBefore = api.getTranscript().map((turn) => `${turn.id}:${turn.status}:${turn.responseId ?? ''}`);

    await openSource([1, 3]);
    server.reply = () => '{"name":"Grace Hopper","email":"grace@navy.mil"}';
    expectOk(await extract({ noSchema: true }));
    server.reply = undefined;
    const extraction = server.responseRequests.at(-1);
    assert.ok(extraction);
    assert.equal(extraction.body.store, false);
    assert.equal('previous_response_id' in extraction.body, false);
    assert.deepEqual(api.getTranscript().map((turn) => `${turn.id}:${turn.status}:${turn.responseId ?? ''}`), transcriptBefore);

    const next = await ask('A chat turn after the extraction');
    assert.equal(next.status, 'complete');
    assert.equal(server.responseRequests.at(-1)?.body.previous_response_id, first.responseId, 'the chat chain continues from the turn before the extraction');
  });
});
