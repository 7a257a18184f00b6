import path from 'node:path';
import { writeDeploymentKeys } from './broker-keys';
import { KEYS_DIR } from './paths';

/**
 * `npm run deploy:keys [-- <folder>]`: creates the broker's nkey users for docker compose and
 * Kubernetes in a git-ignored folder (default `deploy/secrets`). Prints file names, never a seed.
 */
function main(argv: readonly string[]): number {
  if (argv.length > 1 || argv[0]?.startsWith('-')) {
    process.stderr.write('usage: npm run deploy:keys [-- <folder>]   (default deploy/secrets)\n');
    return 2;
  }
  const dir = path.resolve(argv[0] ?? KEYS_DIR);
  try {
    const creds = writeDeploymentKeys(dir);
    const where = path.relative(process.cwd(), dir) || '.';
    process.stdout.write(`${where}: ${creds.users.map((u) => `${u.name}.nk`).join(', ')}, authorization.conf, kustomization.yaml\n`);
    const compose = dir === KEYS_DIR ? 'docker compose up -d' : `KEYS_DIR=${dir} docker compose up -d`;
    process.stdout.write(`compose: ${compose} | kubernetes: kubectl apply -n <namespace> -k ${where}\n`);
    return 0;
  } catch (err) {
    process.stderr.write(`deploy:keys: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));
