// Chart.js for the backtest page: loaded on demand, registering only what its line and bar
// charts use. Theme colours come from the app's CSS tokens (shared with the account charts).
import type { Chart as ChartType } from 'chart.js';

export { chartColors, onSchemeChange, type ChartColors } from '../account/chart-setup';

let loading: Promise<typeof ChartType> | null = null;

/** Loads Chart.js once and registers the line, bar and axis pieces the backtest charts use. */
export function loadBacktestChart(): Promise<typeof ChartType> {
  loading ??= import('chart.js').then((c) => {
    c.Chart.register(
      c.LineController,
      c.LineElement,
      c.PointElement,
      c.BarController,
      c.BarElement,
      c.LinearScale,
      c.CategoryScale,
      c.Tooltip,
      c.Legend,
    );
    return c.Chart;
  });
  return loading;
}

/** Axis options in the theme's colours, with a title. */
export function axis(
  c: { muted: string; border: string },
  title: string,
  extra: Record<string, unknown> = {},
) {
  return {
    grid: { color: c.border },
    border: { color: c.border },
    ticks: { color: c.muted },
    title: { display: true, text: title, color: c.muted },
    ...extra,
  };
}
