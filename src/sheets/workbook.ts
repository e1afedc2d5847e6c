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
import { normalizePlan, planKpis, type NormalizedKpi, type NormalizedPlan } from '../core/validate';
import { fiscalMonths, label, monthLabel, type LabelKey } from './labels';
import {
  a1, type Cell, type CellStyle, colLetter, type ConditionalFormatSpec, f, type RangeRef, ref, type SheetSpec, str,
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

/** A health-check finding (src/core/health.ts) as the KPI Tree shows it. */
export interface TreeFinding {
  level: 'error' | 'warning';
  message: string;
}

export interface WorkbookOptions {
  names?: WorkbookNames;
  /** Findings per KPI in plan order (`kpiFindings[i]` for the i-th KPI of planKpis), and about the plan as a whole. */
  findings?: { kpis: TreeFinding[][]; plan: TreeFinding[] };
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
// Layout: where everything lives (1-based rows/columns). Exported for the report, the
// preview and tests; the named ranges are the public contract, this is the detail.

export const PLAN = {
  title: 1,
  hint: 2,
  kgiSection: 4,
  kgiName: 5,
  kgiUnit: 6,
  baseline: 7,
  growth: 8,
  kgiTarget: 9,
  unitValue: 10,
  fyStart: 11,
  fyEnd: 12,
  warn: 13,
  ok: 14,
  funnelSection: 16,
  funnelHeader: 17,
  firstStage: 18,
  /** KPI table columns. */
  col: { ksf: 1, kpi: 2, unit: 3, owner: 4, direction: 5, aggregate: 6, stage: 7, hand: 8, target: 9, month1: 10, lower: 22, split: 23, level: 24 },
} as const;

export const ACTUALS_LAYOUT = { title: 1, hint: 2, header: 3, firstKpi: 4, col: { ksf: 1, kpi: 2, unit: 3, owner: 4, month1: 5 } } as const;

export const PROGRESS_LAYOUT = {
  title: 1,
  hint: 2,
  controls: 3,
  header: 5,
  firstKpi: 6,
  /** Row 3: labels and values. */
  cell: { warnLabel: 1, warn: 2, okLabel: 3, ok: 4, reportedLabel: 5, reported: 6, leftLabel: 7, left: 8, legendOk: 10, legendWarn: 11, legendBad: 12 },
  col: {
    ksf: 1, kpi: 2, owner: 3, month1: 4, ytdTarget: 16, ytdActual: 17, ytdProgress: 18, pace: 19, forecast: 20, target: 21,
    remaining: 22, status: 23, lower: 24, avg: 25, paceTarget: 26, forecastRaw: 27, remTarget: 28, remActual: 29, remainingRaw: 30,
  },
} as const;

export const TREE_LAYOUT = { title: 1, hint: 2, header: 3, kgi: 4, col: { node: 1, target: 2, unit: 3, owner: 4, check: 5 } } as const;

/** Plan rows that depend on the funnel length n (number of stages). */
export function planRows(stages: number) {
  const kpiSection = PLAN.firstStage + stages + 1;
  return { lastStage: PLAN.firstStage + stages - 1, kpiSection, seasonality: kpiSection + 1, header: kpiSection + 2, firstKpi: kpiSection + 3 };
}

// ---------------------------------------------------------------------------------------
// Styles and formats.

export const COLOURS = { ok: '#b7e1cd', warn: '#fce8b2', bad: '#f4c7c3' } as const;
const INPUT: CellStyle = { background: '#e8f0fe', color: '#174ea6' };
const CALC: CellStyle = { background: '#f1f3f4' };
const HELPER: CellStyle = { background: '#f8f9fa', color: '#80868b', italic: true, fontSize: 9 };
const HEADER: CellStyle = { bold: true, background: '#dadce0', wrap: true };
const SECTION: CellStyle = { bold: true, fontSize: 11, color: '#174ea6' };
const TITLE: CellStyle = { bold: true, fontSize: 14 };
const HINT: CellStyle = { italic: true, color: '#5f6368' };

const CURRENCY_SYMBOL: Record<Currency, string> = { JPY: '¥', USD: '$', EUR: '€' };
export const moneyFormat = (c: Currency): string => `"${CURRENCY_SYMBOL[c]}"#,##0`;
export const FORMATS = { count: '#,##0', level: '#,##0.0#', pct: '0%', rate: '0.0%', date: 'yyyy-mm-dd', weight: '0.0#' } as const;

/** The number format a KPI's values get, from its unit and aggregate. */
export function kpiFormat(kpi: { unit?: string; aggregate?: 'sum' | 'average' }): string {
  const u = (kpi.unit ?? '').trim().toLowerCase();
  if (u === '%' || u === '％' || u === 'percent') return FORMATS.rate;
  if (['¥', '円', 'jpy', 'yen'].includes(u)) return moneyFormat('JPY');
  if (['$', 'usd', 'ドル'].includes(u)) return moneyFormat('USD');
  if (['€', 'eur', 'ユーロ'].includes(u)) return moneyFormat('EUR');
  return kpi.aggregate === 'average' ? FORMATS.level : FORMATS.count;
}

// ---------------------------------------------------------------------------------------

/** Conditional-format rules for Progress: colours of the PROGRESS block, the YTD achievement and status columns. */
export function progressRules(progress: RangeRef, warn: RangeRef, ok: RangeRef): ConditionalFormatSpec[] {
  const W = a1(warn, true);
  const O = a1(ok, true);
  const rows = progress.rows ?? 1;
  const ytdCol = progress.col + (PROGRESS_LAYOUT.col.ytdProgress - PROGRESS_LAYOUT.col.month1);
  const statusCol = progress.col + (PROGRESS_LAYOUT.col.status - PROGRESS_LAYOUT.col.month1);
  const rules = (range: RangeRef, cell: string): ConditionalFormatSpec[] => [
    { range, formula: `=AND(ISNUMBER(${cell}), ${cell}>=${O})`, background: COLOURS.ok },
    { range, formula: `=AND(ISNUMBER(${cell}), ${cell}>=${W}, ${cell}<${O})`, background: COLOURS.warn },
    { range, formula: `=AND(ISNUMBER(${cell}), ${cell}<${W})`, background: COLOURS.bad },
  ];
  const ytdCell = `$${colLetter(ytdCol)}${progress.row}`;
  return [
    ...rules(progress, a1({ row: progress.row, col: progress.col })),
    ...rules({ row: progress.row, col: ytdCol, rows }, a1({ row: progress.row, col: ytdCol })),
    ...rules({ row: progress.row, col: statusCol, rows }, ytdCell),
  ];
}

export interface Workbook {
  plan: NormalizedPlan;
  names: WorkbookNames;
  /** In order: KPI Tree, Plan, Actuals, Progress. */
  sheets: SheetSpec[];
  /** Every named range: its full name (with suffix) and where it is. */
  ranges: Record<RangeName, { name: string; sheet: string; range: RangeRef }>;
  /** Things the user should know about the layout (in the plan's language). */
  warnings: string[];
}

/**
 * The four sheets of a plan as specs. `plan` must be valid (it is normalised here, which
 * throws the validation error otherwise).
 */
export function workbookSpec(input: Plan, options: WorkbookOptions = {}): Workbook {
  const plan = normalizePlan(input);
  const lang = plan.locale;
  const names = options.names ?? defaultNames(lang);
  const L = (k: LabelKey, p?: Record<string, string>) => label(lang, k, p);
  const S = names.sheets;
  const rn = (n: RangeName) => `${n}${names.suffix}`;

  const kpis = planKpis(plan);
  const k = kpis.length;
  const stages = plan.funnel.stages.length;
  const pr = planRows(stages);
  const months = fiscalMonths(plan.fiscalYear.startYear, plan.fiscalYear.startMonth);
  const monthLabels = months.map((m) => monthLabel(lang, m.year, m.month));
  const money = plan.kgi.unit === 'currency';
  const kgiFormat = money ? moneyFormat(plan.kgi.currency ?? 'JPY') : FORMATS.count;
  const fmts = kpis.map(({ kpi }) => kpiFormat(kpi));
  const planRow = (i: number) => pr.firstKpi + i;
  const actRow = (i: number) => ACTUALS_LAYOUT.firstKpi + i;
  const progRow = (i: number) => PROGRESS_LAYOUT.firstKpi + i;
  const P = PLAN.col;
  const A = ACTUALS_LAYOUT.col;
  const G = PROGRESS_LAYOUT.col;
  const pref = (row: number, col: number, abs = false) => ref(S.plan, { row, col }, abs);
  const aref = (row: number, col: number) => ref(S.actuals, { row, col });
  const asText = (r: string) => f(`${r}&""`);
  const avgLabel = str(L('average'));
  const lowerLabel = str(L('lower'));
  const col = (c0: number, i0: number, n: number, c = 1): RangeRef => ({ row: i0, col: c0, rows: n, cols: c });

  const ranges = {} as Workbook['ranges'];
  const addRange = (n: RangeName, sheet: string, range: RangeRef) => (ranges[n] = { name: rn(n), sheet, range });

  // ---------------------------------------------------------------- Plan
  addRange('KGI_TARGET', S.plan, { row: PLAN.kgiTarget, col: 2 });
  addRange('UNIT_VALUE', S.plan, { row: PLAN.unitValue, col: 2 });
  addRange('FUNNEL_RATES', S.plan, col(2, PLAN.firstStage, stages - 1));
  addRange('FUNNEL_TARGETS', S.plan, col(3, PLAN.firstStage, stages));
  addRange('MONTHLY_TARGETS', S.plan, col(P.month1, pr.firstKpi, k, 12));
  addRange('KPI_NAMES', S.plan, col(P.kpi, pr.firstKpi, k));

  const hasTarget = input.kgi.target !== undefined;
  const kgiRows: { key: LabelKey; cell: Cell; style: CellStyle }[] = [
    { key: 'kgiName', cell: plan.kgi.name, style: INPUT },
    { key: 'kgiUnit', cell: money ? L('unitMoney', { currency: plan.kgi.currency ?? 'JPY' }) : L('unitCount'), style: CALC },
    { key: 'baseline', cell: plan.kgi.baseline ?? null, style: { ...INPUT, numberFormat: kgiFormat } },
    { key: 'growth', cell: plan.kgi.growthRate ?? null, style: { ...INPUT, numberFormat: FORMATS.rate } },
    hasTarget
      ? { key: 'kgiTarget', cell: plan.kgi.target, style: { ...INPUT, numberFormat: kgiFormat, bold: true } }
      : { key: 'kgiTarget', cell: f(`=B${PLAN.baseline}*(1+B${PLAN.growth})`), style: { ...CALC, numberFormat: kgiFormat, bold: true } },
    { key: 'unitValue', cell: money ? (plan.kgi.unitValue ?? null) : null, style: { ...INPUT, numberFormat: kgiFormat } },
    { key: 'fyStart', cell: f(`=DATE(${plan.fiscalYear.startYear},${plan.fiscalYear.startMonth},1)`), style: { ...CALC, numberFormat: FORMATS.date } },
    { key: 'fyEnd', cell: f(`=EDATE(B${PLAN.fyStart},12)-1`), style: { ...CALC, numberFormat: FORMATS.date } },
    { key: 'warn', cell: plan.thresholds.warn, style: { ...INPUT, numberFormat: FORMATS.pct } },
    { key: 'ok', cell: plan.thresholds.ok, style: { ...INPUT, numberFormat: FORMATS.pct } },
  ];

  const stageRows: Cell[][] = plan.funnel.stages.map((s, i) => [
    s.name,
    i < stages - 1 ? plan.funnel.rates[i] : null,
    i === 0 ? f(`=KPI_FUNNEL(${rn('KGI_TARGET')}, ${rn('FUNNEL_RATES')}, ${rn('UNIT_VALUE')})`) : null,
  ]);
  const stageNames = plan.funnel.stages.map((s) => s.name);
  const stageNameRange = a1(col(1, PLAN.firstStage, stages), true);
  const wr = pr.seasonality;
  const monthRow = `${colLetter(P.month1)}$${wr}:${colLetter(P.month1 + 11)}$${wr}`;
  const last = pr.firstKpi + k - 1;
  const colRange = (c: number) => `${colLetter(c)}${pr.firstKpi}:${colLetter(c)}${last}`;

  // Stage names are matched by name (so the dropdown re-points a KPI); a name used twice
  // cannot be, so those KPIs keep their stage by position.
  const duplicated = new Set(stageNames.filter((n, i) => stageNames.indexOf(n) !== i));
  const warnings = [...duplicated].map((n) => L('duplicateStage', { name: n }));
  const stageTarget = (r: number, stage: number | undefined) =>
    stage !== undefined && duplicated.has(stageNames[stage])
      ? `INDEX(${rn('FUNNEL_TARGETS')}, ${stage + 1})`
      : `IF(G${r}="", "", INDEX(${rn('FUNNEL_TARGETS')}, MATCH(G${r}, ${stageNameRange}, 0)))`;
  const kpiTable: Cell[][] = kpis.map(({ ksf, kpi }, i) => {
    const r = planRow(i);
    const row: Cell[] = [
      ksf, kpi.name, kpi.unit, kpi.owner,
      L(kpi.direction === 'lower' ? 'lower' : 'higher'),
      L(kpi.aggregate === 'average' ? 'average' : 'sum'),
      kpi.stage !== undefined ? stageNames[kpi.stage] : null,
      kpi.target ?? null,
      f(`=IF(ISNUMBER(H${r}), H${r}, ${stageTarget(r, kpi.stage)})`),
      i === 0 ? f(`=ARRAYFORMULA(KPI_MONTHLY(${colRange(P.split)}, ${monthRow}) + ${colRange(P.level)} * {${Array(12).fill(1).join(',')}})`) : null,
    ];
    while (row.length < P.lower - 1) row.push(null);
    row.push(
      f(`=E${r}=${lowerLabel}`),
      f(`=IF(F${r}=${avgLabel}, 0, I${r})`),
      f(`=IF(F${r}=${avgLabel}, I${r}, 0)`),
    );
    return row;
  });
  const kpiStyles = (i: number): CellStyle[] => {
    const fmt = { numberFormat: fmts[i] };
    return [
      INPUT, INPUT, INPUT, INPUT, INPUT, INPUT, INPUT, { ...INPUT, ...fmt }, { ...CALC, ...fmt, bold: true },
      ...Array.from({ length: 12 }, () => ({ ...CALC, ...fmt })),
      HELPER, HELPER, { ...HELPER, ...fmt },
    ];
  };

  const planSpec: SheetSpec = {
    name: S.plan,
    tabColor: '#1a73e8',
    frozenColumns: 2,
    columnWidths: [
      { col: 1, width: 230 }, { col: 2, width: 200 }, { col: 3, width: 110 }, { col: 4, width: 120 },
      { col: 5, count: 2, width: 110 }, { col: 7, width: 130 }, { col: 8, count: 2, width: 120 },
      { col: P.month1, count: 12, width: 80 }, { col: P.lower, count: 3, width: 90 },
    ],
    blocks: [
      { row: PLAN.title, col: 1, cells: [[L('titlePlan', { name: plan.name })]], style: TITLE },
      { row: PLAN.hint, col: 1, cells: [[L('hintPlan')]], style: HINT },
      { row: PLAN.kgiSection, col: 1, cells: [[L('sectionKgi')]], style: SECTION },
      {
        row: PLAN.kgiName, col: 1,
        cells: kgiRows.map((r) => [L(r.key), r.cell]),
        colStyles: [{ bold: true }],
        cellStyles: kgiRows.map((r) => [undefined, r.style]),
      },
      { row: PLAN.funnelSection, col: 1, cells: [[L('sectionFunnel')]], style: SECTION },
      { row: PLAN.funnelHeader, col: 1, cells: [[L('stage'), L('rate'), L('volume')]], style: HEADER },
      {
        row: PLAN.firstStage, col: 1, cells: stageRows,
        colStyles: [INPUT, { ...INPUT, numberFormat: FORMATS.rate }, { ...CALC, numberFormat: FORMATS.count, bold: true }],
      },
      // The wins stage has no rate to the next stage.
      { row: pr.lastStage, col: 2, rows: 1, cols: 1, style: CALC },
      { row: pr.kpiSection, col: 1, cells: [[L('sectionKpis')]], style: SECTION },
      { row: wr, col: P.target, cells: [[L('seasonality'), ...plan.seasonality]], style: { ...INPUT, numberFormat: FORMATS.weight }, colStyles: [{ ...HINT, align: 'right' }] },
      {
        row: pr.header, col: 1,
        cells: [[
          L('ksf'), L('kpi'), L('unit'), L('owner'), L('direction'), L('aggregate'), L('funnelStage'), L('handTarget'), L('annualTarget'),
          ...monthLabels, L('calcLower'), L('calcSplit'), L('calcLevel'),
        ]],
        style: HEADER,
      },
      { row: pr.firstKpi, col: 1, cells: kpiTable, cellStyles: kpis.map((_, i) => kpiStyles(i)) },
    ],
    namedRanges: [],
    validations: [
      { range: col(2, PLAN.firstStage, stages - 1), rule: { kind: 'numberBetween', min: 0.0001, max: 1, help: L('rateHelp') } },
      { range: { row: PLAN.warn, col: 2, rows: 2 }, rule: { kind: 'numberBetween', min: 0, max: 10, help: L('thresholdHelp') } },
      { range: { row: wr, col: P.month1, cols: 12 }, rule: { kind: 'numberAtLeast', min: 0, help: L('weightHelp') } },
      { range: col(P.direction, pr.firstKpi, k), rule: { kind: 'list', values: [L('higher'), L('lower')], help: L('listHelp') } },
      { range: col(P.aggregate, pr.firstKpi, k), rule: { kind: 'list', values: [L('sum'), L('average')], help: L('listHelp') } },
      // A stage renamed above must still be accepted here: warn, don't reject.
      { range: col(P.stage, pr.firstKpi, k), rule: { kind: 'list', values: stageNames, help: L('listHelp'), allowInvalid: true } },
    ],
    borders: [
      { range: { row: PLAN.funnelHeader, col: 1, rows: stages + 1, cols: 3 }, top: true, left: true, bottom: true, right: true, color: '#bdc1c6' },
      { range: { row: pr.header, col: 1, rows: k + 1, cols: P.level }, top: true, left: true, bottom: true, right: true, color: '#bdc1c6' },
      { range: { row: pr.header, col: 1, cols: P.level }, bottom: true, color: '#5f6368', style: 'solid_medium' },
    ],
  };

  // ---------------------------------------------------------------- Actuals
  addRange('ACTUALS', S.actuals, col(A.month1, ACTUALS_LAYOUT.firstKpi, k, 12));
  const actualsSpec: SheetSpec = {
    name: S.actuals,
    tabColor: '#188038',
    frozenRows: ACTUALS_LAYOUT.header,
    frozenColumns: 2,
    columnWidths: [{ col: 1, width: 200 }, { col: 2, width: 200 }, { col: 3, count: 2, width: 110 }, { col: A.month1, count: 12, width: 85 }],
    blocks: [
      { row: ACTUALS_LAYOUT.title, col: 1, cells: [[L('titleActuals', { name: plan.name })]], style: TITLE },
      { row: ACTUALS_LAYOUT.hint, col: 1, cells: [[L('hintActuals')]], style: HINT },
      { row: ACTUALS_LAYOUT.header, col: 1, cells: [[L('ksf'), L('kpi'), L('unit'), L('owner'), ...monthLabels]], style: HEADER },
      {
        row: ACTUALS_LAYOUT.firstKpi, col: 1,
        cells: kpis.map((_, i) => [P.ksf, P.kpi, P.unit, P.owner].map((c) => asText(pref(planRow(i), c)))),
        style: CALC,
        colStyles: [undefined, { bold: true }],
      },
      {
        row: ACTUALS_LAYOUT.firstKpi, col: A.month1, rows: k, cols: 12,
        cellStyles: kpis.map((_, i) => Array.from({ length: 12 }, () => ({ ...INPUT, numberFormat: fmts[i] }))),
      },
    ],
    validations: [{ range: ranges.ACTUALS.range, rule: { kind: 'numberAtLeast', min: 0, help: L('actualsHelp') } }],
    borders: [
      { range: { row: ACTUALS_LAYOUT.header, col: 1, rows: k + 1, cols: 16 }, top: true, left: true, bottom: true, right: true, vertical: true, horizontal: true, color: '#dadce0' },
    ],
  };

  // ---------------------------------------------------------------- Progress
  const PG = PROGRESS_LAYOUT;
  const C = PG.cell;
  addRange('THRESHOLD_WARN', S.progress, { row: PG.controls, col: C.warn });
  addRange('THRESHOLD_OK', S.progress, { row: PG.controls, col: C.ok });
  addRange('PROGRESS', S.progress, col(G.month1, PG.firstKpi, k, 12));
  const first = PG.firstKpi;
  const lastP = first + k - 1;
  const pcol = (c: number) => `${colLetter(c)}${first}:${colLetter(c)}${lastP}`;
  const left = a1({ row: PG.controls, col: C.left }, true);
  const ones = Array.from({ length: 12 }, (_, i) => i + 1).join(',');
  const progressRows: Cell[][] = kpis.map((_, i) => {
    const r = progRow(i);
    const a = ref(S.actuals, { row: actRow(i), col: A.month1, cols: 12 });
    const t = ref(S.plan, { row: planRow(i), col: P.month1, cols: 12 });
    const avg = `$${colLetter(G.avg)}${r}`;
    const cell = (c: number) => `${colLetter(c)}${r}`;
    const row: Cell[] = [
      asText(pref(planRow(i), P.ksf)),
      asText(pref(planRow(i), P.kpi)),
      asText(pref(planRow(i), P.owner)),
      i === 0 ? f(`=KPI_PROGRESS(${rn('ACTUALS')}, ${rn('MONTHLY_TARGETS')}, ${pcol(G.lower)})`) : null,
      ...Array<Cell>(11).fill(null),
      f(`=IF(COUNT(${a})=0, "", IF(${avg}, SUMIF(${a}, "<>", ${t})/COUNT(${a}), SUMIF(${a}, "<>", ${t})))`),
      f(`=IF(COUNT(${a})=0, "", IF(${avg}, AVERAGE(${a}), SUM(${a})))`),
      i === 0 ? f(`=KPI_PROGRESS(${pcol(G.ytdActual)}, ${pcol(G.ytdTarget)}, ${pcol(G.lower)})`) : null,
      i === 0 ? f(`=KPI_PACE(${pcol(G.ytdActual)}, ${pcol(G.paceTarget)}, ${pref(PLAN.fyStart, 2, true)}, ${pref(PLAN.fyEnd, 2, true)}, TODAY())`) : null,
      f(`=IF(${cell(G.forecastRaw)}="", "", IF(${avg}, ${cell(G.forecastRaw)}/12, ${cell(G.forecastRaw)}))`),
      f(`=${pref(planRow(i), P.target)}`),
      f(`=IF(${left}=0, "", ${cell(G.remainingRaw)})`),
      i === 0 ? f(`=KPI_STATUS(${pcol(G.ytdProgress)}, ${rn('THRESHOLD_WARN')}, ${rn('THRESHOLD_OK')}, "${lang}")`) : null,
      f(`=${pref(planRow(i), P.lower)}`),
      f(`=${pref(planRow(i), P.aggregate)}=${avgLabel}`),
      f(`=IF(${avg}, "", ${cell(G.target)})`),
      i === 0 ? f(`=KPI_FORECAST(${rn('ACTUALS')})`) : null,
      f(`=IF(${avg}, ${cell(G.target)}*(COUNT(${a})+${left}), ${cell(G.target)})`),
      f(`=SUM(${a})`),
      i === 0 ? f(`=KPI_REMAINING(${pcol(G.remTarget)}, ${pcol(G.remActual)}, MAX(1, ${left}))`) : null,
    ];
    return row;
  });
  const progressStyles = (i: number): CellStyle[] => {
    const fmt = { ...CALC, numberFormat: fmts[i] };
    const pct = { numberFormat: FORMATS.pct };
    return [
      CALC, { ...CALC, bold: true }, CALC,
      ...Array.from({ length: 12 }, () => ({ ...pct, align: 'center' as const })),
      fmt, fmt, { ...pct, bold: true, align: 'center' }, { ...CALC, ...pct }, fmt, fmt, fmt, { bold: true, align: 'center' },
      HELPER, HELPER, { ...HELPER, numberFormat: fmts[i] }, { ...HELPER, numberFormat: fmts[i] },
      { ...HELPER, numberFormat: fmts[i] }, { ...HELPER, numberFormat: fmts[i] }, { ...HELPER, numberFormat: fmts[i] },
    ];
  };
  const warnA1 = a1({ row: PG.controls, col: C.warn }, true);
  const okA1 = a1({ row: PG.controls, col: C.ok }, true);
  const planWarn = pref(PLAN.warn, 2, true);
  const planOk = pref(PLAN.ok, 2, true);
  const progressSpec: SheetSpec = {
    name: S.progress,
    tabColor: '#f9ab00',
    frozenRows: PG.header,
    frozenColumns: 2,
    columnWidths: [
      { col: 1, width: 200 }, { col: 2, width: 200 }, { col: 3, width: 110 }, { col: G.month1, count: 12, width: 75 },
      { col: G.ytdTarget, count: 7, width: 110 }, { col: G.status, width: 90 }, { col: G.lower, count: 7, width: 90 },
    ],
    blocks: [
      { row: PG.title, col: 1, cells: [[L('titleProgress', { name: plan.name })]], style: TITLE },
      { row: PG.hint, col: 1, cells: [[L('hintProgress')]], style: HINT },
      {
        row: PG.controls, col: 1,
        cells: [[
          L('warnCell'), f(`=${planWarn}`), L('okCell'), f(`=${planOk}`),
          L('monthsReported'), f(`=MAX(ARRAYFORMULA((${rn('ACTUALS')}<>"")*{${ones}}))`), L('monthsLeft'), f(`=12-${a1({ row: PG.controls, col: C.reported })}`),
          null,
          f(`=${str(`${L('legendOk')} ≥ `)}&ROUND(${okA1}*100, 1)&"%"`),
          f(`=${str(`${L('legendWarn')} ≥ `)}&ROUND(${warnA1}*100, 1)&"%"`),
          f(`=${str(`${L('legendBad')} < `)}&ROUND(${warnA1}*100, 1)&"%"`),
        ]],
        cellStyles: [[
          { bold: true, align: 'right' }, { ...CALC, numberFormat: FORMATS.pct, bold: true }, { bold: true, align: 'right' }, { ...CALC, numberFormat: FORMATS.pct, bold: true },
          { bold: true, align: 'right' }, CALC, { bold: true, align: 'right' }, CALC, undefined,
          { background: COLOURS.ok, align: 'center' }, { background: COLOURS.warn, align: 'center' }, { background: COLOURS.bad, align: 'center' },
        ]],
      },
      {
        row: PG.header, col: 1,
        cells: [[
          L('ksf'), L('kpi'), L('owner'), ...monthLabels, L('ytdTarget'), L('ytdActual'), L('ytdProgress'), L('pace'), L('forecast'),
          L('annualTarget'), L('remaining'), L('status'), L('calcLower'), L('calcAverage'), L('calcPaceTarget'), L('calcForecast'),
          L('calcRemTarget'), L('calcRemActual'), L('calcRemaining'),
        ]],
        style: HEADER,
      },
      { row: first, col: 1, cells: progressRows, cellStyles: kpis.map((_, i) => progressStyles(i)) },
    ],
    conditionalFormats: progressRules(ranges.PROGRESS.range, ranges.THRESHOLD_WARN.range, ranges.THRESHOLD_OK.range),
    borders: [
      { range: { row: PG.header, col: 1, rows: k + 1, cols: G.status }, top: true, left: true, bottom: true, right: true, vertical: true, horizontal: true, color: '#dadce0' },
    ],
  };

  // ---------------------------------------------------------------- KPI Tree
  const T = TREE_LAYOUT.col;
  const treeRows: Cell[][] = [];
  const treeStyles: CellStyle[][] = [];
  const check = (fs: TreeFinding[] | undefined): string =>
    fs && fs.length ? fs.map((x) => `${x.level === 'error' ? '✗' : '⚠'} ${x.message}`).join('\n') : L('checkOk');
  const checkStyle = (fs: TreeFinding[] | undefined): CellStyle =>
    fs && fs.length ? { background: fs.some((x) => x.level === 'error') ? COLOURS.bad : COLOURS.warn, wrap: true } : { color: '#188038' };
  const planFindings = options.findings?.plan;
  treeRows.push([
    f(`="KGI: "&${pref(PLAN.kgiName, 2)}`), f(`=${rn('KGI_TARGET')}`), f(`=${pref(PLAN.kgiUnit, 2)}&""`), null,
    options.findings ? check(planFindings) : null,
  ]);
  treeStyles.push([{ bold: true, fontSize: 12 }, { bold: true, numberFormat: kgiFormat }, {}, {}, options.findings ? checkStyle(planFindings) : {}]);
  let index = 0;
  plan.ksfs.forEach((ksf, si) => {
    const lastKsf = si === plan.ksfs.length - 1;
    const firstIndex = index;
    treeRows.push([
      ksf.kpis.length ? f(`=${str(`${lastKsf ? '└─ ' : '├─ '}KSF: `)}&${pref(planRow(firstIndex), P.ksf)}`) : `${lastKsf ? '└─ ' : '├─ '}KSF: ${ksf.name}`,
      null, null, null, null,
    ]);
    treeStyles.push([{ bold: true }, {}, {}, {}, {}]);
    ksf.kpis.forEach((kpi: NormalizedKpi, ki) => {
      const glyph = `${lastKsf ? '    ' : '│   '}${ki === ksf.kpis.length - 1 ? '└─ ' : '├─ '}`;
      const r = planRow(index);
      const fs = options.findings?.kpis[index];
      treeRows.push([
        f(`=${str(glyph)}&${pref(r, P.kpi)}`), f(`=${pref(r, P.target)}`), f(`=${pref(r, P.unit)}&""`), f(`=${pref(r, P.owner)}&""`),
        options.findings ? check(fs) : null,
      ]);
      treeStyles.push([{}, { numberFormat: kpiFormat(kpi) }, {}, {}, options.findings ? checkStyle(fs) : {}]);
      index++;
    });
  });
  const treeSpec: SheetSpec = {
    name: S.tree,
    tabColor: '#9334e6',
    frozenRows: TREE_LAYOUT.header,
    columnWidths: [{ col: T.node, width: 380 }, { col: T.target, width: 140 }, { col: T.unit, count: 2, width: 130 }, { col: T.check, width: 420 }],
    blocks: [
      { row: TREE_LAYOUT.title, col: 1, cells: [[L('titleTree', { name: plan.name })]], style: TITLE },
      { row: TREE_LAYOUT.hint, col: 1, cells: [[L('hintTree')]], style: HINT },
      { row: TREE_LAYOUT.header, col: 1, cells: [[L('tree'), L('target'), L('unit'), L('owner'), L('check')]], style: HEADER },
      { row: TREE_LAYOUT.kgi, col: 1, cells: treeRows, cellStyles: treeStyles },
    ],
    borders: [{ range: { row: TREE_LAYOUT.header, col: 1, cols: 5 }, bottom: true, color: '#5f6368', style: 'solid_medium' }],
  };

  // Named ranges go on the sheet that holds them.
  const specs = [treeSpec, planSpec, actualsSpec, progressSpec];
  for (const n of RANGE_NAMES) {
    const r = ranges[n];
    const spec = specs.find((s) => s.name === r.sheet)!;
    (spec.namedRanges ??= []).push({ name: r.name, range: r.range });
  }
  return { plan, names, sheets: specs, ranges, warnings };
}
