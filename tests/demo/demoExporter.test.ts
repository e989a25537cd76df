/**
 * The demo exporter's /metrics (demo/exporter): valid exposition by promtool's own checker, every
 * family with the labels of the real exporter (the exporter reference notes), and
 * counters that are the integrals of their power (or rate) functions, checked by numeric
 * integration here. Served over real HTTP by main.ts's bundle for the last part.
 */
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

import { createDemoRegistry } from '../../demo/exporter/src/registry';
import { DemoModel, modelTime } from '../../demo/exporter/src/model';
import { DEMO_NAMES, METAL_NODE } from '../../demo/exporter/src/clusterSpec';
import { prometheusBinaries, freePort } from '../helpers/prometheus';
import { OPENCOST_SCRAPE } from '../../src/backend/sources/prometheus/exporters/exposition/opencost';
import { byKey, midpointIntegral, parseExposition, type Series } from './exposition';

const T1 = Date.UTC(2025, 5, 18, 9, 0, 0) / 1000;
const T2 = T1 + 3 * 3600;
const model = new DemoModel();
const demo = createDemoRegistry({ intervalS: 30 });
const at = async (t: number) => parseExposition(await demo.render(t));
const family = (series: Series[], name: string) => series.filter((s) => s.name === name);
/** Midpoint-rule error at 5 s steps is below 1e-6 of these integrals. */
const expectRelative = (actual: number, expected: number, rel = 1e-6) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * rel);
const node = (name: string) => model.nodes.find((n) => n.spec.name === name)!;

/** Labels each family carries in the real exporter (reference §1-§4), besides job and instance. */
const REFERENCE_LABELS: Record<string, string[]> = {
  kepler_node_cpu_joules_total: ['node_name', 'zone', 'path'],
  kepler_node_cpu_active_joules_total: ['node_name', 'zone', 'path'],
  kepler_node_cpu_idle_joules_total: ['node_name', 'zone', 'path'],
  kepler_node_cpu_watts: ['node_name', 'zone', 'path'],
  kepler_node_cpu_idle_watts: ['node_name', 'zone', 'path'],
  kepler_node_cpu_usage_ratio: ['node_name'],
  kepler_pod_cpu_joules_total: ['node_name', 'pod_id', 'pod_name', 'pod_namespace', 'state', 'zone'],
  kepler_pod_cpu_watts: ['node_name', 'pod_id', 'pod_name', 'pod_namespace', 'state', 'zone'],
  kepler_container_cpu_joules_total: [
    'node_name',
    'container_id',
    'container_name',
    'runtime',
    'state',
    'zone',
    'pod_id',
  ],
  kepler_build_info: ['arch', 'branch', 'revision', 'version', 'goversion'],
  scaph_self_version: [],
  scaph_host_power_microwatts: ['value_source'],
  scaph_host_energy_microjoules: ['value_source'],
  scaph_domain_power_microwatts: ['domain_name', 'domain_id', 'socket_id'],
  scaph_process_power_consumption_microwatts: ['pid', 'exe', 'cmdline'],
  scaph_process_cpu_usage_percentage: ['pid', 'exe', 'cmdline'],
  DCGM_FI_DEV_POWER_USAGE: [
    'gpu',
    'UUID',
    'pci_bus_id',
    'device',
    'modelName',
    'Hostname',
    'container',
    'namespace',
    'pod',
  ],
  DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION: ['gpu', 'UUID', 'modelName', 'Hostname', 'container', 'namespace', 'pod'],
  node_cpu_hourly_cost: ['instance', 'node', 'instance_type', 'region', 'provider_id', 'arch'],
  node_ram_hourly_cost: ['instance', 'node', 'instance_type', 'region', 'provider_id', 'arch'],
  node_total_hourly_cost: ['instance', 'node', 'instance_type', 'region', 'provider_id', 'arch'],
  pv_hourly_cost: ['volumename', 'persistentvolume', 'provider_id'],
  container_cpu_allocation: ['namespace', 'pod', 'container', 'instance', 'node'],
  container_memory_allocation_bytes: ['namespace', 'pod', 'container', 'instance', 'node'],
  pod_pvc_allocation: ['namespace', 'pod', 'persistentvolumeclaim', 'persistentvolume'],
  kubecost_cluster_management_cost: ['provisioner_name'],
  kube_pod_container_resource_requests: ['namespace', 'pod', 'uid', 'container', 'node', 'resource', 'unit'],
  kube_pod_owner: ['namespace', 'pod', 'uid', 'owner_kind', 'owner_name', 'owner_is_controller'],
  kube_pod_info: ['namespace', 'pod', 'uid', 'node', 'host_ip', 'pod_ip', 'created_by_kind', 'created_by_name'],
  kube_pod_status_phase: ['namespace', 'pod', 'uid', 'phase'],
  kube_node_labels: ['node'],
  kube_persistentvolume_capacity_bytes: ['persistentvolume'],
  container_cpu_usage_seconds_total: ['namespace', 'pod', 'container', 'id', 'image', 'name', 'cpu'],
  container_memory_working_set_bytes: ['namespace', 'pod', 'container', 'id', 'image', 'name'],
  container_network_receive_bytes_total: ['namespace', 'pod', 'interface'],
  container_network_transmit_bytes_total: ['namespace', 'pod', 'interface'],
  node_cpu_seconds_total: ['cpu', 'mode'],
  node_network_receive_bytes_total: ['device'],
  node_network_transmit_bytes_total: ['device'],
  http_requests_total: ['namespace', 'pod', 'code'],
};

describe('demo exporter exposition', () => {
  let text: string;
  let series: Series[];
  beforeAll(async () => {
    text = await demo.render(T1);
    series = parseExposition(text);
  });

  it("passes promtool's checker, with only the real exporters' own lint findings", () => {
    const { promtool } = prometheusBinaries();
    const r = spawnSync(promtool, ['check', 'metrics'], { input: text, encoding: 'utf8' });
    // 0: clean, 3: lint findings; 1 would be a parse error.
    expect([0, 3]).toContain(r.status);
    const findings = `${r.stdout}${r.stderr}`.split('\n').filter(Boolean);
    // Real names the exporters use: DCGM's upper case and camelCase labels, Scaphandre's µJ
    // counters, OpenCost's node_gpu_count, node_exporter's MemTotal.
    const upstream = /^(DCGM_FI_DEV_\w+|scaph_\w+_microjoules|node_gpu_count|node_memory_MemTotal_bytes) /;
    expect(findings.filter((f) => !upstream.test(f))).toEqual([]);
  });

  it('has every family with the labels of the real exporter', () => {
    for (const [name, labels] of Object.entries(REFERENCE_LABELS)) {
      // OpenCost prints its own kube_pod_owner (checked below): kube-state-metrics' rows here.
      const rows = family(series, name).filter(
        (r) => name !== 'kube_pod_owner' || r.labels.job !== OPENCOST_SCRAPE.job
      );
      expect({ name, count: rows.length > 0 }).toEqual({ name, count: true });
      for (const label of [...labels, 'job', 'instance']) {
        expect({ name, label, everyRow: rows.every((r) => label in r.labels) }).toEqual({
          name,
          label,
          everyRow: true,
        });
      }
    }
  });

  it("prints OpenCost's kube_pod_owner beside kube-state-metrics': the same owners, its own labels (no uid)", () => {
    const owners = family(series, 'kube_pod_owner');
    const fromOpenCost = owners.filter((r) => r.labels.job === OPENCOST_SCRAPE.job);
    const fromKsm = owners.filter((r) => r.labels.job !== OPENCOST_SCRAPE.job);
    expect(fromOpenCost.length).toBeGreaterThan(0);
    for (const r of fromOpenCost) {
      expect(Object.keys(r.labels).sort()).toEqual(
        ['instance', 'job', 'namespace', 'owner_is_controller', 'owner_kind', 'owner_name', 'pod'].sort()
      );
    }
    const owner = (r: Series) => `${r.labels.namespace}/${r.labels.pod} ${r.labels.owner_kind}/${r.labels.owner_name}`;
    expect(fromOpenCost.map(owner).sort()).toEqual(fromKsm.map(owner).sort());
  });

  it("keeps the exporters' quirks", () => {
    expect(text).toContain(
      '# HELP scaph_process_power_consumption_microwatts Total data read on disk by the process, in bytes'
    );
    const leak = family(series, 'scaph_process_cpu_usage_percentage').find((s) => s.labels.pid === '48211')!;
    expect(leak.labels).toMatchObject({
      exe: '/usr/bin/python3.11',
      cmdline: '/usr/bin/python3/opt/acme/bin/sensor_sync.py--poll-interval=0',
    });
    // One busy core of metal-01's 16, as an f32 percentage.
    expect(leak.value).toBeCloseTo(6.25, 1);
    // Pod processes carry the Kubernetes labels of --containers, host processes do not.
    const clickhouse = family(series, 'scaph_process_power_consumption_microwatts').find(
      (s) => s.labels.exe === '/usr/bin/clickhouse'
    )!;
    expect(clickhouse.labels).toMatchObject({
      kubernetes_pod_namespace: 'analytics',
      kubernetes_pod_name: 'clickhouse-0',
      kubernetes_node_name: METAL_NODE,
      container_scheduler: 'kubernetes',
    });
    expect(leak.labels.kubernetes_pod_namespace).toBeUndefined();
    // Kepler containers have no namespace; OpenCost names the node in `instance`.
    expect(family(series, 'kepler_container_cpu_joules_total').some((s) => 'pod_namespace' in s.labels)).toBe(false);
    const regions = family(series, 'kube_node_labels').map((s) => [
      s.labels.node,
      s.labels.label_topology_kubernetes_io_region,
    ]);
    expect(regions).toContainEqual([DEMO_NAMES.idleNode, 'eu-west-1']);
    expect(regions).toContainEqual([METAL_NODE, undefined]);
    const cost = family(series, 'node_cpu_hourly_cost').find((s) => s.labels.node === DEMO_NAMES.idleNode)!;
    expect(cost.labels).toMatchObject({
      instance: DEMO_NAMES.idleNode,
      region: 'eu-west-1',
      provider_id: 'i-0f9e8d7c6b5a40321',
      instance_type: 'm5.xlarge',
    });
    // The unattached volume is priced but allocated to no pod.
    expect(family(series, 'pv_hourly_cost').map((s) => s.labels.persistentvolume)).toContain(
      DEMO_NAMES.unattachedVolume
    );
    expect(family(series, 'pod_pvc_allocation').map((s) => s.labels.persistentvolume)).not.toContain(
      DEMO_NAMES.unattachedVolume
    );
  });

  it('shows a finished CronJob pod once as terminated, with the energy of its run', async () => {
    // The 10:05 run of analytics/etl-hourly ends at 10:14; the Job is named after its scheduled minute.
    const end = Date.UTC(2025, 5, 18, 10, 14) / 1000;
    const job = `etl-hourly-${Date.UTC(2025, 5, 18, 10, 5) / 60_000}`;
    const after = family(await at(end + 10), 'kepler_pod_cpu_joules_total').filter((s) =>
      s.labels.pod_name.startsWith(job)
    );
    // 2.8 cores × 540 s on metal-01: package 8 W per busy core, dram 1.1 W (clusterSpec.ts).
    expect(after.map((s) => [s.labels.state, s.labels.zone, s.value])).toEqual(
      expect.arrayContaining([
        ['terminated', 'package', expect.closeTo(2.8 * 8 * 540, 6)],
        ['terminated', 'dram', expect.closeTo(2.8 * 1.1 * 540, 6)],
      ])
    );
    expect(after).toHaveLength(2);
    // One scrape interval later it is gone from Kepler; kube-state-metrics still lists it as Succeeded.
    const later = await at(end + 40);
    expect(family(later, 'kepler_pod_cpu_joules_total').some((s) => s.labels.pod_name.startsWith(job))).toBe(false);
    const phase = family(later, 'kube_pod_status_phase').filter((s) => s.labels.pod.startsWith(job) && s.value === 1);
    expect(phase.map((s) => s.labels.phase)).toEqual(['Succeeded']);
  });
});

describe('demo exporter counters', () => {
  let first: Map<string, Series>;
  let last: Map<string, Series>;
  beforeAll(async () => {
    first = byKey(await at(T1));
    last = byKey(await at(T2));
  });
  const delta = (key: (s: Series) => boolean) => {
    const a = [...first.values()].filter(key);
    expect(a.length).toBeGreaterThan(0);
    return a.map((s) => ({ s, d: last.get([...byKey([s]).keys()][0])!.value - s.value }));
  };
  // Midpoint rule at 5 s over 3 h: the CronJob's edges fall on panel boundaries (minutes 5 and 14).
  // Model functions take seconds since the model's epoch.
  const integral = (f: (u: number) => number) => midpointIntegral(f, modelTime(T1), modelTime(T2), (T2 - T1) / 5);

  it('Kepler node, pod and Scaphandre host energy = ∫ power over [T1, T2]', () => {
    for (const { s, d } of delta((x) => x.name === 'kepler_node_cpu_joules_total')) {
      const power = model.nodePower(node(s.labels.node_name).spec, s.labels.zone as 'package' | 'dram');
      expectRelative(
        d,
        integral((t) => power.at(t))
      );
    }
    const api = model.steadyPods.find((p) => p.name.startsWith('api-'))!;
    const [pod] = delta(
      (x) => x.name === 'kepler_pod_cpu_joules_total' && x.labels.pod_id === api.uid && x.labels.zone === 'package'
    );
    expectRelative(
      pod.d,
      integral((t) => model.podPower(api, 'package').at(t))
    );
    const metal = node(METAL_NODE).spec;
    const [host] = delta((x) => x.name === 'scaph_host_energy_microjoules');
    const hostW = (t: number) => model.nodePower(metal, 'package').at(t) + model.nodePower(metal, 'dram').at(t);
    expectRelative(host.d / 1e6, integral(hostW));
  });

  it('DCGM energy (mJ) = ∫ GPU power; cAdvisor and node_exporter CPU seconds = ∫ busy cores', () => {
    const gpu = node(DEMO_NAMES.gpuNode).spec;
    const [dcgm] = delta((x) => x.name === 'DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION');
    expectRelative(
      dcgm.d / 1000,
      integral((t) => model.gpuPower(gpu)!.at(t))
    );
    const api = model.steadyPods.find((p) => p.name.startsWith('api-'))!;
    const [cpu] = delta(
      (x) => x.name === 'container_cpu_usage_seconds_total' && x.labels.pod === api.name && x.labels.container === 'api'
    );
    expectRelative(
      cpu.d,
      integral((t) => api.cores.at(t))
    );
    const metal = node(METAL_NODE);
    const busy = delta(
      (x) => x.name === 'node_cpu_seconds_total' && x.labels.instance === METAL_NODE && x.labels.mode !== 'idle'
    );
    expectRelative(
      busy.reduce((a, b) => a + b.d, 0),
      integral((t) => metal.busyCores.at(t))
    );
    const idle = delta(
      (x) => x.name === 'node_cpu_seconds_total' && x.labels.instance === METAL_NODE && x.labels.mode === 'idle'
    );
    expectRelative(
      idle.reduce((a, b) => a + b.d, 0),
      16 * (T2 - T1) - integral((t) => metal.busyCores.at(t))
    );
  });

  it('the gauges are the power functions at the moment rendered', () => {
    const watts = [...first.values()].filter((s) => s.name === 'kepler_node_cpu_watts');
    for (const s of watts) {
      const power = model.nodePower(node(s.labels.node_name).spec, s.labels.zone as 'package' | 'dram');
      expect(s.value).toBeCloseTo(power.at(modelTime(T1)), 9);
    }
    const [host] = [...first.values()].filter((s) => s.name === 'scaph_host_power_microwatts');
    const metal = node(METAL_NODE).spec;
    const t = modelTime(T1);
    expect(host.value).toBe(
      Math.trunc((model.nodePower(metal, 'package').at(t) + model.nodePower(metal, 'dram').at(t)) * 1e6)
    );
  });

  it('never go down while a series exists (12 h, every 10 min)', async () => {
    const text = await demo.render(T1);
    const counters = new Set([...text.matchAll(/^# TYPE (\S+) counter$/gm)].map((m) => m[1]));
    expect(counters.size).toBeGreaterThan(15);
    let previous = first;
    let checked = 0;
    for (let t = T1 + 600; t <= T1 + 12 * 3600; t += 600) {
      const now = byKey(await at(t));
      for (const [key, s] of now) {
        const before = previous.get(key);
        if (before && counters.has(s.name)) {
          checked++;
          if (s.value < before.value) {
            throw new Error(`${key} went from ${before.value} to ${s.value} at ${t}`);
          }
        }
      }
      previous = now;
    }
    // ~800 counter series × 72 renders.
    expect(checked).toBeGreaterThan(40_000);
  });
});

describe('demo exporter server (main.ts bundle)', () => {
  it('serves /metrics with the registry content type', async () => {
    const port = await freePort();
    const out = path.join(__dirname, '../../.tmp/demo-exporter-bundle');
    const esbuild = path.join(__dirname, '../../node_modules/.bin/esbuild');
    const built = spawnSync(esbuild, [
      path.join(__dirname, '../../demo/exporter/src/main.ts'),
      '--bundle',
      '--platform=node',
      `--outdir=${out}`,
      '--log-level=warning',
    ]);
    expect(built.status).toBe(0);
    const child = spawn(process.execPath, [path.join(out, 'main.js')], {
      env: { ...process.env, DEMO_EXPORTER_PORT: String(port) },
      stdio: 'ignore',
    });
    try {
      let res: Response | undefined;
      for (let i = 0; i < 100 && !res; i++) {
        res = await fetch(`http://127.0.0.1:${port}/metrics`).catch(() => undefined);
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(res!.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      const served = parseExposition(await res!.text());
      expect(served.some((s) => s.name === 'kepler_pod_cpu_watts' && s.labels.pod_namespace === 'shop')).toBe(true);
      expect((await fetch(`http://127.0.0.1:${port}/nope`)).status).toBe(404);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
