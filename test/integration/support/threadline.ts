/**
 * What the integration suites share: the Threadline extension and its API, its manifest as installed, settings
 * changed in the user profile (never in the fixture workspace on disk), and a fake Responses server running
 * inside the extension host.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Turn } from '../../../src/core/conversation/turn';
import type { ThreadlineApi } from '../../../src/extension';
import { FakeResponsesServer } from '../../fake-server/fakeResponsesServer';

export const EXTENSION_ID = 'threadline.threadline';

export interface ContributedCommand {
  command: string;
  title: string;
}

export interface ContributedSetting {
  type?: string | string[];
  default?: unknown;
}

export interface Manifest {
  activationEvents?: string[];
  contributes: {
    commands: ContributedCommand[];
    views: Record<string, { id: string; type?: string }[]>;
    viewsContainers: { activitybar: { id: string }[] };
    menus: Record<string, { command?: string }[]>;
    keybindings: { command: string }[];
    configuration: { properties: Record<string, ContributedSetting> };
  };
}

export function threadlineExtension(): vscode.Extension<ThreadlineApi> {
  const extension = vscode.extensions.getExtension<ThreadlineApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this extension host`);
  return extension;
}

/** The manifest the host actually loaded (for the .vsix pass, the packaged one). */
export function manifest(): Manifest {
  return threadlineExtension().packageJSON as Manifest;
}

export async function activateThreadline(): Promise<ThreadlineApi> {
  const api = await threadlineExtension().activate();
  await api.ready;
  return api;
}

/** Changes a threadline.* setting in the user profile, which each run gets fresh. */
export async function setUserSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('threadline').update(key, value, vscode.ConfigurationTarget.Global);
}

export async function ask(text: string): Promise<Turn> {
  const turn = await vscode.commands.executeCommand<Turn | undefined>('threadline.ask', text);
  assert.ok(turn, `threadline.ask returned no turn for ${JSON.stringify(text)}`);
  return turn;
}

export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs}ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Starts a fake Responses server in this extension host and points Threadline at it with the given key.
 * Returns the server and a teardown that stops it and puts the settings back.
 */
export async function connectToFakeServer(apiKey: string): Promise<{ server: FakeResponsesServer; disconnect: () => Promise<void> }> {
  const server = new FakeResponsesServer();
  const baseURL = await server.start();
  await setUserSetting('baseUrl', baseURL);
  // Retries only slow the fault tests down; the provider's retry policy has its own unit tests.
  await setUserSetting('maxRetries', 0);
  await vscode.commands.executeCommand('threadline.setApiKey', apiKey);
  return {
    server,
    disconnect: async () => {
      await server.stop();
      await setUserSetting('baseUrl', undefined);
      await setUserSetting('maxRetries', undefined);
    },
  };
}

/**
 * Registers the hooks a chat suite needs: a fake server in this host with Threadline pointed at it, a fresh
 * conversation at the start and the end (suites share one host and must not chain onto each other), and a clean
 * request log before each test. Returns a getter, because the server exists only once suiteSetup has run.
 */
export function useFakeServer(apiKey: string): () => FakeResponsesServer {
  let connection: { server: FakeResponsesServer; disconnect: () => Promise<void> } | undefined;
  suiteSetup(async () => {
    await activateThreadline();
    connection = await connectToFakeServer(apiKey);
    await vscode.commands.executeCommand('threadline.newConversation');
  });
  suiteTeardown(async () => {
    await connection?.disconnect();
    await vscode.commands.executeCommand('threadline.clearApiKey');
    await vscode.commands.executeCommand('threadline.newConversation');
  });
  setup(() => connection?.server.clearRequests());
  return () => {
    assert.ok(connection, 'the fake server is started in suiteSetup');
    return connection.server;
  };
}
