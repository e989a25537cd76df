/**
 * Conformance of the billing query types of the packaged backend when things go wrong, through
 * go-plugin and the real pluginv2 protocol, on the billing scenario (billingScenario.ts): a
 * missing FOCUS path fails the health check, malformed queries fail alone inside a QueryData call
 * whose other queries succeed (billingQueries.test.ts), and an unreachable Cost Explorer is a
 * downstream error that leaks no key.
 *
 * Needs `npm run build` first. Run: npx jest tests/conformance --selectProjects integration
 */
import fs from 'fs';
import path from 'path';

import { ACCESS_KEY_ID, SECRET, useBillingRun } from './billingScenario';

const billingRun = useBillingRun('billing-failures-');
const ready = () => billingRun().results;

describe('billing query failures of the packaged backend under go-plugin (Grafana host)', () => {
  describe('CheckHealth', () => {
    test('a FOCUS path that does not exist is ERROR and the message names that path', () => {
      const h = ready().health['focus-missing'];
      expect(h.rpcError ?? '').toBe('');
      expect({ status: h.status, statusName: h.statusName }).toEqual({ status: 2, statusName: 'ERROR' });
      expect(h.message).toContain(billingRun().prepared.missingFocusPath);
    });
  });

  describe('QueryData (FOCUS)', () => {
    test.each([
      ['X', 'source'],
      ['M', 'metrics'],
      ['G', 'groupBy'],
    ])('%s fails alone: status 400, errorSource "plugin", message naming %s', (refId, fieldName) => {
      const r = ready().queries[refId];
      expect({ status: r.status, errorSource: r.errorSource, frameCount: r.frameCount }).toEqual({
        status: 400,
        errorSource: 'plugin',
        frameCount: 0,
      });
      expect(r.error).toContain(fieldName);
    });
  });

  describe('QueryData (AWS Cost Explorer at a closed port, access keys)', () => {
    test('W fails alone with errorSource "downstream": Cost Explorer cannot be reached; the RPC succeeds', () => {
      const r = ready();
      const call = r.calls.find((c) => c.name === 'aws-queries');
      expect(call).toBeDefined();
      expect(call!.rpcError ?? '').toBe('');
      const w = r.queries.W;
      expect({ rpcError: w.rpcError ?? '', missing: w.missing ?? false, frameCount: w.frameCount }).toEqual({
        rpcError: '',
        missing: false,
        frameCount: 0,
      });
      expect(w.errorSource).toBe('downstream');
      expect(w.status).toBeGreaterThanOrEqual(400);
      expect(w.error).toMatch(/cannot reach Cost Explorer/i);
      expect(w.error).toContain(billingRun().prepared.awsEndpoint);
    });

    test('the secret access key appears in neither the error, results.json nor the plugin logs', () => {
      const { results, outDir } = billingRun();
      const { W } = results.queries;
      expect(W.error).not.toContain(SECRET);
      expect(W.error).not.toContain(ACCESS_KEY_ID);
      for (const file of ['results.json', 'plugin-stderr.log', 'host.log']) {
        const text = fs.readFileSync(path.join(outDir, file), 'utf8');
        expect({ file, containsSecret: text.includes(SECRET) }).toEqual({ file, containsSecret: false });
      }
    });
  });
});
