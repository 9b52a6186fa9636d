import { readFileSync } from 'node:fs';
import * as l10n from '@vscode/l10n';

/** A CA file that was named but cannot be used: the request goes on without it, and the user is told which. */
export interface CaFileProblem {
  path: string;
  /** Where the path came from: `threadline.caCertificates` or `NODE_EXTRA_CA_CERTS`. */
  source: string;
  problem: string;
}

export interface CaFileSource {
  path: string;
  source: string;
}

export interface ExtraCertificates {
  /** PEM text, one entry per file; a file may hold several certificates. */
  pems: string[];
  problems: CaFileProblem[];
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Reads every named PEM file. Never throws: a missing, unreadable or non-PEM file becomes a problem naming its path. */
export function readExtraCertificates(files: readonly CaFileSource[], read: (path: string) => string = (p) => readFileSync(p, 'utf8')): ExtraCertificates {
  const pems: string[] = [];
  const problems: CaFileProblem[] = [];
  const seen = new Set<string>();
  for (const { path, source } of files) {
    if (seen.has(path)) continue;
    seen.add(path);
    let text: string;
    try {
      text = read(path);
    } catch (error) {
      problems.push({ path, source, problem: readProblem(error) });
      continue;
    }
    const certificates = text.match(PEM_CERTIFICATE);
    if (!certificates) {
      problems.push({ path, source, problem: l10n.t('it holds no PEM certificate (-----BEGIN CERTIFICATE-----)') });
      continue;
    }
    pems.push(certificates.join('\n'));
  }
  return { pems, problems };
}

function readProblem(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'ENOENT') return l10n.t('the file does not exist');
  if (code === 'EACCES' || code === 'EPERM') return l10n.t('the file may not be read (permission denied)');
  if (code === 'EISDIR') return l10n.t('it is a folder, not a file');
  return l10n.t('it cannot be read ({0})', typeof code === 'string' ? code : error instanceof Error ? error.message : String(error));
}

export function describeCaProblem({ path, source, problem }: CaFileProblem): string {
  return l10n.t('The CA certificate file {0} (from {1}) is not used: {2}.', path, source, problem);
}
