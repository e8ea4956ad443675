// Number, money, date and size formatting for humans (en-US, as the canonical files are).
import { dayToIso } from './engine/dates';

const compactMoney = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
});
const wholeMoney = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  maximumFractionDigits: 0,
});
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const dateFmt = new Intl.DateTimeFormat('en-US', {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** "$1.2M", "$85K"; an em dash when unknown. */
export function formatMoneyCompact(value: number | null | undefined): string {
  return value == null || !Number.isFinite(value) ? '—' : compactMoney.format(value);
}

/** "$1,234,567". */
export function formatMoney(value: number | null | undefined): string {
  return value == null || !Number.isFinite(value) ? '—' : wholeMoney.format(value);
}

/** "12,345". */
export function formatInteger(value: number | null | undefined): string {
  return value == null || !Number.isFinite(value) ? '—' : integer.format(value);
}

/** "83%" from a 0–1 share. */
export function formatShare(share: number | null | undefined, digits = 0): string {
  if (share == null || !Number.isFinite(share)) return '—';
  return `${(share * 100).toFixed(digits)}%`;
}

/** "Mar 4, 2026" from a day number. */
export function formatDay(day: number | null | undefined): string {
  if (day == null) return '—';
  return dateFmt.format(new Date(`${dayToIso(day)}T00:00:00Z`));
}

/** "in 24 days", "today", "3 days ago". */
export function formatDaysFrom(day: number | null | undefined, today: number): string {
  if (day == null) return '—';
  const d = day - today;
  if (d === 0) return 'today';
  if (d === 1) return 'tomorrow';
  if (d === -1) return 'yesterday';
  return d > 0 ? `in ${integer.format(d)} days` : `${integer.format(-d)} days ago`;
}

/** "+12", "−7", "0" with a real minus sign. */
export function formatSigned(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return '—';
  const r = Math.round(value);
  if (r > 0) return `+${r}`;
  if (r < 0) return `−${Math.abs(r)}`;
  return '0';
}

/** "1.4 MB", "512 KB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes == null || !Number.isFinite(bytes)) return '—';
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${i === 0 ? integer.format(v) : v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}
