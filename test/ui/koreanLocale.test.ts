import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { installExtension } from '../../scripts/lib/codeServer.mjs';
import { send, turnIds, waitForNewTurnId } from './support/chatPanel';
import { walkthroughPageText, waitForQuickInput } from './support/workbenchUi';
import { EditorUi, until } from './support/editorUi';
import { WorkbenchSession } from './workbenchSession';

const NOTES_FILE = 'notes.md';
const NOTES = '알파 beta gamma\ndelta 엡실론\n';

/**
 * Threadline in Korean: the editor started with `--locale ko`. VS Code's own menus stay English here (its Korean
 * language pack cannot be installed offline), but Threadline's strings come from its own bundles: the panel (its
 * catalogue, picked by the language the host writes into the page), the editor context submenu (package.nls.ko.json),
 * an error and its next step (the core's messages through the host bundle), and the token tooltip.
 */
/** Packages test/ui/fixtures/korean-language-pack and installs it into the session's profile (see its README). */
async function installKoreanLanguagePack(stateDir: string): Promise<void> {
  const root = process.cwd();
  const vsix = path.join(stateDir, 'language-pack-ko-test.vsix');
  execFileSync(path.join(root, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--out', vsix], {
    cwd: path.join(root, 'test', 'ui', 'fixtures', 'korean-language-pack'), stdio: 'ignore',
  });
  await installExtension({ root, stateDir, vsix });
  // The server resolves a locale from the language packs cache, which it fills only when the workbench first asks
  // for the installed languages; the page is built before that, so the entry is written as the cache would be.
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'test', 'ui', 'fixtures', 'korean-language-pack', 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };
  const id = `${manifest.publisher}.${manifest.name}`;
  const installed = path.join(stateDir, 'extensions', `${id}-${manifest.version}`);
  const cache = { ko: {
    hash: createHash('md5').update(id).update(manifest.version).digest('hex'),
    extensions: [{ extensionIdentifier: { id }, version: manifest.version }],
    translations: { vscode: path.join(installed, 'translations', 'main.i18n.json') },
    label: '한국어',
  } };
  fs.writeFileSync(path.join(stateDir, 'user-data', 'languagepacks.json'), JSON.stringify(cache));
}

suite('Threadline in Korean in the real workbench', function () {
  this.timeout(240_000);
  let session: WorkbenchSession;
  let ui: EditorUi;
  let chat: Frame;

  suiteSetup(async () => {
    session = await WorkbenchSession.open('ui-korean-locale', {
      locale: 'ko',
      workspaceFiles: { [NOTES_FILE]: NOTES },
      beforeStart: async ({ stateDir }) => installKoreanLanguagePack(stateDir),
    });
    ui = new EditorUi(session);
    await ui.waitForThreadline();
    chat = await session.openThreadlineView();
  });

  teardown(async function () {
    await ui.screenshotOnFailure(this.currentTest);
  });

  suiteTeardown(async () => {
    if (session) {
      await session.screenshot('final').catch(() => {});
      await session.close();
    }
  });

  test('the editor runs with Korean as its display language', async () => {
    // The host writes vscode.env.language into the page: `ko` here proves the extension host sees Korean.
    assert.equal(await chat.locator('html').getAttribute('lang'), 'ko');
  });

  test('the panel speaks Korean: header, welcome, composer', async () => {
    await chat.locator('#welcome').waitFor({ state: 'visible', timeout: 30_000 });
    assert.match(await chat.locator('#welcome').innerText(), /코드에 대해 질문하세요/);
    assert.equal(await chat.locator('#prompt').getAttribute('placeholder'), 'Threadline에 질문하기… (Enter: 보내기, Shift+Enter: 줄 바꿈, /: 명령, @: 페르소나)');
    assert.equal(await chat.locator('#toggle-history').getAttribute('aria-label'), '대화 기록');
    assert.equal(await chat.locator('#send').getAttribute('aria-label'), '보내기 (Enter)');
    await session.screenshot('panel-korean');
  });

  test('an error and its next step are in Korean, with the retry button', async () => {
    const known = await turnIds(chat);
    await send(chat, '안녕하세요 [[fault:auth]]');
    const id = await waitForNewTurnId(chat, known);
    const turn = chat.locator(`.turn[data-turn-id="${id}"]`);
    await chat.locator(`.turn[data-turn-id="${id}"][data-status="failed"]`).waitFor({ timeout: 30_000 });
    const status = (await turn.locator('.turn-status').innerText()).replace(/\s+/g, ' ');
    assert.match(status, /실패/, status);
    assert.match(status, /API 키가 거부되었습니다/, status);
    assert.match(status, /“Threadline: API 키 설정”을 실행하거나/, status);
    assert.match(await turn.locator('.retry').innerText(), /다시 시도/);
    // The turn records who answered under the name the user saw.
    assert.equal(await turn.locator('.persona-label').innerText(), '코딩 도우미');
    await session.screenshot('error-korean');
  });

  test('the built-in personas are named in Korean: the status bar and the panel’s picker', async () => {
    const shown = await until('the Korean persona name in the status bar', async () => {
      const text = await ui.statusBarText('threadline.persona');
      return text.includes('코딩 도우미') ? text : undefined;
    });
    assert.match(shown, /코딩 도우미/);
    assert.deepEqual(await chat.locator('#persona-picker option').allInnerTexts(), ['코딩 도우미', '코드 리뷰어', '친절한 선생님', '간결한 전문가']);
  });

  test('the editor context submenu names the commands in Korean', async () => {
    await ui.openFile(NOTES_FILE);
    await ui.selectLines(1, 1);
    await ui.openEditorContextMenu();
    const parent = session.page.locator('.context-view .monaco-menu .action-label').filter({ hasText: /^Threadline$/ }).first();
    const nested = session.page.locator('.context-view .monaco-submenu .action-label');
    const labels = await until('the Threadline submenu to open', async () => {
      await parent.hover();
      const texts = (await nested.allInnerTexts()).map((l) => l.trim()).filter(Boolean);
      return texts.length > 0 ? texts : undefined;
    });
    assert.deepEqual(labels.slice(0, 3), ['선택 영역 설명', '선택 영역 요약', '선택 영역에서 JSON 추출'], labels.join(' | '));
    await session.screenshot('context-submenu-korean');
    await session.page.keyboard.press('Escape');
    await session.page.keyboard.press('Escape');
  });

  test('the token counter and its tooltip are in Korean', async () => {
    await ui.selectLines(1, 1);
    const text = await until('the Korean token count', async () => {
      const shown = await ui.statusBarText('threadline.tokens');
      return /토큰 선택됨/.test(shown) ? shown : undefined;
    });
    assert.match(text, /\d+ 토큰 선택됨/);
    const tooltip = await ui.hoverStatusBarItem('threadline.tokens');
    const hover = (await tooltip.innerText()).replace(/\s+/g, ' ');
    for (const expected of ['토큰', '선택 영역', '채팅 초안', '컨텍스트 윈도', '인코딩', '페르소나: 코딩 도우미']) {
      assert.ok(hover.includes(expected), `the tooltip shows "${expected}": ${hover}`);
    }
    await session.screenshot('token-tooltip-korean');
  });

  test('the walkthrough shows its Korean titles and pages', async () => {
    await session.page.keyboard.press('Escape');
    await ui.runCommand('Welcome: Open Walkthrough...');
    await waitForQuickInput(session.page);
    await session.page.keyboard.type('Threadline 시작하기');
    await session.page.locator('.quick-input-list .monaco-list-row', { hasText: 'Threadline 시작하기' }).first().waitFor({ timeout: 30_000 });
    await session.page.keyboard.press('Enter');
    const walkthrough = session.page.locator('.gettingStartedContainer');
    await walkthrough.getByText('엔드포인트를 고르거나 키 설정하기', { exact: true }).first().waitFor({ timeout: 60_000 });
    // The first step is open: its page is media/walkthrough/ko/connect.md, named by package.nls.ko.json.
    const page = await walkthroughPageText(session.page, 'Threadline을 모델에 연결하기');
    for (const action of ['API 키 설정', '엔드포인트 추가', '연결 테스트']) assert.ok(page.includes(action), `the page names ${action}: ${page}`);
    await session.screenshot('walkthrough-korean');
    await ui.closeAllEditors();
  });

  test('a command run from the palette by its Korean title answers with a Korean notification', async () => {
    await session.page.keyboard.press('Escape');
    await ui.runCommand('Threadline: 대화 압축');
    const toast = await ui.waitForNotification(/압축할 완료된 턴이 없습니다/);
    assert.match(await ui.notificationMessage(toast), /^Threadline: 아직 압축할 완료된 턴이 없습니다\.$/);
    await session.screenshot('notification-korean');
  });
});
