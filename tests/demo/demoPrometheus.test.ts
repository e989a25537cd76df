/**
 * The demo's history in a real Prometheus: the backfill files (backfill.ts) imported by promtool
 * through startDemoStack(), queried with PromQL. Values are checked against the model's power
 * functions integrated here, the backend's exporter discovery finds every query type's inputs, and
 * the idle node, abandoned workloads, unattached volume, terminated pods and the energy leak are
 * what the AWS idle rule and the backend's leak condition pick, and nothing else.
 */
import fs from 'node:fs';
import path from 'node:path';

import { timestamped, writeBackfill } from '../../demo/exporter/src/backfill';
import { DEMO_NAMES, METAL_NODE } from '../../demo/exporter/src/clusterSpec';
import { DemoModel, modelTime } from '../../demo/exporter/src/model';
import { createDemoRegistry } from '../../demo/exporter/src/registry';
import { leakCondition } from '../../src/backend/measured/scaphandreQueries';
import type { IntegrationWindow } from '../../src/backend/measured/integrationWindow';
import { logger } from '../../src/backend/core/logger';
import { PrometheusSourceImpl } from '../../src/backend/sources/prometheus/prometheusSource';
import { byLabels, makeScratchDir, queryPrometheus } from '../helpers/prometheus';
import { type DemoStack, startDemoStack } from './demoStack';
import { midpointIntegral, parseExposition } from './exposition';

const model = new DemoModel();
let stack: DemoStack;
let end: number;

beforeAll(async () => {
  stack = await startDemoStack();
  end = stack.to / 1000;
}, 240_000);
afterAll(() => stack?.stop());

const q = async (expr: string, t = end) => queryPrometheus(stack.prometheusUrl, expr, t);
const closeTo = (actual: number, expected: number, rel: number) =>
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(Math.abs(expected) * rel);

describe('backfill files', () => {
  it('are the registry rendering at each step, timestamped in seconds, one 2 h window per file, ending in # EOF', async () => {
    const dir = makeScratchDir('demo-backfill-');
    try {
      const endS = Date.UTC(2025, 5, 18, 12) / 1000;
      const result = await writeBackfill({ endS, days: 3 / 24, stepS: 300, dir });
      expect(result.files.map((f) => path.basename(f))).toEqual(
        [endS - 3 * 3600, endS - 2 * 3600, endS - 3600, endS]
          .map((t) => `demo-${Math.floor(t / 7200) * 7200}.om`)
          .filter((f, i, a) => a.indexOf(f) === i)
      );
      const text = result.files.map((f) => fs.readFileSync(f, 'utf8')).join('');
      expect(text.split('# EOF\n')).toHaveLength(result.files.length + 1);
      const t = endS - 3600;
      const rendered = await createDemoRegistry({ intervalS: 300 }).render(t);
      const lines = text.split('\n').filter((l) => l.endsWith(` ${t}`));
      expect(lines.join('\n') + '\n').toBe(timestamped(rendered, t));
      expect(lines).toHaveLength(parseExposition(rendered).length);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('demo history in Prometheus', () => {
  it('covers the requested days at the step', async () => {
    expect(stack.to - stack.from).toBe(2 * 86_400_000);
    const [samples] = await q(`count_over_time(kepler_node_cpu_usage_ratio{node_name="${METAL_NODE}"}[2d])`);
    // (from, to] at 5 min, plus the first sample on Prometheus 2's closed range.
    expect([576, 577]).toContain(samples.value);
  });

  it("returns the model's power and its integral", async () => {
    const t = end - 3600;
    const watts = byLabels(await q('kepler_node_cpu_watts{zone="package"}', t), 'node_name');
    expect(Object.keys(watts)).toHaveLength(5);
    for (const [name, value] of Object.entries(watts)) {
      const spec = model.nodes.find((n) => n.spec.name === name)!.spec;
      closeTo(value, model.nodePower(spec, 'package').at(modelTime(t)), 1e-12);
    }
    // Samples lie exactly on both ends of [t − 1 h, t]: increase() is the counter's difference.
    const joules = byLabels(await q('increase(kepler_node_cpu_joules_total{zone="dram"}[1h])', t), 'node_name');
    for (const [name, value] of Object.entries(joules)) {
      const spec = model.nodes.find((n) => n.spec.name === name)!.spec;
      const power = model.nodePower(spec, 'dram');
      closeTo(
        value,
        midpointIntegral((u) => power.at(u), modelTime(t - 3600), modelTime(t), 720),
        1e-6
      );
    }
    // Requests of the shop over the last day: the integral of its pods' request rates.
    const [requests] = await q('sum(increase(http_requests_total{namespace="shop"}[1d]))');
    const shop = model.steadyPods.filter((p) => p.workload.namespace === 'shop' && p.requestsPerS);
    const expected = midpointIntegral(
      (u) => shop.reduce((a, p) => a + p.requestsPerS!.at(u), 0),
      modelTime(end - 86_400),
      modelTime(end),
      86_400 / 5
    );
    closeTo(requests.value, expected, 1e-5);
  });

  it("gives the backend's discovery every Prometheus query type", async () => {
    const found = await new PrometheusSourceImpl({ url: stack.prometheusUrl, logger }).discover({
      fromMs: stack.to - 3_600_000,
      toMs: stack.to,
    });
    expect(Object.entries(found.queryTypes).filter(([, s]) => !s.available)).toEqual([]);
    expect(found.findings.kepler).toMatchObject({ generations: ['0.10+'], zones: ['dram', 'package'] });
    expect(found.findings.scaphandre).toMatchObject({
      containers: true,
      processes: true,
      version: '1.02',
      generation: '1.x',
    });
    expect(found.findings.dcgm).toMatchObject({
      found: true,
      energyCounter: true,
      podLabels: true,
      podLabelPrefix: '',
    });
    expect([
      found.findings.opencost.found,
      found.findings.kubeStateMetrics.found,
      found.findings.cadvisor.found,
      found.findings.nodeExporter.found,
    ]).toEqual([true, true, true, true]);
    expect(found.exporters.find((x) => x.id === 'node-exporter')).toMatchObject({
      present: true,
      evidence: ['node_cpu_seconds_total', 'node_network_receive_bytes_total'],
    });
  });
});

describe('idle resources by the AWS rule (peak CPU < 5 %, network < 5 MB/day)', () => {
  it('finds exactly the idle node', async () => {
    const peak = byLabels(
      await q('max_over_time((100 * (1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))))[2d:5m])'),
      'instance'
    );
    const perDay = byLabels(
      await q(
        'sum by (instance) (increase(node_network_receive_bytes_total{device!="lo"}[1d]) + increase(node_network_transmit_bytes_total{device!="lo"}[1d]))'
      ),
      'instance'
    );
    const idle = Object.keys(peak).filter((n) => peak[n] < 5 && perDay[n] < 5e6);
    expect(idle).toEqual([DEMO_NAMES.idleNode]);
    expect(Object.keys(peak)).toHaveLength(5);
  });

  it('finds exactly the abandoned workloads (against their CPU request)', async () => {
    const usage =
      'sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{container!="",container!="POD"}[5m]))';
    const requests = 'sum by (namespace, pod) (kube_pod_container_resource_requests{resource="cpu"})';
    const peak = await q(`max_over_time((${usage} / ${requests})[2d:5m]) * 100`);
    const low = peak
      .filter((s) => s.value < 5)
      .map((s) => `${s.metric.namespace}/${s.metric.pod.replace(/-[a-z0-9]+-[a-z0-9]{5}$/, '')}`);
    expect(low.sort()).toEqual(DEMO_NAMES.abandonedWorkloads.map((w) => `${w.namespace}/${w.workload}`).sort());
    const traffic = byLabels(
      await q(
        'sum by (namespace, pod) (increase(container_network_receive_bytes_total[1d]) + increase(container_network_transmit_bytes_total[1d]))'
      ),
      'namespace',
      'pod'
    );
    const abandoned = Object.entries(traffic).filter(([k]) => /^(legacy\/old-search|analytics\/reporting)-/.test(k));
    expect(abandoned).toHaveLength(2);
    expect(abandoned.every(([, bytes]) => bytes < 5e6)).toBe(true);
    expect(
      Object.entries(traffic)
        .filter(([k]) => k.startsWith('shop/api-'))
        .every(([, bytes]) => bytes > 5e6)
    ).toBe(true);
  });

  it('finds the unattached volume, and terminated CronJob pods in Kepler', async () => {
    const unattached = await q('pv_hourly_cost unless on (persistentvolume) pod_pvc_allocation');
    expect(unattached.map((s) => s.metric.persistentvolume)).toEqual([DEMO_NAMES.unattachedVolume]);
    const [released] = await q(
      `kube_persistentvolume_status_phase{phase="Released",persistentvolume="${DEMO_NAMES.unattachedVolume}"}`
    );
    expect(released.value).toBe(1);
    // One run per hour, each exported once as terminated.
    const terminated = await q(
      'count by (pod_name, pod_namespace) (last_over_time(kepler_pod_cpu_joules_total{state="terminated",zone="package"}[6h]))'
    );
    expect(terminated).toHaveLength(6);
    expect(
      terminated.every((s) => s.metric.pod_namespace === 'analytics' && s.metric.pod_name.startsWith('etl-hourly-'))
    ).toBe(true);
  });

  it("has exactly one energy leak by the backend's processPower condition", async () => {
    const window: IntegrationWindow = {
      stepMs: 300_000,
      stepSeconds: 300,
      startMs: stack.to - 6 * 3_600_000,
      endMs: stack.to,
      rangeMs: 6 * 3_600_000,
      rangeSeconds: 21_600,
      steps: 72,
      step: '5m',
      range: '6h',
      window: '21450s',
    };
    const leaks = await q(leakCondition({}, window));
    expect(leaks.map((s) => [s.metric.pid, s.metric.exe, s.metric.instance])).toEqual([
      [String(DEMO_NAMES.leakProcess.pid), DEMO_NAMES.leakProcess.exe, '192.168.40.11:8080'],
    ]);
  });
});
