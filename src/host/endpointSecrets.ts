import * as vscode from 'vscode';
import { LEGACY_PROFILE_ID } from '../core/endpoints/migration';
import { envKeyFor } from '../core/endpoints/presets';
import type { EndpointProfile } from '../core/endpoints/profiles';
import { DisposableOwner } from './disposables';

/** 0.1.0 kept its one key here; it stays the key of the profile made from 0.1.0's settings. */
const LEGACY_SECRET = 'threadline.apiKey';

/**
 * A key per endpoint profile, only in SecretStorage (the OS keychain on desktop). The fallback is the preset's own
 * environment variable (OPENAI_API_KEY for OpenAI only, AZURE_OPENAI_API_KEY, GEMINI_API_KEY), so one service's
 * key is never sent to another. Keys go to the SDK and nowhere else: not to settings, logs, errors or the webview.
 */
export class EndpointSecrets extends DisposableOwner {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly secrets: vscode.SecretStorage) {
    super();
    this._register(secrets.onDidChange((e) => {
      if (e.key === LEGACY_SECRET || e.key.startsWith(`${LEGACY_SECRET}.`)) this.changed.fire();
    }));
  }

  /** The stored key, else the environment's, else undefined. */
  async get(profile: EndpointProfile): Promise<string | undefined> {
    const stored = await this.stored(profile.id);
    if (stored) return stored;
    // The profile made from 0.1.0's settings keeps 0.1.0's fallback, whatever its URL.
    const variable = profile.id === LEGACY_PROFILE_ID ? 'OPENAI_API_KEY' : envKeyFor(profile.preset);
    const fromEnv = variable ? process.env[variable]?.trim() : undefined;
    return fromEnv || undefined;
  }

  async stored(profileId: string): Promise<string | undefined> {
    return (await this.secrets.get(secretName(profileId))) || undefined;
  }

  async set(profileId: string, key: string): Promise<void> {
    await this.secrets.store(secretName(profileId), key.trim());
  }

  async clear(profileId: string): Promise<void> {
    await this.secrets.delete(secretName(profileId));
  }
}

function secretName(profileId: string): string {
  return profileId === LEGACY_PROFILE_ID ? LEGACY_SECRET : `${LEGACY_SECRET}.${profileId}`;
}
