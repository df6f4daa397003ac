// The hub over https: browsers open the microphone only on https (or on the box itself), so a venue
// that wants guests' phones to talk to the translator serves the hub with a certificate they trust.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.ts';
import { startTestHub, type TestHub } from './harness.ts';

const folder = mkdtempSync(join(tmpdir(), 'onemoment-tls-'));
const certFile = join(folder, 'hub.crt');
const keyFile = join(folder, 'hub.key');

function getJson(port: number, path: string, ca: Buffer): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, ca, servername: 'localhost' }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('https', () => {
  let hub: TestHub;
  let ca: Buffer;

  beforeAll(async () => {
    // A self-signed certificate for localhost and 127.0.0.1, made for this test.
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
      '-keyout', keyFile, '-out', certFile,
    ], { stdio: 'ignore' });
    ca = readFileSync(certFile);
    hub = await startTestHub({ env: { TLS_CERT_FILE: certFile, TLS_KEY_FILE: keyFile, PUBLIC_URL: '' } });
  });
  afterAll(async () => {
    await hub.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('serves the API over TLS with the given certificate, and table links are https', async () => {
    const health = await getJson(hub.port, '/api/health', ca);
    expect(health.status).toBe(200);
    expect(hub.hub.context.publicUrl()).toMatch(/^https:\/\//);
  });

  it('does not answer plain http on the same port', async () => {
    await expect(fetch(`http://127.0.0.1:${hub.port}/api/health`)).rejects.toThrow();
  });

  it('refuses half a TLS configuration or a missing file at boot, naming the problem', () => {
    expect(() => loadConfig({ TLS_CERT_FILE: certFile })).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE must be set together/);
    expect(() => loadConfig({ TLS_CERT_FILE: join(folder, 'missing.crt'), TLS_KEY_FILE: keyFile })).toThrow(ConfigError);
  });
});
