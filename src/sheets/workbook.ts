/**
 * The planner workbook as data: KPI Tree, Plan, Actuals and Progress for one plan, with the
 * named ranges of PRODUCT.md, live formulas throughout and the progress colours.
 *
 * Every block is sized by the plan, but the number of custom-function (KPI_*) cells is fixed:
 * 2 on Plan (funnel, monthly targets) and 6 on Progress (progress, YTD achievement, pace,
 * forecast, remaining, status), each filling a whole KPIs × months or KPIs × 1 block.
 * Pure: no Apps Script.
 */
import type { Currency, Lang, Plan } from '../core/plan';
import { fiscalMonths } from '../core/report';
import { normalizePlan, planKpis, type NormalizedPlan } from '../core/validate';
import { label, type LabelKey } from './labels';
import { a1, type Cell, type CellStyle, colLetter as C, type ConditionalFormatSpec, f, type RangeRef, ref, type SheetSpec, str } from './spec';

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
  sheets: { tree: label(lang, 'sheetTree'), plan: label(lang, 'sheetPlan'), actuals: label(lang, 'sheetActuals'), progress: label(lang, 'sheetProgress') },
  suffix: '',
});

// ---------------------------------------------------------------------------------------
// Layout (1-based rows/columns). The named ranges are the public contract; this is the detail
// the report (PLAN rows) and tests read.

// Plan: the KGI block is column B rows 5–14, the funnel from row 18, then the KPI table.
const KGI_NAME = 5, KGI_UNIT = 6, BASELINE = 7, GROWTH = 8, KGI_TARGET = 9, UNIT_VALUE = 10, FY_START = 11, FY_END = 12, WARN = 13, OK = 14, FIRST_STAGE = 18;
// KPI table columns of Plan (month1 … month1 + 11 are the monthly targets; lower, split and level are calc).
const P_KSF = 1, P_KPI = 2, P_UNIT = 3, P_OWNER = 4, P_DIRECTION = 5, P_AGGREGATE = 6, P_TARGET = 9, P_MONTH1 = 10, P_LOWER = 22, P_SPLIT = 23, P_LEVEL = 24;
/** What the report reads back from the Plan sheet. */
export const PLAN = { warn: WARN, ok: OK, month1: P_MONTH1 } as const;
/** Actuals: header row 3, KPIs from row 4, months from column E. */
const A_FIRST = 4;
const A_MONTH1 = 5;
/** Progress: thresholds and months reported/left on row 3, header row 5, KPIs from row 6. */
export const PROGRESS_LAYOUT = { controls: 3, header: 5, firstKpi: 6 } as const;
// Progress columns: D–O months, then the summary, then calc helpers.
const G_MONTH1 = 4, G_YTD_TARGET = 16, G_YTD_ACTUAL = 17, G_YTD_PROGRESS = 18, G_TARGET = 21, G_STATUS = 23, G_PACE_TARGET = 24, G_FORECAST_RAW = 25, G_REM_TARGET = 26, G_REM_ACTUAL = 27, G_REMAINING_RAW = 28;
const LEFT = '$H$3';

/** Plan rows that depend on the funnel length (number of stages). */
export function planRows(stages: number) {
  const kpiSection = FIRST_STAGE + stages + 1;
  return { lastStage: kpiSection - 2, kpiSection, seasonality: kpiSection + 1, header: kpiSection + 2, firstKpi: kpiSection + 3 };
}

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

/** The number format a KPI's values get, from its unit and aggregate. */
export function kpiFormat(kpi: { unit?: string; aggregate?: 'sum' | 'average' }): string {
  const u = (kpi.unit ?? '').trim().toLowerCase();
  if (['%', '％', 'percent'].includes(u)) return FORMATS.rate;
  for (const [c, units] of [['JPY', '¥ 円 jpy yen'], ['USD', '$ usd ドル'], ['EUR', '€ eur ユーロ']] as const) {
    if (units.split(' ').includes(u)) return moneyFormat(c);
  }
  return kpi.aggregate === 'average' ? FORMATS.level : FORMATS.count;
}

/** Conditional-format rules for Progress: colours of the PROGRESS block, the YTD achievement and status columns. */
export function progressRules(progress: RangeRef, warn: RangeRef, ok: RangeRef): ConditionalFormatSpec[] {
  const W = a1(warn, true);
  const O = a1(ok, true);
  const { row, col } = progress;
  const ytd = col + G_YTD_PROGRESS - G_MONTH1;
  const rules = (range: RangeRef, x: string): ConditionalFormatSpec[] => [
    { range, formula: `=AND(ISNUMBER(${x}), ${x}>=${O})`, background: COLOURS.ok },
    { range, formula: `=AND(ISNUMBER(${x}), ${x}>=${W}, ${x}<${O})`, background: COLOURS.warn },
    { range, formula: `=AND(ISNUMBER(${x}), ${x}<${W})`, background: COLOURS.bad },
  ];
  const rows = progress.rows ?? 1;
  return [
    ...rules(progress, a1({ row, col })),
    ...rules({ row, col: ytd, rows }, a1({ row, col: ytd })),
    ...rules({ row, col: col + G_STATUS - G_MONTH1, rows }, `$${C(ytd)}${row}`),
  ];
}

export interface Workbook {
  plan: NormalizedPlan;
  names: WorkbookNames;
  /** In order: KPI Tree, Plan, Actuals, Progress. */
  sheets: SheetSpec[];
  /** Every named range: its full name (with suffix) and where it is. */
  ranges: Record<RangeName, { name: string; sheet: string; range: RangeRef }>;
}

/** What the note on the Plan sheet's title records, for the monthly report to read back. */
export interface PlanNote {
  lang: Lang;
  name: string;
  startYear: number;
  startMonth: number;
}
export const NOTE_PREFIX = 'KPI Planner ';

const box = (col: number, row: number, rows: number, cols = 1): RangeRef => ({ row, col, rows, cols });
const widths = (...w: number[][]) => w.map(([col, width, count = 1]) => ({ col, width, count }));
const text = (r: string) => f(`${r}&""`);

/**
 * The four sheets of a plan as specs. `plan` must be valid (it is normalised here, which
 * throws the validation error otherwise).
 */
/** `checks[i]`: the health-check result the KPI Tree shows for the i-th KPI (plan order). */
export function workbookSpec(input: Plan, names?: WorkbookNames, checks: string[] = []): Workbook {
  const plan = normalizePlan(input);
  const lang = plan.locale;
  names ??= defaultNames(lang);
  const L = (k: LabelKey, p?: Record<string, string>) => label(lang, k, p);
  const calc = (k: LabelKey) => `${L('calc')}: ${L(k)}`;
  const S = names.sheets;
  const rn = (n: RangeName) => `${n}${names.suffix}`;

  const kpis = planKpis(plan);
  const k = kpis.length;
  const stages = plan.funnel.stages.length;
  const pr = planRows(stages);
  const months = fiscalMonths(plan, lang).map((m) => m.label);
  const money = plan.kgi.unit === 'currency';
  const kgiFormat = money ? moneyFormat(plan.kgi.currency ?? 'JPY') : FORMATS.count;
  const fmts = kpis.map(({ kpi }) => kpiFormat(kpi));
  const planRow = (i: number) => pr.firstKpi + i;
  const pref = (row: number, col: number, abs = false) => ref(S.plan, { row, col }, abs);
  const avgLabel = str(L('average'));
  const header = (row: number, cells: string[]) => ({ row, col: 1, cells: [cells], style: HEADER });
  const top = (sheet: LabelKey, hint: LabelKey, note?: string) => [
    { row: 1, col: 1, cells: [[`${plan.name} — ${L(sheet)}`]], style: { ...TITLE, note } },
    { row: 2, col: 1, cells: [[L(hint)]], style: HINT },
  ];
  const perKpi = <T>(fn: (i: number) => T) => kpis.map((_, i) => fn(i));

  const ranges = {} as Workbook['ranges'];
  const addRange = (n: RangeName, sheet: string, range: RangeRef) => (ranges[n] = { name: rn(n), sheet, range });

  // ---------------------------------------------------------------- Plan
  addRange('KGI_TARGET', S.plan, { row: KGI_TARGET, col: 2 });
  addRange('UNIT_VALUE', S.plan, { row: UNIT_VALUE, col: 2 });
  addRange('FUNNEL_RATES', S.plan, box(2, FIRST_STAGE, stages - 1));
  addRange('FUNNEL_TARGETS', S.plan, box(3, FIRST_STAGE, stages));
  addRange('MONTHLY_TARGETS', S.plan, box(P_MONTH1, pr.firstKpi, k, 12));
  addRange('KPI_NAMES', S.plan, box(P_KPI, pr.firstKpi, k));

  const kgiIn = { ...INPUT, numberFormat: kgiFormat };
  const given = input.kgi.target !== undefined;
  const date = { ...CALC, numberFormat: FORMATS.date };
  const pct = { ...INPUT, numberFormat: FORMATS.pct };
  const { startYear, startMonth } = plan.fiscalYear;
  // A KGI from last year's value and growth is a formula, rounded so that 1e8 × 1.1 reads 110,000,000.
  const kgiRows: [LabelKey, Cell, CellStyle][] = [
    ['kgi', plan.kgi.name, INPUT],
    ['kgiUnit', money ? L('unitMoney', { currency: plan.kgi.currency ?? 'JPY' }) : L('unitCount'), CALC],
    ['baseline', plan.kgi.baseline ?? null, kgiIn],
    ['growth', plan.kgi.growthRate ?? null, { ...INPUT, numberFormat: FORMATS.rate }],
    ['kgiTarget', given ? plan.kgi.target : f(`=ROUND(B${BASELINE}*(1+B${GROWTH}), 6)`), { ...(given ? INPUT : CALC), numberFormat: kgiFormat, bold: true }],
    ['unitValue', money ? (plan.kgi.unitValue ?? null) : null, kgiIn],
    ['fyStart', f(`=DATE(${startYear},${startMonth},1)`), date],
    ['fyEnd', f(`=EDATE(B${FY_START},12)-1`), date],
    ['warn', plan.thresholds.warn, pct],
    ['ok', plan.thresholds.ok, pct],
  ];

  const stageRows: Cell[][] = plan.funnel.stages.map((s, i) => [
    s.name,
    i < stages - 1 ? plan.funnel.rates[i] : null,
    i ? null : f(`=KPI_FUNNEL(${rn('KGI_TARGET')}, ${rn('FUNNEL_RATES')}, ${rn('UNIT_VALUE')})`),
  ]);
  const wr = pr.seasonality;
  const last = pr.firstKpi + k - 1;
  const planCol = (c: number) => `${C(c)}${pr.firstKpi}:${C(c)}${last}`;

  // A KPI's funnel stage is linked by position (its name follows a renamed stage); a target
  // typed by hand wins over the stage's volume.
  const kpiTable: Cell[][] = kpis.map(({ ksf, kpi }, i) => {
    const r = planRow(i);
    const stage = kpi.stage;
    return [
      ksf, kpi.name, kpi.unit, kpi.owner, L(kpi.direction), L(kpi.aggregate),
      stage === undefined ? null : text(`A${FIRST_STAGE + stage}`),
      kpi.target ?? null,
      f(`=IF(ISNUMBER(H${r}), H${r}, ${stage === undefined ? '""' : `INDEX(${rn('FUNNEL_TARGETS')}, ${stage + 1})`})`),
      i ? null : f(`=ARRAYFORMULA(KPI_MONTHLY(${planCol(P_SPLIT)}, ${C(P_MONTH1)}$${wr}:${C(P_MONTH1 + 11)}$${wr}) + ${planCol(P_LEVEL)} * {${Array(12).fill(1)}})`),
      ...Array<Cell>(11).fill(null),
      f(`=E${r}=${str(L('lower'))}`),
      f(`=IF(F${r}=${avgLabel}, 0, I${r})`),
      f(`=IF(F${r}=${avgLabel}, I${r}, 0)`),
    ];
  });
  const kpiStyles = perKpi((i): CellStyle[] => {
    const fmt = { numberFormat: fmts[i] };
    return [
      ...Array(6).fill(INPUT), CALC, { ...INPUT, ...fmt }, { ...CALC, ...fmt, bold: true },
      ...Array(12).fill({ ...CALC, ...fmt }),
    ];
  });
  const list = (col: number, values: string[]) => ({ range: box(col, pr.firstKpi, k), rule: { kind: 'list' as const, values, help: L('listHelp') } });

  const planSpec: SheetSpec = {
    name: S.plan,
    tabColor: '#1a73e8',
    frozenColumns: 2,
    columnWidths: widths([1, 230], [2, 200], [3, 110], [4, 120], [5, 110, 2], [7, 130], [8, 120, 2], [P_MONTH1, 80, 12], [P_LOWER, 90, 3]),
    hiddenColumns: [{ col: P_LOWER, count: 3 }],
    blocks: [
      // The note says, for the report, the plan's language, fiscal year and name.
      ...top('sheetPlan', 'hintPlan', NOTE_PREFIX + JSON.stringify({ lang, name: plan.name, startYear, startMonth } satisfies PlanNote)),
      { row: 4, col: 1, cells: [[L('kgi')]], style: SECTION },
      { row: KGI_NAME, col: 1, cells: kgiRows.map((r) => [L(r[0]), r[1]]), colStyles: [BOLD], cellStyles: kgiRows.map((r) => [undefined, r[2]]) },
      { row: 16, col: 1, cells: [[L('funnel')]], style: SECTION },
      header(17, [L('stage'), L('rate'), L('volume')]),
      {
        row: FIRST_STAGE, col: 1, cells: stageRows,
        colStyles: [INPUT, { ...INPUT, numberFormat: FORMATS.rate }, { ...CALC, numberFormat: FORMATS.count, bold: true }],
      },
      // The wins stage has no rate to the next stage.
      { row: pr.lastStage, col: 2, style: CALC },
      { row: pr.kpiSection, col: 1, cells: [[L('kpis')]], style: SECTION },
      { row: wr, col: P_TARGET, cells: [[L('seasonality'), ...plan.seasonality]], style: { ...INPUT, numberFormat: FORMATS.weight }, colStyles: [{ ...HINT, align: 'right' }] },
      header(pr.header, [
        L('ksf'), L('kpi'), L('unit'), L('owner'), L('direction'), L('aggregate'), L('funnelStage'), L('handTarget'), L('annualTarget'),
        ...months, calc('lower'), calc('sum'), calc('average'),
      ]),
      { row: pr.firstKpi, col: 1, cells: kpiTable, cellStyles: kpiStyles },
    ],
    validations: [
      { range: box(2, FIRST_STAGE, stages - 1), rule: { kind: 'numberBetween', min: 0.0001, max: 1, help: L('rateHelp') } },
      // Thresholds as percentages (80% is 0.8): a typed 80 would turn every cell green.
      { range: box(2, WARN, 2), rule: { kind: 'numberBetween', min: 0, max: 2, help: L('thresholdHelp') } },
      list(P_DIRECTION, [L('higher'), L('lower')]),
      list(P_AGGREGATE, [L('sum'), L('average')]),
    ],
  };

  // ---------------------------------------------------------------- Actuals
  addRange('ACTUALS', S.actuals, box(A_MONTH1, A_FIRST, k, 12));
  const actualsSpec: SheetSpec = {
    name: S.actuals,
    tabColor: '#188038',
    frozenRows: 3,
    frozenColumns: 2,
    columnWidths: widths([1, 200], [2, 200], [3, 110, 2], [A_MONTH1, 85, 12]),
    blocks: [
      ...top('sheetActuals', 'hintActuals'),
      header(3, [L('ksf'), L('kpi'), L('unit'), L('owner'), ...months]),
      { row: A_FIRST, col: 1, cells: perKpi((i) => [P_KSF, P_KPI, P_UNIT, P_OWNER].map((c) => text(pref(planRow(i), c)))), style: CALC, colStyles: [undefined, BOLD] },
      { row: A_FIRST, col: A_MONTH1, rows: k, cols: 12, cellStyles: perKpi((i) => Array(12).fill({ ...INPUT, numberFormat: fmts[i] })) },
    ],
    validations: [{ range: ranges.ACTUALS.range, rule: { kind: 'numberAtLeast', min: 0, help: L('actualsHelp') } }],
  };

  // ---------------------------------------------------------------- Progress
  addRange('THRESHOLD_WARN', S.progress, { row: 3, col: 2 });
  addRange('THRESHOLD_OK', S.progress, { row: 3, col: 4 });
  addRange('PROGRESS', S.progress, box(G_MONTH1, 6, k, 12));
  const first = 6;
  const pcol = (c: number) => `${C(c)}${first}:${C(c)}${first + k - 1}`;
  // Lower-is-better flags: the Plan's calc column (formulas may read other sheets; only the colour rules may not).
  const lowerFlags = ref(S.plan, box(P_LOWER, pr.firstKpi, k));
  const only = (i: number, formula: string) => (i ? null : f(formula));
  const centered: CellStyle = { numberFormat: FORMATS.pct, align: 'center' };
  // Progress after the months, one column each: header, formula for KPI i on row r (a = its
  // actuals, avg = "is an average KPI", x(c) = column c of this row), style (null: calculated,
  // in the KPI's number format).
  type Col = [string, (i: number, a: string, avg: string, x: (c: number) => string) => Cell, CellStyle | null];
  const columns: Col[] = [
    [L('ytdTarget'), (i, a, avg) => {
      const sumIf = `SUMIF(${a}, "<>", ${ref(S.plan, box(P_MONTH1, planRow(i), 1, 12))})`;
      return f(`=IF(COUNT(${a})=0, "", IF(${avg}, ${sumIf}/COUNT(${a}), ${sumIf}))`);
    }, null],
    [L('ytdActual'), (_, a, avg) => f(`=IF(COUNT(${a})=0, "", IF(${avg}, AVERAGE(${a}), SUM(${a})))`), null],
    [L('ytdProgress'), (i) => only(i, `=KPI_PROGRESS(${pcol(G_YTD_ACTUAL)}, ${pcol(G_YTD_TARGET)}, ${lowerFlags})`), { ...centered, bold: true }],
    [L('pace'), (i) => only(i, `=KPI_PACE(${pcol(G_YTD_ACTUAL)}, ${pcol(G_PACE_TARGET)}, ${pref(FY_START, 2, true)}, ${pref(FY_END, 2, true)}, TODAY())`), { ...CALC, numberFormat: FORMATS.pct }],
    [L('forecast'), (_, a, avg, x) => f(`=IF(${x(G_FORECAST_RAW)}="", "", IF(${avg}, ${x(G_FORECAST_RAW)}/12, ${x(G_FORECAST_RAW)}))`), null],
    [L('annualTarget'), (i) => f(`=${pref(planRow(i), P_TARGET)}`), null],
    [L('remaining'), (_, a, avg, x) => f(`=IF(${LEFT}=0, "", ${x(G_REMAINING_RAW)})`), null],
    [L('status'), (i) => only(i, `=KPI_STATUS(${pcol(G_YTD_PROGRESS)}, ${rn('THRESHOLD_WARN')}, ${rn('THRESHOLD_OK')}, "${lang}")`), { bold: true, align: 'center' }],
    // Hidden calc columns.
    [calc('pace'), (_, a, avg, x) => f(`=IF(${avg}, "", ${x(G_TARGET)})`), {}],
    [calc('forecast'), (i) => only(i, `=KPI_FORECAST(${rn('ACTUALS')})`), {}],
    [calc('target'), (_, a, avg, x) => f(`=IF(${avg}, ${x(G_TARGET)}*(COUNT(${a})+${LEFT}), ${x(G_TARGET)})`), {}],
    [calc('ytdActual'), (_, a) => f(`=SUM(${a})`), {}],
    [calc('remaining'), (i) => only(i, `=KPI_REMAINING(${pcol(G_REM_TARGET)}, ${pcol(G_REM_ACTUAL)}, MAX(1, ${LEFT}))`), {}],
  ];
  const progressRows: Cell[][] = perKpi((i) => {
    const a = ref(S.actuals, box(A_MONTH1, A_FIRST + i, 1, 12));
    const avg = `${pref(planRow(i), P_AGGREGATE)}=${avgLabel}`;
    const x = (c: number) => `${C(c)}${first + i}`;
    return [
      ...[P_KSF, P_KPI, P_OWNER].map((c) => text(pref(planRow(i), c))),
      only(i, `=KPI_PROGRESS(${rn('ACTUALS')}, ${rn('MONTHLY_TARGETS')}, ${lowerFlags})`),
      ...Array<Cell>(11).fill(null),
      ...columns.map((c) => c[1](i, a, avg, x)),
    ];
  });
  const progressStyles = perKpi((i): CellStyle[] => [CALC, { ...CALC, bold: true }, CALC, ...Array(12).fill(centered), ...columns.map((c) => c[2] ?? { ...CALC, numberFormat: fmts[i] })]);
  const threshold = { ...CALC, numberFormat: FORMATS.pct, bold: true };
  const progressSpec: SheetSpec = {
    name: S.progress,
    tabColor: '#f9ab00',
    frozenRows: 5,
    frozenColumns: 2,
    columnWidths: widths([1, 200], [2, 200], [3, 110], [G_MONTH1, 75, 12], [G_YTD_TARGET, 110, 7], [G_STATUS, 90], [G_PACE_TARGET, 90, 5]),
    hiddenColumns: [{ col: G_PACE_TARGET, count: 5 }],
    blocks: [
      ...top('sheetProgress', 'hintProgress'),
      {
        row: 3, col: 1,
        cells: [[
          L('warn'), f(`=${pref(WARN, 2, true)}`), L('ok'), f(`=${pref(OK, 2, true)}`),
          L('reported'), f(`=MAX(ARRAYFORMULA((${rn('ACTUALS')}<>"")*{${Array.from({ length: 12 }, (_, i) => i + 1)}}))`), L('left'), f('=12-F3'),
        ]],
        cellStyles: [[RIGHT, { ...threshold, background: COLOURS.warn }, RIGHT, { ...threshold, background: COLOURS.ok }, RIGHT, CALC, RIGHT, CALC]],
      },
      header(5, [L('ksf'), L('kpi'), L('owner'), ...months, ...columns.map((c) => c[0])]),
      { row: first, col: 1, cells: progressRows, cellStyles: progressStyles },
    ],
    conditionalFormats: progressRules(ranges.PROGRESS.range, ranges.THRESHOLD_WARN.range, ranges.THRESHOLD_OK.range),
  };

  // ---------------------------------------------------------------- KPI Tree
  const treeRows: Cell[][] = [[f(`="KGI: "&${pref(KGI_NAME, 2)}`), f(`=${rn('KGI_TARGET')}`), text(pref(KGI_UNIT, 2))]];
  const treeStyles: CellStyle[][] = [[{ bold: true, fontSize: 12 }, { bold: true, numberFormat: kgiFormat }]];
  let index = 0;
  plan.ksfs.forEach((ksf, si) => {
    const lastKsf = si === plan.ksfs.length - 1;
    const branch = lastKsf ? '└─ ' : '├─ ';
    treeRows.push([ksf.kpis.length ? f(`=${str(`${branch}KSF: `)}&${pref(planRow(index), P_KSF)}`) : `${branch}KSF: ${ksf.name}`]);
    treeStyles.push([BOLD]);
    ksf.kpis.forEach((_, ki) => {
      const r = planRow(index);
      const glyph = `${lastKsf ? '    ' : '│   '}${ki === ksf.kpis.length - 1 ? '└─ ' : '├─ '}`;
      const check = checks[index] ?? '';
      treeRows.push([f(`=${str(glyph)}&${pref(r, P_KPI)}`), f(`=${pref(r, P_TARGET)}`), text(pref(r, P_UNIT)), text(pref(r, P_OWNER)), check]);
      treeStyles.push([{}, { numberFormat: fmts[index++] }, {}, {}, { background: check.startsWith('⚠') ? COLOURS.warn : undefined, wrap: true }]);
    });
  });
  const treeSpec: SheetSpec = {
    name: S.tree,
    tabColor: '#9334e6',
    frozenRows: 3,
    columnWidths: widths([1, 380], [2, 140], [3, 130, 2], [5, 360]),
    blocks: [
      ...top('sheetTree', 'hintTree'),
      header(3, ['KGI → KSF → KPI', L('target'), L('unit'), L('owner'), L('check')]),
      { row: 4, col: 1, cells: treeRows, cellStyles: treeStyles },
    ],
  };

  // Named ranges go on the sheet that holds them.
  const specs = [treeSpec, planSpec, actualsSpec, progressSpec];
  for (const n of RANGE_NAMES) {
    const r = ranges[n];
    (specs.find((s) => s.name === r.sheet)!.namedRanges ??= []).push({ name: r.name, range: r.range });
  }
  return { plan, names, sheets: specs, ranges };
}
