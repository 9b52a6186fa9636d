import { runExtractJson } from '../editor/extract/runExtractJson';
import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

/**
 * Extract JSON from the selection (the whole file when nothing is selected), with Structured Outputs.
 * Optional argument `{ schema?: object | path, schemaName?, noSchema? }` skips the schema picker; without it
 * (palette, menu, keybinding) the user picks. Returns an ExtractJsonResult.
 */
export const extractJsonCommand: CommandDefinition = {
  id: CommandId.ExtractJson,
  create: (services) => (arg?: unknown) => runExtractJson(services, arg),
};
