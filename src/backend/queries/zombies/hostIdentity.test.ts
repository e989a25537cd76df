import { cloudIdentity, kubeNodes, matchKubeNode, parseProviderId } from './hostIdentity';

describe('hostIdentity', () => {
  it('reads the provider and instance id of Kubernetes providerIDs and OpenCost provider_id', () => {
    expect(parseProviderId('aws:///eu-west-1a/i-0abc123def4567890')).toEqual({
      provider: 'aws',
      instanceId: 'i-0abc123def4567890',
    });
    expect(parseProviderId('i-0abc123def4567890')).toEqual({ provider: 'aws', instanceId: 'i-0abc123def4567890' });
    expect(parseProviderId('gce://my-project/europe-west1-b/gke-pool-1-abcd')).toEqual({
      provider: 'gcp',
      instanceId: 'gke-pool-1-abcd',
    });
    expect(parseProviderId('kind://docker/kind/kind-control-plane').provider).toBe('');
  });

  it('takes a cloud identity from EC2 SD labels, else from EC2 Nitro DMI, and none from other hardware', () => {
    const dmi = { system_vendor: 'Amazon EC2', product_name: 'm6i.large', board_asset_tag: 'i-0123456789abcdef0' };
    expect(cloudIdentity({ instance: '10.0.0.5:9100', availability_zone: 'us-east-2b' }, dmi)).toEqual({
      provider: 'aws',
      instanceId: 'i-0123456789abcdef0',
      instanceType: 'm6i.large',
      region: 'us-east-2',
      account: '',
    });
    expect(
      cloudIdentity({ instance_id: 'i-0fedcba9876543210', instance_type: 'c5.xlarge', region: 'eu-west-1' }, undefined)
    ).toMatchObject({ provider: 'aws', instanceId: 'i-0fedcba9876543210', instanceType: 'c5.xlarge' });
    expect(cloudIdentity({}, { system_vendor: 'Dell Inc.', product_name: 'PowerEdge R640' }).provider).toBe('');
  });

  it('matches a node_exporter target to its Kubernetes node by nodename, node label or address', () => {
    const nodes = kubeNodes(
      [{ labels: { node: 'worker-1', provider_id: 'aws:///z/i-1', internal_ip: '10.0.0.7' }, timeMs: 0, value: 1 }],
      [],
      []
    );
    expect(matchKubeNode({ instance: '10.0.0.9:9100' }, 'worker-1', nodes)?.name).toBe('worker-1');
    expect(matchKubeNode({ instance: '10.0.0.7:9100' }, 'other', nodes)?.name).toBe('worker-1');
    expect(matchKubeNode({ instance: 'worker-1' }, '', nodes)?.name).toBe('worker-1');
    expect(matchKubeNode({ instance: '10.0.0.8:9100' }, 'other', nodes)).toBeUndefined();
  });
});
