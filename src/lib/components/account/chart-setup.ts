// Chart.js for the account page: loaded on demand (keeps it out of the first paint and out of
// prerendering), registering only the pieces the line charts use, plus the colours of the
// current theme read from the CSS tokens and two small plugins (band zones, event markers).
import type { Chart as ChartType, Plugin } from 'chart.js';
import { formatMonthDay, formatMonthYear, formatNumber } from '$lib/format';
import { onIdle } from '$lib/idle';

let loading: Promise<typeof ChartType> | null = null;

/** Loads Chart.js once and registers the line chart pieces. */
export function loadChart(): Promise<typeof ChartType> {
  loading ??= import('chart.js').then((c) => {
    c.Chart.register(c.LineController, c.LineElement, c.PointElement, c.LinearScale, c.Tooltip);
    return c.Chart;
  });
  return loading;
}

/** The theme colours charts draw with, from the app's CSS tokens. */
export interface ChartColors {
  text: string;
  muted: string;
  border: string;
  accent: string;
  red: string;
  amber: string;
  green: string;
  zoneRed: string;
  zoneAmber: string;
  zoneGreen: string;
  surface: string;
}

/** Reads the chart colours of the current light/dark theme. */
export function chartColors(): ChartColors {
  const css = getComputedStyle(document.documentElement);
  const v = (name: string) => css.getPropertyValue(name).trim();
  return {
    text: v('--text'),
    muted: v('--text-muted'),
    border: v('--border'),
    accent: v('--accent'),
    red: v('--red'),
    amber: v('--amber'),
    green: v('--green'),
    zoneRed: v('--chart-red'),
    zoneAmber: v('--chart-amber'),
    zoneGreen: v('--chart-green'),
    surface: v('--surface'),
  };
}

/** Calls `onchange` when the colour scheme flips; returns the unsubscribe. */
export function onSchemeChange(onchange: () => void): () => void {
  const mq = window.matchMedia('(prefers-color-scheme: dark)');
  mq.addEventListener('change', onchange);
  return () => mq.removeEventListener('change', onchange);
}

/** Shades the red, amber and green score zones behind the lines. */
export function bandZonesPlugin(
  bands: () => { redMax: number; amberMax: number },
  colors: () => ChartColors,
): Plugin<'line'> {
  return {
    id: 'canaryBandZones',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: area, scales } = chart;
      const y = scales.y;
      const { redMax, amberMax } = bands();
      const c = colors();
      const zones: [number, number, string][] = [
        [0, redMax, c.zoneRed],
        [redMax, amberMax, c.zoneAmber],
        [amberMax, 100, c.zoneGreen],
      ];
      ctx.save();
      for (const [lo, hi, fill] of zones) {
        const top = Math.max(area.top, y.getPixelForValue(hi));
        const bottom = Math.min(area.bottom, y.getPixelForValue(lo));
        if (bottom <= top) continue;
        ctx.fillStyle = fill;
        ctx.fillRect(area.left, top, area.right - area.left, bottom - top);
      }
      ctx.restore();
    },
  };
}

/** A vertical marker at a day, labelled with one letter. */
export interface DrawnMarker {
  day: number;
  glyph: string;
  color: string;
}

/** Draws vertical dashed lines with a letter at the top for events (pulses, outcomes…). */
export function markersPlugin(
  markers: () => DrawnMarker[],
  colors: () => ChartColors,
): Plugin<'line'> {
  return {
    id: 'canaryMarkers',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea: area, scales } = chart;
      const x = scales.x;
      const c = colors();
      ctx.save();
      ctx.font = '600 11px system-ui, sans-serif';
      ctx.textAlign = 'center';
      ctx.textBaseline = 'top';
      for (const m of markers()) {
        const px = x.getPixelForValue(m.day);
        if (px < area.left - 0.5 || px > area.right + 0.5) continue;
        ctx.strokeStyle = m.color;
        ctx.setLineDash([3, 3]);
        ctx.lineWidth = 1;
        ctx.beginPath();
        ctx.moveTo(px, area.top + 14);
        ctx.lineTo(px, area.bottom);
        ctx.stroke();
        ctx.setLineDash([]);
        ctx.fillStyle = c.surface;
        ctx.fillRect(px - 6, area.top, 12, 13);
        ctx.fillStyle = m.color;
        ctx.fillText(m.glyph, px, area.top + 1);
      }
      ctx.restore();
    },
  };
}

/** Axis label of a day number: "Mar 26" over long spans, "Mar 4" over short ones. */
export function axisDay(day: number, spanDays: number): string {
  return spanDays > 120 ? formatMonthYear(day) : formatMonthDay(day);
}

/**
 * Label of a value-axis tick with as many decimals as the step between ticks needs ("0.25",
 * "1,500"). Chart.js's own default formats through Intl, which costs the page ICU's start-up.
 */
export function axisNumber(value: number, ticks: { value: number }[]): string {
  const step = ticks.length > 1 ? Math.abs(ticks[1].value - ticks[0].value) : 1;
  const decimals = step > 0 && step < 1 ? Math.min(4, Math.ceil(-Math.log10(step) - 1e-9)) : 0;
  return formatNumber(value, decimals);
}

/**
 * Runs `create` once `el` is near the viewport and the main thread is idle, so chart work stays
 * off the critical path (charts below the fold cost nothing until scrolled to); returns the
 * cancel function.
 */
export function whenVisibleAndIdle(el: Element, create: () => void): () => void {
  let cancelIdle: (() => void) | null = null;
  if (!('IntersectionObserver' in window)) {
    cancelIdle = onIdle(create);
    return () => cancelIdle?.();
  }
  const io = new IntersectionObserver(
    (entries) => {
      if (!entries.some((e) => e.isIntersecting)) return;
      io.disconnect();
      cancelIdle = onIdle(create);
    },
    { rootMargin: '48px 0px' },
  );
  io.observe(el);
  return () => {
    io.disconnect();
    cancelIdle?.();
  };
}
