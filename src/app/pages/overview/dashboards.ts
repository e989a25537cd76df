/**
 * The dashboards bundled with the app (dashboards/*.json, listed in plugin.json `includes`). A constant rather
 * than the files themselves keeps the dashboards' JSON out of the page bundle; dashboards.test.ts keeps it equal
 * to the files and the manifest.
 */

/** Which configured source a dashboard reads; its panels stay empty without it. */
export type DashboardSource = 'none' | 'billing' | 'prometheus' | 'billingOrPrometheus';

export interface BundledDashboard {
  uid: string;
  /** The dashboard's title, as Grafana lists it. */
  title: string;
  /** Path in the plugin, as in plugin.json `includes`. */
  path: string;
  source: DashboardSource;
}

export const BUNDLED_DASHBOARDS: readonly BundledDashboard[] = [
  {
    uid: 'greenops-grid-intensity',
    title: 'GreenOps Carbon / Cloud region grid intensity',
    path: 'dashboards/grid-intensity.json',
    source: 'none',
  },
  {
    uid: 'greenops-multi-cloud-trends',
    title: 'GreenOps Carbon / Multi-cloud carbon trends',
    path: 'dashboards/multi-cloud-carbon-trends.json',
    source: 'billing',
  },
  {
    uid: 'greenops-kubernetes-energy-carbon',
    title: 'GreenOps Carbon / Kubernetes energy and carbon',
    path: 'dashboards/kubernetes-energy-carbon.json',
    source: 'prometheus',
  },
  {
    uid: 'greenops-cost-vs-carbon',
    title: 'GreenOps Carbon / Cost versus carbon',
    path: 'dashboards/cost-vs-carbon.json',
    source: 'prometheus',
  },
  {
    uid: 'greenops-per-process-power',
    title: 'GreenOps Carbon / Per-process power',
    path: 'dashboards/per-process-power.json',
    source: 'prometheus',
  },
  {
    uid: 'greenops-zombie-instances',
    title: 'GreenOps Carbon / Zombie instances',
    path: 'dashboards/zombie-instances.json',
    source: 'billingOrPrometheus',
  },
];

export const dashboardUrl = (uid: string) => `/d/${encodeURIComponent(uid)}`;

/** The title without the app's "GreenOps Carbon / " prefix, which every bundled dashboard shares. */
export const shortTitle = (title: string) => title.replace(/^GreenOps Carbon \/ /, '');
