/**
 * go-plugin's handshake as Grafana's plugin host expects it (HandshakeConfig: protocol version 2,
 * magic cookie grafana_plugin_type=datasource, gRPC only, no AutoMTLS).
 */
export const MAGIC_COOKIE_KEY = 'grafana_plugin_type';
export const MAGIC_COOKIE_VALUE = 'datasource';
export const CORE_PROTOCOL_VERSION = 1;
export const APP_PROTOCOL_VERSION = 2;
/** Loopback by IP: `localhost` may resolve to ::1 on the host side. */
export const LISTEN_HOST = '127.0.0.1';

/** Returns an error message when this process was not started by a Grafana plugin host. */
export function handshakeEnvironmentError(env: NodeJS.ProcessEnv): string | undefined {
  if (env[MAGIC_COOKIE_KEY] === MAGIC_COOKIE_VALUE) {
    return undefined;
  }
  return (
    'This is a Grafana backend plugin (GreenOps Carbon datasource) and is not meant to be run directly: ' +
    `Grafana starts it with ${MAGIC_COOKIE_KEY}=${MAGIC_COOKIE_VALUE}.\n`
  );
}

/**
 * The one line this process writes to stdout. No certificate field: Grafana never enables
 * AutoMTLS and would fail on one.
 */
export function handshakeLine(port: number): string {
  return `${CORE_PROTOCOL_VERSION}|${APP_PROTOCOL_VERSION}|tcp|${LISTEN_HOST}:${port}|grpc\n`;
}
