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
import { FIELD_RULES, type FieldKind, PLAN_FIELD_KINDS, type PlanNumberField } from '../core/fields';
import type { Currency, Lang, Plan } from '../core/plan';
import { CURRENCY_SYMBOLS } from '../core/locale';
import { stageKpiRows } from '../core/funnel-actual';
import { kgiMonthlyDecimals } from '../core/periods';
import { fiscalMonths } from '../core/report';
import { kgiTarget, normalizePlan, planKpis, type NormalizedPlan } from '../core/validate';
import { KEY_COLUMN, rowKeys, sheetMetadata, type SheetRole, withColumnKeys } from './identity';
import { label, type LabelKey, labelOf } from './labels';
import {
  a1,
  type Cell,
  colLetter,
  type CellStyle,
  type ColumnDecl,
  type ConditionalFormatSpec,
  f,
  type RangeRef,
  ref,
  quoteSheet,
  type SheetSpec,
  str,
  Table,
} from './spec';

/** The named ranges every build creates (PRODUCT.md), in a fixed order. */
export const RANGE_NAMES = [
  'KGI_TARGET',
  'UNIT_VALUE',
  'FUNNEL_RATES',
  'FUNNEL_TARGETS',
  'MONTHLY_TARGETS',
  'ACTUALS',
  'PROGRESS',
  'KPI_NAMES',
  'THRESHOLD_WARN',
  'THRESHOLD_OK',
  'KGI_MONTHLY_TARGETS',
  'KGI_ACTUALS',
  'KGI_PROGRESS',
  'QUARTER_PROGRESS',
  'HALF_PROGRESS',
  'FUNNEL_RATES_ACTUAL',
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
export const TITLE: CellStyle = { bold: true, fontSize: 14 };
export const HINT: CellStyle = { italic: true, color: '#5f6368' };
const BOLD: CellStyle = { bold: true };
const RIGHT: CellStyle = { bold: true, align: 'right' };

export const moneyFormat = (c: Currency): string => `"${CURRENCY_SYMBOLS[c]}"#,##0`;
export const FORMATS = {
  count: '#,##0',
  level: '#,##0.0#',
  pct: '0%',
  rate: '0.0%',
  date: 'yyyy-mm-dd',
  weight: '0.0#',
} as const;

const UNIT_CURRENCIES: { currency: Currency; units: string[] }[] = [
  { currency: 'JPY', units: ['¥', '円', 'jpy', 'yen'] },
  { currency: 'USD', units: ['$', 'usd', 'ドル'] },
  { currency: 'EUR', units: ['€', 'eur', 'ユーロ'] },
];

/** A number format with `decimals` decimals: `"¥"#,##0` → `"¥"#,##0.00`. */
export const withDecimals = (format: string, decimals: number): string =>
  decimals > 0 ? format.replace('#,##0', `#,##0.${'0'.repeat(decimals)}`) : format;

/** The number format a KPI's values get, from its unit and aggregate. */
export function kpiFormat(kpi: { unit?: string; aggregate?: 'sum' | 'average' }): string {
  const u = (kpi.unit ?? '').trim().toLowerCase();
  if (['%', '％', 'percent'].includes(u)) return FORMATS.rate;
  for (const { currency, units } of UNIT_CURRENCIES) if (units.includes(u)) return moneyFormat(currency);
  return kpi.aggregate === 'average' ? FORMATS.level : FORMATS.count;
}

// ---------------------------------------------------------------------------------------
// Layout: rows of each sheet, and the declared columns of its tables.

/**
 * Plan's KGI block: one declared row each, from row 5, label in column A and value in column B.
 * `kgiTarget` is always a formula: last year × (1 + growth) when both are numbers, else `typedTarget`.
 */
const KGI_ROWS = [
  'kgi',
  'kgiUnit',
  'baseline',
  'growth',
  'typedTarget',
  'kgiTarget',
  'unitValue',
  'fyStart',
  'fyEnd',
  'warn',
  'ok',
] as const;
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
]);
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
/**
 * The KGI target from the KGI block's cells (A1 references), as Plan computes it and the report reads it back:
 * last year × (1 + growth), rounded so that 1e8 × 1.1 reads 110,000,000, when both are numbers; else the typed target.
 */
export const kgiTargetFormula = (baseline: string, growth: string, typed: string): string =>
  `=IF(AND(ISNUMBER(${baseline}), ISNUMBER(${growth})), ROUND(${baseline}*(1+${growth}), 6), ${typed})`;

/**
 * Data validation of a Plan input from its field's rule (src/core/fields.ts), rejecting anything else. Sheets has
 * no "above min and at most max": an exclusive minimum becomes min + 1e-9 (no one types a rate of 0.0000001%).
 */
export function fieldValidation(
  kind: FieldKind,
  help: string,
): { kind: 'numberBetween'; min: number; max: number; help: string } {
  const rule = FIELD_RULES[kind];
  const min = rule.minExclusive ? rule.min + 1e-9 : rule.min;
  return { kind: 'numberBetween', min, max: rule.max ?? Number.MAX_VALUE, help };
}

/** Plan's funnel table: stage, rate to the next stage, volume needed (back-calculated from the KGI). */
export const FUNNEL_TABLE = new Table<StageRow>([
  { id: 'stage', header: labelOf('stage'), cell: (s) => s.name, style: () => INPUT },
  {
    id: 'rate',
    header: labelOf('rate'),
    cell: (s) => s.rate,
    // The wins stage has no rate to the next stage.
    style: (s) => ({ ...(s.last ? CALC : INPUT), numberFormat: FORMATS.rate }),
  },
  {
    id: 'volume',
    header: labelOf('volume'),
    cell: (s) => s.volume,
    style: () => ({ ...CALC, numberFormat: FORMATS.count, bold: true }),
  },
]);
const FIRST_STAGE = 18;
/** FUNNEL_RATES_ACTUAL and the gap to plan: the two columns right of the funnel table. */
const FUNNEL_ACTUAL_COL = FUNNEL_TABLE.index('volume') + 1;
const GAP_FORMAT = '+0.0%;-0.0%;0.0%';

/**
 * The funnel, actual vs plan, right of the funnel table: for each step whose two stages have a
 * linked KPI (stageKpiRows: the first KPI in plan order on the stage), the year-to-date actual
 * rate over the months where both have an actual (funnelActualRates of src/core/funnel-actual.ts),
 * and its gap to the planned rate, coloured where it is below plan. A step without both links is
 * blank (a formula giving "", so every plan writes the same cells).
 */
function funnelActualBlock(plan: NormalizedPlan, w: Env, first: number) {
  const linked = stageKpiRows(plan);
  const kpis = planKpis(plan);
  const t = w.tables.plan;
  // A linked stage's row holds its KPI's actuals in the hidden months, then its Actuals row (found by key).
  const hiddenCells = plan.funnel.stages.map((_, i): Cell[] => {
    if (linked[i] < 0) return [];
    const id = kpis[linked[i]].kpi.id;
    const at = `${t.col('actualsRow')}${first + i}`;
    const months = Array.from({ length: 12 }, (_, j) =>
      f(`=${lookUp(w.sheets.actuals, w.tables.actuals, at, 'month', j)}`),
    );
    const row = id
      ? matchKey(str(rowKeys.kpi(id)), w.sheets.actuals, w.tables.actuals)
      : ACTUALS_LAYOUT.firstKpi + linked[i];
    return [...months, f(`=${row}`)];
  });
  const actualsOf = (i: number) => `${t.col('months')}${first + i}:${t.col('months', 11)}${first + i}`;
  const rate = (i: number) => `${FUNNEL_TABLE.col('rate')}${first + i}`;
  const actual = (i: number) => `${colLetter(FUNNEL_ACTUAL_COL)}${first + i}`;
  const cells = plan.funnel.rates.map((_, i): Cell[] => {
    const gap = f(`=IF(ISNUMBER(${actual(i)}), ${actual(i)}-${rate(i)}, "")`);
    if (linked[i] < 0 || linked[i + 1] < 0) return [f('=""'), gap];
    const [u, l] = [actualsOf(i), actualsOf(i + 1)];
    const both = `ARRAYFORMULA(ISNUMBER(${u})*ISNUMBER(${l}))`;
    const upstream = `SUMPRODUCT(${both}, ${u})`;
    return [f(`=IF(${upstream}=0, "", SUMPRODUCT(${both}, ${l})/${upstream})`), gap];
  });
  const at = { row: first, col: FUNNEL_ACTUAL_COL };
  const range = { ...at, rows: cells.length, cols: 2 };
  return {
    hidden: hiddenCells,
    headers: [w.L('actualRate'), w.L('rateGap')],
    block: {
      ...at,
      cells,
      style: CALC,
      colStyles: [{ numberFormat: FORMATS.rate, bold: true }, { numberFormat: GAP_FORMAT }],
    },
    rules: [
      {
        range,
        formula: `=AND(ISNUMBER($${actual(0)}), $${actual(0)}<$${rate(0)})`,
        background: COLOURS.bad,
      },
    ] satisfies ConditionalFormatSpec[],
  };
}

/** A line of the KPI Tree (the KGI, a KSF or a KPI): its cells and styles by column id. */
interface TreeLine {
  cells: Partial<Record<string, Cell>>;
  styles: Partial<Record<string, CellStyle>>;
}
const treeColumn = (id: string, header: (lang: Lang) => string, width: number): ColumnDecl<TreeLine> => ({
  id,
  header,
  width,
  cell: (l) => l.cells[id] ?? null,
  style: (l) => l.styles[id] ?? {},
});
export const TREE_TABLE = new Table<TreeLine>([
  treeColumn('tree', () => 'KGI → KSF → KPI', 380),
  treeColumn('target', labelOf('target'), 140),
  treeColumn('unit', labelOf('unit'), 130),
  treeColumn('owner', labelOf('owner'), 130),
  treeColumn('check', labelOf('check'), 360),
  treeColumn('ytd', labelOf('ytdProgress'), 120),
]);

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
/** Actuals: header row 3, KPIs from row 4; the KGI's row one blank row below the last KPI (kgiActualsRow). */
export const ACTUALS_LAYOUT = { header: 3, firstKpi: 4 } as const;
/** The Actuals row of the KGI for a plan of `kpis` KPIs. */
export const kgiActualsRow = (kpis: number): number => ACTUALS_LAYOUT.firstKpi + kpis + 1;
/** Progress: thresholds, months reported/left and today on row 3, header row 5, the KGI on row 6, KPIs from row 7. */
export const PROGRESS_LAYOUT = { controls: 3, header: 5, kgi: 6, firstKpi: 7 } as const;

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
  /** The KSF's id (identity.ts). */
  ksfId?: string;
  kpi: NormalizedPlan['ksfs'][number]['kpis'][number];
  /** The KPI's number format. */
  format: string;
  w: Env;
  /** `H25`: a column of this row on this sheet. */
  here(id: string, j?: number): string;
  /**
   * `INDEX('Plan'!$H:$H, AG9)`: a column of this KPI's Plan row, found by key (the row's hidden `planRow`
   * MATCH): whole columns survive inserted columns, and the row's own cell survives sorted rows.
   */
  plan(id: string, j?: number): string;
  /** Where this row finds its row of Plan / Actuals (the hidden `planRow` / `actualsRow` cells). */
  find: { plan: string; actuals: string };
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
}

const calcHeader = (k: LabelKey) => (lang: Lang) => `${label(lang, 'calc')}: ${label(lang, k)}`;
const monthHeader = (lang: Lang, j: number, head: Head) => head.months[lang][j];
const hiddenMonthHeader = (lang: Lang, j: number, head: Head) =>
  `${label(lang, 'calc')}: ${head.months[lang][j] ?? ''}`;
const text = (r: string): Cell => f(`=${r}&""`);
const numberStyle =
  (base: CellStyle) =>
  (r: KpiRow): CellStyle => ({ ...base, numberFormat: r.format });
/** A text column of Plan, linked (the user's text is referenced, never copied into a formula). */
const linked = (id: LabelKey, style: CellStyle = CALC, minWidth = 110): ColumnDecl<KpiRow, Head> => ({
  id,
  header: labelOf(id),
  cell: (r) => text(r.plan(id)),
  style: () => style,
  minWidth,
});
/** The KSF and the KPI, linked: the first columns of Actuals and Progress. */
const LINKED_NAMES = [linked('ksf', CALC, 200), linked('kpi', { ...CALC, bold: true }, 200)];

/**
 * Achievement, as `progress()` of src/core/tracking.ts: actual ÷ target, lower is better
 * max(0, 2 − actual ÷ target); blank when the actual is not a number or the target is blank or 0.
 */
export function achievementFormula(actual: string, target: string, lower: string): string {
  return (
    `IF(OR(NOT(ISNUMBER(${actual})), NOT(ISNUMBER(${target})), ${target}=0), "", ` +
    `IF(${lower}, MAX(0, 2-${actual}/${target}), ${actual}/${target}))`
  );
}

/** `'Plan'!$H:$H`: a whole column of a table on a sheet (it survives columns inserted anywhere). */
const wholeColumn = (sheet: string, table: Table<KpiRow, Head>, id: string, j?: number): string => {
  const c = table.col(id, j);
  return `${quoteSheet(sheet)}!$${c}:$${c}`;
};
/** `MATCH("kpi:…", 'Actuals'!$Q:$Q, 0)`: the row of a key on a sheet's table (its hidden key column). */
const matchKey = (key: string, sheet: string, table: Table<KpiRow, Head>): string =>
  `MATCH(${key}, ${wholeColumn(sheet, table, KEY_COLUMN)}, 0)`;
/** `INDEX('Actuals'!$E:$E, AG9)`: column `id` of the row whose number `row` holds. */
const lookUp = (sheet: string, table: Table<KpiRow, Head>, row: string, id: string, j?: number): string =>
  `INDEX(${wholeColumn(sheet, table, id, j)}, ${row})`;
/** The hidden column holding the row of this row's KPI on another sheet (found by key). */
const rowColumn = (id: 'planRow' | 'actualsRow'): ColumnDecl<KpiRow, Head> => ({
  id,
  header: () => id,
  hidden: true,
  cell: (r) => f(`=${r.find[id === 'planRow' ? 'plan' : 'actuals']}`),
});
/** Hidden copies of the row's 12 months (actuals or targets), found by key: the span formulas read these. */
const hiddenMonths = (id: string, from: 'plan' | 'actuals', source: string): ColumnDecl<KpiRow, Head> => ({
  id,
  span: 12,
  header: hiddenMonthHeader,
  hidden: true,
  cell: (r, j) => {
    const t = r.w.tables[from];
    const sheet = r.w.sheets[from];
    return f(`=${lookUp(sheet, t, r.here(from === 'plan' ? 'planRow' : 'actualsRow'), source, j)}`);
  },
});

/** Whether a KPI's year target can be split (a number from 0 to 1e15): else its months stay blank. */
const usable = (r: KpiRow): string => {
  const annual = r.here('annualTarget');
  return `AND(ISNUMBER(${annual}), ${annual}>=0, ${annual}<=${FIELD_RULES.amount.max})`;
};

/**
 * The hidden key column every KPI table ends with: each row's key (`kpi:<id>`, identity.ts) as
 * text, so a KPI's row is found by its id wherever rows are inserted, deleted or sorted.
 */
function keyColumn(): ColumnDecl<KpiRow, Head> {
  return {
    id: KEY_COLUMN,
    header: () => 'KPI ID',
    hidden: true,
    width: 80,
    cell: (r) => (r.kpi.id ? rowKeys.kpi(r.kpi.id) : null),
  };
}

/** An input column of Plan: what the plan JSON gives, for the user to edit. */
const input = (
  id: string,
  header: LabelKey,
  minWidth: number,
  cell: (r: KpiRow) => Cell,
): ColumnDecl<KpiRow, Head> => ({
  id,
  header: labelOf(header),
  cell,
  style: () => INPUT,
  minWidth,
});

/** Plan's KPI table. */
export const PLAN_COLUMNS: ColumnDecl<KpiRow, Head>[] = [
  input('ksf', 'ksf', 200, (r) => r.ksf),
  input('kpi', 'kpi', 200, (r) => r.kpi.name),
  input('unit', 'unit', 90, (r) => r.kpi.unit),
  input('owner', 'owner', 110, (r) => r.kpi.owner),
  // Codes, not words: a checkbox each (TRUE = lower is better / an average KPI), read by formulas and readers alike.
  input('direction', 'lower', 120, (r) => r.kpi.direction === 'lower'),
  input('aggregate', 'average', 90, (r) => r.kpi.aggregate === 'average'),
  // A KPI's funnel stage is linked by position (its name follows a renamed stage).
  {
    id: 'stage',
    header: labelOf('funnelStage'),
    style: () => CALC,
    minWidth: 110,
    cell: (r) =>
      r.kpi.stage === undefined ? null : text(`${FUNNEL_TABLE.col('stage')}${r.w.rows.firstStage + r.kpi.stage}`),
  },
  { id: 'handTarget', header: labelOf('handTarget'), cell: (r) => r.kpi.target ?? null, style: numberStyle(INPUT) },
  // A target typed by hand wins over the stage's volume.
  {
    id: 'annualTarget',
    header: labelOf('annualTarget'),
    style: numberStyle({ ...CALC, bold: true }),
    cell: (r) => {
      const hand = r.here('handTarget');
      const stage = r.kpi.stage === undefined ? '""' : `INDEX(${r.w.rn('FUNNEL_TARGETS')}, ${r.kpi.stage + 1})`;
      // A funnel in error (a bad KGI input) leaves its stage's KPIs blank, not in error.
      return f(`=IFERROR(IF(ISNUMBER(${hand}), ${hand}, ${stage}), "")`);
    },
  },
  // One plain reference per month to the hidden split (a column inserted between two months moves them apart).
  {
    id: 'month',
    span: 12,
    header: monthHeader,
    style: numberStyle(CALC),
    cell: (r, j) => f(`=${r.here('months', j)}`),
  },
  { id: 'lower', header: calcHeader('lower'), hidden: true, cell: (r) => f(`=${r.here('direction')}=TRUE`) },
  {
    id: 'split',
    header: calcHeader('sum'),
    hidden: true,
    style: numberStyle({}),
    cell: (r) => f(`=IF(AND(${usable(r)}, ${r.here('aggregate')}<>TRUE), ${r.here('annualTarget')}, 0)`),
  },
  {
    id: 'level',
    header: calcHeader('average'),
    hidden: true,
    style: numberStyle({}),
    cell: (r) => {
      const average = `IF(${r.here('aggregate')}=TRUE, ${r.here('annualTarget')}, 0)`;
      return f(`=IF(${usable(r)}, ${average}, NA())`);
    },
  },
  {
    // The 12 months of each row, hidden and contiguous, shown by the month columns: the KPIs' split (one
    // KPI_MONTHLY, spilled), the KGI's, the seasonality's copy it reads, and a funnel stage's linked actuals.
    id: 'months',
    span: 12,
    header: hiddenMonthHeader,
    hidden: true,
    cell: (r, j) => {
      if (r.i || j) return null;
      const t = r.w.tables.plan;
      const { firstKpi, seasonality } = r.w.rows;
      const last = firstKpi + r.w.kpiCount - 1;
      const column = (id: string) => `${t.col(id)}${firstKpi}:${t.col(id)}${last}`;
      const weights = `${t.col('months')}$${seasonality}:${t.col('months', 11)}$${seasonality}`;
      // A KPI without a usable target has #N/A as its level: its months are blank (IFNA), the others' stay.
      const sum = `KPI_MONTHLY(${column('split')}, ${weights}) + ${column('level')} * {${Array(12).fill(1)}}`;
      return f(`=ARRAYFORMULA(IFNA(${sum}, ""))`);
    },
  },
  // A funnel stage's row on Actuals (its linked KPI's, by key); blank on the KPI rows.
  { id: 'actualsRow', header: () => 'actualsRow', hidden: true },
  keyColumn(),
  { id: 'ksfId', header: () => 'KSF ID', hidden: true, cell: (r) => r.ksfId ?? null },
];

/** Actuals: the KPI's names linked from Plan, then the 12 months to type. */
export const ACTUALS_COLUMNS: ColumnDecl<KpiRow, Head>[] = [
  ...LINKED_NAMES,
  linked('unit'),
  linked('owner'),
  // Entry cells keep Sheets' Automatic format: a typed 3.5 shows 3.5, a typed 1,234 or ¥1,234 is shown as typed
  // (Sheets infers the format from the typing); a fixed pattern would round 3.5 or show "3." for a whole count.
  { id: 'month', span: 12, header: monthHeader, style: () => INPUT, minWidth: 85 },
  rowColumn('planRow'),
  keyColumn(),
];

export const CENTRED_PCT: CellStyle = { numberFormat: FORMATS.pct, align: 'center' };
const control = (r: KpiRow, id: Control) => controlAt(id, r.w.tables.progress);
/** `AE7:AP7`: the row's own hidden copies of its 12 actuals (`actual`) or targets (`target`). */
const own = (r: KpiRow, id: 'actual' | 'target', from = 0, count = 12) =>
  `${r.here(id, from)}:${r.here(id, from + count - 1)}`;
const COUNT = (r: KpiRow) => `COUNT(${own(r, 'actual')})`;
/** Achievement of the row's column `actual` against its column `target` (achievementFormula). */
const achievementOf = (r: KpiRow, actual: string, target: string, j?: number): Cell =>
  f(`=${achievementFormula(r.here(actual, j), r.here(target, j), r.here('lower'))}`);
/** Blank until the row has an actual; then `average` for an average KPI, `sum` for a sum KPI. */
const onceReported = (r: KpiRow, average: string, sum: string): Cell =>
  f(`=IF(${COUNT(r)}=0, "", IF(${r.here('average')}, ${average}, ${sum}))`);

/** Progress: achievement per month, then the year so far, what it leads to and the status. */
export const PROGRESS_COLUMNS: ColumnDecl<KpiRow, Head>[] = [
  ...LINKED_NAMES,
  linked('owner'),
  {
    // The control row's labels ("Months reported" …) sit in these columns too.
    id: 'month',
    span: 12,
    header: monthHeader,
    style: () => CENTRED_PCT,
    fits: (lang) => [label(lang, 'reported'), label(lang, 'left')],
    cell: (r, j) => achievementOf(r, 'actual', 'target', j),
  },
  // Year to date over the months that have an actual: a missing month is not a 0.
  {
    id: 'ytdTarget',
    header: labelOf('ytdTarget'),
    style: numberStyle(CALC),
    cell: (r) => {
      const sum = `SUMPRODUCT(ARRAYFORMULA(ISNUMBER(${own(r, 'actual')})*1), ${own(r, 'target')})`;
      return onceReported(r, `${sum}/${COUNT(r)}`, sum);
    },
  },
  {
    // Automatic, as the actuals it adds up: the decimals they have (Sheets carries a typed format into the sum).
    id: 'ytdActual',
    header: labelOf('ytdActual'),
    style: () => CALC,
    cell: (r) => onceReported(r, `AVERAGE(${own(r, 'actual')})`, `SUM(${own(r, 'actual')})`),
  },
  {
    id: 'ytdProgress',
    header: labelOf('ytdProgress'),
    style: () => ({ ...CENTRED_PCT, bold: true }),
    cell: (r) => achievementOf(r, 'ytdActual', 'ytdTarget'),
  },
  {
    id: 'pace',
    header: labelOf('pace'),
    style: () => ({ ...CALC, numberFormat: FORMATS.pct }),
    cell: (r) => achievementOf(r, 'paceActual', 'paceTarget'),
  },
  // Run rate: the mean of the reported months × 12 (sum KPIs), the mean itself (average KPIs).
  {
    id: 'forecast',
    header: labelOf('forecast'),
    style: numberStyle(CALC),
    cell: (r) => onceReported(r, `AVERAGE(${own(r, 'actual')})`, `AVERAGE(${own(r, 'actual')})*12`),
  },
  {
    id: 'annualTarget',
    header: labelOf('annualTarget'),
    style: numberStyle(CALC),
    cell: (r) => f(`=${r.plan('annualTarget')}`),
  },
  // What each month left needs: max(0, target − actual so far) ÷ months left; for an average KPI
  // the level the months left must average for the year's mean to meet the target.
  {
    id: 'remaining',
    header: labelOf('remaining'),
    style: numberStyle(CALC),
    cell: (r) => {
      const left = control(r, 'left');
      const target = r.here('annualTarget');
      const total = `IF(${r.here('average')}, ${target}*(${COUNT(r)}+${left}), ${target})`;
      return f(`=IF(OR(${left}=0, NOT(ISNUMBER(${target}))), "", MAX(0, ${total}-SUM(${own(r, 'actual')}))/${left})`);
    },
  },
  // Decided on numbers (the thresholds), worded in the plan's language.
  {
    id: 'status',
    header: labelOf('status'),
    style: () => ({ bold: true, align: 'center' }),
    cell: (r) => {
      const ytd = r.here('ytdProgress');
      const [warn, ok] = [control(r, 'warn'), control(r, 'ok')];
      const words = (['onTrack', 'atRisk', 'offTrack'] as const).map((k) => str(r.w.L(k))).join(', ');
      return f(
        `=IF(${warn}>${ok}, ${str(r.w.L('thresholdOrder'))}, IF(NOT(ISNUMBER(${ytd})), "", ` +
          `CHOOSE(IF(${ytd}>=${ok}, 1, IF(${ytd}>=${warn}, 2, 3)), ${words})))`,
      );
    },
  },
  // Fiscal quarters and halves over their months that have an actual (periodProgress of src/core/periods.ts).
  {
    id: 'quarter',
    span: 4,
    header: (lang, j) => label(lang, 'quarter', { n: j + 1 }),
    style: () => CENTRED_PCT,
    cell: (r, j) => f(`=${periodFormula(r, 3 * j, 3)}`),
  },
  {
    id: 'half',
    span: 2,
    header: (lang, j) => label(lang, j ? 'half2' : 'half1'),
    style: () => CENTRED_PCT,
    cell: (r, j) => f(`=${periodFormula(r, 6 * j, 6)}`),
  },
  // The month achievements as columns in the cell (100% = on target; blank months stay empty).
  {
    id: 'trend',
    header: labelOf('trend'),
    minWidth: 150,
    cell: (r) => f(`=SPARKLINE(${r.here('month')}:${r.here('month', 11)}, ${SPARKLINE_OPTIONS})`),
  },
  // Hidden calc columns.
  { id: 'lower', header: calcHeader('lower'), hidden: true, cell: (r) => f(`=${r.plan('lower')}`) },
  {
    id: 'average',
    header: calcHeader('average'),
    hidden: true,
    cell: (r) => f(`=${r.plan('aggregate')}=TRUE`),
  },
  // Pace: this month's actual so far against its target pro-rated to today (an average KPI's
  // level is not pro-rated); blank outside the fiscal year or before the month has an actual.
  {
    id: 'paceActual',
    header: calcHeader('pace'),
    hidden: true,
    style: numberStyle({}),
    cell: (r) => {
      const month = control(r, 'month');
      const actual = `INDEX(${own(r, 'actual')}, 1, ${month})`;
      return f(`=IF(NOT(ISNUMBER(${month})), "", IF(ISNUMBER(${actual}), ${actual}, ""))`);
    },
  },
  {
    id: 'paceTarget',
    header: calcHeader('target'),
    hidden: true,
    style: numberStyle({}),
    cell: (r) => {
      const today = control(r, 'today');
      const elapsed = `DAY(${today})/DAY(EOMONTH(${today}, 0))`;
      const target = `INDEX(${own(r, 'target')}, 1, ${control(r, 'month')})`;
      return f(`=IF(${r.here('paceActual')}="", "", ${target}*IF(${r.here('average')}, 1, ${elapsed}))`);
    },
  },
  // The row's Plan and Actuals rows (by key), and its months copied from them: every formula above reads
  // only its own row and whole columns, so inserted columns and sorted rows keep each row its KPI's.
  rowColumn('planRow'),
  rowColumn('actualsRow'),
  hiddenMonths('actual', 'actuals', 'month'),
  hiddenMonths('target', 'plan', 'month'),
  keyColumn(),
];

/**
 * Options of the trend sparkline (Sheets' SPARKLINE reference: a column chart from 0; the "" of a month without
 * an actual is not a number, and "nan" "ignore" leaves it out).
 */
export const SPARKLINE_OPTIONS = '{"charttype", "column"; "ymin", 0; "color", "#1a73e8"; "nan", "ignore"}';

/**
 * Achievement over `count` months from `from`, counting only the months that have an actual, as
 * totalOver of src/core/periods.ts: SUM(actuals) ÷ SUMPRODUCT(ARRAYFORMULA(ISNUMBER(actuals) × 1), targets)
 * (the same ratio for average KPIs), lower is better max(0, 2 − that); blank with no actual or a
 * target sum of 0.
 */
export function periodFormula(r: KpiRow, from: number, count: number): string {
  const a = own(r, 'actual', from, count);
  const target = `SUMPRODUCT(ARRAYFORMULA(ISNUMBER(${a})*1), ${own(r, 'target', from, count)})`;
  return (
    `IF(COUNT(${a})=0, "", IF(${target}=0, "", ` +
    `IF(${r.here('lower')}, MAX(0, 2-SUM(${a})/${target}), SUM(${a})/${target})))`
  );
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
export function progressRules(
  progress: RangeRef,
  warn: RangeRef,
  ok: RangeRef,
  layout: Layout = LAYOUT,
): ConditionalFormatSpec[] {
  const W = a1(warn, true);
  const O = a1(ok, true);
  const t = tables(layout).progress;
  const { row, col } = progress;
  /** The sheet column of a Progress column (`progress` starts at the first month). */
  const colOf = (id: string) => col + t.index(id) - t.index('month');
  const ytd = colOf('ytdProgress');
  const rules = (range: RangeRef, x: string): ConditionalFormatSpec[] => [
    { range, formula: `=AND(ISNUMBER(${x}), ${x}>=${O})`, background: COLOURS.ok },
    { range, formula: `=AND(ISNUMBER(${x}), ${x}>=${W}, ${x}<${O})`, background: COLOURS.warn },
    { range, formula: `=AND(ISNUMBER(${x}), ${x}<${W})`, background: COLOURS.bad },
  ];
  const rows = progress.rows ?? 1;
  // Quarters and halves, where the layout has them, by the same thresholds.
  const periods = (['quarter', 'half'] as const)
    .filter((id) => t.has(id))
    .flatMap((id) => {
      const at = colOf(id);
      return rules({ row, col: at, rows, cols: t.range(id, row).cols }, a1({ row, col: at }));
    });
  return [
    ...rules(progress, a1({ row, col })),
    ...rules({ row, col: ytd, rows }, a1({ row, col: ytd })),
    ...rules({ row, col: colOf('status'), rows }, `$${colLetter(ytd)}${row}`),
    ...periods,
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

/** The note the previous version left on Plan!A1 (a legacy workbook: identity.ts refuses it). */
export const NOTE_PREFIX = 'KPI Planner ';

/**
 * The four sheets of a plan as specs. `plan` must be valid (it is normalised here, which
 * throws the validation error otherwise). `checks[i]`: the health-check result the KPI Tree
 * shows for the i-th KPI (plan order). `layout`: the declared columns (tests add one).
 */
export function workbookSpec(
  input: Plan,
  names?: WorkbookNames,
  checks: string[] = [],
  layout: Layout = LAYOUT,
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
  const head: Head = {
    months: { en: fiscalMonths(plan, 'en').map((m) => m.label), ja: fiscalMonths(plan, 'ja').map((m) => m.label) },
  };
  const t = tables(layout, head);
  const money = plan.kgi.unit === 'currency';
  const kgiFormat = money ? moneyFormat(plan.kgi.currency ?? 'JPY') : FORMATS.count;
  const env: Env = {
    lang,
    L,
    rn,
    sheets: S,
    tables: t,
    rows,
    kpiCount: k,
    kgi: (id) => ref(S.plan, { row: kgiRow(id), col: KGI_VALUE_COL }, true),
  };
  /** The KPI rows of one sheet, whose table is `table` and first KPI row `first`. */
  const kpiRows = (table: Table<KpiRow, Head>, first: number): KpiRow[] =>
    kpis.map(({ ksf, kpi, ksfIndex }, i) => {
      const here = (id: string, j?: number) => `${table.col(id, j)}${first + i}`;
      return {
        i,
        row: first + i,
        ksf,
        ksfId: plan.ksfs[ksfIndex].id,
        kpi,
        format: kpiFormat(kpi),
        w: env,
        here,
        plan: (id, j) => lookUp(S.plan, t.plan, here('planRow'), id, j),
        // By the row's own key; a plan without ids (a spec built directly, as tests do) links by position.
        find: {
          plan: kpi.id ? matchKey(here(KEY_COLUMN), S.plan, t.plan) : String(rows.firstKpi + i),
          actuals: kpi.id ? matchKey(here(KEY_COLUMN), S.actuals, t.actuals) : String(ACTUALS_LAYOUT.firstKpi + i),
        },
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
  /**
   * The KGI as a row of `table` on `row`: a sum, higher is better, its targets KGI_MONTHLY_TARGETS
   * and actuals KGI_ACTUALS; `own` gives its cells in the columns where a KPI's would read the KPI
   * table (a column it does not name reads blank).
   */
  const kgiBlock = (
    table: Table<KpiRow, Head>,
    row: number,
    own: Partial<Record<string, Cell>>,
    style: CellStyle = {},
  ) => {
    const kgiKpi = { name: plan.kgi.name, direction: 'higher', aggregate: 'sum' } as KpiRow['kpi'];
    const r: KpiRow = {
      i: -1,
      row,
      ksf: '',
      kpi: kgiKpi,
      format: kgiFormat,
      w: env,
      here: (id, j) => `${table.col(id, j)}${row}`,
      plan: (id) => (id === 'annualTarget' ? rn('KGI_TARGET') : '""'),
      // The KGI's rows, by their keys: its monthly targets' on Plan, its actuals'.
      find: {
        plan: matchKey(str(rowKeys.kgi('monthly')), S.plan, t.plan),
        actuals: matchKey(str(rowKeys.kgi('actuals')), S.actuals, t.actuals),
      },
    };
    const cells = table.cells([r])[0];
    const styles = table.styles([r])[0];
    for (const [id, cell] of Object.entries(own)) {
      if (!table.has(id)) continue;
      cells[table.offset(id)] = cell ?? null;
      styles[table.offset(id)] = { ...styles[table.offset(id)], ...style };
    }
    return { row, col: table.firstCol, cells: [cells], cellStyles: [styles] };
  };

  /** The KGI row's name cells on Actuals and Progress (a formula each, as the KPI rows' links). */
  const kgiNames = { ksf: f(`=${str(L('kgi'))}`), kpi: text(env.kgi('kgi')), owner: f('=""') };

  const identity = (role: SheetRole) => (plan.id ? [sheetMetadata({ planId: plan.id, role })] : []);
  /** Row keys in a table's key column. */
  const keyCells = (table: Table<KpiRow, Head>, keys: { row: number; key: string }[]) =>
    keys.map(({ row, key }) => ({ row, col: table.index(KEY_COLUMN), cells: [[key]], style: HINT }));

  const ranges = {} as Workbook['ranges'];
  /** The named ranges on one sheet. */
  const addRanges = (sheet: string, add: Partial<Record<RangeName, RangeRef>>) => {
    for (const [n, range] of Object.entries(add) as [RangeName, RangeRef][]) ranges[n] = { name: rn(n), sheet, range };
  };

  // ---------------------------------------------------------------- Plan
  addRanges(S.plan, {
    KGI_TARGET: { row: kgiRow('kgiTarget'), col: KGI_VALUE_COL },
    UNIT_VALUE: { row: kgiRow('unitValue'), col: KGI_VALUE_COL },
    FUNNEL_RATES: FUNNEL_TABLE.range('rate', FIRST_STAGE, stages - 1),
    FUNNEL_TARGETS: FUNNEL_TABLE.range('volume', FIRST_STAGE, stages),
    MONTHLY_TARGETS: t.plan.range('month', rows.firstKpi, k),
    KPI_NAMES: t.plan.range('kpi', rows.firstKpi, k),
    KGI_MONTHLY_TARGETS: t.plan.range('month', rows.kpiSection),
    FUNNEL_RATES_ACTUAL: { row: FIRST_STAGE, col: FUNNEL_ACTUAL_COL, rows: stages - 1 },
  });

  const kgiIn = { ...INPUT, numberFormat: kgiFormat };
  // A typed target wins over last year × growth in the plan JSON: the growth cell is then left blank.
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
    growth: [given ? null : (plan.kgi.growthRate ?? null), { ...INPUT, numberFormat: FORMATS.rate }],
    typedTarget: [given ? (plan.kgi.target ?? null) : null, kgiIn],
    kgiTarget: [
      f(kgiTargetFormula(kgiValue('baseline'), kgiValue('growth'), kgiValue('typedTarget'))),
      { ...CALC, numberFormat: kgiFormat, bold: true },
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
  const checkbox = (id: string) => ({
    range: t.plan.range(id, rows.firstKpi, k),
    rule: { kind: 'checkbox' as const, help: L('listHelp') },
  });
  const seasonalityLabel = t.plan.index('month') - 1;
  // Every KGI-block input the formulas read, with its field's rule. Thresholds as percentages (80% is 0.8): a typed
  // 80 would turn every cell green.
  const kgiInput = (id: KgiRow): RangeRef => ({ row: kgiRow(id), col: KGI_VALUE_COL });
  const numberInputs: [RangeRef, PlanNumberField, LabelKey][] = [
    [kgiInput('baseline'), 'kgi.baseline', 'amountHelp'],
    [kgiInput('growth'), 'kgi.growthRate', 'growthHelp'],
    [kgiInput('typedTarget'), 'kgi.target', 'amountHelp'],
    [kgiInput('unitValue'), 'kgi.unitValue', 'amountHelp'],
    [kgiInput('warn'), 'thresholds.warn', 'thresholdHelp'],
    [kgiInput('ok'), 'thresholds.ok', 'thresholdHelp'],
    [ranges.FUNNEL_RATES.range, 'funnel.rates[]', 'rateHelp'],
    [t.plan.range('handTarget', rows.firstKpi, k), 'ksfs[].kpis[].target', 'amountHelp'],
    [t.plan.range('month', rows.seasonality), 'seasonality[]', 'weightHelp'],
  ];
  const numberValidations = numberInputs.map(([range, path, help]) => ({
    range,
    rule: fieldValidation(PLAN_FIELD_KINDS[path], L(help)),
  }));
  // The KGI split by the seasonality to its own decimals: the 12 months add up to it exactly.
  const kgiDecimals = kgiMonthlyDecimals(kgiTarget(plan));
  const seasonalityRow = a1(t.plan.range('months', rows.seasonality), true);
  const kgiMonthly = f(`=KPI_MONTHLY(${rn('KGI_TARGET')}, ${seasonalityRow}, ${kgiDecimals})`);
  /** 12 cells of row `row`, each `=` the same month of its `to` span (the shown months or the hidden ones). */
  const monthRefs = (row: number, to: 'month' | 'months'): Cell[] =>
    Array.from({ length: 12 }, (_, j) => f(`=${t.plan.col(to, j)}${row}`));
  const funnelActual = funnelActualBlock(plan, env, FIRST_STAGE);

  const planSpec: SheetSpec = {
    name: S.plan,
    tabColor: '#1a73e8',
    frozenColumns: 2,
    columnWidths: t.plan.widths(),
    hiddenColumns: t.plan.hidden(),
    blocks: [
      ...top('sheetPlan', 'hintPlan'),
      { row: 4, col: 1, cells: [[L('kgi')]], style: SECTION },
      {
        row: KGI_FIRST_ROW,
        col: KGI_TABLE.firstCol,
        cells: KGI_TABLE.cells(kgiLines),
        cellStyles: KGI_TABLE.styles(kgiLines),
      },
      // The rule of the KGI target, written next to it.
      { row: kgiRow('kgiTarget'), col: KGI_VALUE_COL + 1, cells: [[L('kgiRule')]], style: HINT },
      { row: 16, col: 1, cells: [[L('funnel')]], style: SECTION },
      header(17, FUNNEL_TABLE.headers(lang)),
      {
        row: FIRST_STAGE,
        col: FUNNEL_TABLE.firstCol,
        cells: FUNNEL_TABLE.cells(stageRows),
        cellStyles: FUNNEL_TABLE.styles(stageRows),
      },
      { row: rows.kpiSection, col: 1, cells: [[L('kpis')]], style: SECTION },
      {
        row: rows.seasonality,
        col: seasonalityLabel,
        cells: [[L('seasonality'), ...plan.seasonality]],
        style: { ...INPUT, numberFormat: FORMATS.weight },
        colStyles: [{ ...HINT, align: 'right', numberFormat: undefined }],
      },
      // The KGI's 12 months (one KPI_MONTHLY, spilled in the hidden months), labelled like the seasonality below.
      {
        row: rows.kpiSection,
        col: seasonalityLabel,
        cells: [[L('kgiMonthly'), ...monthRefs(rows.kpiSection, 'months')]],
        style: { ...CALC, bold: true, numberFormat: withDecimals(kgiFormat, kgiDecimals) },
        colStyles: [{ ...HINT, align: 'right', background: undefined, bold: undefined, numberFormat: undefined }],
      },
      // The hidden months from the first stage to the seasonality: the stages' linked actuals, the KGI's split
      // and the seasonality's copy the KPI_MONTHLY calls read (contiguous whatever is inserted between months).
      {
        row: FIRST_STAGE,
        col: t.plan.index('months'),
        cells: [...funnelActual.hidden, [], [kgiMonthly], monthRefs(rows.seasonality, 'month')],
      },
      header(FIRST_STAGE - 1, funnelActual.headers, FUNNEL_ACTUAL_COL),
      funnelActual.block,
      header(rows.header, t.plan.headers(lang)),
      tableBlock(t.plan, rows.firstKpi),
      // The keys of the rows a reader finds (identity.ts), in the hidden key column.
      ...keyCells(t.plan, [
        ...KGI_ROWS.map((id) => ({ row: kgiRow(id), key: rowKeys.kgi(id) })),
        ...plan.funnel.stages.map((_, i) => ({ row: FIRST_STAGE + i, key: rowKeys.stage(i) })),
        { row: rows.kpiSection, key: rowKeys.kgi('monthly') },
        { row: rows.seasonality, key: rowKeys.seasonality },
        { row: rows.header, key: rowKeys.header },
      ]),
    ],
    sheetMetadata: identity('plan'),
    conditionalFormats: funnelActual.rules,
    validations: [...numberValidations, checkbox('direction'), checkbox('aggregate')],
  };

  // ---------------------------------------------------------------- Actuals
  addRanges(S.actuals, {
    ACTUALS: t.actuals.range('month', ACTUALS_LAYOUT.firstKpi, k),
    KGI_ACTUALS: t.actuals.range('month', kgiActualsRow(k)),
  });
  const actualsSpec: SheetSpec = {
    name: S.actuals,
    tabColor: '#188038',
    frozenRows: ACTUALS_LAYOUT.header,
    frozenColumns: 2,
    columnWidths: t.actuals.widths(),
    blocks: [
      ...top('sheetActuals', 'hintActuals'),
      header(ACTUALS_LAYOUT.header, t.actuals.headers(lang)),
      tableBlock(t.actuals, ACTUALS_LAYOUT.firstKpi),
      kgiBlock(t.actuals, kgiActualsRow(k), { ...kgiNames, unit: text(env.kgi('kgiUnit')) }, { ...CALC, bold: true }),
      // The row keys last: later blocks win where they overlap (the KGI's row spans the key column).
      ...keyCells(t.actuals, [
        { row: ACTUALS_LAYOUT.header, key: rowKeys.header },
        { row: kgiActualsRow(k), key: rowKeys.kgi('actuals') },
      ]),
    ],
    hiddenColumns: t.actuals.hidden(),
    sheetMetadata: identity('actuals'),
    validations: [
      { range: ranges.ACTUALS.range, rule: { kind: 'numberAtLeast', min: 0, help: L('actualsHelp') } },
      { range: ranges.KGI_ACTUALS.range, rule: { kind: 'numberAtLeast', min: 0, help: L('actualsHelp') } },
    ],
  };

  // ---------------------------------------------------------------- Progress
  const controls = PROGRESS_LAYOUT.controls;
  const controlCell = (id: Control) => controlAt(id, t.progress);
  addRanges(S.progress, {
    THRESHOLD_WARN: { row: controls, col: controlCol('warn', t.progress) },
    THRESHOLD_OK: { row: controls, col: controlCol('ok', t.progress) },
    PROGRESS: t.progress.range('month', PROGRESS_LAYOUT.firstKpi, k),
    KGI_PROGRESS: t.progress.range('month', PROGRESS_LAYOUT.kgi),
    // Quarters and halves: the KGI first, then the KPIs (KPI_NAMES order).
    QUARTER_PROGRESS: t.progress.range('quarter', PROGRESS_LAYOUT.kgi, k + 1),
    HALF_PROGRESS: t.progress.range('half', PROGRESS_LAYOUT.kgi, k + 1),
  });
  const threshold = { ...CALC, numberFormat: FORMATS.pct, bold: true };
  const fyStart = env.kgi('fyStart');
  const today = controlCell('today');
  const ownActuals = a1(t.progress.range('actual', PROGRESS_LAYOUT.firstKpi, k), true);
  const controlCells: Record<Control, [Cell, CellStyle]> = {
    warn: [f(`=${env.kgi('warn')}`), { ...threshold, background: COLOURS.warn }],
    ok: [f(`=${env.kgi('ok')}`), { ...threshold, background: COLOURS.ok }],
    // The latest month with any actual (the KPI rows' hidden copies: 12 columns whatever Actuals gets inserted).
    reported: [f(`=MAX(ARRAYFORMULA((${ownActuals}<>"")*{${Array.from({ length: 12 }, (_, i) => i + 1)}}))`), CALC],
    left: [f(`=12-${controlCell('reported')}`), CALC],
    today: [f('=TODAY()'), { ...CALC, numberFormat: FORMATS.date }],
    // Today's month of the fiscal year (1–12), blank outside it: what pace compares.
    month: [
      f(
        `=IF(OR(${today}<${fyStart}, ${today}>${env.kgi('fyEnd')}), "", ` +
          `(YEAR(${today})-YEAR(${fyStart}))*12+MONTH(${today})-MONTH(${fyStart})+1)`,
      ),
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
        row: controls,
        col: 1,
        cells: [CONTROLS.flatMap((id) => [L(id), controlCells[id][0]])],
        cellStyles: [CONTROLS.flatMap((id) => [RIGHT, controlCells[id][1]])],
      },
      ...(['today', 'month'] as const).map((id) => ({
        row: controls,
        col: controlCol(id, t.progress),
        cells: [[controlCells[id][0]]],
        style: controlCells[id][1],
      })),
      header(PROGRESS_LAYOUT.header, t.progress.headers(lang)),
      // Formulas like the KPI rows' (one formula rectangle for the table): the KGI is a sum, higher is better.
      kgiBlock(
        t.progress,
        PROGRESS_LAYOUT.kgi,
        { ...kgiNames, lower: f('=FALSE'), average: f('=FALSE') },
        { bold: true },
      ),
      tableBlock(t.progress, PROGRESS_LAYOUT.firstKpi),
      ...keyCells(t.progress, [
        { row: controls, key: rowKeys.controls },
        { row: PROGRESS_LAYOUT.header, key: rowKeys.header },
      ]),
    ],
    sheetMetadata: identity('progress'),
    // One set of rules over the KGI row and the KPI rows below it.
    conditionalFormats: progressRules(
      { ...ranges.KGI_PROGRESS.range, rows: k + 1 },
      ranges.THRESHOLD_WARN.range,
      ranges.THRESHOLD_OK.range,
      layout,
    ),
  };

  // ---------------------------------------------------------------- KPI Tree
  const planCell = (i: number, id: string) => ref(S.plan, { row: rows.firstKpi + i, col: t.plan.index(id) });
  const kgiText = (id: KgiRow) => ref(S.plan, { row: kgiRow(id), col: KGI_VALUE_COL });
  // Year-to-date achievement from Progress: the KGI's row, then each KPI's (found by key, whatever the sort).
  const ytdOf = (row: number) => f(`=${ref(S.progress, { row, col: t.progress.index('ytdProgress') })}`);
  const ytdByKey = (id: string) =>
    f(`=${lookUp(S.progress, t.progress, matchKey(str(rowKeys.kpi(id)), S.progress, t.progress), 'ytdProgress')}`);
  const treeLines: TreeLine[] = [
    {
      cells: {
        tree: f(`="KGI: "&${kgiText('kgi')}`),
        target: f(`=${rn('KGI_TARGET')}`),
        unit: text(kgiText('kgiUnit')),
        ytd: ytdOf(PROGRESS_LAYOUT.kgi),
      },
      styles: {
        tree: { bold: true, fontSize: 12 },
        target: { bold: true, numberFormat: kgiFormat },
        ytd: { ...CENTRED_PCT, bold: true },
      },
    },
  ];
  let index = 0;
  plan.ksfs.forEach((ksf, si) => {
    const lastKsf = si === plan.ksfs.length - 1;
    const branch = lastKsf ? '└─ ' : '├─ ';
    treeLines.push({
      cells: {
        tree: ksf.kpis.length ? f(`=${str(`${branch}KSF: `)}&${planCell(index, 'ksf')}`) : `${branch}KSF: ${ksf.name}`,
      },
      // The KSF row's target cell is blank; its format keeps the target column one block.
      styles: { tree: BOLD, target: { numberFormat: kgiFormat }, ytd: CENTRED_PCT },
    });
    ksf.kpis.forEach((kpi, ki) => {
      const glyph = `${lastKsf ? '    ' : '│   '}${ki === ksf.kpis.length - 1 ? '└─ ' : '├─ '}`;
      const check = checks[index] ?? '';
      treeLines.push({
        cells: {
          tree: f(`=${str(glyph)}&${planCell(index, 'kpi')}`),
          target: f(`=${planCell(index, 'annualTarget')}`),
          ytd: kpi.id ? ytdByKey(kpi.id) : ytdOf(PROGRESS_LAYOUT.firstKpi + index),
          unit: text(planCell(index, 'unit')),
          owner: text(planCell(index, 'owner')),
          check,
        },
        styles: {
          target: { numberFormat: kpiFormat(kpi) },
          ytd: CENTRED_PCT,
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
      ...top('sheetTree', 'hintTree'),
      header(3, TREE_TABLE.headers(lang)),
      {
        row: 4,
        col: TREE_TABLE.firstCol,
        cells: TREE_TABLE.cells(treeLines),
        cellStyles: TREE_TABLE.styles(treeLines),
      },
    ],
    sheetMetadata: identity('tree'),
  };

  // Named ranges go on the sheet that holds them.
  // Each reader's columns are found by the hidden column-key row (identity.ts).
  const specs = [
    treeSpec,
    withColumnKeys(planSpec, [
      { table: t.plan },
      { table: KGI_TABLE, prefix: 'kgi.' },
      { table: FUNNEL_TABLE, prefix: 'funnel.' },
    ]),
    withColumnKeys(actualsSpec, [{ table: t.actuals }]),
    withColumnKeys(progressSpec, [{ table: t.progress }]),
  ];
  for (const n of RANGE_NAMES) {
    const r = ranges[n];
    const spec = specs.find((s) => s.name === r.sheet)!;
    spec.namedRanges ??= [];
    spec.namedRanges.push({ name: r.name, range: r.range });
  }
  return { plan, names, sheets: specs, ranges, tables: t };
}
