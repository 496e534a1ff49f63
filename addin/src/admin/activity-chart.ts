import type { ActivityHour } from './admin-api';
import { activitySummary, activityText } from './admin-model';

// Items synced per hour as an inline SVG bar chart: no chart library, nothing fetched.

const svgNs = 'http://www.w3.org/2000/svg';

export interface ChartLayout {
  width: number;
  height: number;
  /** Room left of the plot for the y labels and below it for the day labels. */
  left: number;
  bottom: number;
  top: number;
}

export const defaultLayout: ChartLayout = { width: 1000, height: 220, left: 44, bottom: 24, top: 10 };

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  hour: ActivityHour;
}

/** A round axis maximum ≥ the data's (1, 2, 5 × 10ⁿ), so grid lines fall on readable numbers. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (value <= step * power) return step * power;
  return 10 * power;
}

export function chartBars(hours: ActivityHour[], layout: ChartLayout = defaultLayout): { bars: Bar[]; max: number } {
  const max = niceMax(Math.max(0, ...hours.map((h) => h.items)));
  const plotWidth = layout.width - layout.left;
  const plotHeight = layout.height - layout.top - layout.bottom;
  const slot = hours.length > 0 ? plotWidth / hours.length : plotWidth;
  const bars = hours.map((hour, i) => {
    const height = (hour.items / max) * plotHeight;
    return {
      x: layout.left + i * slot,
      y: layout.top + plotHeight - height,
      width: Math.max(1, slot - 1),
      height,
      hour,
    };
  });
  return { bars, max };
}

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const element = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attrs)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** The chart as an `<svg role="img">` whose title says what it shows in words. */
export function renderActivityChart(hours: ActivityHour[], layout: ChartLayout = defaultLayout): SVGElement {
  const { bars, max } = chartBars(hours, layout);
  const plotBottom = layout.height - layout.bottom;
  const root = svg('svg', {
    viewBox: `0 0 ${layout.width} ${layout.height}`,
    role: 'img',
    class: 'activity-chart',
    preserveAspectRatio: 'none',
  });
  const title = svg('title', {}, `Items synced per hour. ${activityText(activitySummary(hours))}`);
  root.append(title);

  for (const fraction of [0, 0.5, 1]) {
    const y = layout.top + (1 - fraction) * (plotBottom - layout.top);
    root.append(svg('line', { x1: layout.left, x2: layout.width, y1: fmt(y), y2: fmt(y), class: 'grid' }));
    root.append(svg('text', { x: layout.left - 6, y: fmt(y + 4), 'text-anchor': 'end', class: 'axis' }, fmt(max * fraction)));
  }

  for (const bar of bars) {
    // A midnight (UTC) line and the date under it, so the days can be told apart.
    if (bar.hour.hour.slice(11, 13) === '00') {
      root.append(svg('line', { x1: fmt(bar.x), x2: fmt(bar.x), y1: layout.top, y2: plotBottom, class: 'day' }));
      root.append(svg('text', { x: fmt(bar.x + 3), y: layout.height - 6, class: 'axis' }, bar.hour.hour.slice(5, 10)));
    }
    if (bar.hour.items === 0) continue;
    const rect = svg('rect', { x: fmt(bar.x), y: fmt(bar.y), width: fmt(bar.width), height: fmt(bar.height), class: 'bar' });
    rect.append(svg('title', {}, `${bar.hour.hour.slice(0, 13).replace('T', ' ')}:00 UTC: ${bar.hour.items} items`));
    root.append(rect);
  }
  return root;
}
