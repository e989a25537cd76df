import React from 'react';
import { SelectableValue } from '@grafana/data';
import { Alert, InlineField, InlineFieldRow, MultiSelect, Text } from '@grafana/ui';

import {
  MAX_CPU_PEAK_PERCENT,
  MAX_NETWORK_MB_PER_DAY,
  MAX_WINDOW_DAYS,
  zombieInstances,
} from '../../../shared/queryTypes/zombieInstances';
import { fieldError } from '../../fieldError';
import { regexProblem } from '../../regex';
import type { SettingsSummary } from '../../settingsSummary';
import {
  ZOMBIE_DEFAULTS,
  ZOMBIE_KINDS,
  ZOMBIE_SOURCES,
  ZombieInstancesQuery,
  ZombieKind,
  ZombieSource,
} from '../../types';
import { MethodologyField } from '../BillingFields';
import { fieldIds, useQueryUpdate } from '../energy/fields';
import { NamespacesField } from '../energy/NamespacesField';
import { FormatField, LABEL_WIDTH, NumberField, pickedValues, RecommendationEditorProps } from './fields';
import { idleMeaning, WHERE_SETTINGS, ZOMBIE_KIND_LABELS, ZOMBIE_SOURCE_LABELS } from './labels';

/** What the zombie schema refuses (the backend's own limits), said as the editor says it. */
function zombieErrors(query: ZombieInstancesQuery) {
  return {
    window: fieldError(
      zombieInstances,
      'windowDays',
      query.windowDays,
      `Enter a whole number of days from 1 to ${MAX_WINDOW_DAYS}`
    ),
    cpu: fieldError(
      zombieInstances,
      'cpuPeakPercent',
      query.cpuPeakPercent,
      `Enter a percentage above 0 and at most ${MAX_CPU_PEAK_PERCENT}`
    ),
    network: fieldError(zombieInstances, 'networkMBPerDay', query.networkMBPerDay, (issue) =>
      issue.code === 'too_big'
        ? `Enter at most ${MAX_NETWORK_MB_PER_DAY.toLocaleString('en')} MB per day`
        : 'Enter a number of MB per day above 0'
    ),
    namespaces: namespacesError(query.namespaces),
  };
}

/** The first namespace regex the schema refuses; entries holding a variable are checked once interpolated. */
function namespacesError(namespaces?: string[]): string | undefined {
  const bad = namespaces?.find((ns) => fieldError(zombieInstances, 'namespaces', [ns]));
  return bad === undefined ? undefined : `"${bad}" ${regexProblem(bad) ?? 'is not a valid namespace regex'}`;
}

const isConfigured = (source: ZombieSource, settings: SettingsSummary) =>
  source === 'prometheus' ? settings.prometheus : settings.billingSources.awsCostExplorer;

const KIND_OPTIONS = ZOMBIE_KINDS.map((value) => ({ value, ...ZOMBIE_KIND_LABELS[value] }));

/** Idle resources: thresholds empty = Compute Optimizer's idle rule, sources empty = every configured source. */
export function ZombieInstancesEditor({
  query,
  datasource,
  onChange,
  onRunQuery,
}: RecommendationEditorProps<ZombieInstancesQuery>) {
  const { settingsSummary: settings } = datasource;
  const { update, edit, commit } = useQueryUpdate(query, onChange, onRunQuery);
  const id = fieldIds(query.refId);

  const errors = zombieErrors(query);
  // An invalid value would only come back as an error panel; it runs once corrected.
  const commitIfValid = () => !errors.window && !errors.cpu && !errors.network && commit();

  const cpu = query.cpuPeakPercent ?? ZOMBIE_DEFAULTS.cpuPeakPercent;
  const network = query.networkMBPerDay ?? ZOMBIE_DEFAULTS.networkMBPerDay;
  const days = query.windowDays ?? ZOMBIE_DEFAULTS.windowDays;
  // Shown under the thresholds (and in their tooltips), so what "idle" means is never a guess.
  const idleMeans = idleMeaning(cpu, network, days);

  const sourceOptions = ZOMBIE_SOURCES.map((value) => ({
    value,
    label: ZOMBIE_SOURCE_LABELS[value].label,
    description: isConfigured(value, settings)
      ? ZOMBIE_SOURCE_LABELS[value].description
      : `Not configured: set it up under "${ZOMBIE_SOURCE_LABELS[value].label}" ${WHERE_SETTINGS}`,
  }));
  const picked = query.sources ?? [];
  const unconfigured = picked.filter((s) => !isConfigured(s, settings));
  const noneConfigured = !settings.prometheus && !settings.billingSources.awsCostExplorer;

  return (
    <>
      <InlineFieldRow>
        <InlineField
          label="Sources"
          labelWidth={LABEL_WIDTH}
          tooltip="Where idle resources are found. Every configured source when empty."
        >
          <MultiSelect<ZombieSource>
            inputId={id('zombie-sources')}
            options={sourceOptions}
            value={picked}
            placeholder="Every configured source"
            width={40}
            onChange={(items: Array<SelectableValue<ZombieSource>>) => update({ sources: pickedValues(items) })}
          />
        </InlineField>
        <InlineField label="Kinds" labelWidth={LABEL_WIDTH} tooltip="All kinds when empty.">
          <MultiSelect<ZombieKind>
            inputId={id('zombie-kinds')}
            options={KIND_OPTIONS}
            value={query.kinds ?? []}
            placeholder="All kinds"
            width={40}
            onChange={(items: Array<SelectableValue<ZombieKind>>) => update({ kinds: pickedValues(items) })}
          />
        </InlineField>
      </InlineFieldRow>
      {(noneConfigured || unconfigured.length > 0) && (
        <Alert severity="warning" title={noneConfigured ? 'No source for idle resources' : 'Source not configured'}>
          {noneConfigured
            ? `Set up "AWS Cost Explorer" or "Prometheus" ${WHERE_SETTINGS}.`
            : `Set up ${unconfigured.map((s) => `"${ZOMBIE_SOURCE_LABELS[s].label}"`).join(' and ')} ${WHERE_SETTINGS}, ` +
              'or remove it from the sources.'}
        </Alert>
      )}
      <InlineFieldRow>
        <NumberField
          label="Window (days)"
          tooltip={`Days of Prometheus evidence, ending at the end of the time range; ${ZOMBIE_DEFAULTS.windowDays} when empty. Cost Explorer uses its own 14-day lookback. ${idleMeans}`}
          inputId={id('zombie-window')}
          value={query.windowDays}
          placeholder={ZOMBIE_DEFAULTS.windowDays}
          error={errors.window}
          onChange={(windowDays) => edit({ windowDays })}
          onBlur={commitIfValid}
        />
        <NumberField
          label="Peak CPU under %"
          tooltip={`Idle when peak CPU stays under this percent; ${ZOMBIE_DEFAULTS.cpuPeakPercent} when empty (AWS Compute Optimizer's idle rule). ${idleMeans}`}
          inputId={id('zombie-cpu')}
          value={query.cpuPeakPercent}
          placeholder={ZOMBIE_DEFAULTS.cpuPeakPercent}
          error={errors.cpu}
          onChange={(cpuPeakPercent) => edit({ cpuPeakPercent })}
          onBlur={commitIfValid}
        />
        <NumberField
          label="Network under MB/day"
          tooltip={`Idle when network in + out stays under this many MB per day; ${ZOMBIE_DEFAULTS.networkMBPerDay} when empty. ${idleMeans}`}
          inputId={id('zombie-network')}
          value={query.networkMBPerDay}
          placeholder={ZOMBIE_DEFAULTS.networkMBPerDay}
          error={errors.network}
          onChange={(networkMBPerDay) => edit({ networkMBPerDay })}
          onBlur={commitIfValid}
        />
      </InlineFieldRow>
      <Text element="p" variant="bodySmall" color="secondary">
        {idleMeans} Cost Explorer findings follow AWS&apos;s own rule.
      </Text>
      <InlineFieldRow>
        <NamespacesField
          inputId={id('zombie-namespaces')}
          value={query.namespaces}
          datasource={datasource}
          tooltip="Limits workloads, volumes and terminated workloads to these namespaces (regular expressions); instances and nodes have none."
          error={errors.namespaces}
          // An invalid regex would only come back as an error panel; it runs once corrected.
          onChange={(namespaces) => (namespacesError(namespaces) ? edit({ namespaces }) : update({ namespaces }))}
        />
      </InlineFieldRow>
      <InlineFieldRow>
        <MethodologyField value={query.methodology} onChange={(methodology) => update({ methodology })} />
        <FormatField value={query.format} onChange={(format) => update({ format })} />
      </InlineFieldRow>
    </>
  );
}
