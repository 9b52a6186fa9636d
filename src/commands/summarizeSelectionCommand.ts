import { askAboutSelection, preflightAnswersFrom } from '../editor/askAboutSelection';
import { readConfig } from '../host/config';
import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

/** With no selection it summarizes the whole file, and says so. */
export const summarizeSelectionCommand: CommandDefinition = {
  id: CommandId.SummarizeSelection,
  create: (services) => (arg?: unknown) =>
    askAboutSelection(services, { origin: 'summarize', verb: 'summarize', prompt: readConfig().summarizePrompt, fallback: 'wholeDocument' }, preflightAnswersFrom(arg)),
};
