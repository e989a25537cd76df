import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Stack, Text, useStyles2 } from '@grafana/ui';

import type { Totals } from './findings';
import { formatCost, formatNumber } from '../shared/format';

interface Props {
  /** Names the section for screen readers, e.g. "Idle resources totals". */
  label: string;
  totals: Totals;
  /** What the numbers are: "waste per month" or "saved per month". */
  caption: string;
}

const unknown = (n: number) => (n > 0 ? `${n} without an estimate` : undefined);

/** Sums of the rows shown; several currencies are listed apart since they cannot be added. */
export function SavingsTotals({ label, totals, caption }: Props) {
  const styles = useStyles2(getStyles);
  const cost = totals.cost.length > 0 ? totals.cost.map((c) => formatCost(c.amount, c.currency)).join(' + ') : '-';
  const items = [
    { name: 'Monthly cost', value: cost, note: unknown(totals.costUnknown) },
    { name: 'kWh per month', value: formatNumber(totals.kWh, 1), note: unknown(totals.kWhUnknown) },
    { name: 'kgCO2e per month', value: formatNumber(totals.kgCO2e, 1), note: unknown(totals.kgCO2eUnknown) },
  ];
  return (
    <section aria-label={label} className={styles.totals}>
      <Text color="secondary" variant="bodySmall">
        {totals.count} shown, {caption}
      </Text>
      <Stack direction="row" gap={4} wrap="wrap">
        {items.map((item) => (
          <div key={item.name} aria-label={item.name} role="group">
            <Text color="secondary" variant="bodySmall" element="p">
              {item.name}
            </Text>
            <Text variant="h4" element="p">
              {item.value}
            </Text>
            {item.note && (
              <Text color="secondary" variant="bodySmall" element="p">
                {item.note}
              </Text>
            )}
          </div>
        ))}
      </Stack>
    </section>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  totals: css({
    padding: theme.spacing(1, 2),
    border: `1px solid ${theme.colors.border.weak}`,
    borderRadius: theme.shape.radius.default,
  }),
});
