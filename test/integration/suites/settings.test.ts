import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { manifest, setUserSetting, type ContributedSetting } from '../support/threadline';

function matchesSchemaType(value: unknown, type: ContributedSetting['type']): boolean {
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => {
    switch (t) {
      case 'string': return typeof value === 'string';
      case 'number': return typeof value === 'number';
      case 'integer': return Number.isInteger(value);
      case 'boolean': return typeof value === 'boolean';
      case 'array': return Array.isArray(value);
      case 'object': return typeof value === 'object' && value !== null && !Array.isArray(value);
      case 'null': return value === null;
      default: return false;
    }
  });
}

suite('Settings schema', () => {
  const properties = () => Object.entries(manifest().contributes.configuration.properties);

  test('contributes threadline.* settings only, each with a default of its declared type', () => {
    assert.ok(properties().length > 0);
    for (const [key, schema] of properties()) {
      assert.ok(key.startsWith('threadline.'), `${key} is outside the threadline namespace`);
      assert.ok('default' in schema, `${key} has no default`);
      assert.ok(matchesSchemaType(schema.default, schema.type), `${key}: default ${JSON.stringify(schema.default)} is not a ${String(schema.type)}`);
    }
  });

  test('every setting is registered with the editor and reports the manifest default', () => {
    const configuration = vscode.workspace.getConfiguration();
    for (const [key, schema] of properties()) {
      const inspected = configuration.inspect(key);
      assert.ok(inspected, `${key} is unknown to the editor`);
      assert.deepEqual(inspected.defaultValue, schema.default, `${key}: default differs from the manifest`);
      const effective = inspected.workspaceFolderValue ?? inspected.workspaceValue ?? inspected.globalValue ?? inspected.defaultValue;
      assert.deepEqual(configuration.get(key), effective, `${key}: get() does not return the effective value`);
    }
  });

  test('reads workspace settings from the opened folder', () => {
    // The fixture workspace sets a model in .vscode/settings.json.
    const model = vscode.workspace.getConfiguration('threadline').inspect<string>('model');
    assert.equal(model?.workspaceValue, 'gpt-4.1-nano');
    assert.equal(vscode.workspace.getConfiguration('threadline').get('model'), 'gpt-4.1-nano');
  });

  test('a user setting overrides the default and can be reset', async () => {
    const before = vscode.workspace.getConfiguration('threadline').inspect<number>('maxRetries');
    assert.equal(before?.globalValue, undefined);
    await setUserSetting('maxRetries', 7);
    assert.equal(vscode.workspace.getConfiguration('threadline').get('maxRetries'), 7);
    await setUserSetting('maxRetries', undefined);
    assert.equal(vscode.workspace.getConfiguration('threadline').get('maxRetries'), before?.defaultValue);
  });
});
