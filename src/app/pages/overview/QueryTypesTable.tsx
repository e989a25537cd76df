import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';

import { QUERY_TYPE_DEFINITIONS, QUERY_TYPES } from '../../../shared/queryTypes';

/** Every query type the datasource offers, and what it returns. */
export function QueryTypesTable() {
  const styles = useStyles2(getStyles);
  return (
    <section aria-label="Query types">
      <h3>Query types</h3>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>Query type</th>
            <th>Returns</th>
          </tr>
        </thead>
        <tbody>
          {QUERY_TYPES.map((type) => (
            <tr key={type}>
              <td>
                {QUERY_TYPE_DEFINITIONS[type].label} <code>{type}</code>
              </td>
              <td>{QUERY_TYPE_DEFINITIONS[type].description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  table: css({
    borderCollapse: 'collapse',
    'th, td': {
      padding: theme.spacing(1, 2),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
      textAlign: 'left',
      verticalAlign: 'top',
    },
  }),
});
