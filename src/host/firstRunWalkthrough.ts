import * as vscode from 'vscode';

const SHOWN_KEY = 'threadline.walkthroughShown';
/** The local id of `contributes.walkthroughs` in package.json. */
const WALKTHROUGH = 'gettingStarted';

/**
 * Opens the getting-started walkthrough once, on the first activation after install. VS Code opens a walkthrough
 * by itself only for some installs (not a .vsix or a development host), so Threadline asks for it, and respects the
 * same switch VS Code has for it (`workbench.welcomePage.walkthroughs.openOnInstall`). Never under the test runner.
 */
export async function showWalkthroughOnce(context: vscode.ExtensionContext): Promise<void> {
  if (context.extensionMode === vscode.ExtensionMode.Test || context.globalState.get<boolean>(SHOWN_KEY)) return;
  const wanted = vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall', true);
  // Decided once, on the first activation: a later one (a reload, another window) never reconsiders, so the
  // walkthrough cannot appear in the middle of work because a setting read differently at that moment.
  await context.globalState.update(SHOWN_KEY, true);
  if (!wanted) return;
  await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${context.extension.id}#${WALKTHROUGH}`, false);
}
