import * as l10n from '@vscode/l10n';
import type { TurnError } from '../turn/turnError';
import { isLoopbackUrl } from './endpoint';
import { presetOf } from './presets';
import { type EndpointProfile, isKeyless } from './profiles';

/**
 * What Test Connection concludes from its two steps (list the models, then a one-token request): a headline with
 * the dialect, latency and model count, or a diagnosis naming the cause and the next step. Pure, so every
 * failure has a unit test; the host only runs the steps and shows the report.
 */

export type StepOutcome =
  | { ok: true; ms: number }
  | { ok: false; ms: number; error: TurnError; status?: number };

export type ListingOutcome = ({ ok: true; ms: number; ids: string[] }) | Extract<StepOutcome, { ok: false }>;

export interface ConnectionProbe {
  profile: EndpointProfile;
  model: string;
  /** The dialect the request went out in: `responses` or `chat`. */
  dialect: string;
  listing: ListingOutcome;
  /** Absent when the listing already showed the server cannot be reached. */
  request?: StepOutcome;
}

export type DiagnosisKind =
  | 'key_rejected' | 'azure_deployment' | 'no_such_model' | 'dns' | 'proxy' | 'tls' | 'unreachable' | 'no_api' | 'other';

export interface ConnectionReport {
  ok: boolean;
  /** One line: "OpenAI: responses, 412 ms, 97 models" or the diagnosis title. */
  headline: string;
  dialect: string;
  latencyMs?: number;
  /** Undefined when the endpoint cannot list its models. */
  modelCount?: number;
  diagnosis?: { kind: DiagnosisKind; title: string; detail: string; nextStep: string };
}

const NETWORK_KINDS = new Set(['dns', 'tls', 'connection', 'timeout', 'proxy_auth', 'proxy_rejected', 'proxy_unreachable']);

export function diagnoseConnection(probe: ConnectionProbe): ConnectionReport {
  const { listing, request, profile } = probe;
  const modelCount = listing.ok ? listing.ids.length : undefined;
  const base = { dialect: probe.dialect, ...(modelCount !== undefined ? { modelCount } : {}) };
  if (request?.ok) {
    const count = modelCount === undefined ? l10n.t('models not listed') : modelCount === 1 ? l10n.t('1 model') : l10n.t('{0} models', modelCount);
    return { ...base, ok: true, latencyMs: Math.round(request.ms), headline: `${profile.label}: ${probe.dialect}, ${Math.round(request.ms)} ms, ${count}` };
  }
  const failure = pickFailure(listing, request);
  const diagnosis = diagnose(probe, failure);
  return { ...base, ok: false, headline: `${profile.label}: ${diagnosis.title}`, diagnosis };
}

/** The step that tells the most: a network or key failure of the listing, else the request's failure. */
function pickFailure(listing: ListingOutcome, request: StepOutcome | undefined): Extract<StepOutcome, { ok: false }> {
  if (!listing.ok && (NETWORK_KINDS.has(listing.error.kind) || listing.error.kind === 'auth' || !request)) return listing;
  if (request && !request.ok) return request;
  // Unreachable: a failed request always comes with a failure.
  return listing as Extract<StepOutcome, { ok: false }>;
}

function diagnose(probe: ConnectionProbe, failure: Extract<StepOutcome, { ok: false }>): NonNullable<ConnectionReport['diagnosis']> {
  const { profile, model, listing } = probe;
  const preset = presetOf(profile.preset);
  const local = isLoopbackUrl(profile.baseUrl);
  const { error, status } = failure;
  const detail = error.detail;
  if (error.kind.startsWith('proxy') || status === 407 || /proxy/i.test(detail)) {
    return { kind: 'proxy', title: error.kind.startsWith('proxy') ? error.title : l10n.t('The proxy refused the connection'), detail,
      nextStep: error.kind.startsWith('proxy') && error.action
        ? error.action
        : l10n.t('Check http.proxy and its credentials in VS Code’s settings (or HTTPS_PROXY), or add this host to http.noProxy.') };
  }
  if (error.kind === 'dns') {
    return { kind: 'dns', title: l10n.t('Cannot find the server'), detail,
      nextStep: l10n.t("Check the host name in the endpoint's baseUrl ({0}), and your DNS, VPN or proxy settings.", profile.baseUrl) };
  }
  // A TLS handshake with a server that speaks plain HTTP fails before any certificate is looked at.
  if (error.kind === 'tls' || /ERR_SSL|EPROTO/.test(detail)) {
    return { kind: 'tls', title: l10n.t('The server’s certificate was not trusted'), detail,
      nextStep: l10n.t('A proxy may be intercepting TLS: add its CA with NODE_EXTRA_CA_CERTS; or check that the URL’s scheme (http or https) is the one the server speaks.') };
  }
  if (error.kind === 'connection' || error.kind === 'timeout') {
    const title = !local ? l10n.t('Cannot reach the server')
      : preset.keyless ? l10n.t('{0} is not running here', preset.label) : l10n.t('The server is not running here');
    return { kind: 'unreachable', title, detail,
      nextStep: local
        ? (preset.keyless
          ? l10n.t('Start the server ({0}) and check the port in {1}.', preset.needs, profile.baseUrl)
          : l10n.t('Start the server and check the port in {0}.', profile.baseUrl))
        : l10n.t('Check the baseUrl, that the server is up, and your proxy settings (http.proxy, HTTPS_PROXY).') };
  }
  if (error.kind === 'auth' || status === 401) {
    return { kind: 'key_rejected', title: l10n.t('The key was rejected'), detail,
      nextStep: isKeyless(profile)
        ? l10n.t('This server asks for a key after all: run “Threadline: Set API Key” with endpoint “{0}” active, or set keyless to false.', profile.label)
        : preset.envKey
          ? l10n.t('Run “Threadline: Set API Key” with endpoint “{0}” active, using a key for {1} (or set {2}).', profile.label, preset.label, preset.envKey)
          : l10n.t('Run “Threadline: Set API Key” with endpoint “{0}” active, using a key for {1}.', profile.label, preset.label) };
  }
  const listed = listing.ok ? listing.ids : undefined;
  const aboutModel = error.kind === 'model_not_found' || (status === 404 && listed !== undefined && !listed.includes(model));
  if (profile.preset === 'azure' && (status === 404 || error.kind === 'model_not_found' || error.kind === 'not_found')) {
    return { kind: 'azure_deployment', title: l10n.t('Azure has no deployment named “{0}”', model), detail,
      nextStep: l10n.t('Azure wants the deployment name, not the model name: set the endpoint’s defaultModel (or the persona’s model) to the name under Deployments in Azure AI Foundry.') };
  }
  if (aboutModel || (listed !== undefined && status === 400 && /model/i.test(detail) && !listed.includes(model))) {
    const known = listed && listed.length > 0 ? ` ${l10n.t('It lists {0}: {1}.', listed.length, `${listed.slice(0, 5).join(', ')}${listed.length > 5 ? ', …' : ''}`)}` : '';
    return { kind: 'no_such_model', title: l10n.t('The server is up but has no model “{0}”', model), detail: `${detail}${known}`,
      nextStep: local
        ? l10n.t('Run “Threadline: Pick Model”, or load the model in {0} first (e.g. ollama pull {1}).', preset.label, model)
        : l10n.t('Run “Threadline: Pick Model” to choose one the server lists, or set the endpoint’s defaultModel.') };
  }
  if (error.kind === 'not_found') {
    return { kind: 'no_api', title: l10n.t('The server has no such API at this URL'), detail,
      nextStep: l10n.t('Check that the baseUrl ends where the API starts (most servers: …/v1), or set the endpoint’s dialect to "chat" for a server that speaks only Chat Completions.') };
  }
  return { kind: 'other', title: error.title, detail, nextStep: error.action ?? l10n.t('Check the endpoint’s settings and the Threadline log.') };
}

/** The report as lines for the log and the notification. */
export function describeReport(report: ConnectionReport): string[] {
  if (report.ok) return [report.headline];
  const d = report.diagnosis;
  return d ? [report.headline, d.detail, l10n.t('Next: {0}', d.nextStep)] : [report.headline];
}
