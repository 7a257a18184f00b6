import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startNatsServer, type NatsServerHandle } from '@fleet/nats-server';
import { AUTHORIZATION_CONF_NAME, BROKER_TLS_MOUNT_DIR, brokerConfigFiles } from '../../src/nats-config';
import { NATS_DIR } from '../../src/paths';

/**
 * Lays out in `dir` what the broker container sees in its config folder: the committed
 * `deploy/nats/*.conf` and the users of a keys folder. `tlsDir` stands for the certificate mount.
 */
export function layOutBrokerConfig(dir: string, keysDir: string, tlsDir?: string): void {
  mkdirSync(dir, { recursive: true });
  for (const name of Object.keys(brokerConfigFiles())) {
    const text = readFileSync(path.join(NATS_DIR, name), 'utf8');
    writeFileSync(path.join(dir, name), tlsDir === undefined ? text : text.replaceAll(`${BROKER_TLS_MOUNT_DIR}/`, `${tlsDir}/`));
  }
  copyFileSync(path.join(keysDir, AUTHORIZATION_CONF_NAME), path.join(dir, AUTHORIZATION_CONF_NAME));
}

/**
 * Starts a real nats-server on `<dir>/<file>` (plus the test helper's port, JetStream and store
 * flags). nats-server resolves an include relative to the including file, and the helper writes
 * its own config into a new folder of the same temporary directory: so `dir` must be directly in
 * `os.tmpdir()`, and is reached as `../<its name>`.
 */
export function startBrokerOn(dir: string, file: string): Promise<NatsServerHandle> {
  return startNatsServer({ config: `include "../${path.basename(dir)}/${file}"\n`, searchPath: process.env.PATH });
}

/** A CA and a broker certificate for 127.0.0.1 and localhost, made by openssl: `ca.crt`, `tls.crt`, `tls.key`. */
export function makeTestCertificates(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: 'pipe', timeout: 30_000 });
  };
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  openssl('req', '-x509', ...ec, '-keyout', 'ca.key', '-out', 'ca.crt', '-subj', '/CN=fleet-test-ca', '-days', '1');
  openssl('req', ...ec, '-keyout', 'tls.key', '-out', 'tls.csr', '-subj', '/CN=nats');
  writeFileSync(path.join(dir, 'san.ext'), 'subjectAltName=DNS:localhost,IP:127.0.0.1\n');
  openssl('x509', '-req', '-in', 'tls.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'tls.crt', '-days', '1', '-extfile', 'san.ext');
}
