/**
 * The monthly report as data: one sheet of plain values (a snapshot — no formula reads the
 * plan), KPIs off track first, fixed colours with the plan's thresholds, a target-vs-actual
 * chart of the year so far. Pure: the rows come from core/report.ts `reportRows`. The KPI
 * table is a list of column declarations (REPORT_COLUMNS); readers find columns through them.
 */
import { numberLocale } from '../core/locale';
import type { Lang } from '../core/plan';
import type { WeakestStep } from '../core/funnel-actual';
import type { ReportRow } from '../core/report';
import { KEY_COLUMN, rowKeys, sheetMetadata, withColumnKeys } from './identity';
import { label, type LabelKey, labelOf } from './labels';
import { type Cell, type CellStyle, type ColumnDecl, type SheetSpec, Table } from './spec';
import { CENTRED_PCT, COLOURS, FORMATS, HINT, kpiFormat, TITLE, withDecimals } from './workbook';

/** `Report 2026-05` / `月次レポート 2026-05`. */
export const reportSheetName = (lang: Lang, month: string): string => `${label(lang, 'rSheet')} ${month}`;

/**
 * Where things are on the report (rows, 1-based): the KGI's line (header and row) first, the
 * funnel's weakest step, the status counts and the hint, then the KPI table.
 */
export const REPORT = { title: 1, kgiHeader: 5, kgi: 6, funnel: 7, counts: 8, hint: 9, header: 10, first: 11 } as const;

export interface ReportSpecInput {
  sheet: string;
  lang: Lang;
  planName: string;
  /** `YYYY-MM` and its label (`May 2026` / `2026年5月`). */
  month: string;
  monthLabel: string;
  /** When it was made, already formatted in the spreadsheet's time zone. */
  made: string;
  /** The named range the plan was read from. */
  source: string;
  /** The plan's id: the report's own metadata says which plan and month it is (identity.ts). */
  planId?: string;
  thresholds: { warn: number; ok: number };
  rows: (ReportRow & { id?: string })[];
  /** Improvement actions typed on an earlier run, by KPI id: kept on a rerun. */
  actions?: ReadonlyMap<string, string>;
  /** The KGI's line (kgiReportRow) and its 12 monthly targets and actuals (fiscal order), for the chart. */
  kgi?: { row: ReportRow; targets: (number | '')[]; actuals: (number | '')[] };
  /** The fiscal months' labels (the KGI chart's axis). */
  monthLabels?: string[];
  /** The funnel through the report month (reportFunnel): whether any step has an actual rate, and the weakest step. */
  funnel?: { known: boolean; weakest: WeakestStep | null } | null;
}

/** One report row as the column declarations see it. */
export interface ReportLine {
  r: ReportRow & { id?: string };
  x: ReportSpecInput;
  /** The KPI's number format. */
  value: CellStyle;
  colour: (v: number | '') => CellStyle;
}

/** The status counts above the table, in this order: each status's word and its key. */
const STATUS_COUNTS: [LabelKey, ReportRow['statusKey']][] = [
  ['offTrack', 'off'],
  ['atRisk', 'risk'],
  ['onTrack', 'ok'],
  ['rNoData', 'none'],
];
const CHART_TITLE: CellStyle = { bold: true, color: '#174ea6' };
const pct = (x: number) => `${Math.round(x * 100)}%`;
const HEADER: CellStyle = { bold: true, background: '#dadce0' };
const blank = (c: Cell): Cell => (c === '' ? null : c);
/** A number column in the KPI's format. */
const numberColumn = (id: string, header: LabelKey, cell: (r: ReportRow) => Cell): ColumnDecl<ReportLine> => ({
  id,
  header: labelOf(header),
  cell: (l) => blank(cell(l.r)),
  style: (l) => l.value,
});

/** An achievement column, coloured by the thresholds. */
const achievementColumn = (
  id: string,
  header: LabelKey,
  value: (r: ReportRow) => number | '',
  style: CellStyle = CENTRED_PCT,
): ColumnDecl<ReportLine> => ({
  id,
  header: labelOf(header),
  cell: (l) => blank(value(l.r)),
  style: (l) => ({ ...style, ...l.colour(value(l.r)) }),
});

/** Decimals a number is written with (up to 10): 3.5 → 1, 38 → 0. */
export function decimalsOf(v: number): number {
  const text = String(Number(v.toPrecision(12)));
  if (text.includes('e')) return 0;
  return Math.min(10, text.split('.')[1]?.length ?? 0);
}

/**
 * A count's or an amount's format with the decimals the value has (`#,##0` → `#,##0.0` for 3.5), so an
 * actual of 3.5 reads 3.5 and a whole count stays whole (at most 2 decimals); formats with their own decimals or %
 * are kept.
 */
export function formatFor(format: string, v: Cell): string {
  if (typeof v !== 'number' || format.includes('.') || format.includes('%')) return format;
  // At most 2: a typed 3.5 reads 3.5, a year-to-date mean such as 6,986.666… reads 6,986.67.
  return withDecimals(format, Math.min(2, decimalsOf(v)));
}

/** An actual's style: the KPI's format with the value's decimals. */
const actualStyle = (l: ReportLine, v: Cell): CellStyle => ({
  ...l.value,
  numberFormat: formatFor(l.value.numberFormat ?? FORMATS.count, v),
});

export const REPORT_COLUMNS: ColumnDecl<ReportLine>[] = [
  { id: 'kpi', header: labelOf('kpi'), width: 200, cell: (l) => l.r.name, style: () => ({ bold: true }) },
  { id: 'ksf', header: labelOf('ksf'), minWidth: 120, cell: (l) => l.r.ksf },
  { id: 'owner', header: labelOf('owner'), minWidth: 120, cell: (l) => l.r.owner },
  numberColumn('target', 'rTarget', (r) => r.target),
  {
    id: 'actual',
    header: labelOf('rActual'),
    cell: (l) => (l.r.missing ? label(l.x.lang, 'rMissing') : blank(l.r.actual)),
    style: (l) =>
      l.r.missing ? { ...l.value, color: '#c5221f', italic: true, align: 'right' } : actualStyle(l, l.r.actual),
  },
  achievementColumn('achievement', 'rAch', (r) => r.achievement),
  // Change in achievement, in percentage points.
  {
    id: 'change',
    header: labelOf('rChange'),
    cell: (l) => (l.r.change === '' ? null : Math.round(l.r.change * 100)),
    style: () => ({ numberFormat: '+0" pt";-0" pt";0" pt"', align: 'center' }),
  },
  numberColumn('ytdTarget', 'ytdTarget', (r) => r.ytdTarget),
  {
    id: 'ytdActual',
    header: labelOf('ytdActual'),
    cell: (l) => blank(l.r.ytdActual),
    style: (l) => {
      const value = actualStyle(l, l.r.ytdActual);
      return l.r.ytdMissing ? { ...value, note: label(l.x.lang, 'rGap', { n: l.r.ytdMissing }) } : value;
    },
  },
  achievementColumn('ytdProgress', 'ytdProgress', (r) => r.ytdAchievement, { ...CENTRED_PCT, bold: true }),
  numberColumn('annualTarget', 'annualTarget', (r) => r.annualTarget),
  numberColumn('forecast', 'forecast', (r) => r.forecast),
  numberColumn('remaining', 'remaining', (r) => r.remainingPerMonth),
  {
    id: 'status',
    header: labelOf('status'),
    cell: (l) => l.r.status || label(l.x.lang, 'rNoData'),
    style: (l) => ({ bold: true, align: 'center', ...l.colour(l.r.ytdAchievement) }),
  },
  achievementColumn('qtdProgress', 'rQtd', (r) => r.qtdAchievement),
  {
    id: 'action',
    header: labelOf('rAction'),
    width: 320,
    cell: (l) => (l.r.id === undefined ? null : (l.x.actions?.get(l.r.id) ?? null)),
    style: () => ({ background: '#e8f0fe', wrap: true }),
  },
  // Each row's KPI id (identity.ts), hidden: a rerun gives each typed action back to its own KPI.
  {
    id: KEY_COLUMN,
    header: () => 'KPI ID',
    hidden: true,
    width: 80,
    cell: (l) => (l.r.id === undefined ? null : rowKeys.kpi(l.r.id)),
  },
];

/** The report's KPI table. */
export const reportTable = (): Table<ReportLine> => new Table<ReportLine>(REPORT_COLUMNS);

export function reportSpec(x: ReportSpecInput): SheetSpec {
  return withColumnKeys(reportSheet(x), [{ table: reportTable() }]);
}

function reportSheet(x: ReportSpecInput): SheetSpec {
  const L = (k: LabelKey, p?: Record<string, string | number>) => label(x.lang, k, p);
  const { warn, ok } = x.thresholds;
  const colour = (v: number | ''): CellStyle =>
    v === '' ? {} : { background: v >= ok ? COLOURS.ok : v >= warn ? COLOURS.warn : COLOURS.bad };
  const n = x.rows.length;
  const table = reportTable();
  const line = (r: ReportLine['r']): ReportLine => ({ r, x, value: { numberFormat: kpiFormat(r) }, colour });
  const lines = x.rows.map(line);

  const count = (k: ReportRow['statusKey']) => x.rows.filter((r) => r.statusKey === k).length;
  const kgi = x.kgi;
  const kgiLine = kgi ? [line(kgi.row)] : [];
  const kgiHeader = table.headers(x.lang);
  kgiHeader[table.offset('kpi')] = L('kgi');
  const percent = (v: number) => `${(v * 100).toFixed(1)}%`;
  const w = x.funnel?.weakest;
  const funnelText = !x.funnel
    ? null
    : w
      ? L('rWeakest', {
          from: w.from,
          to: w.to,
          actual: percent(w.actual),
          planned: percent(w.planned),
          gap: `${w.gap < 0 ? '−' : '+'}${Math.abs(w.gap * 100).toFixed(1)} pt`,
          wins: w.winsGained.toLocaleString(numberLocale(x.lang), { maximumFractionDigits: 1 }),
        })
      : L(x.funnel.known ? 'rFunnelOk' : 'rFunnelNone');

  // Chart data: the KGI by month (target, actual), then the KPIs' month achievement and the thresholds.
  const chartRow = REPORT.first + n + 1;
  const months = x.monthLabels ?? [];
  const kgiData: Cell[][] =
    kgi && months.length === 12 ? months.map((label, j) => [label, blank(kgi.targets[j]), blank(kgi.actuals[j])]) : [];
  const kpiChartRow = kgiData.length ? chartRow + 18 : chartRow;
  const kpiData: Cell[][] = x.rows.map((r) => [r.name, blank(r.achievement), warn, ok]);
  const kgiFormat = kgi ? kpiFormat(kgi.row) : FORMATS.count;
  const chartOptions = { width: 640, height: 320, legend: { position: 'bottom' } };

  return {
    name: x.sheet,
    tabColor: '#d93025',
    frozenRows: REPORT.header,
    frozenColumns: 1,
    columnWidths: table.widths(),
    hiddenColumns: table.hidden(),
    ...(x.planId ? { sheetMetadata: [sheetMetadata({ planId: x.planId, role: 'report', month: x.month })] } : {}),
    blocks: [
      {
        row: REPORT.title,
        col: 1,
        cells: [[L('rTitle', { name: x.planName, month: x.monthLabel })]],
        style: TITLE,
      },
      {
        row: 2,
        col: 1,
        cells: [
          [L('sheetPlan'), x.planName],
          [L('rMonth'), `${x.monthLabel} (${x.month})`],
          [L('rMade'), x.made],
        ],
        colStyles: [{ bold: true }],
      },
      ...(kgi
        ? [
            { row: REPORT.kgiHeader, col: 1, style: { ...HEADER, wrap: true }, cells: [kgiHeader] },
            { row: REPORT.kgi, col: 1, cells: table.cells(kgiLine), cellStyles: table.styles(kgiLine) },
          ]
        : []),
      ...(funnelText
        ? [
            {
              row: REPORT.funnel,
              col: 1,
              cells: [[funnelText]],
              style: { bold: true, color: w ? '#c5221f' : '#188038' },
            },
          ]
        : []),
      {
        row: REPORT.counts,
        col: 1,
        cells: [STATUS_COUNTS.map(([word, key]) => `${L(word)}: ${count(key)}`)],
        style: { bold: true, align: 'center' },
        cellStyles: [[{ background: COLOURS.bad }, { background: COLOURS.warn }, { background: COLOURS.ok }, {}]],
      },
      {
        row: REPORT.hint,
        col: 1,
        cells: [[L('rHint', { warn: pct(warn), ok: pct(ok) })]],
        style: HINT,
      },
      { row: REPORT.header, col: 1, style: { ...HEADER, wrap: true }, cells: [table.headers(x.lang)] },
      ...(n ? [{ row: REPORT.first, col: 1, cells: table.cells(lines), cellStyles: table.styles(lines) }] : []),
      ...(kgiData.length
        ? [
            { row: chartRow, col: 1, cells: [[L('rChartKgi')]], style: CHART_TITLE },
            {
              row: chartRow + 1,
              col: 1,
              cells: [[L('rMonth'), L('rKgiTarget'), L('rKgiActual')], ...kgiData],
              style: { numberFormat: kgiFormat },
              cellStyles: [Array(3).fill(HEADER)],
            },
          ]
        : []),
      { row: kpiChartRow, col: 1, cells: [[L('rChartKpis')]], style: CHART_TITLE },
      {
        row: kpiChartRow + 1,
        col: 1,
        cells: [[L('kpi'), L('rAch'), L('warn'), L('ok')], ...kpiData],
        style: { numberFormat: FORMATS.pct },
        cellStyles: [Array(4).fill(HEADER)],
      },
    ],
    charts: [
      ...(kgiData.length
        ? [
            {
              type: 'column' as const,
              ranges: [{ row: chartRow + 1, col: 1, rows: 13, cols: 3 }],
              at: { row: chartRow + 1, col: 5 },
              options: { ...chartOptions, title: L('rChartKgi'), vAxis: { format: 'short' } },
            },
          ]
        : []),
      // The month's achievement as columns, the two thresholds as lines across them.
      {
        type: 'combo',
        ranges: [{ row: kpiChartRow + 1, col: 1, rows: n + 1, cols: 4 }],
        at: { row: kpiChartRow + 1, col: 5 },
        options: {
          ...chartOptions,
          title: L('rChartKpis'),
          vAxis: { format: 'percent' },
          seriesType: 'bars',
          series: { 1: { type: 'line' }, 2: { type: 'line' } },
        },
      },
    ],
  };
}
