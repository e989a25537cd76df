/**
 * Unattached volumes: PersistentVolumes OpenCost prices now ($/GiB-h) that no pod's PVC
 * referenced during the window (OpenCost's PVC allocation). A Bound volume whose claim's pods
 * are gone counts: it is paid for and unused. Size from kube-state-metrics; namespace from the
 * claim it is bound to (a Released volume has none). Energy from the billing engine's storage
 * coefficients (EBS gp3, SSD: OpenCost does not say the volume type), operational only: the
 * engine counts embodied for instances, not for storage.
 */
import { trailingIdleDays, volumeIsUnattached } from '../../../engine/recommendations/idleRules';
import { HOURS_PER_MONTH } from '../../../engine/recommendations/month';
import { co2eNote, estimateVolume, volumeMonthlyCost } from '../../../engine/recommendations/zombieMonth';
import { pvAttached, pvCapacity, pvClaims, pvPresentDaily, pvPrices, pvRegions } from './zombiePromql';
import { regionFactor } from './zombieRegions';
import { kubeStateMetrics as ksm, opencost as oc } from '../../sources/prometheus/exporters';
import { dailyBy, type PromZombieRow, type ZombieWindow } from './zombieWindow';

const GIB = 1024 ** 3;

export async function volumeZombies(w: ZombieWindow): Promise<PromZombieRow[]> {
  const { ctx, range } = w;
  const { opencost, kubeStateMetrics } = ctx.discovery.findings;
  if (!opencost.found) {
    ctx.notice(
      'info',
      `Unattached volumes need OpenCost (${oc.metrics.pvHourlyCost}, ${oc.metrics.pvcAllocation}): not looked for.`
    );
    return [];
  }
  const [prices, attached, capacity, claims, labels] = await Promise.all([
    ctx.instant(pvPrices()),
    ctx.instant(pvAttached(range)),
    kubeStateMetrics.found ? ctx.instant(pvCapacity()) : [],
    // Only claims in the query's namespaces: a namespace filter keeps only volumes claimed there.
    kubeStateMetrics.found ? ctx.instant(pvClaims(w.namespaceMatchers(ksm.labels.claimNamespace))) : [],
    kubeStateMetrics.found ? ctx.instant(pvRegions()) : [],
  ]);
  const used = new Set(attached.map((s) => s.labels.persistentvolume ?? ''));
  const size = new Map(capacity.map((s) => [s.labels.persistentvolume ?? '', s.value]));
  const claimOf = new Map(claims.map((s) => [s.labels.persistentvolume ?? '', s.labels]));
  const regionOf = new Map(
    labels.map((s) => [
      s.labels.persistentvolume ?? '',
      s.labels[ksm.labels.region] || s.labels[ksm.labels.legacyRegion] || '',
    ])
  );
  const unattached = prices.filter((s) => {
    const pv = s.labels.persistentvolume ?? '';
    // Volume prices have no namespace: with a filter, a volume needs one of the claims kept above.
    const inScope = !w.opts.namespaces || (claimOf.get(pv)?.claim_namespace ?? '') !== '';
    return pv !== '' && inScope && volumeIsUnattached({ billedNow: true, usedInWindow: used.has(pv) });
  });
  if (unattached.length === 0) {
    return [];
  }
  const present = dailyBy(await w.daily(pvPresentDaily()), (l) => l.persistentvolume ?? '');
  const days = w.opts.windowDays;
  const rows: PromZombieRow[] = [];
  for (const s of unattached) {
    const pv = s.labels.persistentvolume!;
    const bytes = size.get(pv);
    const claim = claimOf.get(pv);
    const located = regionFactor(w, regionOf.get(pv) ?? '', 'aws');
    const energy = bytes !== undefined ? estimateVolume(bytes, located.region, w.opts.methodology, w.endMs) : undefined;
    const monthlyCost = bytes !== undefined ? volumeMonthlyCost(s.value, bytes) : null;
    const idleDays = trailingIdleDays(w, (t) => present.get(pv)?.has(t));
    const claimText = claim ? `bound to claim ${claim.claim_namespace}/${claim.name}` : 'not bound to a claim';
    rows.push({
      kind: 'volume',
      source: 'prometheus',
      provider: /^vol-/.test(s.labels.provider_id ?? '') ? 'aws' : '',
      account: '',
      region: located.region,
      resourceId: pv,
      name: s.labels.provider_id || pv,
      instanceType: '',
      cluster: '',
      namespace: claim?.claim_namespace ?? '',
      workload: '',
      peakCpuPercent: null,
      avgCpuPercent: null,
      networkBytesPerDay: null,
      windowDays: days,
      idleDays,
      monthlyCost,
      currency: monthlyCost !== null ? 'USD' : '',
      monthlyKWh: energy?.kWh ?? null,
      monthlyKgCO2e: energy?.kg ?? null,
      monthlyKgCO2eLow: energy?.lowKg ?? null,
      monthlyKgCO2eHigh: energy?.highKg ?? null,
      action: `Snapshot and delete volume ${pv}${s.labels.provider_id ? ` (${s.labels.provider_id})` : ''}, ${claimText}: no pod used it in the last ${days} days.`,
      method:
        `OpenCost ${oc.metrics.pvHourlyCost} present now and no ${oc.metrics.pvcAllocation} for it over ${days} days. ` +
        `Cost: ${bytes !== undefined ? `$/GiB-h × ${(bytes / GIB).toFixed(1)} GiB (kube-state-metrics) × ${HOURS_PER_MONTH} h` : `unknown (no ${ksm.metrics.persistentVolumeCapacityBytes})`}. ` +
        `Energy: ${energy ? `billing engine storage coefficients for EBS gp3 (SSD), replication and PUE included, ${located.region || 'unknown'} region` : 'unknown'}.` +
        co2eNote(energy, "embodied not included (the engine's storage coefficients have no manufacturing share)"),
    });
  }
  return rows;
}
