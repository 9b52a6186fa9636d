import * as vscode from 'vscode';
import type { EndpointRegistry } from './endpointRegistry';
import { CommandId } from '../commands/commandIds';

/** One click from the status bar to the endpoint picker; the item always names where the next turn goes. */
export function createEndpointStatusBar(endpoints: EndpointRegistry): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('threadline.endpoint', vscode.StatusBarAlignment.Right, 102);
  item.name = vscode.l10n.t('Threadline Endpoint');
  item.command = CommandId.SwitchEndpoint;
  const render = (): void => {
    const endpoint = endpoints.active;
    item.text = `$(server) ${endpoint.label}`;
    item.tooltip = vscode.l10n.t('Threadline endpoint: {0} ({1}, {2}). Click to switch or add one.', endpoint.label, endpoint.baseUrl, endpoint.dialect);
  };
  render();
  item.show();
  const subscription = endpoints.onDidChange(render);
  return vscode.Disposable.from(item, subscription);
}
