import * as vscode from 'vscode';
import { describeReport } from '../core/endpoints/connectionDiagnosis';
import { testConnection } from '../endpoints/connectionTest';
import { readConfig } from '../host/config';
import { CommandId } from './commandIds';
import type { CommandDefinition, ThreadlineServices } from './services';

/**
 * Checks the active endpoint (or the id given): lists its models, then sends a one-token request. Says the
 * dialect, latency and model count, or what is wrong and what to do next. Returns the report, for tests.
 */
export const testConnectionCommand: CommandDefinition = {
  id: CommandId.TestConnection,
  create: (services) => async (endpointId?: unknown) => {
    const id = typeof endpointId === 'string' ? endpointId : undefined;
    const profile = (id ? services.endpoints.byId(id) : undefined) ?? services.endpoints.active;
    const model = modelToTest(services, profile.id, profile.defaultModel);
    const outcome = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Threadline: testing {0}…', profile.label) },
      () => testConnection(services, id ?? profile.id, model),
    );
    if ('kind' in outcome) {
      void offer(vscode.window.showErrorMessage(vscode.l10n.t('Threadline: {0}. {1}', outcome.title, outcome.action ?? outcome.detail), buttons.setKey(), buttons.settings()));
      return outcome;
    }
    const [headline, ...rest] = describeReport(outcome);
    if (outcome.ok) void vscode.window.showInformationMessage(vscode.l10n.t('Threadline: Test Connection: {0} (model {1}).', headline, model));
    else {
      const kind = outcome.diagnosis?.kind;
      const button = kind === 'key_rejected' ? buttons.setKey() : kind === 'no_such_model' || kind === 'azure_deployment' ? buttons.pickModel() : buttons.settings();
      void offer(vscode.window.showErrorMessage(vscode.l10n.t('Threadline: Test Connection: {0}. {1}', headline, rest.join(' ')), button));
    }
    return outcome;
  },
};

/** The model a turn to this endpoint would use: the active persona's, else the endpoint's, else threadline.model. */
function modelToTest(services: ThreadlineServices, profileId: string, defaultModel: string | undefined): string {
  const persona = services.personas.active;
  if (persona.model && (!persona.endpoint || persona.endpoint === profileId)) return persona.model;
  return defaultModel ?? readConfig().model;
}

async function offer(choice: Thenable<string | undefined>): Promise<void> {
  const picked = await choice;
  if (picked === buttons.setKey()) await vscode.commands.executeCommand(CommandId.SetApiKey);
  else if (picked === buttons.pickModel()) await vscode.commands.executeCommand(CommandId.PickModel);
  else if (picked === buttons.settings()) await vscode.commands.executeCommand('workbench.action.openSettings', 'threadline.endpoints');
}

const buttons = {
  setKey: () => vscode.l10n.t('Set API Key'),
  pickModel: () => vscode.l10n.t('Pick Model'),
  settings: () => vscode.l10n.t('Open Settings'),
};
