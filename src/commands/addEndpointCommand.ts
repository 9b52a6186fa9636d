import * as vscode from 'vscode';
import { checkBaseUrl } from '../core/endpoints/endpoint';
import { LEGACY_PROFILE_ID } from '../core/endpoints/migration';
import { type EndpointPreset, PRESET_IDS, type PresetId, PRESETS } from '../core/endpoints/presets';
import { type EndpointProfile, uniqueProfileId } from '../core/endpoints/profiles';
import { CommandId } from './commandIds';
import type { CommandDefinition } from './services';

/** What automation (and tests) may pass instead of answering the prompts. */
interface AddEndpointArgs {
  preset?: PresetId;
  baseUrl?: string;
  key?: string;
  label?: string;
  defaultModel?: string;
  /** False skips the Test Connection at the end. */
  test?: boolean;
}

/**
 * The guided way to add an endpoint: preset, then its URL (prefilled), then its key if it takes one, then Test
 * Connection. The profile goes to `threadline.endpoints` and becomes active; the key goes to SecretStorage.
 * With no profile yet, 0.1.0's endpoint is written first, so nothing that worked is lost.
 */
export const addEndpointCommand: CommandDefinition = {
  id: CommandId.AddEndpoint,
  create: ({ endpoints, secrets }) => async (provided?: unknown) => {
    const args: AddEndpointArgs = typeof provided === 'object' && provided !== null ? (provided as AddEndpointArgs) : {};
    const preset = args.preset ? PRESETS[args.preset] : await pickPreset();
    if (!preset) return undefined;
    const baseUrl = args.baseUrl ?? (await askUrl(preset));
    if (baseUrl === undefined) return undefined;
    const key = args.key ?? (preset.keyless ? '' : await askKey(preset));
    if (key === undefined) return undefined;
    const defaultModel = args.defaultModel ?? (preset.id === 'azure' ? await askDeployment() : preset.suggestedModel);
    if (defaultModel === undefined && preset.id === 'azure') return undefined;

    const taken = [LEGACY_PROFILE_ID, ...endpoints.all.map((p) => p.id)];
    const labels = endpoints.all.map((p) => p.label);
    const label = args.label ?? (labels.includes(preset.label) ? `${preset.label} (${new URL(baseUrl).host})` : preset.label);
    const profile: EndpointProfile = {
      id: uniqueProfileId(preset.id, taken),
      label,
      preset: preset.id,
      baseUrl: baseUrl.trim(),
      dialect: preset.dialect,
      ...(defaultModel ? { defaultModel } : {}),
      // A server started without a key (vLLM, a custom one) is keyless once the user leaves the key empty.
      ...(preset.keyless || (!key.trim() && !preset.envKey) ? { keyless: true } : {}),
    };
    if (key.trim()) await secrets.set(profile.id, key);
    await endpoints.add(profile);
    if (args.test === false) return { id: profile.id };
    const report = await vscode.commands.executeCommand(CommandId.TestConnection, profile.id);
    return { id: profile.id, report };
  },
};

async function pickPreset(): Promise<EndpointPreset | undefined> {
  const picked = await vscode.window.showQuickPick(
    PRESET_IDS.map((id) => {
      const preset = PRESETS[id];
      return { label: preset.label, description: `${preset.dialect}${preset.keyless ? ' · no key' : ''}`, detail: `Needs ${preset.needs}.`, id };
    }),
    { title: 'Threadline: Add Endpoint (1/3): which server?', placeHolder: 'Pick a preset', matchOnDetail: true, ignoreFocusOut: true },
  );
  return picked ? PRESETS[picked.id] : undefined;
}

function askUrl(preset: EndpointPreset): Thenable<string | undefined> {
  const placeholder = preset.baseUrl.indexOf('RESOURCE');
  return vscode.window.showInputBox({
    title: `Threadline: Add Endpoint (2/3): ${preset.label} base URL`,
    prompt: preset.id === 'azure' ? 'Replace RESOURCE with your Azure OpenAI resource name.' : 'The base URL the API starts at (most servers: …/v1).',
    value: preset.baseUrl,
    ...(placeholder >= 0 ? { valueSelection: [placeholder, placeholder + 'RESOURCE'.length] as [number, number] } : {}),
    ignoreFocusOut: true,
    validateInput: (value) => {
      const check = checkBaseUrl(value.trim(), { profile: preset.label });
      return check.ok ? undefined : check.error.detail;
    },
  });
}

function askKey(preset: EndpointPreset): Thenable<string | undefined> {
  const fromEnv = preset.envKey && process.env[preset.envKey]?.trim() ? preset.envKey : undefined;
  const optional = fromEnv !== undefined || preset.id === 'vllm' || preset.id === 'custom';
  return vscode.window.showInputBox({
    title: `Threadline: Add Endpoint (3/3): ${preset.label} key`,
    prompt: fromEnv
      ? `Leave empty to use ${fromEnv} from the environment. Kept in VS Code’s secret storage, never in settings.`
      : optional
        ? 'Leave empty if the server takes no key. Kept in VS Code’s secret storage, never in settings.'
        : `Needs ${preset.needs}. Kept in VS Code’s secret storage, never in settings.`,
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() || optional ? undefined : `${preset.label} needs a key.`),
  });
}

function askDeployment(): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Threadline: Add Endpoint: Azure deployment',
    prompt: 'The deployment name (Azure AI Foundry → Deployments), not the model name: Azure routes by deployment.',
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() ? undefined : 'Azure needs the deployment name as the model.'),
  });
}
