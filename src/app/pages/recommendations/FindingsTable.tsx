import React, { useMemo } from 'react';
import { Column, InteractiveTable, Text } from '@grafana/ui';

import { kindLabel } from './FindingFiltersBar';
import { byNumber } from '../shared/format';

/** What every finding has, idle resource or recommendation. */
interface Finding {
  id: string;
  kind: string;
}

/** A named fact of the expanded row; one without a value is not shown. */
export type Fact = [name: string, value: string | undefined];

interface Props<T extends Finding> {
  rows: T[];
  /** The columns between Kind (first) and Action (last), which every finding has. */
  columns: Array<Column<T>>;
  /** The column sorted by, largest first. */
  sortBy: string;
  /** What an expanded row shows: the formula, factors or evidence behind it. */
  facts: (row: T) => Fact[];
}

/** A column showing `text` of the row (the raw field when omitted); sortable when given a `sortType`. */
export function column<T extends object>(
  id: string,
  header: string,
  text?: (row: T) => React.ReactNode,
  sortType?: Column<T>['sortType']
): Column<T> {
  return { id, header, cell: text && (({ row }: { row: { original: T } }) => text(row.original)), sortType };
}

/** A column of formatted numbers, sorted by the raw value with unknown ones last. */
export const numberColumn = <T extends object>(id: string, header: string, text: (row: T) => string) =>
  column(id, header, text, byNumber);

/** The table of one kind of finding: 25 rows a page, largest first, a row expands to its facts. */
export function FindingsTable<T extends Finding>({ rows, columns, sortBy, facts }: Props<T>) {
  const all = useMemo(
    () => [column<T>('kind', 'Kind', (r) => kindLabel(r.kind), 'string'), ...columns, column<T>('action', 'Action')],
    [columns]
  );
  const initialSortBy = useMemo(() => [{ id: sortBy, desc: true }], [sortBy]);
  return (
    <InteractiveTable
      columns={all}
      data={rows}
      getRowId={(r: T) => r.id}
      initialSortBy={initialSortBy}
      pageSize={25}
      renderExpandedRow={(r) => <Facts facts={facts(r)} />}
    />
  );
}

function Facts({ facts }: { facts: Fact[] }) {
  return (
    <dl>
      {facts
        .filter((fact): fact is [string, string] => Boolean(fact[1]))
        .map(([name, value]) => (
          <div key={name}>
            <Text weight="medium">{name}: </Text>
            <Text>{value}</Text>
          </div>
        ))}
    </dl>
  );
}
