/**
 * The planner workbook as data: KPI Tree, Plan, Actuals and Progress for one plan, with the
 * named ranges of PRODUCT.md, live formulas throughout and the progress colours.
 *
 * Every table is a list of column declarations (LAYOUT); formulas, readers, widths and tests
 * address columns through them (`tables().plan.col('handTarget')` → `H`), never by number.
 *
 * Custom functions stay where they are the product: the funnel back-calculation (KPI_FUNNEL) and
 * the monthly split (KPI_MONTHLY) on Plan, one cell each. Everything that recomputes when an
 * actual is typed (Progress) is Sheets' own functions, so typing runs no custom function, and
 * no formula hands a volatile function (TODAY()) to a KPI_* call.
 * Pure: no Apps Script.
 */
import type { Currency, Lang, Plan } from '../core/plan';
import { fiscalMonths } from '../core/report';
import { normalizePlan, planKpis, type NormalizedPlan } from '../core/validate';
import { aggregateSource, type FiscalYear, headerColumns, missingColumns, sourceLabel, type SourceLink, unreadableText } from '../core/sources';
import { sourceFormulas } from '../core/sourceFormulas';
import { label, type LabelKey } from './labels';
import {
  a1, type Cell, colLetter, type CellStyle, type ColumnDecl, type ConditionalFormatSpec, f, type RangeRef, ref, type SheetSpec, str,
  Table,
} from './spec';

/** The named ranges every build creates (PRODUCT.md), in a fixed order. */
export const RANGE_NAMES = [
  'KGI_TARGET', 'UNIT_VALUE', 'FUNNEL_RATES', 'FUNNEL_TARGETS', 'MONTHLY_TARGETS',
  'ACTUALS', 'PROGRESS', 'KPI_NAMES', 'THRESHOLD_WARN', 'THRESHOLD_OK',
] as const;
export type RangeName = (typeof RANGE_NAMES)[number];

export interface WorkbookNames {
  sheets: { tree: string; plan: string; actuals: string; progress: string };
  /** Appended to every named range: '' for the first build, '_2' for the second, … */
  suffix: string;
}

export const defaultNames = (lang: Lang): WorkbookNames => ({
  sheets: {
    tree: label(lang, 'sheetTree'),
    plan: label(lang, 'sheetPlan'),
    actuals: label(lang, 'sheetActuals'),
    progress: label(lang, 'sheetProgress'),
  },
  suffix: '',
});

// ---------------------------------------------------------------------------------------
// Styles and formats.

export const COLOURS = { ok: '#b7e1cd', warn: '#fce8b2', bad: '#f4c7c3' } as const;
const INPUT: CellStyle = { background: '#e8f0fe', color: '#174ea6' };
const CALC: CellStyle = { background: '#f1f3f4' };
const HEADER: CellStyle = { bold: true, background: '#dadce0', wrap: true };
const SECTION: CellStyle = { bold: true, fontSize: 11, color: '#174ea6' };
const TITLE: CellStyle = { bold: true, fontSize: 14 };
const HINT: CellStyle = { italic: true, color: '#5f6368' };
const BOLD: CellStyle = { bold: true };
const RIGHT: CellStyle = { bold: true, align: 'right' };

export const moneyFormat = (c: Currency): string => `"${({ JPY: '¥', USD: '$', EUR: '€' })[c]}"#,##0`;
export const FORMATS = { count: '#,##0', level: '#,##0.0#', pct: '0%', rate: '0.0%', date: 'yyyy-mm-dd', weight: '0.0#' } as const;

const UNIT_CURRENCIES: { currency: Currency; units: string[] }[] = [
  { currency: 'JPY', units: ['¥', '円', 'jpy', 'yen'] },
  { currency: 'USD', units: ['$', 'usd', 'ドル'] },
  { currency: 'EUR', units: ['€', 'eur', 'ユーロ'] },
];

/** The number format a KPI's values get, from its unit and aggregate. */
export function kpiFormat(kpi: { unit?: string; aggregate?: 'sum' | 'average' }): string {
  const u = (kpi.unit ?? '').trim().toLowerCase();
  if (['%', '％', 'percent'].includes(u)) return FORMATS.rate;
  for (const { currency, units } of UNIT_CURRENCIES) if (units.includes(u)) return moneyFormat(currency);
  return kpi.aggregate === 'average' ? FORMATS.level : FORMATS.count;
}

// ---------------------------------------------------------------------------------------
// Layout: rows of each sheet, and the declared columns of its tables.

/** Plan's KGI block: one declared row each, from row 5, label in column A and value in column B. */
const KGI_ROWS = ['kgi', 'kgiUnit', 'baseline', 'growth', 'kgiTarget', 'unitValue', 'fyStart', 'fyEnd', 'warn', 'ok'] as const;
export type KgiRow = (typeof KGI_ROWS)[number];
const KGI_FIRST_ROW = 5;
/** The Plan row of one KGI input (its value is in column B). */
export const kgiRow = (id: KgiRow): number => KGI_FIRST_ROW + KGI_ROWS.indexOf(id);
/** One KGI input on Plan: its label, value and style. */
interface KgiLine {
  label: string;
  value: Cell;
  style: CellStyle;
}
/** Plan's KGI block: a label and a value column (no header; its widths are the KPI table's). */
export const KGI_TABLE = new Table<KgiLine>([
  { id: 'label', header: () => '', cell: (l) => l.label, style: () => BOLD },
  { id: 'value', header: () => '', cell: (l) => l.value, style: (l) => l.style },
], undefined);
const KGI_VALUE_COL = KGI_TABLE.index('value');

/** One funnel stage's row on Plan. */
interface StageRow {
  i: number;
  name: string;
  /** The rate to the next stage (none for the last stage). */
  rate: number | null;
  last: boolean;
  /** The KPI_FUNNEL formula (first row only). */
  volume: Cell;
}
/** Plan's funnel table: stage, rate to the next stage, volume needed (back-calculated from the KGI). */
export const FUNNEL_TABLE = new Table<StageRow>([
  { id: 'stage', header: (lang) => label(lang, 'stage'), cell: (s) => s.name, style: () => INPUT },
  {
    id: 'rate', header: (lang) => label(lang, 'rate'), cell: (s) => s.rate,
    // The wins stage has no rate to the next stage.
    style: (s) => ({ ...(s.last ? CALC : INPUT), numberFormat: FORMATS.rate }),
  },
  {
    id: 'volume', header: (lang) => label(lang, 'volume'), cell: (s) => s.volume,
    style: () => ({ ...CALC, numberFormat: FORMATS.count, bold: true }),
  },
], undefined);
const FIRST_STAGE = 18;

/** A line of the KPI Tree (the KGI, a KSF or a KPI): its cells and styles by column id. */
interface TreeLine {
  cells: Partial<Record<string, Cell>>;
  styles: Partial<Record<string, CellStyle>>;
}
const treeColumn = (id: string, header: (lang: Lang) => string, width: number): ColumnDecl<TreeLine> => ({
  id, header, width, cell: (l) => l.cells[id] ?? null, style: (l) => l.styles[id] ?? {},
});
export const TREE_TABLE = new Table<TreeLine>([
  treeColumn('tree', () => 'KGI → KSF → KPI', 380),
  treeColumn('target', (lang) => label(lang, 'target'), 140),
  treeColumn('unit', (lang) => label(lang, 'unit'), 130),
  treeColumn('owner', (lang) => label(lang, 'owner'), 130),
  treeColumn('check', (lang) => label(lang, 'check'), 360),
], undefined);

/** Plan rows that depend on the funnel length (number of stages). */
export function planRows(stages: number) {
  const kpiSection = FIRST_STAGE + stages + 1;
  return {
    firstStage: FIRST_STAGE,
    lastStage: kpiSection - 2,
    kpiSection,
    seasonality: kpiSection + 1,
    header: kpiSection + 2,
    firstKpi: kpiSection + 3,
  };
}
/** Actuals: header row 3, KPIs from row 4. */
export const ACTUALS_LAYOUT = { header: 3, firstKpi: 4 } as const;
/** Progress: thresholds, months reported/left and today on row 3, header row 5, KPIs from row 6. */
export const PROGRESS_LAYOUT = { controls: 3, header: 5, firstKpi: 6 } as const;

/** Progress's control row: label and value cell pairs from column A, in this order. */
const CONTROLS = ['warn', 'ok', 'reported', 'left'] as const;
/** Values the pace needs, on the control row above the hidden calc columns (no label). */
const HIDDEN_CONTROLS = { today: 'paceActual', month: 'paceTarget' } as const;
type Control = (typeof CONTROLS)[number] | keyof typeof HIDDEN_CONTROLS;
/** Column of a control's value cell (a shown one has its label just left of it). */
function controlCol(id: Control, progress: Table<KpiRow, Head>): number {
  return id === 'today' || id === 'month' ? progress.index(HIDDEN_CONTROLS[id]) : 2 + 2 * CONTROLS.indexOf(id);
}
/** `$B$3`: a control's value, absolute. */
const controlAt = (id: Control, progress: Table<KpiRow, Head>): string =>
  a1({ row: PROGRESS_LAYOUT.controls, col: controlCol(id, progress) }, true);

/** What headers need besides the language: the plan's months in both languages. */
export interface Head {
  months: Record<Lang, string[]>;
}

/** One KPI's row, as every table's cell functions see it. */
export interface KpiRow {
  /** 0-based KPI index (plan order) and this sheet's row. */
  i: number;
  row: number;
  ksf: string;
  kpi: NormalizedPlan['ksfs'][number]['kpis'][number];
  /** The KPI's number format. */
  format: string;
  w: Env;
  /** `H25`: a column of this row on this sheet. */
  here(id: string, j?: number): string;
  /** `'Plan'!H25`: a column of this KPI's Plan row. */
  plan(id: string, j?: number): string;
  /** `'Actuals'!E4:P4`: the KPI's 12 actuals. */
  actuals: string;
  /** `'Plan'!J25:U25`: the KPI's 12 monthly targets. */
  targets: string;
}

/** What the cell functions share: language, names and the tables themselves. */
export interface Env {
  lang: Lang;
  L: (k: LabelKey, p?: Record<string, string>) => string;
  /** A named range of this build (with its suffix). */
  rn: (n: RangeName) => string;
  sheets: WorkbookNames['sheets'];
  tables: Tables;
  rows: ReturnType<typeof planRows>;
  kpiCount: number;
  /** `'Plan'!$B$13`: a KGI-block value. */
  kgi: (id: KgiRow) => string;
  /** The linked cells of the i-th KPI's Actuals row (plan order); undefined for a typed row. */
  link?: (i: number) => LinkedCells | undefined;
}

const labelOf = (k: LabelKey) => (lang: Lang) => label(lang, k);
const calcHeader = (k: LabelKey) => (lang: Lang) => `${label(lang, 'calc')}: ${label(lang, k)}`;
const monthHeader = (lang: Lang, j: number, head: Head) => head.months[lang][j];
const text = (r: string): Cell => f(`=${r}&""`);
const numberStyle = (base: CellStyle) => (r: KpiRow): CellStyle => ({ ...base, numberFormat: r.format });
/** A text column of Plan, linked (the user's text is referenced, never copied into a formula). */
const linked = (id: string, header: LabelKey, style: CellStyle = CALC): ColumnDecl<KpiRow, Head> => ({
  id, header: labelOf(header), cell: (r) => text(r.plan(id)), style: () => style, minWidth: 110,
});

/**
 * Achievement, as `progress()` of src/core/tracking.ts: actual ÷ target, lower is better
 * max(0, 2 − actual ÷ target); blank when the actual is not a number or the target is blank or 0.
 */
export function achievementFormula(actual: string, target: string, lower: string): string {
  return `IF(OR(NOT(ISNUMBER(${actual})), NOT(ISNUMBER(${target})), ${target}=0), "", ` +
    `IF(${lower}, MAX(0, 2-${actual}/${target}), ${actual}/${target}))`;
}

/** Plan's KPI table. */
export const PLAN_COLUMNS: ColumnDecl<KpiRow, Head>[] = [
  { id: 'ksf', header: labelOf('ksf'), cell: (r) => r.ksf, style: () => INPUT, minWidth: 200 },
  { id: 'kpi', header: labelOf('kpi'), cell: (r) => r.kpi.name, style: () => INPUT, minWidth: 200 },
  { id: 'unit', header: labelOf('unit'), cell: (r) => r.kpi.unit, style: () => INPUT, minWidth: 90 },
  { id: 'owner', header: labelOf('owner'), cell: (r) => r.kpi.owner, style: () => INPUT, minWidth: 110 },
  { id: 'direction', header: labelOf('direction'), cell: (r) => r.w.L(r.kpi.direction), style: () => INPUT, minWidth: 120 },
  { id: 'aggregate', header: labelOf('aggregate'), cell: (r) => r.w.L(r.kpi.aggregate), style: () => INPUT, minWidth: 90 },
  // A KPI's funnel stage is linked by position (its name follows a renamed stage).
  {
    id: 'stage', header: labelOf('funnelStage'), style: () => CALC, minWidth: 110,
    cell: (r) => (r.kpi.stage === undefined ? null : text(`${FUNNEL_TABLE.col('stage')}${r.w.rows.firstStage + r.kpi.stage}`)),
  },
  { id: 'handTarget', header: labelOf('handTarget'), cell: (r) => r.kpi.target ?? null, style: numberStyle(INPUT) },
  // A target typed by hand wins over the stage's volume.
  {
    id: 'annualTarget', header: labelOf('annualTarget'), style: numberStyle({ ...CALC, bold: true }),
    cell: (r) => {
      const hand = r.here('handTarget');
      const stage = r.kpi.stage === undefined ? '""' : `INDEX(${r.w.rn('FUNNEL_TARGETS')}, ${r.kpi.stage + 1})`;
      return f(`=IF(ISNUMBER(${hand}), ${hand}, ${stage})`);
    },
  },
  {
    id: 'month', span: 12, header: monthHeader, style: numberStyle(CALC),
    cell: (r, j) => {
      if (r.i || j) return null;
      const t = r.w.tables.plan;
      const { firstKpi, seasonality } = r.w.rows;
      const last = firstKpi + r.w.kpiCount - 1;
      const column = (id: string) => `${t.col(id)}${firstKpi}:${t.col(id)}${last}`;
      const weights = `${t.col('month')}$${seasonality}:${t.col('month', 11)}$${seasonality}`;
      return f(`=ARRAYFORMULA(KPI_MONTHLY(${column('split')}, ${weights}) + ${column('level')} * {${Array(12).fill(1)}})`);
    },
  },
  { id: 'lower', header: calcHeader('lower'), hidden: true, cell: (r) => f(`=${r.here('direction')}=${str(r.w.L('lower'))}`) },
  {
    id: 'split', header: calcHeader('sum'), hidden: true, style: numberStyle({}),
    cell: (r) => f(`=IF(${r.here('aggregate')}=${str(r.w.L('average'))}, 0, ${r.here('annualTarget')})`),
  },
  {
    id: 'level', header: calcHeader('average'), hidden: true, style: numberStyle({}),
    cell: (r) => f(`=IF(${r.here('aggregate')}=${str(r.w.L('average'))}, ${r.here('annualTarget')}, 0)`),
  },
];

// ---------------------------------------------------------------------------------------
// Data links (issue 16): an Actuals row whose months are counted live from a sheet of records.

/** A source sheet as the build read it: its name as the spreadsheet spells it and its getValues. */
export interface SourceSheet {
  name: string;
  values: unknown[][];
}

/** What a linked row needs of the workbook, read before anything is written. */
export interface LinkContext {
  /** The spreadsheet's time zone (IANA). */
  timeZone: string;
  /** By the sheet name a link gives (absent: no such sheet). */
  sheets: Record<string, SourceSheet | undefined>;
}

/** The cells of one linked Actuals row (any row: a KPI's or the KGI's). */
export interface LinkedCells {
  /** True when the formulas are written; false when the sheet or a column is missing (the row stays typed). */
  live: boolean;
  /** 12 month cells: the live formulas, or blanks. */
  months: Cell[];
  /** 12 hidden cells: each month's count or sum (the months show them up to the last month with data). */
  raw: Cell[];
  /** The link in words, marked 🔗 (or ⚠ and the problem). */
  label: string;
  /** The live count of rows it cannot read (a formula), or blank. */
  unreadable: Cell;
  /** What the unreadable count means, and the rows the build could not read (a note). */
  note: string;
  /** The link as JSON (a hidden cell): what readSourceLink gives back. */
  data: string;
}

/**
 * The cells of an Actuals row linked to `link`: 12 native formulas over the source sheet's whole
 * columns (sourceFormulas) in hidden cells (`raw(j)`: the A1 address of month j's, same row), the 12
 * months showing them up to the last month with any row (later ones blank: not reported yet), the
 * count of unreadable rows, the link named in words and kept as JSON.
 * Never writes the source. A sheet or column that is missing gives a typed row with a ⚠ label.
 */
export function linkedActualsCells(
  link: SourceLink, ctx: LinkContext, fiscalYear: FiscalYear, lang: Lang, raw: (j: number) => string,
): LinkedCells {
  const data = JSON.stringify(link);
  const sheet = ctx.sheets[link.sheet];
  const headers = sheet?.values[0] ?? [];
  const missing = sheet ? missingColumns(link, headers) : [];
  if (!sheet || missing.length) {
    const problem = sheet
      ? label(lang, 'linkNoColumn', { sheet: link.sheet, columns: missing.map((m) => `"${m}"`).join(', ') })
      : label(lang, 'linkNoSheet', { sheet: link.sheet });
    return { live: false, months: Array(12).fill(null), raw: Array(12).fill(null), label: label(lang, 'linkMissing', { problem }), unreadable: null, note: '', data };
  }
  const formulas = sourceFormulas(link, { sheetName: sheet.name, headerColumns: headerColumns(headers), fiscalYear, timeZone: ctx.timeZone });
  const preview = aggregateSource(link, sheet.values, { fiscalYear, timeZone: ctx.timeZone });
  const now = unreadableText(preview, lang);
  return {
    live: true,
    // A month after the last one with any row is not reported yet: blank, as a typed row would be.
    months: formulas.months.map((_, j) => f(`=IF(SUM(${raw(j)}:${raw(11)})=0, "", ${raw(j)})`)),
    raw: formulas.months.map((x) => f(x)),
    label: label(lang, 'linkedMark', { label: sourceLabel(link, lang) }),
    unreadable: f(formulas.unreadable),
    note: [label(lang, 'linkNote', { sheet: sheet.name }), now].filter(Boolean).join('\n\n'),
    data,
  };
}

/** The link kept in a linked Actuals row (its `linkData` cell as getValues gives it), or undefined. */
export function readSourceLink(cell: unknown): SourceLink | undefined {
  if (typeof cell !== 'string' || !cell.startsWith('{')) return undefined;
  try {
    const v = JSON.parse(cell) as SourceLink;
    return typeof v?.sheet === 'string' && typeof v.date === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

const LINKED: CellStyle = { background: '#e6f4ea', color: '#137333' };
const liveLink = (r: KpiRow) => {
  const x = r.w.link?.(r.i);
  return x?.live ? x : undefined;
};

/** Actuals: the KPI's names linked from Plan, then the 12 months to type (or counted from a linked sheet). */
export const ACTUALS_COLUMNS: ColumnDecl<KpiRow, Head>[] = [
  { ...linked('ksf', 'ksf'), minWidth: 200 },
  { ...linked('kpi', 'kpi', { ...CALC, bold: true }), minWidth: 200 },
  linked('unit', 'unit'),
  linked('owner', 'owner'),
  {
    id: 'month', span: 12, header: monthHeader, minWidth: 85,
    cell: (r, j) => liveLink(r)?.months[j] ?? null,
    style: (r) => ({ ...(liveLink(r) ? LINKED : INPUT), numberFormat: r.format }),
  },
  {
    id: 'link', header: labelOf('dataLink'), width: 160,
    cell: (r) => r.w.link?.(r.i)?.label ?? null,
    style: (r) => (r.w.link?.(r.i) ? { ...(liveLink(r) ? LINKED : { color: '#b06000' }), note: liveLink(r)?.note } : {}),
  },
  {
    id: 'linkUnreadable', header: labelOf('linkUnreadable'), width: 160,
    cell: (r) => liveLink(r)?.unreadable ?? null,
    // Every row gets the format: the format rectangles do not depend on which rows are linked.
    style: (r) => ({ ...(liveLink(r) ? { ...CALC, note: liveLink(r)?.note } : {}), numberFormat: FORMATS.count }),
  },
  { id: 'linkData', header: calcHeader('dataLink'), hidden: true, cell: (r) => r.w.link?.(r.i)?.data ?? null },
  {
    id: 'linkMonth', span: 12, header: (lang, j, head) => `${label(lang, 'calc')}: ${monthHeader(lang, j, head)}`, hidden: true,
    cell: (r, j) => liveLink(r)?.raw[j] ?? null, style: numberStyle({}),
  },
];

const CENTRED_PCT: CellStyle = { numberFormat: FORMATS.pct, align: 'center' };
const control = (r: KpiRow, id: Control) => controlAt(id, r.w.tables.progress);
const COUNT = (r: KpiRow) => `COUNT(${r.actuals})`;

/** Progress: achievement per month, then the year so far, what it leads to and the status. */
export const PROGRESS_COLUMNS: ColumnDecl<KpiRow, Head>[] = [
  { ...linked('ksf', 'ksf'), minWidth: 200 },
  { ...linked('kpi', 'kpi', { ...CALC, bold: true }), minWidth: 200 },
  linked('owner', 'owner'),
  {
    // The control row's labels ("Months reported" …) sit in these columns too.
    id: 'month', span: 12, header: monthHeader, style: () => CENTRED_PCT, fits: (lang) => [label(lang, 'reported'), label(lang, 'left')],
    cell: (r, j) => f(`=${achievementFormula(actualCell(r, j), r.plan('month', j), r.here('lower'))}`),
  },
  // Year to date over the months that have an actual: a missing month is not a 0.
  {
    id: 'ytdTarget', header: labelOf('ytdTarget'), style: numberStyle(CALC),
    cell: (r) => {
      const sumIf = `SUMIF(${r.actuals}, "<>", ${r.targets})`;
      return f(`=IF(${COUNT(r)}=0, "", IF(${r.here('average')}, ${sumIf}/${COUNT(r)}, ${sumIf}))`);
    },
  },
  {
    id: 'ytdActual', header: labelOf('ytdActual'), style: numberStyle(CALC),
    cell: (r) => f(`=IF(${COUNT(r)}=0, "", IF(${r.here('average')}, AVERAGE(${r.actuals}), SUM(${r.actuals})))`),
  },
  {
    id: 'ytdProgress', header: labelOf('ytdProgress'), style: () => ({ ...CENTRED_PCT, bold: true }),
    cell: (r) => f(`=${achievementFormula(r.here('ytdActual'), r.here('ytdTarget'), r.here('lower'))}`),
  },
  {
    id: 'pace', header: labelOf('pace'), style: () => ({ ...CALC, numberFormat: FORMATS.pct }),
    cell: (r) => f(`=${achievementFormula(r.here('paceActual'), r.here('paceTarget'), r.here('lower'))}`),
  },
  // Run rate: the mean of the reported months × 12 (sum KPIs), the mean itself (average KPIs).
  {
    id: 'forecast', header: labelOf('forecast'), style: numberStyle(CALC),
    cell: (r) => f(`=IF(${COUNT(r)}=0, "", IF(${r.here('average')}, AVERAGE(${r.actuals}), AVERAGE(${r.actuals})*12))`),
  },
  { id: 'annualTarget', header: labelOf('annualTarget'), style: numberStyle(CALC), cell: (r) => f(`=${r.plan('annualTarget')}`) },
  // What each month left needs: max(0, target − actual so far) ÷ months left; for an average KPI
  // the level the months left must average for the year's mean to meet the target.
  {
    id: 'remaining', header: labelOf('remaining'), style: numberStyle(CALC),
    cell: (r) => {
      const left = control(r, 'left');
      const target = r.here('annualTarget');
      const total = `IF(${r.here('average')}, ${target}*(${COUNT(r)}+${left}), ${target})`;
      return f(`=IF(OR(${left}=0, NOT(ISNUMBER(${target}))), "", MAX(0, ${total}-SUM(${r.actuals}))/${left})`);
    },
  },
  // Decided on numbers (the thresholds), worded in the plan's language.
  {
    id: 'status', header: labelOf('status'), style: () => ({ bold: true, align: 'center' }),
    cell: (r) => {
      const ytd = r.here('ytdProgress');
      const [warn, ok] = [control(r, 'warn'), control(r, 'ok')];
      const words = (['onTrack', 'atRisk', 'offTrack'] as const).map((k) => str(r.w.L(k))).join(', ');
      return f(`=IF(${warn}>${ok}, ${str(r.w.L('thresholdOrder'))}, IF(NOT(ISNUMBER(${ytd})), "", ` +
        `CHOOSE(IF(${ytd}>=${ok}, 1, IF(${ytd}>=${warn}, 2, 3)), ${words})))`);
    },
  },
  // Hidden calc columns.
  { id: 'lower', header: calcHeader('lower'), hidden: true, cell: (r) => f(`=${r.plan('lower')}`) },
  {
    id: 'average', header: calcHeader('average'), hidden: true,
    cell: (r) => f(`=${r.plan('aggregate')}=${str(r.w.L('average'))}`),
  },
  // Pace: this month's actual so far against its target pro-rated to today (an average KPI's
  // level is not pro-rated); blank outside the fiscal year or before the month has an actual.
  {
    id: 'paceActual', header: calcHeader('pace'), hidden: true, style: numberStyle({}),
    cell: (r) => {
      const month = control(r, 'month');
      const actual = `INDEX(${r.actuals}, 1, ${month})`;
      return f(`=IF(NOT(ISNUMBER(${month})), "", IF(ISNUMBER(${actual}), ${actual}, ""))`);
    },
  },
  {
    id: 'paceTarget', header: calcHeader('target'), hidden: true, style: numberStyle({}),
    cell: (r) => {
      const today = control(r, 'today');
      const elapsed = `DAY(${today})/DAY(EOMONTH(${today}, 0))`;
      const target = `INDEX(${r.targets}, 1, ${control(r, 'month')})`;
      return f(`=IF(${r.here('paceActual')}="", "", ${target}*IF(${r.here('average')}, 1, ${elapsed}))`);
    },
  },
];

/** The KPI's actual of month j on Actuals. */
function actualCell(r: KpiRow, j: number): string {
  const t = r.w.tables.actuals;
  return ref(r.w.sheets.actuals, { row: ACTUALS_LAYOUT.firstKpi + r.i, col: t.index('month', j) });
}

/** The declared columns of each table; a test may add one (a new column is one declaration). */
export interface Layout {
  plan: ColumnDecl<KpiRow, Head>[];
  actuals: ColumnDecl<KpiRow, Head>[];
  progress: ColumnDecl<KpiRow, Head>[];
}
export const LAYOUT: Layout = { plan: PLAN_COLUMNS, actuals: ACTUALS_COLUMNS, progress: PROGRESS_COLUMNS };

export interface Tables {
  plan: Table<KpiRow, Head>;
  actuals: Table<KpiRow, Head>;
  progress: Table<KpiRow, Head>;
}

/** The tables of a layout; `head` gives the month headers (only headers and widths read it). */
export function tables(layout: Layout = LAYOUT, head: Head = { months: { en: [], ja: [] } }): Tables {
  return {
    plan: new Table(layout.plan, head),
    actuals: new Table(layout.actuals, head),
    progress: new Table(layout.progress, head),
  };
}

/** Conditional-format rules for Progress: colours of the PROGRESS block, the YTD achievement and status columns. */
export function progressRules(progress: RangeRef, warn: RangeRef, ok: RangeRef, layout: Layout = LAYOUT): ConditionalFormatSpec[] {
  const W = a1(warn, true);
  const O = a1(ok, true);
  const t = tables(layout).progress;
  const { row, col } = progress;
  const ytd = col + t.index('ytdProgress') - t.index('month');
  const status = col + t.index('status') - t.index('month');
  const rules = (range: RangeRef, x: string): ConditionalFormatSpec[] => [
    { range, formula: `=AND(ISNUMBER(${x}), ${x}>=${O})`, background: COLOURS.ok },
    { range, formula: `=AND(ISNUMBER(${x}), ${x}>=${W}, ${x}<${O})`, background: COLOURS.warn },
    { range, formula: `=AND(ISNUMBER(${x}), ${x}<${W})`, background: COLOURS.bad },
  ];
  const rows = progress.rows ?? 1;
  return [
    ...rules(progress, a1({ row, col })),
    ...rules({ row, col: ytd, rows }, a1({ row, col: ytd })),
    ...rules({ row, col: status, rows }, `$${colLetter(ytd)}${row}`),
  ];
}

export interface Workbook {
  plan: NormalizedPlan;
  names: WorkbookNames;
  /** In order: KPI Tree, Plan, Actuals, Progress. */
  sheets: SheetSpec[];
  /** Every named range: its full name (with suffix) and where it is. */
  ranges: Record<RangeName, { name: string; sheet: string; range: RangeRef }>;
  tables: Tables;
}

/** What the note on the Plan sheet's title records, for the monthly report to read back. */
export interface PlanNote {
  lang: Lang;
  name: string;
  startYear: number;
  startMonth: number;
}
export const NOTE_PREFIX = 'KPI Planner ';


/**
 * The four sheets of a plan as specs. `plan` must be valid (it is normalised here, which
 * throws the validation error otherwise). `checks[i]`: the health-check result the KPI Tree
 * shows for the i-th KPI (plan order). `layout`: the declared columns (tests add one).
 */
export function workbookSpec(
  input: Plan, names?: WorkbookNames, checks: string[] = [], layout: Layout = LAYOUT, links?: LinkContext,
): Workbook {
  const plan = normalizePlan(input);
  const lang = plan.locale;
  names ??= defaultNames(lang);
  const L = (k: LabelKey, p?: Record<string, string>) => label(lang, k, p);
  const S = names.sheets;
  const suffix = names.suffix;
  const rn = (n: RangeName) => `${n}${suffix}`;

  const kpis = planKpis(plan);
  const k = kpis.length;
  const stages = plan.funnel.stages.length;
  const rows = planRows(stages);
  const head: Head = { months: { en: fiscalMonths(plan, 'en').map((m) => m.label), ja: fiscalMonths(plan, 'ja').map((m) => m.label) } };
  const t = tables(layout, head);
  const money = plan.kgi.unit === 'currency';
  const kgiFormat = money ? moneyFormat(plan.kgi.currency ?? 'JPY') : FORMATS.count;
  const env: Env = {
    lang, L, rn, sheets: S, tables: t, rows, kpiCount: k,
    kgi: (id) => ref(S.plan, { row: kgiRow(id), col: KGI_VALUE_COL }, true),
  };
  // Data links: each linked KPI's cells, computed once (the KGI's: linkedActualsCells on its row).
  const linkedRows = kpis.map(({ kpi }, i) =>
    kpi.source
      ? linkedActualsCells(kpi.source, links ?? { timeZone: 'UTC', sheets: {} }, plan.fiscalYear, lang, (j) => `$${t.actuals.col('linkMonth', j)}${ACTUALS_LAYOUT.firstKpi + i}`)
      : undefined);
  env.link = (i) => linkedRows[i];
  /** The KPI rows of one sheet, whose table is `table` and first KPI row `first`. */
  const kpiRows = (table: Table<KpiRow, Head>, first: number): KpiRow[] => kpis.map(({ ksf, kpi }, i) => {
    const planRow = rows.firstKpi + i;
    const actualsRow = ACTUALS_LAYOUT.firstKpi + i;
    return {
      i, row: first + i, ksf, kpi, format: kpiFormat(kpi), w: env,
      here: (id, j) => `${table.col(id, j)}${first + i}`,
      plan: (id, j) => ref(S.plan, { row: planRow, col: t.plan.index(id, j) }),
      actuals: ref(S.actuals, t.actuals.range('month', actualsRow)),
      targets: ref(S.plan, t.plan.range('month', planRow)),
    };
  });
  const header = (row: number, cells: string[], col = 1) => ({ row, col, cells: [cells], style: HEADER });
  const top = (sheet: LabelKey, hint: LabelKey, note?: string) => [
    { row: 1, col: 1, cells: [[`${plan.name} — ${L(sheet)}`]], style: { ...TITLE, note } },
    { row: 2, col: 1, cells: [[L(hint)]], style: HINT },
  ];
  const tableBlock = (table: Table<KpiRow, Head>, first: number) => {
    const r = kpiRows(table, first);
    return { row: first, col: table.firstCol, cells: table.cells(r), cellStyles: table.styles(r) };
  };

  const ranges = {} as Workbook['ranges'];
  const addRange = (n: RangeName, sheet: string, range: RangeRef) => (ranges[n] = { name: rn(n), sheet, range });

  // ---------------------------------------------------------------- Plan
  addRange('KGI_TARGET', S.plan, { row: kgiRow('kgiTarget'), col: KGI_VALUE_COL });
  addRange('UNIT_VALUE', S.plan, { row: kgiRow('unitValue'), col: KGI_VALUE_COL });
  addRange('FUNNEL_RATES', S.plan, FUNNEL_TABLE.range('rate', FIRST_STAGE, stages - 1));
  addRange('FUNNEL_TARGETS', S.plan, FUNNEL_TABLE.range('volume', FIRST_STAGE, stages));
  addRange('MONTHLY_TARGETS', S.plan, t.plan.range('month', rows.firstKpi, k));
  addRange('KPI_NAMES', S.plan, t.plan.range('kpi', rows.firstKpi, k));

  const kgiIn = { ...INPUT, numberFormat: kgiFormat };
  const given = input.kgi.target !== undefined;
  const date = { ...CALC, numberFormat: FORMATS.date };
  const pct = { ...INPUT, numberFormat: FORMATS.pct };
  const { startYear, startMonth } = plan.fiscalYear;
  const kgiValue = (id: KgiRow) => `B${kgiRow(id)}`;
  // A KGI from last year's value and growth is a formula, rounded so that 1e8 × 1.1 reads 110,000,000.
  const kgiCells: Record<KgiRow, [Cell, CellStyle]> = {
    kgi: [plan.kgi.name, INPUT],
    kgiUnit: [money ? L('unitMoney', { currency: plan.kgi.currency ?? 'JPY' }) : L('unitCount'), CALC],
    baseline: [plan.kgi.baseline ?? null, kgiIn],
    growth: [plan.kgi.growthRate ?? null, { ...INPUT, numberFormat: FORMATS.rate }],
    kgiTarget: [
      given ? plan.kgi.target : f(`=ROUND(${kgiValue('baseline')}*(1+${kgiValue('growth')}), 6)`),
      { ...(given ? INPUT : CALC), numberFormat: kgiFormat, bold: true },
    ],
    unitValue: [money ? (plan.kgi.unitValue ?? null) : null, kgiIn],
    fyStart: [f(`=DATE(${startYear},${startMonth},1)`), date],
    fyEnd: [f(`=EDATE(${kgiValue('fyStart')},12)-1`), date],
    warn: [plan.thresholds.warn, pct],
    ok: [plan.thresholds.ok, pct],
  };

  const kgiLines: KgiLine[] = KGI_ROWS.map((id) => ({ label: L(id), value: kgiCells[id][0], style: kgiCells[id][1] }));
  const stageRows: StageRow[] = plan.funnel.stages.map((s, i) => ({
    i,
    name: s.name,
    rate: i < stages - 1 ? plan.funnel.rates[i] : null,
    last: i === stages - 1,
    volume: i ? null : f(`=KPI_FUNNEL(${rn('KGI_TARGET')}, ${rn('FUNNEL_RATES')}, ${rn('UNIT_VALUE')})`),
  }));
  const list = (id: string, values: string[]) => ({
    range: t.plan.range(id, rows.firstKpi, k),
    rule: { kind: 'list' as const, values, help: L('listHelp') },
  });
  const seasonalityLabel = t.plan.index('month') - 1;

  const planSpec: SheetSpec = {
    name: S.plan,
    tabColor: '#1a73e8',
    frozenColumns: 2,
    columnWidths: t.plan.widths(),
    hiddenColumns: t.plan.hidden(),
    blocks: [
      // The note says, for the report, the plan's language, fiscal year and name.
      ...top('sheetPlan', 'hintPlan', NOTE_PREFIX + JSON.stringify({ lang, name: plan.name, startYear, startMonth } satisfies PlanNote)),
      { row: 4, col: 1, cells: [[L('kgi')]], style: SECTION },
      {
        row: KGI_FIRST_ROW, col: KGI_TABLE.firstCol,
        cells: KGI_TABLE.cells(kgiLines),
        cellStyles: KGI_TABLE.styles(kgiLines),
      },
      { row: 16, col: 1, cells: [[L('funnel')]], style: SECTION },
      header(17, FUNNEL_TABLE.headers(lang)),
      { row: FIRST_STAGE, col: FUNNEL_TABLE.firstCol, cells: FUNNEL_TABLE.cells(stageRows), cellStyles: FUNNEL_TABLE.styles(stageRows) },
      { row: rows.kpiSection, col: 1, cells: [[L('kpis')]], style: SECTION },
      {
        row: rows.seasonality, col: seasonalityLabel, cells: [[L('seasonality'), ...plan.seasonality]],
        style: { ...INPUT, numberFormat: FORMATS.weight }, colStyles: [{ ...HINT, align: 'right', numberFormat: undefined }],
      },
      header(rows.header, t.plan.headers(lang)),
      tableBlock(t.plan, rows.firstKpi),
    ],
    validations: [
      { range: ranges.FUNNEL_RATES.range, rule: { kind: 'numberBetween', min: 0.0001, max: 1, help: L('rateHelp') } },
      // Thresholds as percentages (80% is 0.8): a typed 80 would turn every cell green.
      { range: KGI_TABLE.range('value', kgiRow('warn'), 2), rule: { kind: 'numberBetween', min: 0, max: 2, help: L('thresholdHelp') } },
      list('direction', [L('higher'), L('lower')]),
      list('aggregate', [L('sum'), L('average')]),
    ],
  };

  // ---------------------------------------------------------------- Actuals
  addRange('ACTUALS', S.actuals, t.actuals.range('month', ACTUALS_LAYOUT.firstKpi, k));
  const actualsSpec: SheetSpec = {
    name: S.actuals,
    tabColor: '#188038',
    frozenRows: ACTUALS_LAYOUT.header,
    frozenColumns: 2,
    columnWidths: t.actuals.widths(),
    hiddenColumns: t.actuals.hidden(),
    blocks: [
      ...top('sheetActuals', 'hintActuals'),
      header(ACTUALS_LAYOUT.header, t.actuals.headers(lang)),
      tableBlock(t.actuals, ACTUALS_LAYOUT.firstKpi),
    ],
    validations: [{
      range: ranges.ACTUALS.range, rule: { kind: 'numberAtLeast', min: 0, help: L('actualsHelp') },
      // Linked rows hold formulas: no rule on them (unlinkActuals puts it back).
      ...(linkedRows.some((x) => x?.live) && {
        exceptRows: linkedRows.flatMap((x, i) => (x?.live ? [ACTUALS_LAYOUT.firstKpi + i] : [])),
      }),
    }],
  };

  // ---------------------------------------------------------------- Progress
  const controls = PROGRESS_LAYOUT.controls;
  const controlCell = (id: Control) => controlAt(id, t.progress);
  addRange('THRESHOLD_WARN', S.progress, { row: controls, col: controlCol('warn', t.progress) });
  addRange('THRESHOLD_OK', S.progress, { row: controls, col: controlCol('ok', t.progress) });
  addRange('PROGRESS', S.progress, t.progress.range('month', PROGRESS_LAYOUT.firstKpi, k));
  const threshold = { ...CALC, numberFormat: FORMATS.pct, bold: true };
  const fyStart = env.kgi('fyStart');
  const today = controlCell('today');
  const controlCells: Record<Control, [Cell, CellStyle]> = {
    warn: [f(`=${env.kgi('warn')}`), { ...threshold, background: COLOURS.warn }],
    ok: [f(`=${env.kgi('ok')}`), { ...threshold, background: COLOURS.ok }],
    // The latest month with any actual.
    reported: [f(`=MAX(ARRAYFORMULA((${rn('ACTUALS')}<>"")*{${Array.from({ length: 12 }, (_, i) => i + 1)}}))`), CALC],
    left: [f(`=12-${controlCell('reported')}`), CALC],
    today: [f('=TODAY()'), { ...CALC, numberFormat: FORMATS.date }],
    // Today's month of the fiscal year (1–12), blank outside it: what pace compares.
    month: [
      f(`=IF(OR(${today}<${fyStart}, ${today}>${env.kgi('fyEnd')}), "", ` +
        `(YEAR(${today})-YEAR(${fyStart}))*12+MONTH(${today})-MONTH(${fyStart})+1)`),
      CALC,
    ],
  };
  const progressSpec: SheetSpec = {
    name: S.progress,
    tabColor: '#f9ab00',
    frozenRows: PROGRESS_LAYOUT.header,
    frozenColumns: 2,
    columnWidths: t.progress.widths(),
    hiddenColumns: t.progress.hidden(),
    blocks: [
      ...top('sheetProgress', 'hintProgress'),
      {
        row: controls, col: 1,
        cells: [CONTROLS.flatMap((id) => [L(id), controlCells[id][0]])],
        cellStyles: [CONTROLS.flatMap((id) => [RIGHT, controlCells[id][1]])],
      },
      ...(['today', 'month'] as const).map((id) => ({
        row: controls, col: controlCol(id, t.progress), cells: [[controlCells[id][0]]], style: controlCells[id][1],
      })),
      header(PROGRESS_LAYOUT.header, t.progress.headers(lang)),
      tableBlock(t.progress, PROGRESS_LAYOUT.firstKpi),
    ],
    conditionalFormats: progressRules(ranges.PROGRESS.range, ranges.THRESHOLD_WARN.range, ranges.THRESHOLD_OK.range, layout),
  };

  // ---------------------------------------------------------------- KPI Tree
  const planCell = (i: number, id: string) => ref(S.plan, { row: rows.firstKpi + i, col: t.plan.index(id) });
  const kgiText = (id: KgiRow) => ref(S.plan, { row: kgiRow(id), col: KGI_VALUE_COL });
  const treeLines: TreeLine[] = [{
    cells: { tree: f(`="KGI: "&${kgiText('kgi')}`), target: f(`=${rn('KGI_TARGET')}`), unit: text(kgiText('kgiUnit')) },
    styles: { tree: { bold: true, fontSize: 12 }, target: { bold: true, numberFormat: kgiFormat } },
  }];
  let index = 0;
  plan.ksfs.forEach((ksf, si) => {
    const lastKsf = si === plan.ksfs.length - 1;
    const branch = lastKsf ? '└─ ' : '├─ ';
    treeLines.push({
      cells: { tree: ksf.kpis.length ? f(`=${str(`${branch}KSF: `)}&${planCell(index, 'ksf')}`) : `${branch}KSF: ${ksf.name}` },
      // The KSF row's target cell is blank; its format keeps the target column one block.
      styles: { tree: BOLD, target: { numberFormat: kgiFormat } },
    });
    ksf.kpis.forEach((kpi, ki) => {
      const glyph = `${lastKsf ? '    ' : '│   '}${ki === ksf.kpis.length - 1 ? '└─ ' : '├─ '}`;
      const check = checks[index] ?? '';
      treeLines.push({
        cells: {
          tree: f(`=${str(glyph)}&${planCell(index, 'kpi')}`), target: f(`=${planCell(index, 'annualTarget')}`),
          unit: text(planCell(index, 'unit')), owner: text(planCell(index, 'owner')), check,
        },
        styles: {
          target: { numberFormat: kpiFormat(kpi) },
          check: { background: check.startsWith('⚠') ? COLOURS.warn : undefined, wrap: true },
        },
      });
      index++;
    });
  });
  const treeSpec: SheetSpec = {
    name: S.tree,
    tabColor: '#9334e6',
    frozenRows: 3,
    columnWidths: TREE_TABLE.widths(),
    blocks: [
      // The note marks the sheet as the add-on's (never offered as a data source).
      ...top('sheetTree', 'hintTree', NOTE_PREFIX.trim()),
      header(3, TREE_TABLE.headers(lang)),
      { row: 4, col: TREE_TABLE.firstCol, cells: TREE_TABLE.cells(treeLines), cellStyles: TREE_TABLE.styles(treeLines) },
    ],
  };

  // Named ranges go on the sheet that holds them.
  const specs = [treeSpec, planSpec, actualsSpec, progressSpec];
  for (const n of RANGE_NAMES) {
    const r = ranges[n];
    (specs.find((s) => s.name === r.sheet)!.namedRanges ??= []).push({ name: r.name, range: r.range });
  }
  return { plan, names, sheets: specs, ranges, tables: t };
}
