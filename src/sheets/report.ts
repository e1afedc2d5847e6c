/**
 * The monthly report as data: one sheet of plain values (a snapshot — no formula reads the
 * plan), KPIs off track first, fixed colours with the plan's thresholds, a target-vs-actual
 * chart of the year so far. Pure: the rows come from core/report.ts `reportRows`.
 */
import type { Lang } from '../core/plan';
import type { ReportRow } from '../core/report';
import { label, type LabelKey } from './labels';
import type { Cell, CellStyle, SheetSpec } from './spec';
import { COLOURS, FORMATS, kpiFormat } from './workbook';

/** `Report 2026-05` / `月次レポート 2026-05`. */
export const reportSheetName = (lang: Lang, month: string): string => `${label(lang, 'rSheet')} ${month}`;

/** Identifies a report sheet made by this add-on: the note on its A1 (a rerun replaces only that sheet). */
export const reportMarker = (source: string, month: string): string => `KPI Planner · ${source} · ${month}`;

/** Where things are on the report (1-based). */
export const REPORT = {
  title: 1, header: 8, first: 9,
  /** The improvement action, the table's last column. */
  action: 15,
} as const;

export interface ReportSpecInput {
  sheet: string;
  lang: Lang;
  planName: string;
  /** `YYYY-MM` and its label (`May 2026` / `2026年5月`). */
  month: string;
  monthLabel: string;
  /** When it was made, already formatted in the spreadsheet's time zone. */
  made: string;
  /** The named range the plan was read from (goes into the marker note). */
  source: string;
  thresholds: { warn: number; ok: number };
  rows: ReportRow[];
  /** Improvement actions typed on an earlier run, by KPI name: kept on a rerun. */
  actions?: Record<string, string>;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const HEADER: CellStyle = { bold: true, background: '#dadce0' };

export function reportSpec(x: ReportSpecInput): SheetSpec {
  const L = (k: LabelKey, p?: Record<string, string | number>) => label(x.lang, k, p);
  const { warn, ok } = x.thresholds;
  const colour = (v: number | ''): CellStyle => (v === '' ? {} : { background: v >= ok ? COLOURS.ok : v >= warn ? COLOURS.warn : COLOURS.bad });
  const n = x.rows.length;
  const P = { numberFormat: FORMATS.pct, align: 'center' as const };

  const cells: Cell[][] = x.rows.map((r) => [
    r.name, r.ksf, r.owner, r.target, r.missing ? L('rMissing') : r.actual, r.achievement,
    // Change in achievement, in percentage points.
    r.change === '' ? '' : Math.round(r.change * 100),
    r.ytdTarget, r.ytdActual, r.ytdAchievement, r.annualTarget, r.forecast, r.remainingPerMonth, r.status || L('rNoData'),
    x.actions?.[r.name] ?? null,
  ].map((c) => (c === '' ? null : c)));
  const styles = x.rows.map((r): CellStyle[] => {
    const v = { numberFormat: kpiFormat(r) };
    return [
      { bold: true }, {}, {}, v, r.missing ? { color: '#c5221f', italic: true, align: 'right' } : v,
      { ...P, ...colour(r.achievement) }, { numberFormat: '+0" pt";-0" pt";0" pt"', align: 'center' }, v,
      r.ytdMissing ? { ...v, note: L('rGap', { n: r.ytdMissing }) } : v, { ...P, bold: true, ...colour(r.ytdAchievement) },
      v, v, v, { bold: true, align: 'center', ...colour(r.ytdAchievement) }, { background: '#e8f0fe', wrap: true },
    ];
  });

  const count = (k: ReportRow['statusKey']) => x.rows.filter((r) => r.statusKey === k).length;
  const chartRow = REPORT.first + n + 1;
  const chartRows: Cell[][] = x.rows.map((r) => [r.name, 1, r.ytdAchievement === '' ? null : r.ytdAchievement]);

  return {
    name: x.sheet,
    tabColor: '#d93025',
    frozenRows: REPORT.header,
    frozenColumns: 1,
    columnWidths: [{ col: 1, width: 200 }, { col: 2, count: 2, width: 120 }, { col: 4, count: 11, width: 100 }, { col: REPORT.action, width: 320 }],
    blocks: [
      { row: REPORT.title, col: 1, cells: [[L('rTitle', { name: x.planName, month: x.monthLabel })]], style: { bold: true, fontSize: 14, note: reportMarker(x.source, x.month) } },
      {
        row: 2, col: 1,
        cells: [[L('sheetPlan'), x.planName], [L('rMonth'), `${x.monthLabel} (${x.month})`], [L('rMade'), x.made]],
        colStyles: [{ bold: true }],
      },
      {
        row: 5, col: 1,
        cells: [[`${L('offTrack')}: ${count('off')}`, `${L('atRisk')}: ${count('risk')}`, `${L('onTrack')}: ${count('ok')}`, `${L('rNoData')}: ${count('none')}`]],
        style: { bold: true, align: 'center' },
        cellStyles: [[{ background: COLOURS.bad }, { background: COLOURS.warn }, { background: COLOURS.ok }, {}]],
      },
      { row: 6, col: 1, cells: [[L('rHint', { warn: pct(warn), ok: pct(ok) })]], style: { italic: true, color: '#5f6368' } },
      {
        row: REPORT.header, col: 1, style: { ...HEADER, wrap: true },
        cells: [[L('kpi'), L('ksf'), L('owner'), L('rTarget'), L('rActual'), L('rAch'), L('rChange'), L('ytdTarget'), L('ytdActual'), L('ytdProgress'), L('annualTarget'), L('forecast'), L('remaining'), L('status'), L('rAction')]],
      },
      ...(n ? [{ row: REPORT.first, col: 1, cells, cellStyles: styles }] : []),
      { row: chartRow, col: 1, cells: [[L('rChart')]], style: { bold: true, color: '#174ea6' } },
      {
        row: chartRow + 1, col: 1, cells: [[L('kpi'), L('target'), L('ytdActual')], ...chartRows],
        style: { numberFormat: FORMATS.pct }, cellStyles: [Array(3).fill(HEADER)],
      },
    ],
    charts: [{
      type: 'column',
      ranges: [{ row: chartRow + 1, col: 1, rows: n + 1, cols: 3 }],
      at: { row: chartRow + 1, col: 5 },
      options: { title: L('rChart'), width: 640, height: 320, 'vAxis.format': 'percent', 'legend.position': 'bottom' },
    }],
  };
}
