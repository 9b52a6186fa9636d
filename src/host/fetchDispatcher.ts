import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { type CaFileSource, describeCaProblem, readExtraCertificates } from '../core/network/caCertificates';
import type { CreateHttpTransport, HttpTransport, TransportOptions } from '../core/network/httpTransport';
import { markProxiedFailure } from '../core/network/proxyFailures';
import type { ProxyEnvironment } from '../core/network/proxyRules';
import { routeLogLine, TransportPool } from '../core/network/transportPool';
import type { Logger } from '../core/provider/types';
import { DisposableOwner } from './disposables';

/** The settings a transport is built from; a change to any of them rebuilds it. */
const NETWORK_SETTINGS = ['http.proxy', 'http.noProxy', 'http.proxyStrictSSL', 'threadline.caCertificates'];

/**
 * Gives each request the HTTP transport its settings ask for: VS Code's `http.proxy`, `http.noProxy` and
 * `http.proxyStrictSSL` (the environment's HTTPS_PROXY / HTTP_PROXY / NO_PROXY where they are empty), and CA
 * certificates from `threadline.caCertificates` and NODE_EXTRA_CA_CERTS. With none of these, requests keep the
 * runtime's own fetch. A CA file that cannot be read is named in a warning and left out; it never stops a request.
 */
export class FetchDispatcher extends DisposableOwner {
  private pool: TransportPool | undefined;
  /** Problems already told for the current settings, so a bad value warns once, not once per turn. */
  private told = new Set<string>();

  constructor(
    private readonly logger: Logger,
    private readonly env: ProxyEnvironment = process.env,
  ) {
    super();
    this._register(vscode.workspace.onDidChangeConfiguration((event) => {
      if (!NETWORK_SETTINGS.some((setting) => event.affectsConfiguration(setting))) return;
      this.closePool();
      // Read now, so a CA file that cannot be used is reported when it is set, not at the next request.
      this.pool = this.load();
    }));
  }

  transportFor(baseURL: string): HttpTransport | undefined {
    const pool = (this.pool ??= this.load());
    let route;
    try {
      route = pool.routeFor(baseURL);
    } catch {
      return undefined; // Not a URL: the provider factory reports the base URL itself.
    }
    const { choice } = route;
    if (choice.kind === 'invalid') {
      this.warnOnce(vscode.l10n.t('Threadline: the proxy in {0} ({1}) is not used: {2}. Requests go direct.', choice.source, choice.display, choice.problem));
    }
    if (route.isNew) this.logger.info(routeLogLine(baseURL, route, pool.config));
    return route.transport;
  }

  override dispose(): void {
    this.closePool();
    super.dispose();
  }

  private load(): TransportPool {
    this.told = new Set();
    const http = vscode.workspace.getConfiguration('http');
    const caPaths = vscode.workspace.getConfiguration('threadline').get<unknown>('caCertificates');
    const files: CaFileSource[] = [
      ...stringList(caPaths).map((path) => ({ path: resolvePath(path), source: 'threadline.caCertificates' })),
      ...(this.env.NODE_EXTRA_CA_CERTS ? [{ path: this.env.NODE_EXTRA_CA_CERTS, source: 'NODE_EXTRA_CA_CERTS' }] : []),
    ];
    const certificates = readExtraCertificates(files);
    for (const problem of certificates.problems) this.warnOnce(vscode.l10n.t('Threadline: {0} Requests go on without it.', describeCaProblem(problem)));
    const config = {
      proxy: { proxy: http.get<string>('proxy', '') ?? '', noProxy: stringList(http.get<unknown>('noProxy')) },
      strictSSL: http.get<boolean>('proxyStrictSSL', true) !== false,
      extraCa: certificates.pems,
    };
    return new TransportPool(config, this.env, createTransportLazily);
  }

  private warnOnce(message: string): void {
    if (this.told.has(message)) return;
    this.told.add(message);
    this.logger.warn(message);
    void vscode.window.showWarningMessage(message);
  }

  private closePool(): void {
    this.pool?.close().catch((error: unknown) => this.logger.debug(`closing connections: ${String(error)}`));
    this.pool = undefined;
  }
}

interface HttpTransportBundle { createHttpTransport: CreateHttpTransport }
let httpTransportBundle: HttpTransportBundle | undefined;

/** undici is as large as the rest of the extension: its bundle loads on the first request that needs it, never on activation. */
function createTransportLazily(options: TransportOptions): HttpTransport {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  httpTransportBundle ??= require(join(__dirname, 'httpTransport.js')) as HttpTransportBundle;
  return httpTransportBundle.createHttpTransport(options, markProxiedFailure);
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()) : [];
}

/** `~` is the home folder; a relative path is taken from the first workspace folder, as other Threadline paths are. */
function resolvePath(path: string): string {
  if (path === '~' || path.startsWith('~/')) return join(homedir(), path.slice(1));
  if (isAbsolute(path)) return path;
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return folder ? join(folder, path) : path;
}

let current: FetchDispatcher | undefined;

/** Started once on activation; the provider factory asks it for each request's transport. */
export function startFetchDispatcher(logger: Logger): vscode.Disposable {
  const dispatcher = new FetchDispatcher(logger);
  current = dispatcher;
  return {
    dispose: () => {
      dispatcher.dispose();
      if (current === dispatcher) current = undefined;
    },
  };
}

/** The transport for requests to this base URL, or undefined for the runtime's own fetch. */
export function transportFor(baseURL: string): HttpTransport | undefined {
  return current?.transportFor(baseURL);
}
