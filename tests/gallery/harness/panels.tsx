/**
 * Grafana's panels (time series, table, stat, ...) live in Grafana itself, not in npm, so app pages built with
 * @grafana/scenes' VizPanel get a stand-in here: a panel plugin per id that lists what the panel received
 * (each frame's fields and first rows). The queries still run through the datasource and the bridge, so their
 * errors and failed requests count; only the drawing is not Grafana's.
 */
import React from 'react';
import { type DataFrame, PanelPlugin, type PanelProps, PluginType } from '@grafana/data';
import { useTheme2 } from '@grafana/ui';

const ROWS = 5;

function cell(frame: DataFrame, field: number, row: number): string {
  const f = frame.fields[field];
  const v: unknown = f.values[row];
  if (v === null || v === undefined) {
    return '';
  }
  return f.type === 'time' ? new Date(Number(v)).toISOString().slice(0, 16).replace('T', ' ') : String(v);
}

function StandInPanel({ data, width, height }: PanelProps) {
  const theme = useTheme2();
  return (
    <div style={{ width, height, overflow: 'auto', fontSize: theme.typography.bodySmall.fontSize }}>
      <div style={{ color: theme.colors.text.secondary }}>
        Stand-in for a Grafana panel: {data.series.length} frame(s), state {data.state}
      </div>
      {data.errors?.map((e, i) => (
        <div key={i} style={{ color: theme.colors.error.text }}>
          {e.message}
        </div>
      ))}
      {data.series.map((frame, i) => (
        <table key={i} style={{ marginTop: theme.spacing(1), borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              {frame.fields.map((f) => (
                <th key={f.name} style={{ textAlign: 'left', paddingRight: theme.spacing(1) }}>
                  {f.config.displayName ?? f.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: Math.min(ROWS, frame.length) }, (_, row) => (
              <tr key={row}>
                {frame.fields.map((f, field) => (
                  <td key={f.name} style={{ paddingRight: theme.spacing(1) }}>
                    {cell(frame, field, row)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}

const cache = new Map<string, PanelPlugin>();

export function standInPanel(id: string): PanelPlugin {
  let plugin = cache.get(id);
  if (!plugin) {
    plugin = new PanelPlugin(StandInPanel);
    plugin.meta = {
      id,
      name: `${id} (stand-in)`,
      type: PluginType.panel,
      module: '',
      baseUrl: '',
      sort: 0,
      info: {
        author: { name: 'gallery' },
        description: '',
        links: [],
        logos: { small: '', large: '' },
        screenshots: [],
        updated: '',
        version: '',
      },
    };
    cache.set(id, plugin);
  }
  return plugin;
}

export const panelImportUtils = {
  importPanelPlugin: (id: string) => Promise.resolve(standInPanel(id)),
  getPanelPluginFromCache: (id: string) => cache.get(id),
};
