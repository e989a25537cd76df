/**
 * Which exporters an energy query reads, from discovery: one CPU source (Kepler 0.10+, else
 * Kepler 0.7, else Scaphandre --containers; never two, which would count nodes twice while a
 * cluster migrates) and DCGM for GPU energy when it maps GPUs to pods.
 */
import type { IdlePowerMode } from '../../datasource/types';
import { DEFAULT_ENERGY_BOUNDARY, type EnergyBoundary } from '../../shared/vocabulary';
import { SERVER_ZONES } from '../../engine/serverEnergy';
import { badQuery } from '../core/errors';
import { cadvisor, kepler07, kubeStateMetrics } from '../sources/prometheus/exporters';
import { type EnergyContext, requireFound } from './energyContext';
import {
  type CpuSource,
  dcgmSource,
  kepler010Source,
  kepler07Source,
  scaphandreSource,
  type WorkloadSource,
} from './exporterQueries';

export const DEFAULT_ZONE = 'package';

export interface ChosenSources {
  cpu?: CpuSource;
  gpu?: WorkloadSource;
  /** IT and facility: the CPU source's numbers are weighed into whole-server energy (serverReading.ts). */
  boundary: EnergyBoundary;
}

/** Needs discovery and somewhere to say what it chose (the pickers choose as the queries do, silently). */
export function chooseSources(
  ctx: Pick<EnergyContext, 'discovery' | 'notice'>,
  zone: string | undefined,
  boundary: EnergyBoundary = DEFAULT_ENERGY_BOUNDARY
): ChosenSources {
  const { kepler, scaphandre, dcgm } = ctx.discovery.findings;
  const gpu = dcgm.podLabels ? dcgmSource(dcgm.podLabelPrefix ?? '', dcgm.energyCounter, dcgm.mig) : undefined;
  let cpu: CpuSource | undefined;
  if (kepler.generations.includes('0.10+') && boundary !== 'measured') {
    // Whole server: psys, package and dram as found; each node's reading picks among them.
    const zones = SERVER_ZONES.filter((z) => kepler.zones.includes(z));
    if (!zones.includes('package') && !zones.includes('psys')) {
      throw badQuery(
        `energyBoundary "${boundary}": Kepler exports neither zone package nor psys here (zones found: ` +
          `${kepler.zones.join(', ') || 'none'}); energyBoundary "measured" reads one zone as it is.`
      );
    }
    cpu = kepler010Source(zones);
    if (zone && zone !== DEFAULT_ZONE) {
      ctx.notice('warning', `zone "${zone}" ignored: it applies to energyBoundary "measured" only.`);
    }
  } else if (kepler.generations.includes('0.10+')) {
    const wanted = zone ?? DEFAULT_ZONE;
    if (!kepler.zones.includes(wanted)) {
      throw badQuery(
        `zone: Kepler exports no zone "${wanted}" here; zones found: ${kepler.zones.join(', ') || 'none'}. ` +
          'Zones overlap (package includes core and uncore), so one zone is read at a time.'
      );
    }
    cpu = kepler010Source([wanted]);
  }
  if (kepler.generations.includes('0.10+')) {
    if (kepler.generations.includes('0.7')) {
      ctx.notice('info', 'Kepler 0.7 series were found too: only Kepler 0.10+ is read, so no node is counted twice.');
    }
  } else if (kepler.generations.includes('0.7')) {
    const excludeGpu = !!gpu && kepler.legacyComponents.includes('gpu');
    cpu = kepler07Source(kepler.legacyComponents, excludeGpu);
    if (zone && zone !== DEFAULT_ZONE) {
      ctx.notice(
        'warning',
        `zone "${zone}" ignored: Kepler 0.7 has no zones (${kepler07.metrics.containerJoules} is ` +
          `${kepler07.containerTotalComponents.join(' + ')}).`
      );
    }
    if (excludeGpu) {
      ctx.notice('info', "GPU energy is DCGM's: Kepler 0.7's gpu component is left out of the CPU energy.");
    }
  } else if (scaphandre.containers) {
    cpu = scaphandreSource();
  }
  if (cpu && cpu.id !== 'scaphandre' && scaphandre.containers) {
    ctx.notice('info', `Scaphandre --containers was found too: ${cpu.name} is read, so no node is counted twice.`);
  }
  if (!cpu && gpu) {
    ctx.notice(
      'warning',
      'GPU energy only (DCGM): no CPU energy exporter (Kepler, Scaphandre --containers) was found.'
    );
  }
  return { cpu, ...(gpu ? { gpu } : {}), boundary };
}

/** Idle reallocation needs the CPU source's node totals and the basis of the shares. */
export function requireIdleInputs(
  ctx: EnergyContext,
  mode: IdlePowerMode,
  sources: ChosenSources,
  queryType: string
): void {
  if (mode === 'exclude') {
    return;
  }
  const findings = ctx.discovery.findings;
  requireFound(
    ctx,
    queryType,
    `idlePower "${mode}"`,
    [
      !sources.cpu && 'a CPU energy exporter (Kepler or Scaphandre --containers) for node idle energy',
      mode === 'byRequest' &&
        !findings.kubeStateMetrics.found &&
        `kube-state-metrics (${kubeStateMetrics.metrics.containerResourceRequests})`,
      mode === 'byUsage' && !findings.cadvisor.found && `cAdvisor (${cadvisor.metrics.cpuSeconds})`,
    ],
    ' and '
  );
}
