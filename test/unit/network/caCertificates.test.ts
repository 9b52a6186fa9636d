import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeCaProblem, readExtraCertificates } from '../../../src/core/network/caCertificates';

const CA_PATH = join(process.cwd(), 'test', 'fixtures', 'tls', 'ca.pem');

describe('readExtraCertificates', () => {
  let dir = '';
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'threadline-ca-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the certificates of a PEM file, skipping text around them', () => {
    const file = join(dir, 'bundle.pem');
    writeFileSync(file, `subject=Test CA\n${readCa()}\nsome trailing note\n`);
    const { pems, problems } = readExtraCertificates([{ path: file, source: 'threadline.caCertificates' }]);
    assert.deepEqual(problems, []);
    assert.equal(pems.length, 1);
    assert.match(pems[0], /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/);
  });

  it('names every file it cannot use and why, and keeps the others', () => {
    const notPem = join(dir, 'key.txt');
    writeFileSync(notPem, 'not a certificate');
    const missing = join(dir, 'missing.pem');
    const { pems, problems } = readExtraCertificates([
      { path: missing, source: 'threadline.caCertificates' },
      { path: dir, source: 'threadline.caCertificates' },
      { path: notPem, source: 'NODE_EXTRA_CA_CERTS' },
      { path: CA_PATH, source: 'threadline.caCertificates' },
    ]);
    assert.equal(pems.length, 1);
    assert.deepEqual(problems.map(describeCaProblem), [
      `The CA certificate file ${missing} (from threadline.caCertificates) is not used: the file does not exist.`,
      `The CA certificate file ${dir} (from threadline.caCertificates) is not used: it is a folder, not a file.`,
      `The CA certificate file ${notPem} (from NODE_EXTRA_CA_CERTS) is not used: it holds no PEM certificate (-----BEGIN CERTIFICATE-----).`,
    ]);
  });

  it('reads a file named twice once', () => {
    const twice = readExtraCertificates([{ path: CA_PATH, source: 'a' }, { path: CA_PATH, source: 'b' }]);
    assert.equal(twice.pems.length, 1);
  });

  function readCa(): string {
    return readExtraCertificates([{ path: CA_PATH, source: 'test' }]).pems[0];
  }
});
