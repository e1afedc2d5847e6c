/**
 * The monthly report as data: one sheet of plain values (a snapshot — no formula reads the
 * plan), KPIs off track first, fixed colours with the plan's thresholds, a target-vs-actual
 * chart of the year so far. Pure: the rows come from core/report.ts `reportRows`.
 */
import type { Lang } from '../core/plan';
import type { ReportRow } from '../core/report';
import { label } from './labels';
import type { Cell, CellStyle, SheetSpec } from './spec';
import { COLOURS, FORMATS, kpiFormat } from './workbook';

const W = {
  en: {
    sheet: 'Report', title: '{name} — monthly report {month}', plan: 'Plan', month: 'Month', made: 'Made',
    hint: 'Snapshot of values. Missing actuals are not counted as 0; YTD of an average KPI is a mean. Status: YTD achievement vs {warn} / {ok}.',
    target: 'Target (month)', actual: 'Actual (month)', ach: 'Achievement', change: 'vs last month (pts)',
    ytdT: 'YTD target', ytdA: 'YTD actual', ytdP: 'YTD achievement', year: 'Target (year)', fc: 'Forecast (year)',
    action: 'Improvement action', missing: '— missing', gap: '{n} month(s) missing, not counted',
    chart: 'Year to date: actual vs target (target = 100%)', noData: 'No data',
  },
  ja: {
    sheet: '月次レポート', title: '{name} — 月次レポート {month}', plan: '計画', month: '対象月', made: '作成日時',
    hint: '作成時点の値です。未入力の実績は0として計算しません。平均KPIの累計は平均値。ステータスは累計達成率（{warn} / {ok}）で判定。',
    target: '当月目標', actual: '当月実績', ach: '達成率', change: '前月比（pt）',
    ytdT: '累計目標', ytdA: '累計実績', ytdP: '累計達成率', year: '年間目標', fc: '着地見込み',
    action: '改善アクション', missing: '未入力', gap: '{n}か月分未入力（計算に含めず）',
    chart: '累計: 目標 vs 実績（目標 = 100%）', noData: 'データなし',
  },
};
type Word = keyof typeof W.en;
const fill = (s: string, p: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (m, k: string) => String(p[k] ?? m));

/** `Report 2026-05` / `月次レポート 2026-05`. */
export const reportSheetName = (lang: Lang, month: string): string => `${W[lang].sheet} ${month}`;

/** Identifies a report sheet made by this add-on: the note on its A1 (a rerun replaces only that sheet). */
export const reportMarker = (source: string, month: string): string => `KPI Planner · ${source} · ${month}`;

/** Where things are on the report (1-based). */
export const REPORT = {
  title: 1, header: 8, first: 9,
  col: { kpi: 1, ksf: 2, owner: 3, target: 4, actual: 5, ach: 6, change: 7, ytdT: 8, ytdA: 9, ytdP: 10, year: 11, fc: 12, need: 13, status: 14, action: 15 },
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

export function reportSpec(x: ReportSpecInput): SheetSpec {
  const w = (k: Word, p: Record<string, string | number> = {}) => fill(W[x.lang][k], p);
  const L = (k: Parameters<typeof label>[1]) => label(x.lang, k);
  const { warn, ok } = x.thresholds;
  const colour = (v: number | ''): CellStyle => (v === '' ? {} : { background: v >= ok ? COLOURS.ok : v >= warn ? COLOURS.warn : COLOURS.bad });
  const C = REPORT.col;
  const n = x.rows.length;
  const P = { numberFormat: FORMATS.pct, align: 'center' as const };

  const cells: Cell[][] = x.rows.map((r) => [
    r.name, r.ksf, r.owner, r.target, r.missing ? w('missing') : r.actual, r.achievement, r.change,
    r.ytdTarget, r.ytdActual, r.ytdAchievement, r.annualTarget, r.forecast, r.remainingPerMonth, r.status || w('noData'),
    x.actions?.[r.name] ?? null,
  ].map((c) => (c === '' ? null : c)));
  const styles = x.rows.map((r): CellStyle[] => {
    const v = { numberFormat: kpiFormat(r) };
    return [
      { bold: true }, {}, {}, v, r.missing ? { color: '#c5221f', italic: true, align: 'right' } : v,
      { ...P, ...colour(r.achievement) }, { numberFormat: '+0%;-0%;0%', align: 'center' }, v,
      r.ytdMissing ? { ...v, note: w('gap', { n: r.ytdMissing }) } : v, { ...P, bold: true, ...colour(r.ytdAchievement) },
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
    columnWidths: [{ col: 1, width: 200 }, { col: 2, count: 2, width: 120 }, { col: 4, count: 11, width: 100 }, { col: C.action, width: 320 }],
    blocks: [
      { row: REPORT.title, col: 1, cells: [[w('title', { name: x.planName, month: x.monthLabel })]], style: { bold: true, fontSize: 14, note: reportMarker(x.source, x.month) } },
      {
        row: 2, col: 1,
        cells: [[w('plan'), x.planName], [w('month'), `${x.monthLabel} (${x.month})`], [w('made'), x.made]],
        colStyles: [{ bold: true }],
      },
      {
        row: 5, col: 1,
        cells: [[`${L('legendBad')}: ${count('off')}`, `${L('legendWarn')}: ${count('risk')}`, `${L('legendOk')}: ${count('ok')}`, `${w('noData')}: ${count('none')}`]],
        style: { bold: true, align: 'center' },
        cellStyles: [[{ background: COLOURS.bad }, { background: COLOURS.warn }, { background: COLOURS.ok }, {}]],
      },
      { row: 6, col: 1, cells: [[w('hint', { warn: pct(warn), ok: pct(ok) })]], style: { italic: true, color: '#5f6368' } },
      {
        row: REPORT.header, col: 1, style: { bold: true, background: '#dadce0', wrap: true },
        cells: [[L('kpi'), L('ksf'), L('owner'), w('target'), w('actual'), w('ach'), w('change'), w('ytdT'), w('ytdA'), w('ytdP'), w('year'), w('fc'), L('remaining'), L('status'), w('action')]],
      },
      ...(n ? [{ row: REPORT.first, col: 1, cells, cellStyles: styles }] : []),
      { row: chartRow, col: 1, cells: [[w('chart')]], style: { bold: true, color: '#174ea6' } },
      {
        row: chartRow + 1, col: 1, cells: [[L('kpi'), L('target'), w('ytdA')], ...chartRows],
        style: { numberFormat: FORMATS.pct }, cellStyles: [[{ bold: true, background: '#dadce0' }, { bold: true, background: '#dadce0' }, { bold: true, background: '#dadce0' }]],
      },
    ],
    borders: [{ range: { row: REPORT.header, col: 1, rows: n + 1, cols: C.action }, top: true, left: true, bottom: true, right: true, vertical: true, horizontal: true, color: '#dadce0' }],
    charts: [{
      type: 'column',
      ranges: [{ row: chartRow + 1, col: 1, rows: n + 1, cols: 3 }],
      at: { row: chartRow + 1, col: 5 },
      title: w('chart'),
      width: 640,
      height: 320,
      options: { 'vAxis.format': 'percent', 'legend.position': 'bottom' },
    }],
  };
}
