import { handshakeEnvironmentError, handshakeLine } from './handshake';

describe('handshake', () => {
  it('prints go-plugin core 1, app protocol 2, tcp on 127.0.0.1, grpc, and no certificate field', () => {
    expect(handshakeLine(43123)).toBe('1|2|tcp|127.0.0.1:43123|grpc\n');
  });

  it('accepts only the Grafana datasource magic cookie', () => {
    expect(handshakeEnvironmentError({ grafana_plugin_type: 'datasource' })).toBeUndefined();
    expect(handshakeEnvironmentError({})).toMatch(/not meant to be run directly.*grafana_plugin_type=datasource/s);
    expect(handshakeEnvironmentError({ grafana_plugin_type: 'app' })).toBeDefined();
  });
});
