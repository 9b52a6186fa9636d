import { type PersonaRef, SLASH_COMMANDS, findCommand } from './slashCommands';

/**
 * What the composer's completion list offers at the caret: command names after a leading `/`, a command's
 * argument (`/persona …`, `/web …`, `/model …`), or personas after `@`. Pure, so the popup only renders.
 */

export interface CompletionItem {
  /** Shown in the list and read by screen readers. */
  label: string;
  detail: string;
  /** Replaces the text from `from` to `to` when accepted. */
  insert: string;
}

export interface CompletionQuery {
  kind: 'command' | 'argument' | 'persona';
  from: number;
  to: number;
  items: CompletionItem[];
}

export interface CompletionContext {
  personas: readonly PersonaRef[];
  /** Models worth offering after `/model`: the personas' models and the one in use. */
  models: readonly string[];
}

const MENTION_TOKEN = /^@[A-Za-z0-9_.-]*$/;

export function completionsAt(text: string, caret: number, context: CompletionContext): CompletionQuery | undefined {
  return commandCompletions(text, caret) ?? argumentCompletions(text, caret, context) ?? mentionCompletions(text, caret, context);
}

/** The text after accepting `item`, and where the caret goes: after the insert, with one space at most. */
export function applyCompletion(text: string, query: CompletionQuery, item: CompletionItem): { text: string; caret: number } {
  let rest = text.slice(query.to);
  if (item.insert.endsWith(' ') && rest.startsWith(' ')) rest = rest.slice(1);
  const before = text.slice(0, query.from) + item.insert;
  return { text: before + rest, caret: before.length };
}

function commandCompletions(text: string, caret: number): CompletionQuery | undefined {
  if (!text.startsWith('/') || text.startsWith('//')) return undefined;
  const end = firstSpace(text);
  if (caret > end) return undefined;
  const typed = text.slice(1, caret).toLowerCase();
  const items = SLASH_COMMANDS.filter((c) => c.name.startsWith(typed)).map((c) => ({
    label: c.usage,
    detail: c.description,
    // A command that takes an argument leaves the caret after a space, ready for it.
    insert: c.argument === 'none' ? `/${c.name}` : `/${c.name} `,
  }));
  return nonEmpty({ kind: 'command', from: 0, to: end, items });
}

function argumentCompletions(text: string, caret: number, context: CompletionContext): CompletionQuery | undefined {
  const nameEnd = firstSpace(text);
  if (!text.startsWith('/') || nameEnd === text.length || caret <= nameEnd) return undefined;
  const spec = findCommand(text.slice(1, nameEnd));
  if (!spec || spec.argument === 'none') return undefined;
  const from = nameEnd + 1;
  // Only a single word is completed: the argument of /persona may be a label with spaces, typed by hand.
  if (/\s/.test(text.slice(from, caret))) return undefined;
  const typed = text.slice(from, caret).toLowerCase();
  const to = from + (/^\S*/.exec(text.slice(from))?.[0].length ?? 0);
  let items: CompletionItem[] = [];
  if (spec.argument === 'onOff') {
    items = [
      { label: 'on', detail: 'Search the web when it helps', insert: 'on' },
      { label: 'off', detail: 'Answer without searching', insert: 'off' },
    ].filter((i) => i.label.startsWith(typed));
  } else if (spec.argument === 'persona') {
    items = matchPersonas(context.personas, typed).map((p) => ({ label: p.id, detail: p.label, insert: p.id }));
  } else {
    items = [...new Set(context.models)].filter((m) => m.toLowerCase().startsWith(typed)).map((m) => ({ label: m, detail: 'model', insert: m }));
  }
  return nonEmpty({ kind: 'argument', from, to, items });
}

function mentionCompletions(text: string, caret: number, context: CompletionContext): CompletionQuery | undefined {
  // The word the caret is in or at the end of: back to the previous whitespace.
  let from = caret;
  while (from > 0 && !/\s/.test(text[from - 1])) from--;
  const token = text.slice(from, caret);
  if (!MENTION_TOKEN.test(token)) return undefined;
  let to = caret;
  while (to < text.length && !/\s/.test(text[to])) to++;
  const items = matchPersonas(context.personas, token.slice(1).toLowerCase()).map((p) => ({ label: `@${p.id}`, detail: p.label, insert: `@${p.id} ` }));
  return nonEmpty({ kind: 'persona', from, to, items });
}

/** Personas whose id, or any word of whose label, starts with what was typed. */
function matchPersonas(personas: readonly PersonaRef[], typed: string): PersonaRef[] {
  return personas.filter((p) => p.id.toLowerCase().startsWith(typed) || p.label.toLowerCase().split(/\s+/).some((word) => word.startsWith(typed)));
}

function firstSpace(text: string): number {
  const index = text.search(/\s/);
  return index === -1 ? text.length : index;
}

function nonEmpty(query: CompletionQuery): CompletionQuery | undefined {
  return query.items.length > 0 ? query : undefined;
}
