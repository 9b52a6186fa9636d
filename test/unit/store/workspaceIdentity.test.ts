import * as assert from 'node:assert/strict';
import { NO_FOLDER_KEY, normalizeUri, workspaceIdentity } from '../../../src/core/store/workspaceIdentity';

describe('workspaceIdentity', () => {
  it('gives every folderless window the shared key no-folder', () => {
    assert.deepEqual(workspaceIdentity({}), { key: NO_FOLDER_KEY, label: 'No folder', uris: [] });
    assert.equal(workspaceIdentity({ folderUris: [] }).key, NO_FOLDER_KEY);
  });

  it('keys a folder by its path, however the browser reached the server', () => {
    const viaLocalhost = workspaceIdentity({ folderUris: ['vscode-remote://localhost:8080/home/dev/project'] });
    const viaLoopback = workspaceIdentity({ folderUris: ['vscode-remote://127.0.0.1:8080/home/dev/project/'] });
    const local = workspaceIdentity({ folderUris: ['file:///home/dev/project'] });
    assert.equal(viaLocalhost.key, viaLoopback.key);
    assert.equal(viaLocalhost.key, local.key);
    assert.match(local.key, /^[0-9a-f]{24}$/);
    assert.equal(local.label, 'project');
    assert.deepEqual(local.uris, ['file:///home/dev/project']);
  });

  it('the same folders in another order are the same workspace; other folders or a workspace file are not', () => {
    const ab = workspaceIdentity({ folderUris: ['file:///a', 'file:///b'] });
    const ba = workspaceIdentity({ folderUris: ['file:///b', 'file:///a'] });
    assert.equal(ab.key, ba.key);
    assert.equal(ab.label, 'a, b');
    assert.notEqual(ab.key, workspaceIdentity({ folderUris: ['file:///a'] }).key);
    const file = workspaceIdentity({ workspaceFileUri: 'file:///home/dev/team.code-workspace', folderUris: ['file:///a', 'file:///b'] });
    assert.notEqual(file.key, ab.key);
    assert.equal(file.label, 'team');
    assert.deepEqual(file.uris, ['file:///home/dev/team.code-workspace']);
  });

  it('spells Windows drive letters and escapes one way, and keeps other schemes whole', () => {
    assert.equal(normalizeUri('file:///C%3A/Users/dev'), normalizeUri('file:///c:/Users/dev'));
    assert.equal(normalizeUri('file:///home/dev/my%20project'), '/home/dev/my project');
    assert.equal(normalizeUri('vscode-vfs://GitHub/owner/repo'), 'vscode-vfs://github/owner/repo');
    assert.equal(workspaceIdentity({ folderUris: ['file:///x'], label: 'Given' }).label, 'Given');
  });
});
