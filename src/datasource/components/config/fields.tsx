import React from 'react';
import { Field, Input, SecretInput, Switch } from '@grafana/ui';

import { Options, SecretKey, withoutSecret, withSecret } from './settingsOptions';

/** What SecretInput and SecretTextArea both take to show, set and reset one secret. */
export function secretProps(options: Options, onOptionsChange: (options: Options) => void, key: SecretKey) {
  return {
    isConfigured: Boolean(options.secureJsonFields?.[key]),
    value: options.secureJsonData?.[key] ?? '',
    onChange: (e: React.FormEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      onOptionsChange(withSecret(options, key, e.currentTarget.value)),
    onReset: () => onOptionsChange(withoutSecret(options, key)),
  };
}

interface SecretSettingProps {
  options: Options;
  onOptionsChange: (options: Options) => void;
  secretKey: SecretKey;
  id: string;
  label: string;
  placeholder: string;
  description?: string;
}

/** A password or token, stored in secureJsonData only. */
export function SecretSetting({
  options,
  onOptionsChange,
  secretKey,
  id,
  label,
  placeholder,
  description,
}: SecretSettingProps) {
  return (
    <Field label={label} description={description}>
      <SecretInput id={id} {...secretProps(options, onOptionsChange, secretKey)} placeholder={placeholder} width={48} />
    </Field>
  );
}

interface SwitchSettingProps {
  label: string;
  description: string;
  id: string;
  value: boolean;
  onChange: (checked: boolean) => void;
}

export function SwitchSetting({ label, description, id, value, onChange }: SwitchSettingProps) {
  return (
    <Field label={label} description={description}>
      <Switch id={id} value={value} onChange={(e) => onChange(e.currentTarget.checked)} />
    </Field>
  );
}

interface NumberSettingProps {
  label: string;
  description: string;
  error?: string;
  id: string;
  value?: number;
  /** Shown while empty: the backend's default. */
  placeholder: number;
  min: number;
  step?: number;
  /** `undefined` once cleared, so the setting leaves jsonData. */
  onChange: (value: number | undefined) => void;
}

export function NumberSetting({
  label,
  description,
  error,
  id,
  value,
  placeholder,
  min,
  step,
  onChange,
}: NumberSettingProps) {
  return (
    <Field label={label} description={description} invalid={Boolean(error)} error={error}>
      <Input
        id={id}
        type="number"
        min={min}
        step={step}
        value={value ?? ''}
        placeholder={String(placeholder)}
        width={16}
        onChange={(e) => {
          const raw = e.currentTarget.value;
          onChange(raw === '' ? undefined : Number(raw));
        }}
      />
    </Field>
  );
}

interface TextSettingProps {
  label: string;
  description?: string;
  required?: boolean;
  error?: string;
  id: string;
  value?: string;
  placeholder?: string;
  width: number;
  /** Trimmed; `undefined` once cleared, so the setting leaves jsonData. */
  onChange: (value: string | undefined) => void;
}

export function TextSetting({
  label,
  description,
  required,
  error,
  id,
  value,
  placeholder,
  width,
  onChange,
}: TextSettingProps) {
  return (
    <Field label={label} description={description} required={required} invalid={Boolean(error)} error={error}>
      <Input
        id={id}
        value={value ?? ''}
        placeholder={placeholder}
        width={width}
        onChange={(e) => onChange(e.currentTarget.value.trim() || undefined)}
      />
    </Field>
  );
}
