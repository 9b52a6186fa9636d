import * as vscode from 'vscode';
import { withDisplayLabels } from '../core/personaLabels';
import { describePersonaProblem, parsePersonas, resolveActivePersona, type Persona } from '../core/personas';
import type { Logger } from '../core/provider/types';
import { CONFIG_SECTION, readConfig } from '../host/config';
import { DisposableOwner } from '../host/disposables';

/**
 * The personas from settings, validated entry by entry, and the active one. Changes to the settings take
 * effect at once: the next turn uses whatever is active when it is sent. Unchanged built-ins carry their label in
 * the display language (core/personaLabels), so everything that reads personas from here shows the same name.
 */
export class PersonaRegistry extends DisposableOwner {
  private personas: Persona[] = [];
  private activeId = '';
  private lastWarning = '';
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly logger: Logger,
    /** The default model of an endpoint profile (the persona's, else the active one), when it names one. */
    private readonly endpointModel: (endpointId: string | undefined) => string | undefined = () => undefined,
  ) {
    super();
    this.reload();
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${CONFIG_SECTION}.personas`) || e.affectsConfiguration(`${CONFIG_SECTION}.activePersona`) ||
        e.affectsConfiguration(`${CONFIG_SECTION}.model`)) {
        this.reload();
        this.changed.fire();
      }
    }));
  }

  get all(): readonly Persona[] {
    return this.personas;
  }

  get active(): Persona {
    return resolveActivePersona(this.personas, this.activeId);
  }

  /** The model a persona's turns use: its own, else its endpoint's default model, else `threadline.model`. */
  modelFor(persona: Persona): string {
    return persona.model ?? this.endpointModel(persona.endpoint) ?? readConfig().model;
  }

  /** Tells listeners that what `modelFor` answers may have changed (the endpoints changed). */
  refresh(): void {
    this.changed.fire();
  }

  /**
   * Writes `threadline.activePersona` at the most specific level that defines it, so the new value is the one
   * that takes effect. The configuration listener then reloads and announces the change.
   */
  async activate(id: string): Promise<boolean> {
    if (!this.personas.some((p) => p.id === id)) return false;
    const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
    const inspected = config.inspect<string>('activePersona');
    const target =
      inspected?.workspaceFolderValue !== undefined ? vscode.ConfigurationTarget.WorkspaceFolder
      : inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace
      : vscode.ConfigurationTarget.Global;
    await config.update('activePersona', id, target);
    // The change event may arrive after the write resolves; read the settings now so the caller sees the result.
    if (this.activeId !== id) this.reload();
    return this.active.id === id;
  }

  private reload(): void {
    const config = readConfig();
    const { personas, problems } = parsePersonas(config.personas);
    this.personas = withDisplayLabels(personas);
    this.activeId = config.activePersona;
    const lines = problems.map(describePersonaProblem);
    if (!personas.some((p) => p.id === this.activeId)) {
      lines.push(vscode.l10n.t('threadline.activePersona: no valid persona has id "{0}"; using "{1}".', this.activeId, this.active.label));
    }
    const warning = lines.join('\n');
    if (warning && warning !== this.lastWarning) {
      for (const line of lines) this.logger.warn(`persona setting: ${line}`);
      const summary = problems.length > 0
        ? vscode.l10n.t('Threadline: some persona settings are invalid and were skipped.')
        : vscode.l10n.t('Threadline: the active persona setting names no persona.');
      void vscode.window
        .showWarningMessage(`${summary} ${lines.join(' ')}`, vscode.l10n.t('Open Settings'))
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', `${CONFIG_SECTION}.personas`);
        });
    }
    this.lastWarning = warning;
  }
}
