/**
 * What the endpoint suites share: a fake Responses server in this extension host, endpoint gates in front of it
 * (each playing one kind of server), and profiles written to the user settings, all put back afterwards.
 */
import * as vscode from 'vscode';
import { EndpointGate, type GateOptions } from '../../fake-server/endpointGate';
import { FakeResponsesServer } from '../../fake-server/fakeResponsesServer';
import { activateThreadline, setUserSetting } from './threadline';

export interface ProfileSetting {
  id: string;
  label: string;
  preset: string;
  baseUrl: string;
  dialect: string;
  defaultModel?: string;
  headers?: Record<string, string>;
  keyless?: boolean;
}

export function useEndpointGates(): { gate(options: GateOptions): Promise<EndpointGate>; upstream(): FakeResponsesServer } {
  let upstream: FakeResponsesServer | undefined;
  const gates: EndpointGate[] = [];
  suiteSetup(async () => {
    await activateThreadline();
    upstream = new FakeResponsesServer();
    await upstream.start();
    await setUserSetting('maxRetries', 0);
    await vscode.commands.executeCommand('threadline.newConversation');
  });
  suiteTeardown(async () => {
    for (const key of ['endpoints', 'activeEndpoint', 'baseUrl', 'maxRetries', 'personas', 'activePersona', 'model', 'requestTimeoutSeconds']) {
      await setUserSetting(key, undefined);
    }
    await Promise.all(gates.map((g) => g.stop()));
    await upstream?.stop();
    await vscode.commands.executeCommand('threadline.newConversation');
  });
  teardown(() => {
    if (upstream) upstream.responsesRoute = 'present';
  });
  return {
    upstream: () => {
      if (!upstream) throw new Error('the fake server starts in suiteSetup');
      return upstream;
    },
    gate: async (options) => {
      if (!upstream) throw new Error('the fake server starts in suiteSetup');
      const gate = new EndpointGate(upstream.baseURL, options);
      await gate.start();
      gates.push(gate);
      return gate;
    },
  };
}

export async function useProfiles(profiles: ProfileSetting[], active: string): Promise<void> {
  await setUserSetting('endpoints', profiles);
  await setUserSetting('activeEndpoint', active);
}

export async function setKey(key: string, endpointId: string): Promise<void> {
  const saved = await vscode.commands.executeCommand('threadline.setApiKey', key, endpointId);
  if (saved !== true) throw new Error(`the key of ${endpointId} was not saved`);
}

export async function clearKey(endpointId: string): Promise<void> {
  await vscode.commands.executeCommand('threadline.clearApiKey', endpointId);
}
