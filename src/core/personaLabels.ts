import * as l10n from '@vscode/l10n';
import type { Persona } from './personas';
import { DEFAULT_PERSONAS } from './settingDefaults';

/**
 * The labels of the built-in personas in the display language.
 *
 * Decision: a persona is shown with a translated label only while it is still a built-in as shipped: its id and its
 * label both exactly those of an entry in DEFAULT_PERSONAS (the default of `threadline.personas`). A user's own
 * persona, or a built-in whose label the user changed, is the user's text and is shown exactly as written. Matching
 * on id *and* label, rather than on where the setting came from, keeps this per entry: a user who copies the defaults
 * into settings.json to tune one persona's temperature still sees the other labels in their language.
 *
 * The translation is applied once, where the host reads the setting (PersonaRegistry), so every surface shows the
 * same name: the status bar, the quick pick, the panel's picker, `@` and `/persona` completions, the token tooltip,
 * and the label a new turn records (its chip, the history, exports). A turn keeps the label it was recorded with,
 * as it already does when a persona is renamed. Instructions are never translated: they are what the model reads.
 */
const TRANSLATED: ReadonlyMap<string, () => string> = new Map([
  ['assistant', () => l10n.t('Coding Assistant')],
  ['reviewer', () => l10n.t('Code Reviewer')],
  ['teacher', () => l10n.t('Patient Teacher')],
  ['terse', () => l10n.t('Terse Expert')],
]);

/** The ids whose label may be translated: the built-ins, each with its shipped English label. */
export const BUILT_IN_LABELS: ReadonlyMap<string, string> = new Map(DEFAULT_PERSONAS.map((p) => [p.id, p.label]));

/** The label to show: the display language's for an unchanged built-in, the persona's own text otherwise. */
export function displayLabel(persona: Pick<Persona, 'id' | 'label'>): string {
  const translate = TRANSLATED.get(persona.id);
  return translate && BUILT_IN_LABELS.get(persona.id) === persona.label ? translate() : persona.label;
}

/** The personas as the user sees them: only `label` may change, and only for an unchanged built-in. */
export function withDisplayLabels(personas: readonly Persona[]): Persona[] {
  return personas.map((persona) => {
    const label = displayLabel(persona);
    return label === persona.label ? persona : { ...persona, label };
  });
}
