/**
 * The GreenOps Carbon datasource backend. Grafana starts this executable through go-plugin:
 * check the magic cookie, serve gRPC on loopback, print the handshake line, and stay quiet on
 * stdout from then on.
 */
import { format } from 'node:util';
import { handshakeEnvironmentError, handshakeLine } from './protocol/handshake';
import { logger } from './core/logger';
import { startPluginServer } from './protocol/pluginServer';

/** Exit code go-plugin servers use when not started by a host. */
const EXIT_NOT_A_HOST = 1;

// Libraries that print must not corrupt the handshake channel: route console output to stderr.
console.log = (...args: unknown[]) => logger.info(format(...args));
console.info = console.log;
console.debug = console.log; // eslint-disable-line no-console

async function main(): Promise<void> {
  const environmentError = handshakeEnvironmentError(process.env);
  if (environmentError) {
    process.stderr.write(environmentError);
    process.exit(EXIT_NOT_A_HOST);
  }

  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    logger.info('shutting down', { reason });
    await server.shutdown();
    process.exit(0);
  };

  const server = await startPluginServer(logger, () => void stop('Shutdown requested by Grafana'));

  // Ctrl-C in Grafana's terminal reaches the whole process group; Grafana, not the signal, stops plugins.
  process.on('SIGINT', () => logger.debug('ignoring SIGINT; Grafana stops plugins through Shutdown'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', { error: reason }));

  process.stdout.write(handshakeLine(server.port));
  logger.info('GreenOps Carbon backend started', { port: server.port, pid: process.pid, node: process.version });
}

main().catch((err) => {
  logger.error('backend failed to start', { error: err });
  process.exit(1);
});
