// Draws a sheet's embedded chart (as the harness keeps it: type, data, a few options) as SVG,
// close enough to Sheets' column / bar / line charts to read the numbers. Text goes in as text.
export interface ChartData {
  type: string;
  title: string;
  width: number;
  height: number;
  percent: boolean;
  legend: boolean;
  labels: string[];
  series: { name: string; values: (number | null)[] }[];
}

const NS = 'http://www.w3.org/2000/svg';
const COLOURS = ['#4285f4', '#ea4335', '#fbbc04', '#34a853', '#ff6d01', '#46bdc6'];

function el(name: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

const clip = (s: string, room: number) =>
  s.length * 6.5 <= room ? s : `${s.slice(0, Math.max(1, Math.floor(room / 6.5) - 1))}…`;

/** A "nice" step for about `n` gridlines over [0, max]. */
function niceStep(max: number, n = 5): number {
  const raw = max / n;
  const mag = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
}

export function drawChart(c: ChartData): SVGElement {
  const svg = el('svg', {
    width: c.width,
    height: c.height,
    viewBox: `0 0 ${c.width} ${c.height}`,
    class: 'chart',
    role: 'img',
  });
  svg.append(el('rect', { width: c.width, height: c.height, fill: '#fff', stroke: '#dadce0' }));
  if (c.title) svg.append(el('text', { x: 16, y: 24, 'font-size': 15, fill: '#202124' }, c.title));
  const values = c.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const step = niceStep(max - min || 1);
  const top = Math.ceil(max / step) * step || step;
  const bottom = Math.floor(min / step) * step;
  const fmt = (v: number) =>
    c.percent ? `${Math.round(v * 100)}%` : v.toLocaleString('en-US', { maximumFractionDigits: 2 });
  const horizontal = c.type === 'bar';
  const left = horizontal ? 130 : 56;
  const plot = { x: left, y: 40, w: c.width - left - 20, h: c.height - 40 - (c.legend ? 56 : 36) };
  const scale = (v: number) => (v - bottom) / (top - bottom);
  // value axis: gridlines and labels
  for (let v = bottom; v <= top + step / 2; v += step) {
    if (horizontal) {
      const x = plot.x + scale(v) * plot.w;
      svg.append(
        el('line', { x1: x, x2: x, y1: plot.y, y2: plot.y + plot.h, stroke: v === 0 ? '#5f6368' : '#e8eaed' }),
      );
      svg.append(
        el('text', { x, y: plot.y + plot.h + 14, 'font-size': 11, fill: '#5f6368', 'text-anchor': 'middle' }, fmt(v)),
      );
    } else {
      const y = plot.y + plot.h - scale(v) * plot.h;
      svg.append(
        el('line', { x1: plot.x, x2: plot.x + plot.w, y1: y, y2: y, stroke: v === 0 ? '#5f6368' : '#e8eaed' }),
      );
      svg.append(
        el('text', { x: plot.x - 6, y: y + 4, 'font-size': 11, fill: '#5f6368', 'text-anchor': 'end' }, fmt(v)),
      );
    }
  }
  const n = Math.max(1, c.labels.length);
  const band = (horizontal ? plot.h : plot.w) / n;
  const k = Math.max(1, c.series.length);
  const barW = Math.min(28, (band * 0.7) / k);
  c.labels.forEach((label, i) => {
    const mid = (horizontal ? plot.y : plot.x) + band * (i + 0.5);
    if (horizontal)
      svg.append(
        el(
          'text',
          { x: plot.x - 6, y: mid + 4, 'font-size': 11, fill: '#3c4043', 'text-anchor': 'end' },
          clip(label, left - 10),
        ),
      );
    else
      svg.append(
        el(
          'text',
          { x: mid, y: plot.y + plot.h + 15, 'font-size': 11, fill: '#3c4043', 'text-anchor': 'middle' },
          clip(label, band - 4),
        ),
      );
  });
  c.series.forEach((s, j) => {
    const colour = COLOURS[j % COLOURS.length];
    if (c.type === 'line') {
      const pts = s.values
        .map((v, i) => (v === null ? null : `${plot.x + band * (i + 0.5)},${plot.y + plot.h - scale(v) * plot.h}`))
        .filter(Boolean);
      svg.append(el('polyline', { points: pts.join(' '), fill: 'none', stroke: colour, 'stroke-width': 2 }));
      return;
    }
    s.values.forEach((v, i) => {
      if (v === null) return;
      const start = (horizontal ? plot.y : plot.x) + band * (i + 0.5) - (barW * k) / 2 + j * barW;
      const a = scale(Math.min(0, v));
      const b = scale(Math.max(0, v));
      const rect = horizontal
        ? el('rect', {
            x: plot.x + a * plot.w,
            y: start,
            width: Math.max(1, (b - a) * plot.w),
            height: barW - 1,
            fill: colour,
          })
        : el('rect', {
            x: start,
            y: plot.y + plot.h - b * plot.h,
            width: barW - 1,
            height: Math.max(1, (b - a) * plot.h),
            fill: colour,
          });
      rect.append(el('title', {}, `${c.labels[i] ?? ''} · ${s.name}: ${fmt(v)}`));
      svg.append(rect);
    });
  });
  if (c.legend) {
    let x = plot.x;
    const y = c.height - 16;
    for (const [j, s] of c.series.entries()) {
      svg.append(el('rect', { x, y: y - 9, width: 10, height: 10, fill: COLOURS[j % COLOURS.length] }));
      const name = clip(s.name, 200);
      svg.append(el('text', { x: x + 15, y, 'font-size': 12, fill: '#3c4043' }, name));
      x += 30 + name.length * 7;
    }
  }
  return svg;
}

/** A SPARKLINE cell as the page draws it: the numbers of its range and the chart type it asks for. */
export interface SparklineData {
  type: string;
  values: number[];
  color?: string;
}

/**
 * A stand-in for Sheets' =SPARKLINE(range, options): a small line (or, for "column"/"bar", bars)
 * through the range's numbers, scaled to the cell. Not Sheets' exact drawing, the same reading.
 */
export function drawSparkline(s: SparklineData, width: number, height: number): SVGElement {
  const w = Math.max(10, width);
  const svg = el('svg', {
    width: w,
    height,
    viewBox: `0 0 ${w} ${height}`,
    class: 'sparkline',
    role: 'img',
    'data-testid': 'sparkline',
  });
  const values = s.values;
  if (values.length === 0) return svg;
  const colour = s.color ?? COLOURS[0];
  const max = Math.max(...values);
  const min = Math.min(...values, s.type === 'line' ? max : 0);
  const span = max - min || 1;
  const y = (v: number) => height - 2 - ((v - min) / span) * (height - 4);
  if (s.type === 'line') {
    const step = values.length > 1 ? (w - 2) / (values.length - 1) : 0;
    const points = values.map((v, i) => `${(1 + i * step).toFixed(1)},${y(v).toFixed(1)}`);
    svg.append(el('polyline', { points: points.join(' '), fill: 'none', stroke: colour, 'stroke-width': 1.5 }));
  } else {
    const band = w / values.length;
    values.forEach((v, i) => {
      const top = Math.min(y(v), y(0));
      svg.append(
        el('rect', {
          x: i * band + band * 0.1,
          y: top,
          width: band * 0.8,
          height: Math.max(1, Math.abs(y(0) - y(v))),
          fill: colour,
        }),
      );
    });
  }
  svg.append(el('title', {}, values.map((v) => v.toLocaleString('en-US', { maximumFractionDigits: 4 })).join(', ')));
  return svg;
}
