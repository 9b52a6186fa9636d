import type { CodeContext } from './turn';

/**
 * The user message as the model receives it: the user's text, then each piece of code it refers to with its
 * file, language and line range. One function, so the chat, the editor commands and token counting agree on
 * exactly what is sent.
 */
export function formatUserMessage(userText: string, context: readonly CodeContext[] = []): string {
  if (context.length === 0) return userText;
  const blocks = context.map(formatCodeContext);
  return [userText.trim(), ...blocks].filter((part) => part.length > 0).join('\n\n');
}

export function formatCodeContext(context: CodeContext): string {
  const lines = context.startLine === context.endLine ? `line ${context.startLine}` : `lines ${context.startLine}-${context.endLine}`;
  const fence = fenceFor(context.text);
  const body = context.text.endsWith('\n') ? context.text : `${context.text}\n`;
  return `File: ${context.path} (${context.languageId}, ${lines})\n${fence}${fenceLanguage(context.languageId)}\n${body}${fence}`;
}

/** A fence longer than any backtick run inside the code, so code containing ``` cannot close it early. */
function fenceFor(code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** VS Code language ids are mostly valid fence tags; a few common ones are spelled differently in Markdown. */
function fenceLanguage(languageId: string): string {
  const aliases: Record<string, string> = { typescriptreact: 'tsx', javascriptreact: 'jsx', shellscript: 'bash', plaintext: '' };
  return aliases[languageId] ?? languageId;
}
