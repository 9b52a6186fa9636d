import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { manifest, threadlineExtension, waitFor, activateThreadline } from '../support/threadline';

suite('Activation', () => {
  test('activates by itself after startup (onStartupFinished)', async () => {
    assert.deepEqual(manifest().activationEvents, ['onStartupFinished']);
    // No activate() call here: the editor must start Threadline on its own.
    await waitFor('Threadline to activate on startup', () => threadlineExtension().isActive, 30_000);
  });

  test('is the build under test (development folder or installed .vsix)', () => {
    const expected = process.env.THREADLINE_EXPECT_EXTENSION_ROOT;
    assert.ok(expected, 'the launcher sets THREADLINE_EXPECT_EXTENSION_ROOT');
    const actual = fs.realpathSync(threadlineExtension().extensionPath);
    assert.ok(actual.startsWith(fs.realpathSync(expected)), `Threadline loaded from ${actual}, expected under ${expected}`);
  });

  test('returns its API from activate()', async () => {
    const api = await activateThreadline();
    assert.equal(typeof api.getTranscript, 'function');
    assert.equal(typeof api.hasApiKey, 'function');
    assert.ok(Array.isArray(api.getTranscript()));
    assert.equal(typeof api.activationMs, 'number');
    assert.ok(api.activationMs >= 0);
  });

  test('registers every contributed command', async () => {
    await activateThreadline();
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = manifest().contributes.commands.map((c) => c.command);
    assert.ok(contributed.length > 0);
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);
  });

  test('registers no threadline.* command that the manifest does not contribute', async () => {
    await activateThreadline();
    const contributed = new Set(manifest().contributes.commands.map((c) => c.command));
    const viewIds = Object.values(manifest().contributes.views).flat().map((v) => v.id);
    // The workbench adds focus/reset/toggle commands for each contributed view; those are not ours to declare.
    const workbenchGenerated = (id: string) => viewIds.some((view) => id.startsWith(`${view}.`));
    const extra = (await vscode.commands.getCommands(true)).filter((id) => id.startsWith('threadline.') && !contributed.has(id) && !workbenchGenerated(id));
    assert.deepEqual(extra, []);
  });

  test('every menu and keybinding points at a contributed command', () => {
    const contributed = new Set(manifest().contributes.commands.map((c) => c.command));
    const referenced = [
      ...Object.values(manifest().contributes.menus).flat().map((item) => item.command).filter((id): id is string => id !== undefined),
      ...manifest().contributes.keybindings.map((k) => k.command),
    ];
    assert.ok(referenced.length > 0);
    assert.deepEqual(referenced.filter((id) => !contributed.has(id)), []);
  });

  test('registers the chat view and its container, and the view opens', async () => {
    await activateThreadline();
    const views = Object.values(manifest().contributes.views).flat();
    assert.ok(views.some((v) => v.id === 'threadline.chatView' && v.type === 'webview'));
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const container of manifest().contributes.viewsContainers.activitybar) {
      assert.ok(registered.has(`workbench.view.extension.${container.id}`), `view container ${container.id} is not registered`);
    }
    for (const view of views) {
      assert.ok(registered.has(`${view.id}.focus`), `view ${view.id} is not registered`);
      await vscode.commands.executeCommand(`${view.id}.focus`);
    }
  });
});
