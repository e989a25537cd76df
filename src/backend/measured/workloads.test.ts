import { workloadFromName } from './workloads';

describe('workloads from pod names (no kube_pod_owner)', () => {
  it.each([
    ['api-7d9c6-x2x8k', 'Deployment', 'api'],
    ['web-5f6d8-abcde', 'Deployment', 'web'],
    ['checkout-service-5c8f7b9d64-zt4qp', 'Deployment', 'checkout-service'],
    ['report-28950120-7xk2p', 'CronJob', 'report'],
    ['db-0', 'StatefulSet', 'db'],
    ['prometheus-k8s-12', 'StatefulSet', 'prometheus-k8s'],
    // "exporter" has vowels: not a pod-template hash.
    ['node-exporter-m4n9q', 'DaemonSet/Job', 'node-exporter'],
    ['standalone', 'Pod', 'standalone'],
  ])('%s → %s %s', (pod, kind, name) => {
    expect(workloadFromName(pod)).toEqual({ kind, name });
  });
});
