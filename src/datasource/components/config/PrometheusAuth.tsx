import React from 'react';
import { DataSourcePluginOptionsEditorProps } from '@grafana/data';
import { Auth, AuthMethod } from '@grafana/plugin-ui';

import { CarbonDataSourceOptions, CarbonSecureJsonData, PrometheusSettings } from '../../types';
import { SecretSetting } from './fields';
import { storedHeaders, withHeaders } from './prometheusHeaders';
import { Options, SecretKey, withoutSecret, withSecret } from './settingsOptions';

type Props = DataSourcePluginOptionsEditorProps<CarbonDataSourceOptions, CarbonSecureJsonData> & {
  prometheus: PrometheusSettings;
};

const BEARER = 'custom-bearer';

/** `options` with jsonData.prometheus patched; cleared values (undefined) leave it. */
function withPrometheus(options: Options, prometheus: PrometheusSettings, patch: Partial<PrometheusSettings>): Options {
  const next: PrometheusSettings = { ...prometheus, ...patch };
  (Object.keys(patch) as Array<keyof PrometheusSettings>).forEach((k) => next[k] === undefined && delete next[k]);
  return { ...options, jsonData: { ...options.jsonData, prometheus: next } };
}

/**
 * Authentication, TLS and custom headers of the Prometheus API through @grafana/plugin-ui's Auth,
 * as in Grafana's HTTP datasources. Passwords, tokens, certificates, keys and header values go to
 * secureJsonData only.
 */
export function PrometheusAuth({ options, onOptionsChange, prometheus }: Props) {
  const fields = options.secureJsonFields ?? {};
  const patch = (change: Partial<PrometheusSettings>) => onOptionsChange(withPrometheus(options, prometheus, change));
  const setSecret = (key: SecretKey) => (value: string) => onOptionsChange(withSecret(options, key, value));
  const resetSecret = (key: SecretKey) => () => onOptionsChange(withoutSecret(options, key));
  /** Turning a TLS option off also clears its secrets: the backend uses any that are saved. */
  const toggle = (flag: 'tlsAuthWithCACert' | 'tlsAuth', secrets: SecretKey[]) => (on: boolean) =>
    onOptionsChange(
      secrets.reduce(
        (next, key) => (on ? next : withoutSecret(next, key)),
        withPrometheus(options, prometheus, { [flag]: on || undefined })
      )
    );
  const authType = prometheus.authType ?? 'none';

  return (
    <Auth
      selectedMethod={authType === 'basic' ? AuthMethod.BasicAuth : authType === 'bearer' ? BEARER : AuthMethod.NoAuth}
      visibleMethods={[AuthMethod.NoAuth, AuthMethod.BasicAuth, BEARER]}
      customMethods={[
        {
          id: BEARER,
          label: 'Bearer token',
          description: 'Sends "Authorization: Bearer <token>" with every request',
          component: (
            <SecretSetting
              {...{ options, onOptionsChange }}
              secretKey="prometheusToken"
              id="carbon-prometheus-prometheusToken"
              label="Token"
              placeholder="Bearer token"
            />
          ),
        },
      ]}
      onAuthMethodSelect={(method) =>
        patch({ authType: method === AuthMethod.BasicAuth ? 'basic' : method === BEARER ? 'bearer' : 'none' })
      }
      basicAuth={{
        user: prometheus.basicAuthUser ?? '',
        passwordConfigured: Boolean(fields.prometheusPassword),
        onUserChange: (user) => patch({ basicAuthUser: user || undefined }),
        onPasswordChange: setSecret('prometheusPassword'),
        onPasswordReset: resetSecret('prometheusPassword'),
      }}
      TLS={{
        selfSignedCertificate: {
          enabled: prometheus.tlsAuthWithCACert ?? Boolean(fields.prometheusCaCert),
          onToggle: toggle('tlsAuthWithCACert', ['prometheusCaCert']),
          certificateConfigured: Boolean(fields.prometheusCaCert),
          onCertificateChange: setSecret('prometheusCaCert'),
          onCertificateReset: resetSecret('prometheusCaCert'),
        },
        TLSClientAuth: {
          enabled: prometheus.tlsAuth ?? Boolean(fields.prometheusClientCert),
          onToggle: toggle('tlsAuth', ['prometheusClientCert', 'prometheusClientKey']),
          serverName: prometheus.tlsServerName ?? '',
          onServerNameChange: (tlsServerName) => patch({ tlsServerName: tlsServerName || undefined }),
          clientCertificateConfigured: Boolean(fields.prometheusClientCert),
          clientKeyConfigured: Boolean(fields.prometheusClientKey),
          onClientCertificateChange: setSecret('prometheusClientCert'),
          onClientKeyChange: setSecret('prometheusClientKey'),
          onClientCertificateReset: resetSecret('prometheusClientCert'),
          onClientKeyReset: resetSecret('prometheusClientKey'),
        },
        skipTLSVerification: {
          enabled: Boolean(prometheus.tlsSkipVerify),
          onToggle: (on) => patch({ tlsSkipVerify: on || undefined }),
        },
      }}
      customHeaders={{
        headers: storedHeaders(options),
        onChange: (headers) => onOptionsChange(withHeaders(options, headers)),
      }}
    />
  );
}
