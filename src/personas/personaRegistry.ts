import * as vscode from 'vscode';
import { describePersonaProblem, parsePersonas, resolveActivePersona, type Persona } from '../core/personas';
import type { Logger } from '../core/provider/types';
import { CONFIG_SECTION, readConfig } from '../host/config';

/**
 * The personas from settings, validated entry by entry, and the active one. Changes to the settings take
 * effect at once: the next turn uses whatever is active when it is sent.
 */
export class PersonaRegistry implements vscode.Disposable {
  private personas: Persona[] = [];
  private activeId = '';
  private lastWarning = '';
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly logger: Logger) {
    this.reload();
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${CONFIG_SECTION}.personas`) || e.affectsConfiguration(`${CONFIG_SECTION}.activePersona`) ||
        e.affectsConfiguration(`${CONFIG_SECTION}.model`)) {
        this.reload();
        this.changed.fire();
      }
    });
  }

  get all(): readonly Persona[] {
    return this.personas;
  }

  get active(): Persona {
    return resolveActivePersona(this.personas, this.activeId);
  }

  /** The model a persona's turns use: its own, else `threadline.model`. */
  modelFor(persona: Persona): string {
    return persona.model ?? readConfig().model;
  }

  /** Writes `threadline.activePersona` where it is currently defined (workspace if set there, else user). */
  async activate(id: string): Promise<boolean> {
    if (!this.personas.some((p) => p.id === id)) return false;
    const config = vscode.workspace.getConfiguration(CONFIG_SECTION);
    const inspected = config.inspect<string>('activePersona');
    const target = inspected?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update('activePersona', id, target);
    this.activeId = id;
    this.changed.fire();
    return true;
  }

  private reload(): void {
    const config = readConfig();
    const { personas, problems } = parsePersonas(config.personas);
    this.personas = personas;
    this.activeId = config.activePersona;
    const lines = problems.map(describePersonaProblem);
    if (!personas.some((p) => p.id === this.activeId)) {
      lines.push(`threadline.activePersona: no valid persona has id "${this.activeId}"; using "${this.active.label}".`);
    }
    const warning = lines.join('\n');
    if (warning && warning !== this.lastWarning) {
      for (const line of lines) this.logger.warn(`persona setting: ${line}`);
      void vscode.window
        .showWarningMessage(`Threadline: some persona settings are invalid and were skipped. ${lines.join(' ')}`, 'Open Settings')
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', `${CONFIG_SECTION}.personas`);
        });
    }
    this.lastWarning = warning;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
