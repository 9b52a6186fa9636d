import * as assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { EndpointGate } from '../fake-server/endpointGate';
import { EditorUi, UI_TIMEOUT_MS, until } from './support/editorUi';
import { waitForQuickInput } from './support/workbenchUi';
import { WorkbenchSession } from './workbenchSession';

const AZURE_KEY = 'azure-ui-key-2468';
const DEPLOYMENT = 'ui-deployment';

suite('Add an endpoint in the real workbench', function () {
  this.timeout(180_000);
  let session: WorkbenchSession;
  let ui: EditorUi;
  let azure: EndpointGate;

  suiteSetup(async () => {
    session = await WorkbenchSession.open('ui-add-endpoint');
    ui = new EditorUi(session);
    await ui.waitForThreadline();
    // Plays an Azure resource: its own path, the key only in api-key, and a deployment name as the model.
    azure = new EndpointGate(session.fake.baseURL, { prefix: '/openai/v1', key: AZURE_KEY, keyHeader: 'api-key', models: [DEPLOYMENT], unknownModel: 'deployment' });
    await azure.start();
  });

  teardown(async function () {
    await ui.screenshotOnFailure(this.currentTest);
  });

  suiteTeardown(async () => {
    await azure?.stop();
    if (session) {
      await session.screenshot('final').catch(() => {});
      await session.close();
    }
  });

  /** Types into the open input box (replacing what is prefilled) and accepts it. */
  async function answer(text: string, title: RegExp): Promise<void> {
    await until(`the input box titled ${title}`, async () => {
      const shown = await ui.page.locator('.quick-input-widget .quick-input-title').innerText().catch(() => '');
      return title.test(shown) ? true : undefined;
    });
    const input = await waitForQuickInput(ui.page);
    await input.fill(text);
    await input.press('Enter');
  }

  test('from the status bar: preset, URL, key and deployment, then Test Connection and a chat turn', async () => {
    await ui.statusBarItem('threadline.endpoint').click();
    const labels = await ui.quickItemLabels();
    assert.ok(labels.some((l) => /Add endpoint/.test(l)), labels.join(' | '));
    await ui.pickQuickItem(/Add endpoint/);

    const presets = await ui.quickItemLabels();
    for (const name of ['OpenAI', 'Azure OpenAI', 'Ollama', 'LM Studio', 'vLLM', 'Gemini', 'OpenRouter', 'Custom']) {
      assert.ok(presets.includes(name), `the preset ${name} is offered: ${presets.join(' | ')}`);
    }
    await session.screenshot('add-endpoint-presets');
    await ui.pickQuickItem('Azure OpenAI', { exact: true });

    const url = await waitForQuickInput(ui.page);
    assert.equal(await url.inputValue(), 'https://RESOURCE.openai.azure.com/openai/v1/', 'the URL is prefilled');
    await answer(azure.baseURL, /base URL/);
    await answer(AZURE_KEY, /key/);
    await answer(DEPLOYMENT, /deployment/i);

    const toast = await ui.waitForNotification(/Test Connection: Azure OpenAI: responses, \d+ ms, 1 model/);
    await session.screenshot('add-endpoint-tested');
    assert.match(await ui.notificationMessage(toast), /model ui-deployment/);
    const paths = azure.requests.map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(paths, ['GET /openai/v1/models', 'POST /openai/v1/responses']);
    for (const request of azure.requests) {
      assert.equal(request.headers['api-key'], AZURE_KEY, 'the key goes in api-key');
      assert.equal(request.headers.authorization, undefined, 'and not as a bearer token');
    }
    await until('the status bar to name the new endpoint', async () =>
      /Azure OpenAI/.test(await ui.statusBarText('threadline.endpoint')) ? true : undefined);

    const chat: Frame = await session.openThreadlineView();
    await chat.locator('#endpoint', { hasText: 'Azure OpenAI' }).waitFor({ timeout: UI_TIMEOUT_MS });
    const model = await chat.locator('#model').boundingBox();
    const endpoint = await chat.locator('#endpoint').boundingBox();
    const header = await chat.locator('#toolbar').boundingBox();
    assert.ok(model && endpoint && header, 'the header is laid out');
    assert.ok(Math.abs(endpoint.y - model.y) < model.height, 'the endpoint shares the model’s row instead of adding one');
    assert.ok(endpoint.x + endpoint.width <= header.x + header.width + 1, 'and stays inside the header');

    await chat.fill('#prompt', 'Hello Azure');
    await chat.press('#prompt', 'Enter');
    await chat.locator('.turn.is-last[data-status="complete"]').waitFor({ timeout: UI_TIMEOUT_MS });
    const answeredBy = chat.locator('.turn.is-last [data-endpoint]').first();
    assert.equal(await answeredBy.getAttribute('data-endpoint'), 'Azure OpenAI', 'the turn names the endpoint that answered');
    assert.equal(azure.requests.at(-1)?.body.model, DEPLOYMENT);
    await session.screenshot('add-endpoint-chat');
  });
});
