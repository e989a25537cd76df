import { parentFromName, workloadFromName } from './workloads';

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

describe('Deployment and CronJob from ReplicaSet and Job names (kube_pod_owner only)', () => {
  // Hash characters are what SafeEncodeString makes of '0'..'9': alphanums[48..57 % 27] = 4-9, b, c, d, f.
  it.each([
    ['ReplicaSet', 'web-7d4b9c8f6', { kind: 'Deployment', name: 'web' }],
    ['ReplicaSet', 'checkout-service-5c8f7b9d64', { kind: 'Deployment', name: 'checkout-service' }],
    ['ReplicaSet', 'api-7d9c6', { kind: 'Deployment', name: 'api' }],
    // Below 5 and above 10 characters: not a uint32 hash.
    ['ReplicaSet', 'cache-7d9c', undefined],
    ['ReplicaSet', 'cache-5c8f7b9d645', undefined],
    // 'g' and 'x' are in the safe alphabet but no decimal digit maps to them.
    ['ReplicaSet', 'cache-7g9c6', undefined],
    ['ReplicaSet', 'my-cache', undefined],
    ['Job', 'report-28456789', { kind: 'CronJob', name: 'report' }],
    ['Job', 'nightly-report-129000000', { kind: 'CronJob', name: 'nightly-report' }],
    // 7 digits: minutes since epoch have had 8 since 1989.
    ['Job', 'migrate-2845678', undefined],
    ['Job', 'migrate', undefined],
    ['StatefulSet', 'db-28456789', undefined],
  ])('%s %s', (kind, name, parent) => {
    expect(parentFromName({ kind, name })).toEqual(parent);
  });
});
