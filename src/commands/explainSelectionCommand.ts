import { askAboutSelection, preflightAnswersFrom } from '../editor/askAboutSelection';
import { readConfig } from '../host/config';
import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

/** With no selection it explains the current line, and says so. */
export const explainSelectionCommand: CommandDefinition = {
  id: CommandId.ExplainSelection,
  create: (services) => (arg?: unknown) =>
    askAboutSelection(services, { origin: 'explain', verb: 'explain', prompt: readConfig().explainPrompt, fallback: 'currentLine' }, preflightAnswersFrom(arg)),
};
