import * as path from 'node:path';
import * as vscode from 'vscode';

export type LoadedSchema = { ok: true; schema: unknown; uri: vscode.Uri } | { ok: false; message: string };

/**
 * Reads a schema file named in settings or arguments: an absolute path, or one relative to a workspace folder
 * (`${workspaceFolder}/` may prefix it). With several folders, the first that holds the file wins.
 */
export async function loadSchemaFile(location: string | vscode.Uri): Promise<LoadedSchema> {
  const uri = typeof location === 'string' ? await resolveSchemaPath(location) : location;
  if (!uri) {
    const folders = vscode.workspace.workspaceFolders ?? [];
    const where = folders.length === 0
      ? vscode.l10n.t('no workspace folder is open to resolve it against')
      : vscode.l10n.t('it is not in {0}', folders.map((f) => f.name).join(vscode.l10n.t(' or ')));
    return { ok: false, message: vscode.l10n.t('schema file "{0}" was not found: {1}.', String(location), where) };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  } catch (error) {
    return { ok: false, message: vscode.l10n.t('could not read schema file {0}: {1}', describe(uri), error instanceof Error ? error.message : String(error)) };
  }
  try {
    return { ok: true, schema: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown, uri };
  } catch (error) {
    return { ok: false, message: vscode.l10n.t('schema file {0} is not valid JSON: {1}', describe(uri), error instanceof Error ? error.message : String(error)) };
  }
}

async function resolveSchemaPath(raw: string): Promise<vscode.Uri | undefined> {
  const relative = raw.replace(/^\$\{workspaceFolder\}[\\/]?/, '');
  if (path.isAbsolute(relative)) return vscode.Uri.file(relative);
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    const candidate = vscode.Uri.joinPath(folder.uri, relative);
    try {
      await vscode.workspace.fs.stat(candidate);
      return candidate;
    } catch {
      // Not in this folder; try the next.
    }
  }
  return undefined;
}

/** Every `*.schema.json` in the workspace, for the picker; node_modules holds thousands nobody means. */
export async function findWorkspaceSchemaFiles(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
  const found = await vscode.workspace.findFiles('**/*.schema.json', '**/node_modules/**', 500, token);
  return found.sort((a, b) => describe(a).localeCompare(describe(b)));
}

export function describe(uri: vscode.Uri): string {
  return vscode.workspace.asRelativePath(uri, true);
}
