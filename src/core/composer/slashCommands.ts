/**
 * The composer's language: `/commands` and `@persona` mentions, read from the draft the user is about to send.
 * Pure (no DOM, no `vscode`), so the webview and the tests share one reading of the text. Imported by the
 * webview composer (src/webview/composer) and by its completion matching (./completions).
 */

/** What a persona looks like to the composer: enough to match `@id` and `/persona NAME`. */
export interface PersonaRef {
  id: string;
  label: string;
}

export type SlashCommandName = 'explain' | 'summarize' | 'json' | 'new' | 'compact' | 'web' | 'persona' | 'model' | 'export' | 'help';

/** The argument a command takes, which is also what its completion lists. */
export type SlashArgument = 'none' | 'onOff' | 'persona' | 'model';

export interface SlashCommandSpec {
  name: SlashCommandName;
  usage: string;
  description: string;
  argument: SlashArgument;
}

/** In the order /help and the completion list show them: the editor commands first, as in the context menu. */
export const SLASH_COMMANDS: readonly SlashCommandSpec[] = [
  { name: 'explain', usage: '/explain', description: 'Explain the selection in the active editor', argument: 'none' },
  { name: 'summarize', usage: '/summarize', description: 'Summarize the selection in the active editor', argument: 'none' },
  { name: 'json', usage: '/json', description: 'Extract JSON from the selection in the active editor', argument: 'none' },
  { name: 'new', usage: '/new', description: 'Start a new conversation (this one stays in the history)', argument: 'none' },
  { name: 'compact', usage: '/compact', description: 'Compact the conversation now', argument: 'none' },
  { name: 'web', usage: '/web on|off', description: 'Turn web search on or off for this panel', argument: 'onOff' },
  { name: 'persona', usage: '/persona NAME', description: 'Switch the active persona', argument: 'persona' },
  { name: 'model', usage: '/model NAME', description: 'Use this model for the panel’s messages; /model alone goes back to the persona’s', argument: 'model' },
  { name: 'export', usage: '/export', description: 'Export the conversation as Markdown', argument: 'none' },
  { name: 'help', usage: '/help', description: 'List these commands', argument: 'none' },
];

export type ComposerCommand =
  | { name: 'explain' | 'summarize' | 'json' | 'new' | 'compact' | 'export' | 'help' }
  | { name: 'web'; enabled: boolean }
  | { name: 'persona'; personaId: string }
  /** `model` undefined: back to the persona's own model. */
  | { name: 'model'; model: string | undefined };

/**
 * What Enter does with the draft: send it (to one persona, when a single one is mentioned), run a command, or
 * nothing but a hint that says why. `hint` on a message is said beside sending it.
 */
export type ComposerIntent =
  | { kind: 'message'; text: string; personaId?: string; hint?: string }
  | { kind: 'command'; command: ComposerCommand }
  | { kind: 'problem'; hint: string };

/** A command is `/name` at the very start, followed by a space or the end; `/usr/bin …` or a C comment is text. */
const COMMAND = /^\/([A-Za-z][\w-]*)(?=\s|$)/;
/** A mention is `@id` at the start or after a space, with the characters a persona id may hold. */
const MENTION = /(^|\s)@([A-Za-z0-9_.-]+)/g;
/** A model id as servers name them: `gpt-4.1`, `qwen2.5-coder:7b`, `org/model`. */
const MODEL_NAME = /^[A-Za-z0-9][\w.:/-]{0,127}$/;

export function findCommand(name: string): SlashCommandSpec | undefined {
  return SLASH_COMMANDS.find((command) => command.name === name.toLowerCase());
}

/** A persona by id or by label, ignoring case: `/persona reviewer` and `/persona code reviewer` both work. */
export function findPersona(personas: readonly PersonaRef[], name: string): PersonaRef | undefined {
  const wanted = name.trim().toLowerCase();
  return personas.find((p) => p.id.toLowerCase() === wanted) ?? personas.find((p) => p.label.toLowerCase() === wanted);
}

export function parseComposerInput(text: string, personas: readonly PersonaRef[]): ComposerIntent {
  // `//` escapes a message that must begin with a slash.
  if (text.startsWith('//')) return readMessage(text.slice(1), personas);
  const match = COMMAND.exec(text);
  if (!match) return readMessage(text, personas);
  const name = match[1];
  const argument = text.slice(match[0].length).trim();
  const spec = findCommand(name);
  if (!spec) return { kind: 'problem', hint: `Unknown command /${name}. Type /help for the list, or start with // to send it as a message.` };
  return readCommand(spec, argument, personas);
}

function readCommand(spec: SlashCommandSpec, argument: string, personas: readonly PersonaRef[]): ComposerIntent {
  switch (spec.argument) {
    case 'none':
      if (argument) return { kind: 'problem', hint: `${spec.usage} takes nothing after it.` };
      return { kind: 'command', command: { name: spec.name } as ComposerCommand };
    case 'onOff': {
      const value = argument.toLowerCase();
      if (value !== 'on' && value !== 'off') return { kind: 'problem', hint: 'Use /web on or /web off.' };
      return { kind: 'command', command: { name: 'web', enabled: value === 'on' } };
    }
    case 'persona': {
      const names = personas.map((p) => p.id).join(', ');
      if (!argument) return { kind: 'problem', hint: `Name a persona: /persona ${personas[0]?.id ?? 'NAME'}. Personas: ${names}.` };
      const persona = findPersona(personas, argument);
      if (!persona) return { kind: 'problem', hint: `No persona is called “${argument}”. Personas: ${names}.` };
      return { kind: 'command', command: { name: 'persona', personaId: persona.id } };
    }
    case 'model':
      if (!argument) return { kind: 'command', command: { name: 'model', model: undefined } };
      if (!MODEL_NAME.test(argument)) return { kind: 'problem', hint: `“${argument}” is not a model name.` };
      return { kind: 'command', command: { name: 'model', model: argument } };
  }
}

/** The distinct personas mentioned, in order, with where the first mention sits. */
export function findMentions(text: string, personas: readonly PersonaRef[]): Array<{ persona: PersonaRef; start: number; end: number }> {
  const found: Array<{ persona: PersonaRef; start: number; end: number }> = [];
  for (const match of text.matchAll(MENTION)) {
    // A sentence may end on a mention ("ask @reviewer."): trailing punctuation is not part of the id.
    const token = match[2].replace(/[.]+$/, '');
    const persona = personas.find((p) => p.id.toLowerCase() === token.toLowerCase());
    if (!persona || found.some((f) => f.persona.id === persona.id)) continue;
    const start = (match.index ?? 0) + match[1].length;
    found.push({ persona, start, end: start + 1 + token.length });
  }
  return found;
}

function readMessage(text: string, personas: readonly PersonaRef[]): ComposerIntent {
  if (text.trim().length === 0) return { kind: 'problem', hint: 'Type a message first.' };
  const mentions = findMentions(text, personas);
  if (mentions.length > 1) {
    // Fan-out (several personas answering at once) is a later feature; until then the text goes as it is.
    return { kind: 'message', text, hint: 'Asking several personas at once is not available yet: sent as plain text to the active persona.' };
  }
  const [only] = mentions;
  if (!only) return { kind: 'message', text };
  // A leading mention addresses the message and is not part of it; one inside a sentence stays where it is.
  const leading = text.slice(0, only.start).trim() === '';
  const body = leading ? text.slice(only.end).trim() : text;
  if (body.length === 0) return { kind: 'problem', hint: `Write a message after @${only.persona.id}.` };
  return { kind: 'message', text: body, personaId: only.persona.id };
}
