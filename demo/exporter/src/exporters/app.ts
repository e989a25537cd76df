/**
 * The applications' own request counters (`http_requests_total`, scraped per pod by a PodMonitor,
 * so `namespace`, `pod` and `job` = namespace/workload come from the target): the units of work
 * for energyPerUnit. Requests split into 200 and 500 answers by the workload's error ratio.
 */
import type { Registry } from 'prom-client';

import { scale } from '../signal';
import { addFamily, type ExportContext, type Sample } from './family';

export function registerApps(registry: Registry, ctx: ExportContext): void {
  const { model } = ctx;
  addFamily(registry, ctx, {
    name: 'http_requests_total',
    help: 'Total number of HTTP requests handled.',
    type: 'counter',
    labelNames: ['job', 'instance', 'namespace', 'pod', 'service', 'method', 'code'],
    samples: function* (t): Iterable<Sample> {
      for (const p of model.podsRunningAt(t)) {
        const http = p.workload.http;
        if (!http || !p.requestsPerS) {
          continue;
        }
        const labels = {
          job: `${p.workload.namespace}/${p.workload.name}`,
          instance: `${p.ip}:8080`,
          namespace: p.workload.namespace,
          pod: p.name,
          service: p.workload.name,
          method: 'GET',
        };
        yield [{ ...labels, code: '200' }, Math.floor(scale(1 - http.errorRatio, p.requestsPerS).cumulative(t))];
        yield [{ ...labels, code: '500' }, Math.floor(scale(http.errorRatio, p.requestsPerS).cumulative(t))];
      }
    },
  });
}
