import * as assert from 'node:assert/strict';
import { ESLint } from 'eslint';

/**
 * The floors of src are lint rules (eslint.config.mjs, scripts/lint/layers.mjs). These run the project's own
 * config on small in-memory files, so a rule that stops firing fails here instead of letting an import slip up.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === 'layers/floors' || m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const rejects = async (filePath: string, code: string, pattern: RegExp): Promise<void> => {
  const found = await problems(filePath, code);
  assert.ok(found.some((m) => pattern.test(m)), `${filePath} should be rejected for: ${code}\nfound: ${found.join('; ') || 'nothing'}`);
};
const accepts = async (filePath: string, code: string): Promise<void> => {
  assert.deepEqual(await problems(filePath, code), [], `${filePath} should be allowed: ${code}`);
};

describe('lint: the floors of src', function () {
  this.timeout(60_000);

  it('keeps core/provider from importing core/conversation, and lets it use core/turn', async () => {
    await rejects('src/core/provider/x.ts', "import type { Turn } from '../conversation/turn';\nexport type T = Turn;\n", /core\/provider must not import src\/core\/conversation/);
    await rejects('src/core/provider/chat/x.ts', "export { turnSchema } from '../../conversation/turn';\n", /core\/conversation/);
    await accepts('src/core/provider/x.ts', "import type { Usage } from '../turn/usage';\nexport type U = Usage;\n");
  });

  it('keeps core/turn free of the rest of core', async () => {
    await rejects('src/core/turn/x.ts', "import type { Turn } from '../conversation/turn';\nexport type T = Turn;\n", /core\/turn must not import/);
    await accepts('src/core/turn/x.ts', "import { wt } from '../l10n/webviewMessages';\nexport const w = wt;\n");
  });

  it('keeps vscode and every host folder out of core', async () => {
    await rejects('src/core/x.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n", /must not import vscode/);
    await rejects('src/core/store/x.ts', "import { readConfig } from '../../host/config';\nexport const r = readConfig;\n", /src\/core\/store must not import src\/host/);
  });

  it('keeps the editor features from importing the commands', async () => {
    await rejects('src/editor/x.ts', "import type { ThreadlineServices } from '../commands/services';\nexport type S = ThreadlineServices;\n", /src\/editor must not import src\/commands/);
    await accepts('src/editor/x.ts', "import { CommandId } from '../commands/commandIds';\nexport const id = CommandId.ShowLog;\n");
    await rejects('src/commands/commandIds.ts', "import type { ThreadlineServices } from './services';\nexport type S = ThreadlineServices;\n", /commandIds must not import src\/commands/);
    await accepts('src/commands/x.ts', "import { askAboutSelection } from '../editor/askAboutSelection';\nexport const a = askAboutSelection;\n");
  });

  it('points host adapters down only, and keeps the extension entry on top', async () => {
    await rejects('src/host/x.ts', "import type { EndpointRegistry } from '../endpoints/endpointRegistry';\nexport type E = EndpointRegistry;\n", /src\/host must not import src\/endpoints/);
    await rejects('src/chat/x.ts', "import { activate } from '../extension';\nexport const a = activate;\n", /src\/chat must not import src\/extension/);
    await accepts('src/chat/x.ts', "import { readConfig } from '../host/config';\nexport const r = readConfig;\n");
  });

  it('keeps the browser bundle and the host apart', async () => {
    await rejects('src/webview/x.ts', "import { readConfig } from '../host/config';\nexport const r = readConfig;\n", /src\/webview may import only src\/core/);
    await rejects('src/chat/x.ts', "import { renderMarkdown } from '../webview/markdown/renderMarkdown';\nexport const r = renderMarkdown;\n", /must not import src\/webview/);
  });
});
