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
      { location: vscode.ProgressLocation.Notification, title: `Threadline: testing ${profile.label}…` },
      () => testConnection(services, id ?? profile.id, model),
    );
    if ('kind' in outcome) {
      void offer(vscode.window.showErrorMessage(`Threadline: ${outcome.title}. ${outcome.action ?? outcome.detail}`, 'Set API Key', 'Open Settings'));
      return outcome;
    }
    const [headline, ...rest] = describeReport(outcome);
    if (outcome.ok) void vscode.window.showInformationMessage(`Threadline: Test Connection: ${headline} (model ${model}).`);
    else {
      const kind = outcome.diagnosis?.kind;
      const button = kind === 'key_rejected' ? 'Set API Key' : kind === 'no_such_model' || kind === 'azure_deployment' ? 'Pick Model' : 'Open Settings';
      void offer(vscode.window.showErrorMessage(`Threadline: Test Connection: ${headline}. ${rest.join(' ')}`, button));
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
  if (picked === 'Set API Key') await vscode.commands.executeCommand(CommandId.SetApiKey);
  else if (picked === 'Pick Model') await vscode.commands.executeCommand(CommandId.PickModel);
  else if (picked === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', 'threadline.endpoints');
}
