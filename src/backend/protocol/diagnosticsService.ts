/** CheckHealth ("Save & test") and CollectMetrics. */
import { checkDataSourceHealth } from '../queries/health';
import type { Logger } from '../core/logger';
import { CheckHealthRequestMessage, CheckHealthResponseMessage, HEALTH_STATUS } from './messages';
import { metricsText } from './metrics';
import type { InstanceManager } from '../core/instance';
import { resolveInstance, SettingsError } from './settings';

export class DiagnosticsService {
  constructor(
    private readonly instances: InstanceManager,
    private readonly log: Logger
  ) {}

  async checkHealth(request: CheckHealthRequestMessage): Promise<CheckHealthResponseMessage> {
    try {
      const instance = resolveInstance(this.instances, request.pluginContext);
      const result = await instance.use(checkDataSourceHealth);
      return {
        status: result.ok ? HEALTH_STATUS.OK : HEALTH_STATUS.ERROR,
        message: result.message,
        jsonDetails: Buffer.from(result.details ? JSON.stringify(result.details) : ''),
      };
    } catch (err) {
      if (err instanceof SettingsError) {
        return { status: HEALTH_STATUS.ERROR, message: err.message, jsonDetails: Buffer.alloc(0) };
      }
      this.log.error('health check crashed', { error: err });
      return {
        status: HEALTH_STATUS.ERROR,
        message: `Internal error while checking the datasource: ${(err as Error).message}`,
        jsonDetails: Buffer.alloc(0),
      };
    }
  }

  async collectMetrics(): Promise<{ metrics: { prometheus: Buffer } }> {
    return { metrics: { prometheus: Buffer.from(await metricsText()) } };
  }
}
