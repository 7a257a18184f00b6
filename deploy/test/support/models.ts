import { readCompose, type ComposeModel } from '../../src/compose';
import { buildK8sModel, kubectlAvailable, readBaseDocs, renderKustomize, type K8sModel } from '../../src/k8s';
import { COMPOSE_FILE, DOCKERFILE, K8S_BASE, K8S_OVERLAYS } from '../../src/paths';

/** docker-compose.yml as the checks see it. */
export function composeModel(): ComposeModel {
  return readCompose(COMPOSE_FILE, DOCKERFILE);
}

/**
 * The Kubernetes object sets to check: the base, parsed file by file, and each overlay as
 * `kubectl kustomize` renders it. Without kubectl the overlays are skipped, and the reason logged.
 */
export function k8sModels(): K8sModel[] {
  const baseDocs = readBaseDocs(K8S_BASE);
  const models = [buildK8sModel('base', baseDocs, DOCKERFILE)];
  if (!kubectlAvailable()) {
    console.warn('k8s overlays not rendered: kubectl is not installed (only the base is checked)');
    return models;
  }
  for (const overlay of K8S_OVERLAYS) models.push(buildK8sModel(overlay.name, renderKustomize(overlay.dir), DOCKERFILE, baseDocs));
  return models;
}
