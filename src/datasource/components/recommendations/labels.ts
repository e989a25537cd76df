/**
 * Names and explanations of the recommendation kinds, shared by the query editors and the app's
 * Recommendations page. No React here, so the page can import it without bundling editor code.
 */
import type { RecommendationKind, ZombieKind, ZombieSource } from '../../types';

interface Label {
  label: string;
  description: string;
}

export const ZOMBIE_KIND_LABELS: Record<ZombieKind, Label> = {
  cloudInstance: { label: 'Idle cloud instance', description: 'VMs idle by CPU and network' },
  kubernetesNode: { label: 'Idle Kubernetes node', description: 'Nodes idle by CPU and network' },
  workload: { label: 'Idle workload', description: 'Workloads using under the threshold of their CPU request' },
  volume: { label: 'Unused volume', description: 'Persistent volumes no running pod uses' },
  terminatedWorkload: {
    label: 'Terminated workload',
    description: 'Workloads whose pods are gone but whose resources remain',
  },
};

export const RECOMMENDATION_KIND_LABELS: Record<RecommendationKind, Label> = {
  regionSwitch: {
    label: 'Region switch',
    description: 'The same usage in the lowest-carbon region of the same geography',
  },
  rightsizing: {
    label: 'Rightsizing',
    description: 'A smaller instance type, from AWS Cost Explorer rightsizing ("Modify" findings)',
  },
};

/** Labels double as the titles of the data source settings sections where each source is set up. */
export const ZOMBIE_SOURCE_LABELS: Record<ZombieSource, Label> = {
  awsCostExplorer: {
    label: 'AWS Cost Explorer',
    description: 'EC2 instances that Cost Explorer rightsizing marks "Terminate" (its own 14-day lookback)',
  },
  prometheus: {
    label: 'Prometheus',
    description: 'Instances, nodes, workloads and volumes measured by node-exporter, cAdvisor and kube-state-metrics',
  },
};

export const WHERE_SETTINGS = 'in the data source settings (Connections > Data sources > this data source)';

/** What "idle" means with these thresholds, in a sentence for tooltips and page help. */
export function idleMeaning(cpuPeakPercent: number, networkMBPerDay: number, windowDays: number): string {
  return (
    `Idle means: peak CPU under ${cpuPeakPercent} % of the instance's cores (of the CPU request for workloads) ` +
    `and network in + out under ${networkMBPerDay} MB per day, on every day of the last ${windowDays} days.`
  );
}
