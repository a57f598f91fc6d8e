import { lazy, Suspense } from 'react';
import type { ChartOption } from '../../shared/charts/skm-charts.ts';

const EChart = lazy(() => import('./charts-view.tsx'));

/** A chart from a shared option builder; ECharts arrives in its own chunk on first use. */
export function Chart(props: { option: ChartOption; caption: string }) {
  return (
    <Suspense fallback={<div className="chart" aria-hidden="true" />}>
      <EChart {...props} />
    </Suspense>
  );
}
