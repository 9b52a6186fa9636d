import * as vscode from 'vscode';
import { type EffectiveEndpoints, effectiveEndpoints, withAddedProfile } from '../core/endpoints/migration';
import { describeEndpointProblem, type EndpointProfile } from '../core/endpoints/profiles';
import type { Logger } from '../core/provider/types';
import { CONFIG_SECTION, readConfig } from '../host/config';
import { DisposableOwner } from '../host/disposables';

/**
 * The endpoint profiles from settings, validated entry by entry, and the active one. Without any profile, 0.1.0's
 * `threadline.baseUrl` is the one profile. Setting changes apply from the next request.
 */
export class EndpointRegistry extends DisposableOwner {
  private state: EffectiveEndpoints;
  private lastWarning = '';
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly logger: Logger) {
    super();
    this.state = this.reload();
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (['endpoints', 'activeEndpoint', 'baseUrl'].some((key) => e.affectsConfiguration(`${CONFIG_SECTION}.${key}`))) {
        this.state = this.reload();
        this.changed.fire();
      }
    }));
  }

  get all(): readonly EndpointProfile[] {
    return this.state.profiles;
  }

  get active(): EndpointProfile {
    return this.state.active;
  }

  /** True while no profile is set and `threadline.baseUrl` stands in. */
  get fromLegacy(): boolean {
    return this.state.fromLegacy;
  }

  byId(id: string): EndpointProfile | undefined {
    return this.state.profiles.find((p) => p.id === id);
  }

  /** Writes `threadline.activeEndpoint` where it is defined, so the new value is the one in effect. */
  async activate(id: string): Promise<boolean> {
    if (!this.byId(id)) return false;
    await this.update('activeEndpoint', id);
    if (this.state.active.id !== id) this.state = this.reload();
    return this.state.active.id === id;
  }

  /** Adds a profile (0.1.0's endpoint is written first if there were none) and makes it active. */
  async add(profile: EndpointProfile): Promise<void> {
    const config = readConfig();
    await this.update('endpoints', withAddedProfile(config.endpoints, config.baseUrl, profile));
    await this.update('activeEndpoint', profile.id);
    this.state = this.reload();
  }

  /** Sets a profile's default model in `threadline.endpoints`; for 0.1.0's endpoint, `threadline.model`. */
  async setDefaultModel(id: string, model: string): Promise<void> {
    if (this.state.fromLegacy) return this.update('model', model);
    const raw = readConfig().endpoints;
    const entries = Array.isArray(raw) ? raw : [];
    await this.update('endpoints', entries.map((entry: unknown) =>
      typeof entry === 'object' && entry !== null && (entry as { id?: unknown }).id === id ? { ...entry, defaultModel: model } : entry));
    this.state = this.reload();
  }

  private async update(key: string, value: unknown): Promise<void> {
    const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
    const inspected = config.inspect(key);
    const target =
      inspected?.workspaceFolderValue !== undefined ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace
      : vscode.ConfigurationTarget.Global;
    await config.update(key, value, target);
  }

  private reload(): EffectiveEndpoints {
    const state = effectiveEndpoints(readConfig());
    const lines = state.problems.map(describeEndpointProblem);
    if (state.unknownActiveId) lines.push(vscode.l10n.t('threadline.activeEndpoint: no valid endpoint has id "{0}"; using "{1}".', state.unknownActiveId, state.active.label));
    const warning = lines.join('\n');
    if (warning && warning !== this.lastWarning) {
      for (const line of lines) this.logger.warn(`endpoint setting: ${line}`);
      void vscode.window
        .showWarningMessage(vscode.l10n.t('Threadline: some endpoint settings are invalid. {0}', lines.join(' ')), vscode.l10n.t('Open Settings'))
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', `${CONFIG_SECTION}.endpoints`);
        });
    }
    this.lastWarning = warning;
    return state;
  }
}
