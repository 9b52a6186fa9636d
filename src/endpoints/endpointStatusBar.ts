import * as vscode from 'vscode';
import type { EndpointRegistry } from './endpointRegistry';

/** One click from the status bar to the endpoint picker; the item always names where the next turn goes. */
export function createEndpointStatusBar(endpoints: EndpointRegistry): vscode.Disposable {
  const item = vscode.window.createStatusBarItem('threadline.endpoint', vscode.StatusBarAlignment.Right, 102);
  item.name = 'Threadline Endpoint';
  item.command = 'threadline.switchEndpoint';
  const render = (): void => {
    const endpoint = endpoints.active;
    item.text = `$(server) ${endpoint.label}`;
    item.tooltip = `Threadline endpoint: ${endpoint.label} (${endpoint.baseUrl}, ${endpoint.dialect}). Click to switch or add one.`;
  };
  render();
  item.show();
  const subscription = endpoints.onDidChange(render);
  return vscode.Disposable.from(item, subscription);
}
