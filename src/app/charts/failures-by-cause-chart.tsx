import { memo, useCallback, useMemo } from 'react';
import type { Cause } from '../../catalog/catalog-types.ts';
import type { FilterValue } from '../filter-field-kinds.ts';
import { CAUSE_LABELS } from '../labels.ts';
import type { BreakdownBar } from './breakdown-chart.tsx';
import { BreakdownChart } from './breakdown-chart.tsx';

/** Failures by likely cause (who to call); a bar click filters by that cause. Overview and triage share it. */
export const FailuresByCauseChart = memo(function FailuresByCauseChart({
  title,
  subtitle,
  causes,
  share,
  onFilter,
  empty,
}: {
  title: string;
  subtitle: string;
  causes: readonly { cause: Cause; count: number }[];
  share(count: number): string[];
  onFilter(value: FilterValue): void;
  empty: string;
}) {
  const bars = useMemo(
    () =>
      causes
        .filter((c) => c.count > 0)
        .map((c) => ({ key: c.cause, label: CAUSE_LABELS[c.cause], value: c.count, detail: share(c.count) })),
    [causes, share],
  );
  const onSelect = useCallback(
    (bar: BreakdownBar) => onFilter({ field: 'causes', value: bar.key as Cause }),
    [onFilter],
  );
  return (
    <BreakdownChart
      title={title}
      subtitle={subtitle}
      series="cause"
      valueName="Failures"
      labelWidth={190}
      bars={bars}
      onSelect={onSelect}
      selectLabel={causeLabel}
      empty={empty}
    />
  );
});

const causeLabel = (bar: BreakdownBar) => `by cause ${bar.label}`;
