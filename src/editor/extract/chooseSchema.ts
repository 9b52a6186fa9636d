import * as vscode from 'vscode';
import { parseSchemaSettings, type ExtractJsonArgs, type SchemaSetting } from '../../core/extract/extractArgs';
import { schemaNameFromPath } from '../../core/extract/extractionPlan';
import type { Logger } from '../../core/provider/types';
import { readConfig } from '../../host/config';
import { describe, findWorkspaceSchemaFiles, loadSchemaFile } from './schemaFiles';

/** What the user chose to extract with: no schema (json_object), or a named schema as written. */
export type SchemaChoice =
  | { kind: 'none' }
  | { kind: 'schema'; name: string; schema: unknown }
  | { kind: 'cancelled' }
  | { kind: 'error'; errorKind: string; message: string };

/** Arguments skip the picker: for keybindings, tasks and tests. */
export async function schemaFromArgs(args: ExtractJsonArgs, logger: Logger): Promise<SchemaChoice> {
  if (args.noSchema) return { kind: 'none' };
  if (args.schema !== undefined && typeof args.schema !== 'string') return { kind: 'schema', name: args.schemaName ?? 'schema', schema: args.schema };
  if (typeof args.schema === 'string') return fromFile(args.schema, args.schemaName);
  if (args.schemaName !== undefined) {
    const entry = settingsEntries(logger).find((e) => settingName(e) === args.schemaName);
    if (!entry) {
      return { kind: 'error', errorKind: 'schema_not_found', message: vscode.l10n.t('no entry named "{0}" in threadline.extractJson.schemas.', args.schemaName) };
    }
    return fromSetting(entry);
  }
  return { kind: 'none' };
}

interface SchemaPickItem extends vscode.QuickPickItem {
  choose: () => Promise<SchemaChoice>;
}

/** The picker: no schema, each configured schema, or any `*.schema.json` in the workspace. */
export async function pickSchema(logger: Logger): Promise<SchemaChoice> {
  const items: SchemaPickItem[] = [
    {
      label: `$(json) ${vscode.l10n.t('No schema')}`,
      description: vscode.l10n.t('infer well-formed JSON'),
      detail: vscode.l10n.t('The model chooses the structure that captures the data (JSON mode).'),
      choose: async () => ({ kind: 'none' }),
    },
  ];
  const entries = settingsEntries(logger);
  if (entries.length > 0) items.push({ label: vscode.l10n.t('From threadline.extractJson.schemas'), kind: vscode.QuickPickItemKind.Separator, choose: cancelled });
  for (const entry of entries) {
    items.push({
      label: `$(symbol-structure) ${settingName(entry)}`,
      description: entry.kind === 'file' ? entry.path : vscode.l10n.t('inline schema in settings'),
      choose: () => fromSetting(entry),
    });
  }
  items.push(
    { label: '', kind: vscode.QuickPickItemKind.Separator, choose: cancelled },
    { label: `$(search) ${vscode.l10n.t('Pick a *.schema.json from the workspace…')}`, choose: pickWorkspaceSchema },
  );
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Threadline: Extract JSON'),
    placeHolder: vscode.l10n.t('Which JSON Schema should the result follow?'),
    matchOnDescription: true,
    // Opened from the context menu, focus returning to the editor must not dismiss the choice.
    ignoreFocusOut: true,
  });
  return picked ? picked.choose() : { kind: 'cancelled' };
}

async function pickWorkspaceSchema(): Promise<SchemaChoice> {
  const files = await findWorkspaceSchemaFiles();
  if (files.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Threadline: there is no *.schema.json file in this workspace (node_modules is not searched).'));
    return { kind: 'cancelled' };
  }
  const picked = await vscode.window.showQuickPick(
    files.map((uri) => ({ label: schemaNameFromPath(uri.path), description: describe(uri), uri })),
    { title: vscode.l10n.t('Threadline: Extract JSON'), placeHolder: vscode.l10n.t('Pick a JSON Schema file'), matchOnDescription: true, ignoreFocusOut: true },
  );
  if (!picked) return { kind: 'cancelled' };
  const loaded = await loadSchemaFile(picked.uri);
  return loaded.ok ? { kind: 'schema', name: picked.label, schema: loaded.schema } : { kind: 'error', errorKind: 'schema_unreadable', message: loaded.message };
}

function settingsEntries(logger: Logger): SchemaSetting[] {
  const { entries, problems } = parseSchemaSettings(readConfig().extractSchemas);
  for (const problem of problems) logger.warn(problem);
  if (problems.length > 0) void vscode.window.showWarningMessage(vscode.l10n.t('Threadline: {0}. Those entries are skipped.', problems.join('; ')));
  return entries;
}

function settingName(entry: SchemaSetting): string {
  return entry.kind === 'inline' ? entry.name : schemaNameFromPath(entry.path);
}

function fromSetting(entry: SchemaSetting): Promise<SchemaChoice> {
  if (entry.kind === 'inline') return Promise.resolve({ kind: 'schema', name: entry.name, schema: entry.schema });
  return fromFile(entry.path);
}

async function fromFile(location: string, name?: string): Promise<SchemaChoice> {
  const loaded = await loadSchemaFile(location);
  if (!loaded.ok) return { kind: 'error', errorKind: 'schema_unreadable', message: loaded.message };
  return { kind: 'schema', name: name ?? schemaNameFromPath(loaded.uri.path), schema: loaded.schema };
}

async function cancelled(): Promise<SchemaChoice> {
  return { kind: 'cancelled' };
}
