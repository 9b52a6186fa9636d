import * as assert from 'node:assert/strict';
import { EditorUi, UI_TIMEOUT_MS } from './support/editorUi';
import { WorkbenchSession } from './workbenchSession';

const SOURCE_FILE = 'contact.txt';
const SOURCE = ['Contact card', 'Name: Grace Hopper', 'Email: grace@navy.mil', 'Rank: Rear Admiral', ''].join('\n');
const PERSON_SCHEMA = 'extract/person.schema.json';
const GRACE = { name: 'Grace Hopper', email: 'grace@navy.mil' };
const REFUSE_FILE = 'refuse.txt';
const REFUSE_SOURCE = 'Name: Grace Hopper [[refusal]]\n';
const REFUSAL = 'I can’t help with extracting that.';

suite('Extract JSON in the real workbench', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;
  let ui: EditorUi;

  /** Opens the contact card with lines 2–3 (name and email) selected. */
  async function selectNameAndEmail(): Promise<void> {
    await ui.openFile(SOURCE_FILE);
    await ui.selectLines(2, 3);
  }

  /** Waits for the untitled editor the command opens (beside the source) and returns its text. */
  async function resultEditorText(): Promise<string> {
    await ui.waitForActiveTab((title) => title !== SOURCE_FILE && title !== REFUSE_FILE);
    // The untitled document may be shown a moment before its text is laid out.
    await ui.page.locator('.editor-group-container.active .monaco-editor .view-line').first().waitFor({ timeout: UI_TIMEOUT_MS });
    return (await ui.activeEditorText()).trimEnd();
  }

  suiteSetup(async () => {
    session = await WorkbenchSession.open('ui-extract-json', {
      workspaceFiles: { [SOURCE_FILE]: SOURCE, [REFUSE_FILE]: REFUSE_SOURCE },
      workspaceSettings: { 'threadline.extractJson.schemas': [PERSON_SCHEMA] },
    });
    ui = new EditorUi(session);
    await ui.waitForThreadline();
  });

  suiteTeardown(async () => {
    if (session) {
      await session.screenshot('final').catch(() => {});
      await session.close();
    }
  });

  setup(() => {
    session.fake.clearRequests();
    session.fake.reply = undefined;
  });

  teardown(async function () {
    await ui.screenshotOnFailure(this.currentTest);
    await ui.closeAllEditors();
    await ui.clearNotifications();
  });

  test('palette, "No schema": JSON mode, and the result opens formatted in an untitled JSON editor', async () => {
    await selectNameAndEmail();
    session.fake.reply = () => JSON.stringify(GRACE);
    await ui.runCommand('Threadline: Extract JSON from Selection');

    const labels = await ui.quickItemLabels();
    assert.ok(labels.some((l) => /No schema$/.test(l)), `the picker offers "No schema": ${labels.join(' | ')}`);
    assert.ok(labels.some((l) => /person$/.test(l)), `the configured schema is offered: ${labels.join(' | ')}`);
    assert.ok(labels.some((l) => /Pick a \*\.schema\.json from the workspace…$/.test(l)), `workspace schemas can be picked: ${labels.join(' | ')}`);
    await session.screenshot('schema-picker');
    await ui.pickQuickItem('No schema');

    const text = await resultEditorText();
    assert.match(await ui.activeTabTitle(), /^Untitled-\d+$/, 'an untitled document, nothing written to disk');
    assert.equal(text, JSON.stringify(GRACE, null, 2), 'formatted with two-space indentation');
    assert.equal((await ui.statusBarText('status.editor.mode')), 'JSON');
    await session.screenshot('extracted-no-schema');

    const [request] = session.fake.responseRequests;
    assert.deepEqual(request.body.text, { format: { type: 'json_object' } });
    assert.match(request.userText, /Name: Grace Hopper\nEmail: grace@navy\.mil/);
    assert.doesNotMatch(request.userText, /Rank|Contact card/, 'only the selected lines are sent');
    assert.equal(request.body.previous_response_id, undefined, 'extraction stands apart from the chat chain');
  });

  test('palette, a *.schema.json picked from the workspace: strict json_schema, and the JSON follows it', async () => {
    await selectNameAndEmail();
    // Strict mode makes the optional "age" nullable; a null left there is dropped from the result.
    session.fake.reply = () => JSON.stringify({ ...GRACE, age: null });
    await ui.runCommand('Threadline: Extract JSON from Selection');
    await ui.pickQuickItem('Pick a *.schema.json from the workspace…');
    const files = await ui.quickItemLabels();
    assert.ok(files.includes('person') && files.includes('tagged'), `the workspace's schema files are listed: ${files.join(' | ')}`);
    await session.screenshot('workspace-schema-files');
    await ui.pickQuickItem('person', { exact: true });

    const text = await resultEditorText();
    assert.deepEqual(JSON.parse(text), GRACE);
    assert.equal(text, JSON.stringify(GRACE, null, 2));
    const format = session.fake.responseRequests[0].body.text?.format as { type: string; name?: string; strict?: boolean } | undefined;
    assert.equal(format?.type, 'json_schema');
    assert.equal(format?.name, 'person');
    assert.equal(format?.strict, true);
    await session.screenshot('extracted-with-schema');
  });

  test('context menu: Threadline › Extract JSON with the schema configured in settings', async () => {
    await selectNameAndEmail();
    session.fake.reply = () => JSON.stringify({ ...GRACE, age: 85 });
    await ui.openEditorContextMenu();
    await ui.clickContextSubmenuEntry('Threadline', 'Extract JSON from Selection');
    await ui.pickQuickItem('person', { exact: true });

    const text = await resultEditorText();
    assert.deepEqual(JSON.parse(text), { ...GRACE, age: 85 });
    assert.equal(session.fake.responseRequests[0].body.text?.format?.name, 'person');
  });

  test('a reply that breaks the schema: an error names the rule, and Show Raw Output opens the raw text', async () => {
    await selectNameAndEmail();
    const raw = '{"name":"Grace Hopper","email":"grace at navy","age":-3}';
    session.fake.reply = () => raw;
    await ui.runCommand('Threadline: Extract JSON from Selection');
    await ui.pickQuickItem('person', { exact: true });

    const toast = await ui.waitForNotification(/does not match the schema "person"/);
    const message = await ui.notificationMessage(toast);
    assert.match(message, /\$\.email: "grace at navy" is not a valid email \(rule: format\)/);
    assert.match(message, /\$\.age: must be at least 0, got -3 \(rule: minimum\)/);
    assert.ok((await ui.notificationButtons(toast)).includes('Show Raw Output'));
    await session.screenshot('schema-mismatch-notification');

    await ui.clickNotificationButton(toast, 'Show Raw Output');
    assert.equal(await resultEditorText(), raw);
    assert.equal(await ui.statusBarText('status.editor.mode'), 'JSON');
    await session.screenshot('schema-mismatch-raw-output');
  });

  test('a refusal: the message says the model declined, and Show Raw Output opens its words', async () => {
    await selectNameAndEmail();
    session.fake.reply = () => ({ text: '', refusal: REFUSAL });
    await ui.runCommand('Threadline: Extract JSON from Selection');
    await ui.pickQuickItem('No schema');

    const toast = await ui.waitForNotification(/declined/);
    assert.equal(await ui.notificationMessage(toast), `Threadline: The model declined to extract this: ${REFUSAL}`);
    await session.screenshot('refusal-notification');
    await ui.clickNotificationButton(toast, 'Show Raw Output');
    assert.equal(await resultEditorText(), REFUSAL);
    assert.equal(await ui.statusBarText('status.editor.mode'), 'Plain Text');
    await session.screenshot('refusal-raw-output');
  });

  test('a [[refusal]] marker in the selected text is refused by the server the same way', async () => {
    await ui.openFile(REFUSE_FILE);
    await ui.selectLines(1, 1);
    await ui.runCommand('Threadline: Extract JSON from Selection');
    await ui.pickQuickItem('No schema');

    const toast = await ui.waitForNotification(/declined/);
    assert.ok((await ui.notificationButtons(toast)).includes('Show Raw Output'));
    assert.equal(session.fake.responseRequests.length, 1);
    assert.match(session.fake.responseRequests[0].userText, /\[\[refusal\]\]/);
  });
});
