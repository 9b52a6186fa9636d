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
  return `File: ${context.path} (${context.languageId}, ${lineRangeLabel(context)})\n${fenceFor(context.text, fenceLanguage(context.languageId))}`;
}

/** "line 7" or "lines 3-5". */
export function lineRangeLabel(context: Pick<CodeContext, 'startLine' | 'endLine'>): string {
  return context.startLine === context.endLine ? `line ${context.startLine}` : `lines ${context.startLine}-${context.endLine}`;
}

/**
 * The code as a fenced Markdown block tagged with `language`, ending in a newline before the closing fence.
 * The fence is longer than any backtick run inside the code, so code containing ``` cannot close it early.
 */
export function fenceFor(code: string, language: string): string {
  const ticks = '`'.repeat(fenceLength(code));
  const body = code.endsWith('\n') ? code : `${code}\n`;
  return `${ticks}${language}\n${body}${ticks}`;
}

const BACKTICK = 0x60;

/**
 * At least three, and one more than the longest backtick run. A plain scan: spreading every run into Math.max
 * overflows the call stack on large inputs such as minified bundles.
 */
export function fenceLength(code: string): number {
  let longest = 0;
  let run = 0;
  for (let i = 0; i < code.length; i++) {
    if (code.charCodeAt(i) === BACKTICK) {
      run++;
      if (run > longest) longest = run;
    } else {
      run = 0;
    }
  }
  return Math.max(3, longest + 1);
}

/** VS Code language ids are mostly valid fence tags; a few common ones are spelled differently in Markdown. */
function fenceLanguage(languageId: string): string {
  const aliases: Record<string, string> = { typescriptreact: 'tsx', javascriptreact: 'jsx', shellscript: 'bash', plaintext: '' };
  return aliases[languageId] ?? languageId;
}
