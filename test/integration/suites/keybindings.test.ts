import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { manifest } from '../support/threadline';

suite('Keybindings', () => {
  teardown(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

  test("no default keybinding clashes with VS Code's own", async () => {
    // VS Code renders its default keybindings for this platform as a read-only JSON document.
    await vscode.commands.executeCommand('workbench.action.openDefaultKeybindingsFile');
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document, 'the default keybindings document opened');
    // The document lists extension contributions too; ours are left out of the comparison.
    const defaults = [...document.getText().matchAll(/"key":\s*"([^"]+)",\s*"command":\s*"([^"]+)"/g)]
      .filter((m) => !m[2].startsWith('threadline.'))
      .map((m) => m[1].toLowerCase());
    assert.ok(defaults.length > 200, `read only ${defaults.length} default keybindings`);

    const platformKey = (binding: { key: string; mac?: string }): string =>
      (process.platform === 'darwin' && binding.mac ? binding.mac : binding.key).toLowerCase();
    const ours = (manifest().contributes.keybindings as { key: string; mac?: string; command: string }[]).map((b) => ({
      command: b.command,
      key: platformKey(b),
    }));
    assert.ok(ours.length >= 3);
    // Focus Chat Input is the keyboard's way into the panel, so it must have a key of its own.
    assert.ok(ours.some((b) => b.command === 'threadline.focusChatInput'), 'Focus Chat Input has a keybinding');
    for (const { command, key } of ours) {
      // A default that equals our key, or is a chord starting with it, would be shadowed or would shadow ours.
      const clashes = defaults.filter((d) => d === key || d.startsWith(`${key} `));
      assert.deepEqual(clashes, [], `${command} (${key}) clashes with a default keybinding`);
    }
  });
});
