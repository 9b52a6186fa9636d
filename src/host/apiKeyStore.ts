import * as vscode from 'vscode';

const SECRET_KEY = 'threadline.apiKey';

/**
 * The API key lives only in SecretStorage (OS keychain on desktop), with OPENAI_API_KEY from the environment
 * as the fallback. It is handed to the SDK and nowhere else: not to settings, logs, errors or the webview.
 */
export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly secrets: vscode.SecretStorage) {
    this.subscription = secrets.onDidChange((e) => {
      if (e.key === SECRET_KEY) this.changed.fire();
    });
  }

  /** The stored key, else the environment's, else undefined. */
  async get(): Promise<string | undefined> {
    const stored = await this.secrets.get(SECRET_KEY);
    if (stored) return stored;
    const fromEnv = process.env.OPENAI_API_KEY?.trim();
    return fromEnv || undefined;
  }

  async set(key: string): Promise<void> {
    await this.secrets.store(SECRET_KEY, key.trim());
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
