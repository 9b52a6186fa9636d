import * as vscode from 'vscode';
import { askCommand } from './askCommand';
import { clearApiKeyCommand } from './clearApiKeyCommand';
import { compactConversationCommand } from './compactConversationCommand';
import { deleteStoredResponsesCommand } from './deleteStoredResponsesCommand';
import { openConversationCommand } from './openConversationCommand';
import { searchConversationsCommand } from './searchConversationsCommand';
import { explainSelectionCommand } from './explainSelectionCommand';
import { exportConversationCommand } from './exportConversationCommand';
import { extractJsonCommand } from './extractJsonCommand';
import { newConversationCommand } from './newConversationCommand';
import { regenerateCommand } from './regenerateCommand';
import type { CommandDefinition, ThreadlineServices } from './services';
import { setApiKeyCommand } from './setApiKeyCommand';
import { showLogCommand } from './showLogCommand';
import { stopGenerationCommand } from './stopGenerationCommand';
import { summarizeSelectionCommand } from './summarizeSelectionCommand';
import { switchPersonaCommand } from './switchPersonaCommand';
import { switchEndpointCommand } from './switchEndpointCommand';
import { addEndpointCommand } from './addEndpointCommand';
import { testConnectionCommand } from './testConnectionCommand';
import { pickModelCommand } from './pickModelCommand';

const ALL_COMMANDS: readonly CommandDefinition[] = [
  setApiKeyCommand,
  clearApiKeyCommand,
  askCommand,
  newConversationCommand,
  compactConversationCommand,
  openConversationCommand,
  searchConversationsCommand,
  deleteStoredResponsesCommand,
  stopGenerationCommand,
  regenerateCommand,
  exportConversationCommand,
  switchPersonaCommand,
  showLogCommand,
  explainSelectionCommand,
  summarizeSelectionCommand,
  extractJsonCommand,
  switchEndpointCommand,
  addEndpointCommand,
  testConnectionCommand,
  pickModelCommand,
];

/**
 * Registers every command at once, so none is ever "not found", while the services behind them finish
 * loading off the activation path. A failure inside a command is logged and shown, never swallowed.
 */
export function registerAllCommands(context: vscode.ExtensionContext, services: Promise<ThreadlineServices>): void {
  for (const definition of ALL_COMMANDS) {
    let run: ((...args: unknown[]) => unknown) | undefined;
    context.subscriptions.push(
      vscode.commands.registerCommand(definition.id, async (...args: unknown[]) => {
        let ready: ThreadlineServices | undefined;
        try {
          ready = await services;
          run ??= definition.create(ready);
          return await run(...args);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          ready?.logger.error(`${definition.id} failed: ${message}`);
          void vscode.window.showErrorMessage(`Threadline: ${message}`);
          return undefined;
        }
      }),
    );
  }
}
