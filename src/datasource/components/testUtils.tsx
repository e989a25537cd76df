/** Shared by the query editor tests; not bundled (nothing in the plugin imports it). */
import React, { useState } from 'react';
import { act, render } from '@testing-library/react';

/** Lets pending lookups (exporter discovery, options) settle, as a user would before interacting. */
export const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

/** The props every query editor takes, whatever its datasource type. */
export interface QueryEditorProps<Q, S> {
  query: Q;
  datasource: S;
  onChange: (query: Q) => void;
  onRunQuery: () => void;
}

/** Keeps the query in state as Grafana does, so typing accumulates. Any editor family's renderEditor builds on it. */
export async function renderStatefulEditor<Q, S>(
  Editor: (props: QueryEditorProps<Q, S>) => React.ReactElement | null,
  query: Q,
  datasource: S
) {
  const onChange = jest.fn();
  const onRunQuery = jest.fn();
  function Harness() {
    const [current, setCurrent] = useState(query);
    const change = (next: Q) => {
      onChange(next);
      setCurrent(next);
    };
    return <Editor query={current} datasource={datasource} onChange={change} onRunQuery={onRunQuery} />;
  }
  render(<Harness />);
  await settle();
  const last = (): Q => onChange.mock.calls[onChange.mock.calls.length - 1][0];
  return { onChange, onRunQuery, last, datasource };
}
