import path from 'node:path';

/** The repository root (deploy/ is one level below it, in src/ and dist/ alike). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const COMPOSE_FILE = path.join(REPO_ROOT, 'docker-compose.yml');
export const DOCKERFILE = path.join(REPO_ROOT, 'Dockerfile');
export const README = path.join(REPO_ROOT, 'README.md');
export const K8S_DIR = path.join(REPO_ROOT, 'deploy', 'k8s');
export const K8S_BASE = path.join(K8S_DIR, 'base');
export const K8S_OVERLAYS = ['dev', 'production'].map((name) => ({ name, dir: path.join(K8S_DIR, 'overlays', name) }));
export const DASHBOARD = path.join(REPO_ROOT, 'deploy', 'grafana', 'fleet-dashboard.json');
