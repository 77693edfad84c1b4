/**
 * The HTML report's charts as inline SVG strings: the page must open with no network
 * access, so no chart library and no external image. Two shapes cover every chart:
 * labelled horizontal bars (counts by kind, close code, route) and a column histogram
 * (reply latency buckets). Every label is escaped here; values are numbers.
 */
import { escapeHtml } from './html-escape.js';

export interface Bar {
  label: string;
  value: number;
  /** A CSS colour; default the accent. */
  color?: string;
}

const ACCENT = '#3b6fd4';
const ROW = 22;
const LABEL_W = 150;
const BAR_W = 220;
const VALUE_W = 70;

/** Horizontal bars, one labelled row each, scaled to the largest value; `empty` when there is nothing to draw. */
export function barChart(title: string, bars: Bar[], empty = 'none'): string {
  if (!bars.length) return `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption><p class="empty">${escapeHtml(empty)}</p></figure>`;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const height = bars.length * ROW + 4;
  const width = LABEL_W + BAR_W + VALUE_W;
  const rows = bars.map((b, i) => {
    const y = i * ROW + 2;
    const w = b.value > 0 ? Math.max(2, Math.round((b.value / max) * BAR_W)) : 0;
    return (
      `<g><title>${escapeHtml(`${b.label}: ${b.value}`)}</title>` +
      `<text x="${LABEL_W - 6}" y="${y + 15}" text-anchor="end">${escapeHtml(clip(b.label, 22))}</text>` +
      `<rect x="${LABEL_W}" y="${y + 3}" width="${w}" height="${ROW - 8}" rx="2" fill="${b.color ?? ACCENT}"/>` +
      `<text x="${LABEL_W + w + 6}" y="${y + 15}">${b.value.toLocaleString('en-US')}</text></g>`
    );
  });
  return (
    `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">${rows.join('')}</svg></figure>`
  );
}

/** Columns over ordered buckets (labels under each), scaled to the fullest bucket. */
export function histogram(title: string, buckets: Bar[], empty = 'none'): string {
  const total = buckets.reduce((n, b) => n + b.value, 0);
  if (total === 0) return `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption><p class="empty">${escapeHtml(empty)}</p></figure>`;
  const max = Math.max(1, ...buckets.map((b) => b.value));
  const col = 34;
  const plot = 90;
  const width = buckets.length * col + 8;
  const height = plot + 34;
  const cols = buckets.map((b, i) => {
    const x = i * col + 4;
    const h = b.value > 0 ? Math.max(2, Math.round((b.value / max) * plot)) : 0;
    return (
      `<g><title>${escapeHtml(`${b.label}: ${b.value}`)}</title>` +
      `<rect x="${x + 3}" y="${plot - h + 12}" width="${col - 6}" height="${h}" rx="2" fill="${b.color ?? ACCENT}"/>` +
      (b.value > 0 ? `<text x="${x + col / 2}" y="${plot - h + 9}" text-anchor="middle" class="small">${b.value}</text>` : '') +
      `<text x="${x + col / 2}" y="${plot + 26}" text-anchor="middle" class="small">${escapeHtml(b.label)}</text></g>`
    );
  });
  return (
    `<figure class="chart"><figcaption>${escapeHtml(title)}</figcaption>` +
    `<svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">` +
    `<line x1="4" y1="${plot + 12}" x2="${width - 4}" y2="${plot + 12}" stroke="#999"/>${cols.join('')}</svg></figure>`
  );
}

function clip(text: string, n: number): string {
  const chars = [...text];
  return chars.length <= n ? text : `${chars.slice(0, n - 1).join('')}…`;
}
