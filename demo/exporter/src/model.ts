/**
 * The cluster's state as a pure function of time: which pods exist at t (CronJob runs come and go),
 * and every load, power and traffic as a Signal (signal.ts), so a counter read at any t is the
 * exact integral of its rate since MODEL_EPOCH. Nothing here depends on when it is called.
 *
 * Power model (per node and RAPL zone): W = idle + perCore × busy cores, busy cores = system +
 * host processes + pods. Kepler 0.10 splits that into idle (the constant) and active (the rest)
 * and gives each pod perCore × its cores, the share of the active power its CPU time earns.
 */
import { NODES } from './clusterSpec';
import type { NodeSpec, ProcessSpec, WorkloadSpec } from './clusterTypes';
import { hexId, podSuffix, seedOf, uid } from './ids';
import { WORKLOADS } from './workloads';
import { constant, daily, type DailyShape, DAY, memo, pulse, scale, type Signal, sum, windowed } from './signal';

/** 2025-01-01T00:00:00Z: counters count from here ("since boot"). */
export const MODEL_EPOCH_S = Date.UTC(2025, 0, 1) / 1000;
/** Pods of Deployments and StatefulSets were created this long before the epoch. */
const CREATED_BEFORE_EPOCH_S = 30 * DAY;

export type Zone = 'package' | 'dram';
export const ZONES: Zone[] = ['package', 'dram'];

export interface ProcessInstance {
  spec: ProcessSpec;
  pid: number;
  cores: Signal;
}

export interface PodInstance {
  workload: WorkloadSpec;
  node: NodeSpec;
  name: string;
  uid: string;
  /** containerd container id (64 hex). */
  containerId: string;
  ip: string;
  createdS: number;
  /** Running during [startS, endS); Infinity for long-running pods. */
  startS: number;
  endS: number;
  /** kube-state-metrics lists the pod until then (finished Job pods are kept for a while). */
  listedUntilS: number;
  cores: Signal;
  gpuUtil?: Signal;
  requestsPerS?: Signal;
  rxBytesPerS: Signal;
  txBytesPerS: Signal;
  processes: ProcessInstance[];
  /** Owning Job (CronJob runs). */
  job?: string;
}

export interface NodeModel {
  spec: NodeSpec;
  /** Busy cores: system + host processes + every pod (CronJob runs included). */
  busyCores: Signal;
  hostProcesses: ProcessInstance[];
  /** Network bytes/s of the node's device, each way. */
  rxBytesPerS: Signal;
  txBytesPerS: Signal;
}

/** Unix seconds → model seconds. */
export const modelTime = (unixS: number) => unixS - MODEL_EPOCH_S;

export class DemoModel {
  readonly nodes: NodeModel[];
  /** Pods that run all the time (not CronJob runs). */
  readonly steadyPods: PodInstance[];

  constructor() {
    this.steadyPods = WORKLOADS.filter((w) => !w.cron).flatMap((w) => w.nodes.map((node, i) => steadyPod(w, node, i)));
    this.nodes = NODES.map((spec) => this.nodeModel(spec));
  }

  node(name: string): NodeModel {
    const n = this.nodes.find((x) => x.spec.name === name);
    if (!n) {
      throw new Error(`no node ${name}`);
    }
    return n;
  }

  /** Power of a node's RAPL zone, W. */
  nodePower(node: NodeSpec, zone: Zone): Signal {
    return this.cached(`node/${node.name}/${zone}`, () =>
      sum(constant(zonePower(node, zone).idle), this.nodeActivePower(node, zone))
    );
  }

  /** Kepler's active part: what busy cores add over idle. */
  nodeActivePower(node: NodeSpec, zone: Zone): Signal {
    return this.cached(`active/${node.name}/${zone}`, () =>
      scale(zonePower(node, zone).perCore, this.node(node.name).busyCores)
    );
  }

  /** A pod's share of the active power (Kepler 0.10 attribution by CPU time). */
  podPower(pod: PodInstance, zone: Zone): Signal {
    return this.cached(`pod/${pod.uid}/${zone}`, () => scale(zonePower(pod.node, zone).perCore, pod.cores));
  }

  readonly #signals = new Map<string, Signal>();
  private cached(key: string, make: () => Signal): Signal {
    let s = this.#signals.get(key);
    if (!s) {
      if (this.#signals.size > 10_000) {
        this.#signals.clear();
      }
      s = memo(make());
      this.#signals.set(key, s);
    }
    return s;
  }

  /** GPU power, W: idle + (max − idle) × utilisation of the pod holding it. */
  gpuPower(node: NodeSpec): Signal | undefined {
    const gpu = node.gpu;
    const holder = this.steadyPods.find((p) => p.node === node && p.gpuUtil);
    if (!gpu) {
      return undefined;
    }
    return holder ? sum(constant(gpu.idleW), scale(gpu.maxW - gpu.idleW, holder.gpuUtil!)) : constant(gpu.idleW);
  }

  /** Every pod kube-state-metrics lists at t: steady pods and the CronJob runs it still keeps. */
  podsListedAt(t: number): PodInstance[] {
    return [...this.steadyPods, ...this.jobPodsAround(t).filter((p) => p.startS <= t && t < p.listedUntilS)];
  }

  /** Pods running at t. */
  podsRunningAt(t: number): PodInstance[] {
    return this.podsListedAt(t).filter((p) => p.startS <= t && t < p.endS);
  }

  /** CronJob pods that stopped during [t − holdS, t): Kepler still exports them as terminated. */
  podsTerminatedAt(t: number, holdS: number): PodInstance[] {
    return this.jobPodsAround(t).filter((p) => p.endS <= t && t < p.endS + holdS);
  }

  /** CronJob runs whose pod may exist around t (running, kept by KSM, or just terminated). */
  jobPodsAround(t: number): PodInstance[] {
    const out: PodInstance[] = [];
    for (const w of WORKLOADS) {
      const cron = w.cron;
      if (!cron) {
        continue;
      }
      const last = Math.floor((t - cron.offsetS) / cron.periodS);
      for (let k = last; k > last - cron.historyLimit - 1; k--) {
        out.push(jobPod(w, k));
      }
    }
    return out;
  }

  private nodeModel(spec: NodeSpec): NodeModel {
    const hostProcesses = (spec.hostProcesses ?? []).map((p) => ({
      spec: p,
      pid: p.pid ?? 1000 + (seedOf(`${spec.name}/${p.comm}`) % 30000),
      cores: daily(p.cores ?? { base: 0, daily: 0, peakHourUtc: 0 }),
    }));
    const pods = this.steadyPods.filter((p) => p.node === spec);
    // CronJob runs as one periodic pulse per CronJob: equal to the sum of its runs' windows.
    const crons = WORKLOADS.filter((w) => w.cron && w.nodes[0] === spec.name);
    const cronCores = crons.map((w) => pulse(w.cron!.cores, w.cron!.periodS, w.cron!.offsetS, w.cron!.durationS));
    const cronNet = crons.map((w) => pulse(w.netBytesPerS, w.cron!.periodS, w.cron!.offsetS, w.cron!.durationS));
    const busyCores = memo(
      sum(daily(spec.systemCores), ...hostProcesses.map((p) => p.cores), ...pods.map((p) => p.cores), ...cronCores)
    );
    if (busyCores.max > spec.cores * 0.8) {
      throw new Error(`${spec.name}: up to ${busyCores.max} busy cores of ${spec.cores}`);
    }
    const host = constant(spec.hostNetBytesPerS);
    return {
      spec,
      busyCores,
      hostProcesses,
      rxBytesPerS: memo(sum(host, ...pods.map((p) => p.rxBytesPerS), ...cronNet)),
      txBytesPerS: memo(sum(host, ...pods.map((p) => p.txBytesPerS), ...cronNet)),
    };
  }
}

function zonePower(node: NodeSpec, zone: Zone): { idle: number; perCore: number } {
  return zone === 'package'
    ? { idle: node.power.packageIdleW, perCore: node.power.packagePerCoreW }
    : { idle: node.power.dramIdleW, perCore: node.power.dramPerCoreW };
}

function nodeOf(name: string): NodeSpec {
  const node = NODES.find((n) => n.name === name);
  if (!node) {
    throw new Error(`workload on unknown node ${name}`);
  }
  return node;
}

function podName(w: WorkloadSpec, replica: number): string {
  switch (w.kind) {
    case 'StatefulSet':
      return `${w.name}-${replica}`;
    case 'Deployment':
      return `${w.name}-${w.templateHash}-${podSuffix(`${w.namespace}/${w.name}/${replica}`)}`;
    default:
      return `${w.name}-${podSuffix(`${w.namespace}/${w.name}/${w.nodes[replica]}`)}`;
  }
}

function podIp(node: NodeSpec, key: string): string {
  const [a, b, c] = node.ip.split('.');
  return `${a}.${b}.${c === '40' ? 41 : Number(c) + 100}.${10 + (seedOf(key) % 240)}`;
}

function processes(w: WorkloadSpec, key: string, cores: Signal): ProcessInstance[] {
  return w.container.processes.map((p, i) => ({
    spec: p,
    pid: 2000 + (seedOf(`${key}/${i}`) % 3_000_000),
    cores: scale(p.share ?? 1, cores),
  }));
}

function steadyPod(w: WorkloadSpec, nodeName: string, replica: number): PodInstance {
  const node = nodeOf(nodeName);
  const name = podName(w, replica);
  const key = `${w.namespace}/${name}`;
  // Replicas behind one load balancer differ by a few percent.
  const spread = 0.94 + ((seedOf(key) % 1000) / 1000) * 0.12;
  const vary = (shape: DailyShape): DailyShape => ({ ...shape, base: shape.base * spread });
  const cores = daily(vary(w.load!));
  const rps = w.http ? daily(vary(w.http.requestsPerS)) : undefined;
  const net = constant(w.hostNetwork ? 0 : w.netBytesPerS);
  return {
    workload: w,
    node,
    name,
    uid: uid(key),
    containerId: hexId(`container/${key}`, 64),
    ip: w.hostNetwork ? node.ip : podIp(node, key),
    createdS: -CREATED_BEFORE_EPOCH_S + (seedOf(key) % DAY),
    startS: -Infinity,
    endS: Infinity,
    listedUntilS: Infinity,
    cores,
    ...(w.gpuUtil ? { gpuUtil: daily(w.gpuUtil) } : {}),
    ...(rps ? { requestsPerS: rps } : {}),
    rxBytesPerS: rps ? sum(net, scale(w.http!.requestBytes, rps)) : net,
    txBytesPerS: rps ? sum(net, scale(w.http!.responseBytes, rps)) : net,
    processes: processes(w, key, cores),
  };
}

const jobPodCache = new Map<string, PodInstance>();

/** Run k of a CronJob: Job `<cronjob>-<scheduled minute>`, pod `<job>-<5 chars>`, as the controller names them. */
export function jobPod(w: WorkloadSpec, k: number): PodInstance {
  const cron = w.cron!;
  const cacheKey = `${w.namespace}/${w.name}/${k}`;
  const cached = jobPodCache.get(cacheKey);
  if (cached) {
    return cached;
  }
  const startS = k * cron.periodS + cron.offsetS;
  const endS = startS + cron.durationS;
  const job = `${w.name}-${Math.round((startS + MODEL_EPOCH_S) / 60)}`;
  const name = `${job}-${podSuffix(cacheKey)}`;
  const node = nodeOf(w.nodes[0]);
  const cores = windowed(constant(cron.cores), startS, endS);
  const net = windowed(constant(w.netBytesPerS), startS, endS);
  const pod: PodInstance = {
    workload: w,
    node,
    name,
    uid: uid(`${w.namespace}/${name}`),
    containerId: hexId(`container/${w.namespace}/${name}`, 64),
    ip: podIp(node, name),
    createdS: startS,
    startS,
    endS,
    listedUntilS: startS + cron.historyLimit * cron.periodS,
    cores,
    rxBytesPerS: net,
    txBytesPerS: net,
    // A new PID per run, as a cron job's process gets.
    processes: processes(w, `${w.namespace}/${name}`, cores),
    job,
  };
  if (jobPodCache.size > 5000) {
    jobPodCache.clear();
  }
  jobPodCache.set(cacheKey, pod);
  return pod;
}
