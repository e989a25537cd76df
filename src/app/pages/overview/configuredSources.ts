/**
 * Which sources a GreenOps datasource has set up, read from its instance settings (`jsonData`). Secrets live in
 * secureJsonData, which the frontend never receives; the one secret jsonData can hold by accident, credentials in
 * the Prometheus URL, is stripped before display.
 */
import { summariseSettings } from '../../../datasource/settingsSummary';
import { awsConnectionOf } from '../../../datasource/awsConnection';
import type { AwsAuthProvider, CarbonDataSourceOptions, PrometheusAuthType } from '../../../datasource/types';

export type SourceId = 'grid' | 'awsCostExplorer' | 'focus' | 'prometheus';

export interface ConfiguredSource {
  id: SourceId;
  name: string;
  configured: boolean;
  /** What is set up (never secrets), or what setting it up adds. */
  details: string[];
}

const AWS_AUTH: Record<AwsAuthProvider, string> = {
  default: 'default credential chain',
  keys: 'access keys',
  credentials: 'credentials file',
  ec2_iam_role: 'EC2 IAM role',
  grafana_assume_role: 'Grafana Assume Role',
};
const PROMETHEUS_AUTH: Record<PrometheusAuthType, string> = {
  none: 'no authentication',
  basic: 'basic authentication',
  bearer: 'bearer token',
};

/** The URL without user:password@ (a pasted URL may carry them) and without its query string (tokens). */
export function displayUrl(url: string): string {
  try {
    const u = new URL(url);
    if (!u.username && !u.password && !u.search) {
      return url;
    }
    u.username = '';
    u.password = '';
    u.search = '';
    return u.toString();
  } catch {
    // Not a URL the browser parses: show the part before any credentials or query.
    return url.replace(/\/\/[^/@]*@/, '//').replace(/\?.*$/, '');
  }
}

export function configuredSources(jsonData?: CarbonDataSourceOptions): ConfiguredSource[] {
  const summary = summariseSettings(jsonData);
  const aws = jsonData?.aws;
  // Whether first-shape keys are saved is not known here (no secureJsonFields): it only changes the label.
  const connection = awsConnectionOf(jsonData, false);
  const paths = (jsonData?.focus?.paths ?? []).filter((p) => typeof p === 'string' && p.trim() !== '');
  const prometheus = jsonData?.prometheus;
  return [
    {
      id: 'grid',
      name: 'Grid carbon intensity',
      configured: true,
      details: ['Bundled with the plugin: no setup needed.'],
    },
    {
      id: 'awsCostExplorer',
      name: 'AWS Cost Explorer',
      configured: summary.billingSources.awsCostExplorer,
      details: aws
        ? [
            connection.assumeRoleArn
              ? 'Authentication: assumed role'
              : `Authentication: ${AWS_AUTH[connection.authType] ?? connection.authType}`,
            ...(connection.assumeRoleArn ? [`Role: ${connection.assumeRoleArn}`] : []),
            ...(connection.region ? [`Region: ${connection.region}`] : []),
            ...(connection.endpoint ? [`Endpoint: ${displayUrl(connection.endpoint)}`] : []),
            `Hourly granularity: ${aws.hourlyEnabled ? 'on' : 'off'}`,
          ]
        : ['Adds cloud emissions and cost from the AWS bill, idle instances and rightsizing.'],
    },
    {
      id: 'focus',
      name: 'FOCUS exports',
      configured: summary.billingSources.focus,
      details: paths.length
        ? paths.map((p) => `Path: ${p}`)
        : ['Adds cloud emissions and cost from FOCUS billing exports (AWS, Google Cloud, Azure).'],
    },
    {
      id: 'prometheus',
      name: 'Prometheus',
      configured: summary.prometheus,
      details:
        summary.prometheus && prometheus
          ? [
              `URL: ${displayUrl(prometheus.url.trim())}`,
              `Authentication: ${PROMETHEUS_AUTH[prometheus.authType ?? 'none'] ?? prometheus.authType}`,
              ...(prometheus.defaultRegion ? [`Default region: ${prometheus.defaultRegion}`] : []),
            ]
          : ['Adds measured Kubernetes and host energy (Kepler, Scaphandre, DCGM), OpenCost and idle workloads.'],
    },
  ];
}
