import React, { useRef } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, SelectableValue } from '@grafana/data';
import { InlineField, Input, RadioButtonGroup, TextArea, useStyles2 } from '@grafana/ui';

import { capitalise } from '../../fieldError';
import { regexError } from '../../regex';
import type { SettingsSummary } from '../../settingsSummary';
import type { ListedOption } from '../../resources';
import type { CloudProvider, RegionInfo } from '../../types';
import type { ExporterSource } from '../useBackendInfo';

export const LABEL_WIDTH = 14;

/** What the Prometheus editors need from the datasource; narrow so tests can pass a fake. */
export interface EnergyEditorSource extends ExporterSource {
  settingsSummary?: SettingsSummary;
  getNamespaces?(): Promise<string[]>;
  getRegions?(provider?: CloudProvider): Promise<RegionInfo[]>;
  getNodes?(): Promise<ListedOption[]>;
  /** Scaphandre executables, optionally of processes in namespaces matching a regex. */
  getProcesses?(namespace?: string): Promise<ListedOption[]>;
  /** Owner workloads, optionally in the namespaces a regex matches. */
  getWorkloads?(namespace?: string): Promise<ListedOption[]>;
  getVariables?(): string[];
}

export interface EnergyEditorProps<Q> {
  query: Q;
  datasource: EnergyEditorSource;
  onChange: (query: Q) => void;
  onRunQuery: () => void;
}

/**
 * `update` changes the query and runs it (pickers, radios). `edit` only changes it (each keystroke in a text
 * field) and `commit` runs it once the field loses focus, if anything was edited since the last run.
 */
export function useQueryUpdate<Q>(query: Q, onChange: (query: Q) => void, onRunQuery: () => void) {
  const dirty = useRef(false);
  return {
    update: (patch: Partial<Q>) => {
      onChange({ ...query, ...patch });
      dirty.current = false;
      onRunQuery();
    },
    edit: (patch: Partial<Q>) => {
      onChange({ ...query, ...patch });
      dirty.current = true;
    },
    commit: () => {
      if (dirty.current) {
        dirty.current = false;
        onRunQuery();
      }
    },
  };
}

/** The ids of a query's inputs: unique per query row, so several queries of one panel can be edited at once. */
export const fieldIds = (refId: string) => (name: string) => `carbon-${name}-${refId}`;

/** Empty strings leave the query, so the backend applies its default. */
export const orUndefined = (value: string) => (value === '' ? undefined : value);

interface TextFieldProps {
  label: string;
  tooltip: string;
  inputId: string;
  value?: string;
  placeholder?: string;
  width?: number;
  /** Validated as a regular expression when set. */
  regex?: boolean;
  onChange: (value: string) => void;
  onBlur: () => void;
}

export function TextField({
  label,
  tooltip,
  inputId,
  value,
  placeholder,
  width = 32,
  regex,
  onChange,
  onBlur,
}: TextFieldProps) {
  const error = regex ? regexError(value) : undefined;
  return (
    <InlineField label={label} labelWidth={LABEL_WIDTH} tooltip={tooltip} invalid={Boolean(error)} error={error}>
      <Input
        id={inputId}
        value={value ?? ''}
        placeholder={placeholder}
        width={width}
        onChange={(e) => onChange(e.currentTarget.value)}
        onBlur={onBlur}
      />
    </InlineField>
  );
}

interface RadioFieldProps<T> {
  label: string;
  tooltip: string;
  options: Array<SelectableValue<T>>;
  value: T;
  onChange: (value: T) => void;
}

export function RadioField<T>({ label, tooltip, options, value, onChange }: RadioFieldProps<T>) {
  return (
    <InlineField label={label} labelWidth={LABEL_WIDTH} tooltip={tooltip}>
      <RadioButtonGroup<T> options={options} value={value} onChange={onChange} />
    </InlineField>
  );
}

interface PromQLFieldProps {
  label: string;
  tooltip: string;
  inputId: string;
  value?: string;
  placeholder: string;
  /** What the query type's schema says against the expression (see requiredMessage). */
  error?: string;
  onChange: (value: string) => void;
  onCommit: () => void;
}

/** The message of a field the query does not run without: the schema's, with why it matters. */
export const requiredMessage = (issue: { message: string }) =>
  `${capitalise(issue.message)}; the query does not run without one`;

/** A plain text area rather than Monaco, so it behaves the same in dashboards, Explore and alerting. */
export function PromQLField({
  label,
  tooltip,
  inputId,
  value,
  placeholder,
  error,
  onChange,
  onCommit,
}: PromQLFieldProps) {
  const styles = useStyles2(getStyles);
  return (
    <InlineField label={label} labelWidth={LABEL_WIDTH} tooltip={tooltip} grow invalid={Boolean(error)} error={error}>
      <TextArea
        id={inputId}
        value={value ?? ''}
        placeholder={placeholder}
        rows={3}
        spellCheck={false}
        className={styles.code}
        onChange={(e) => onChange(e.currentTarget.value)}
        onBlur={onCommit}
        onKeyDown={(e) => {
          // Shift+Enter runs the query, as in Grafana's own query fields.
          if (e.key === 'Enter' && e.shiftKey) {
            e.preventDefault();
            onCommit();
          }
        }}
      />
    </InlineField>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  code: css({ fontFamily: theme.typography.fontFamilyMonospace }),
});
