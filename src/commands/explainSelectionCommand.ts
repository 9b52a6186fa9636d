import { askAboutSelection, preflightAnswersFrom } from '../editor/askAboutSelection';
import { readConfig } from '../host/config';
import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

const DEFAULT_PROMPT = 'Explain what this code does, how it works and anything surprising in it.';

/** With no selection it explains the current line, and says so. */
export const explainSelectionCommand: CommandDefinition = {
  id: CommandId.ExplainSelection,
  create: (services) => (arg?: unknown) =>
    askAboutSelection(services, { origin: 'explain', verb: 'explain', prompt: readConfig().explainPrompt || DEFAULT_PROMPT, fallback: 'currentLine' }, preflightAnswersFrom(arg)),
};
