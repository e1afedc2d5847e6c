/**
 * Channels and budget on the sheets (issue 17): the Plan sheet's channel block, the channel rows of
 * Actuals and Progress, and the reader that takes the channel inputs back from Plan. Pure (no Apps
 * Script) but readChannelsFrom, which reads a spreadsheet it is given; the numbers come from
 * src/core/channels.
 *
 * Plan's channel block, from its first row S (title), one row per channel in each table:
 *   S      title            S+1 hint (volumes follow the plan when changes are applied)
 *   S+2    header           Channel | Share | Fixed volume | Cost per unit | Volume (year) | Budget (year) | … months
 *   S+3…   one row per channel: the inputs, then the 12 monthly volumes (CHANNEL_TARGETS, values)
 *   then   the total row, a blank row, the budget header, one budget row per channel (CHANNEL_BUDGET:
 *          native formulas volume × cost, so a cost edit recomputes at once), the budget total row,
 *          a blank row, and the summary (SUMMARY_ROWS: stage, gross margin, acquisition share,
 *          BUDGET_TOTAL, won deals, CPA, ALLOWABLE_CPA, CPA check, return on budget).
 * The monthly volumes are a controlled rounding (exact in rows, columns and cells) that no native
 * formula computes, and a custom function there would put a third one in the chain from the KGI:
 * they are values, computed here at build and again by updateWorkbook (channelSection of the
 * edited plan). The month columns are the KPI table's, so the months line up under its header.
 */
import { channelStage, CURRENCY_DECIMALS, planChannels, type Channel, type ChannelBudget } from '../core/channels';
import type { Currency, Lang, Plan } from '../core/plan';
import { splitTotal } from '../core/monthly';
import { funnelTargets, kgiTarget, type NormalizedPlan } from '../core/validate';
import { label, type LabelKey } from './labels';
import {
  a1,
  type Block,
  type Cell,
  type CellStyle,
  colLetter,
  type ConditionalFormatSpec,
  f,
  type RangeRef,
  ref,
  type SheetSpec,
  str,
  type ValidationSpec,
} from './spec';
import {
  ACTUALS_LAYOUT,
  achievementFormula,
  COLOURS,
  FUNNEL_TABLE,
  type planRows,
  PROGRESS_LAYOUT,
  STYLES,
  type Tables,
  type WorkbookNames,
} from './workbook';


/** The named ranges a plan with channels adds (PRODUCT.md), in a fixed order. */
export const CHANNEL_RANGE_NAMES = ['CHANNEL_TARGETS', 'CHANNEL_BUDGET', 'BUDGET_TOTAL', 'ALLOWABLE_CPA'] as const;
export type ChannelRangeName = (typeof CHANNEL_RANGE_NAMES)[number];

/** Money with the currency's decimals: ¥ whole yen, $ and € cents. */
export const channelMoneyFormat = (c: Currency): string => {
  const symbol = { JPY: '¥', USD: '$', EUR: '€' }[c];
  return `"${symbol}"#,##0${CURRENCY_DECIMALS[c] ? `.${'0'.repeat(CURRENCY_DECIMALS[c])}` : ''}`;
};
const COUNT_FORMAT = '#,##0';
const SHARE_FORMAT = '0.0%';
const RATIO_FORMAT = '#,##0.00';

/** The channel table's input and total columns, from column A (the months are the KPI table's). */
const INPUT_COLUMNS = ['name', 'share', 'volume', 'cost', 'annualVolume', 'annualBudget'] as const;
type InputColumn = (typeof INPUT_COLUMNS)[number];
/** 1-based column of a channel-table column. */
export const channelCol = (id: InputColumn): number => INPUT_COLUMNS.indexOf(id) + 1;
const letter = (id: InputColumn) => colLetter(channelCol(id));

/** The summary rows under the tables: a label in column A, the value in column B. */
export const SUMMARY_ROWS = [
  'stage',
  'grossMargin',
  'acquisitionShare',
  'budgetTotal',
  'wins',
  'cpa',
  'allowableCpa',
  'cpaCheck',
  'returnOnBudget',
] as const;
export type SummaryRow = (typeof SUMMARY_ROWS)[number];
const SUMMARY_LABEL: Record<SummaryRow, LabelKey> = {
  stage: 'stage',
  grossMargin: 'grossMargin',
  acquisitionShare: 'acquisitionShare',
  budgetTotal: 'budgetTotal',
  wins: 'wins',
  cpa: 'cpa',
  allowableCpa: 'allowableCpa',
  cpaCheck: 'cpaCheck',
  returnOnBudget: 'returnOnBudget',
};

/** Rows of the channel block relative to its first row, for `channels` channels. */
export function channelRows(channels: number) {
  const firstChannel = 3;
  const total = firstChannel + channels;
  const budgetHeader = total + 2;
  const firstBudget = budgetHeader + 1;
  const budgetTotal = firstBudget + channels;
  const firstSummary = budgetTotal + 2;
  return {
    title: 0, hint: 1, header: 2, firstChannel, total, budgetHeader, firstBudget, budgetTotal, firstSummary,
    summary: (id: SummaryRow) => firstSummary + SUMMARY_ROWS.indexOf(id),
    /** Rows the block takes. */
    height: firstSummary + SUMMARY_ROWS.length,
  };
}

/** The block's first row, from the first row of CHANNEL_TARGETS (how a reader finds it by name). */
export const channelBlockRow = (channelTargetsRow: number): number => channelTargetsRow - channelRows(0).firstChannel;

/** Where the channel block goes on Plan and what its formulas refer to. */
export interface ChannelPlacement {
  lang: Lang;
  /** The block's first row (its title). */
  row: number;
  /** 1-based column of the first month: the KPI table's, so the months line up. */
  monthCol: number;
  /** The 12 month headers in the plan's language. */
  months: string[];
  /** A named range of this build (with its suffix), e.g. rn('FUNNEL_TARGETS'). */
  rn: (name: string) => string;
  /** Plan's first funnel-stage row and the stage-name column (the stage is linked by position). */
  firstStageRow: number;
  stageCol: number;
}

/** The Plan sheet's channel block of a plan: what to write, and where its named ranges are. */
export interface ChannelSection {
  blocks: Block[];
  validations: ValidationSpec[];
  ranges: Record<ChannelRangeName, RangeRef>;
  /** Rows the block takes from `row`. */
  height: number;
  /** What src/core computed (volumes, budgets, CPA…), for callers and tests. */
  budget: ChannelBudget;
}

/** The channel stage's monthly targets: its volume split by the seasonality, as KPI_MONTHLY splits it. */
export function stageMonthly(plan: NormalizedPlan): { volumes: number[]; monthly: number[] } {
  const volumes = funnelTargets(plan);
  return { volumes, monthly: splitTotal(volumes[channelStage(plan)], plan.seasonality) };
}

/** The channels' numbers of a valid plan (planChannels over its funnel), or undefined without channels. */
export function channelBudgetOf(plan: NormalizedPlan): ChannelBudget | undefined {
  if (!plan.funnel.channels?.length) return undefined;
  const { volumes, monthly } = stageMonthly(plan);
  return planChannels(plan, { volumes, kgiTarget: kgiTarget(plan), stageMonthly: monthly });
}

/**
 * The channel block of a valid plan at `at` (see the file comment), or undefined when the plan has
 * no channels. The same spec for a build and for updateWorkbook: the volumes are the plan's.
 */
export function channelSection(plan: NormalizedPlan, at: ChannelPlacement): ChannelSection | undefined {
  const budget = channelBudgetOf(plan);
  if (!budget) return undefined;
  // Read here, not at load: workbook.ts imports this module.
  const { INPUT, CALC, HEADER, SECTION, HINT, BOLD, RIGHT } = STYLES;
  const L = (k: LabelKey, p?: Record<string, string>) => label(at.lang, k, p);
  const n = budget.channels.length;
  const R = channelRows(n);
  const row = (offset: number) => at.row + offset;
  const decimals = CURRENCY_DECIMALS[budget.currency];
  const money = channelMoneyFormat(budget.currency);
  const month = (j: number) => colLetter(at.monthCol + j);
  const months = `${month(0)}%ROW%:${month(11)}%ROW%`;
  const monthsOf = (r: number) => months.replace(/%ROW%/g, String(r));
  const value = (id: SummaryRow) => `$B$${row(R.summary(id))}`;
  const stageName = plan.funnel.stages[budget.stage].name;
  const stageLink = `${colLetter(at.stageCol)}${at.firstStageRow + budget.stage}`;

  const blocks: Block[] = [
    { row: row(R.title), col: 1, cells: [[L('channels', { stage: stageName })]], style: SECTION },
    { row: row(R.hint), col: 1, cells: [[L('hintChannels')]], style: HINT },
  ];
  const headerCells = (first: string, rest: string[]): Cell[] => {
    const cells: Cell[] = [first, ...rest];
    while (cells.length < at.monthCol - 1) cells.push(null);
    return [...cells, ...at.months];
  };
  const inputHeaders = ['share', 'fixedVolume', 'costPerUnit', 'annualVolume', 'annualBudget'] as const;
  const inputHeaderCells = headerCells(L('channel'), inputHeaders.map((k) => L(k)));
  blocks.push({ row: row(R.header), col: 1, cells: [inputHeaderCells], style: HEADER });

  // One row per channel: inputs, annual volume and budget, then the monthly volumes (values).
  const source = plan.funnel.channels ?? [];
  budget.channels.forEach((line, i) => {
    const r = row(R.firstChannel + i);
    const given = source[i];
    blocks.push({
      row: r, col: 1,
      cells: [[
        line.name,
        given.share ?? null,
        given.volume ?? null,
        given.costPerUnit ?? null,
        f(`=SUM(${monthsOf(r)})`),
        f(`=SUM(${monthsOf(row(R.firstBudget + i))})`),
      ]],
      cellStyles: [[
        { ...INPUT, bold: true },
        { ...INPUT, numberFormat: SHARE_FORMAT },
        { ...INPUT, numberFormat: COUNT_FORMAT },
        { ...INPUT, numberFormat: money },
        { ...CALC, numberFormat: COUNT_FORMAT, bold: true },
        { ...CALC, numberFormat: money, bold: true },
      ]],
    });
    blocks.push({ row: r, col: at.monthCol, cells: [line.monthly], style: { ...CALC, numberFormat: COUNT_FORMAT } });
  });
  const first = row(R.firstChannel);
  const last = row(R.firstChannel + n - 1);
  const columnSum = (col: string, from: number, to: number): Cell => f(`=SUM(${col}${from}:${col}${to})`);
  blocks.push(
    {
      row: row(R.total), col: 1,
      cells: [[
        L('channelTotal'), null, null, null,
        columnSum(letter('annualVolume'), first, last),
        columnSum(letter('annualBudget'), first, last),
      ]],
      style: { ...CALC, bold: true },
      colStyles: [RIGHT, {}, {}, {}, { numberFormat: COUNT_FORMAT }, { numberFormat: money }],
    },
    {
      row: row(R.total), col: at.monthCol,
      cells: [Array.from({ length: 12 }, (_, j) => columnSum(month(j), first, last))],
      style: { ...CALC, bold: true, numberFormat: COUNT_FORMAT },
    },
  );

  // The budget: volume × cost per unit, native formulas (a cost edit recomputes at once).
  blocks.push({ row: row(R.budgetHeader), col: 1, cells: [headerCells(L('budgetByChannel'), [])], style: HEADER });
  const costOf = (r: number) => `IF(ISNUMBER($${letter('cost')}$${r}), $${letter('cost')}$${r}, 0)`;
  budget.channels.forEach((_, i) => {
    const r = row(R.firstChannel + i);
    blocks.push(
      { row: row(R.firstBudget + i), col: 1, cells: [[f(`=${letter('name')}${r}&""`)]], style: CALC },
      {
        row: row(R.firstBudget + i), col: at.monthCol,
        cells: [Array.from({ length: 12 }, (_, j) => f(`=ROUND(${month(j)}${r}*${costOf(r)}, ${decimals})`))],
        style: { ...CALC, numberFormat: money },
      },
    );
  });
  const firstBudget = row(R.firstBudget);
  const lastBudget = row(R.firstBudget + n - 1);
  blocks.push(
    { row: row(R.budgetTotal), col: 1, cells: [[L('budgetMonthly')]], style: { ...CALC, ...RIGHT } },
    {
      row: row(R.budgetTotal), col: at.monthCol,
      cells: [Array.from({ length: 12 }, (_, j) => columnSum(month(j), firstBudget, lastBudget))],
      style: { ...CALC, bold: true, numberFormat: money },
    },
  );

  // The summary: the year's budget, CPA, allowable CPA (deal size × margin × share), return on budget.
  const budgetCells = `${month(0)}${firstBudget}:${month(11)}${lastBudget}`;
  const factor = (id: SummaryRow) => `IF(ISNUMBER(${value(id)}), ${value(id)}, 1)`;
  const scale = 10 ** decimals;
  // The deal size: UNIT_VALUE (a money KGI's input); a count KGI's deal size is the plan's, as written.
  const unitValue = plan.kgi.unit === 'currency' || plan.kgi.unitValue === undefined
    ? at.rn('UNIT_VALUE') : String(plan.kgi.unitValue);
  const isMoney = plan.kgi.unit === 'currency';
  const summary: Record<SummaryRow, [Cell, CellStyle]> = {
    stage: [f(`=${stageLink}&""`), CALC],
    grossMargin: [plan.kgi.grossMargin ?? null, { ...INPUT, numberFormat: SHARE_FORMAT }],
    acquisitionShare: [plan.kgi.acquisitionShare ?? null, { ...INPUT, numberFormat: SHARE_FORMAT }],
    budgetTotal: [f(`=ROUND(SUM(${budgetCells}), ${decimals})`), { ...CALC, numberFormat: money, bold: true }],
    wins: [
      f(`=INDEX(${at.rn('FUNNEL_TARGETS')}, ${plan.funnel.stages.length})`),
      { ...CALC, numberFormat: COUNT_FORMAT },
    ],
    // In whole minor units (yen, cents), so float noise never moves a unit: the CPA rounded up, as
    // the health check rounds it, the allowable CPA rounded down (the most that may be spent).
    cpa: [
      f(`=IF(IF(ISNUMBER(${value('wins')}), ${value('wins')}, 0)>0, ` +
        `ROUNDUP(ROUND(${value('budgetTotal')}*${scale}, 0)/${value('wins')}, 0)/${scale}, "")`),
      { ...CALC, numberFormat: money, bold: true },
    ],
    allowableCpa: [
      f(`=IF(IF(ISNUMBER(${unitValue}), ${unitValue}, 0)>0, ` +
        `ROUNDDOWN(ROUND(${unitValue}*${scale}*${factor('grossMargin')}*${factor('acquisitionShare')}, 6), 0)` +
        `/${scale}, "")`),
      { ...CALC, numberFormat: money, bold: true },
    ],
    cpaCheck: [
      f(`=IF(OR(NOT(ISNUMBER(${value('cpa')})), NOT(ISNUMBER(${value('allowableCpa')}))), "", ` +
        `IF(${value('cpa')}>${value('allowableCpa')}, ${str(L('cpaAbove'))}, ${str(L('cpaWithin'))}))`),
      CALC,
    ],
    returnOnBudget: [
      isMoney ? f(`=IF(IF(ISNUMBER(${value('budgetTotal')}), ${value('budgetTotal')}, 0)>0, ` +
        `${at.rn('KGI_TARGET')}/${value('budgetTotal')}, "")`) : null,
      { ...CALC, numberFormat: RATIO_FORMAT },
    ],
  };
  blocks.push({
    row: row(R.firstSummary), col: 1,
    cells: SUMMARY_ROWS.map((id) => [L(SUMMARY_LABEL[id]), summary[id][0]]),
    cellStyles: SUMMARY_ROWS.map((id) => [BOLD, summary[id][1]]),
  });

  const inputs = (id: InputColumn): RangeRef => ({ row: first, col: channelCol(id), rows: n });
  const validations: ValidationSpec[] = [
    { range: inputs('share'), rule: { kind: 'numberBetween', min: 0, max: 1, help: L('shareHelp') } },
    { range: inputs('volume'), rule: { kind: 'numberAtLeast', min: 0, help: L('actualsHelp') } },
    { range: inputs('cost'), rule: { kind: 'numberAtLeast', min: 0, help: L('costHelp') } },
    {
      range: { row: row(R.summary('grossMargin')), col: 2, rows: 2 },
      rule: { kind: 'numberBetween', min: 0.0001, max: 1, help: L('marginHelp') },
    },
  ];
  return {
    blocks,
    validations,
    ranges: {
      CHANNEL_TARGETS: { row: first, col: at.monthCol, rows: n, cols: 12 },
      CHANNEL_BUDGET: { row: firstBudget, col: at.monthCol, rows: n, cols: 12 },
      BUDGET_TOTAL: { row: row(R.summary('budgetTotal')), col: 2 },
      ALLOWABLE_CPA: { row: row(R.summary('allowableCpa')), col: 2 },
    },
    height: R.height,
    budget,
  };
}

/** The channel inputs of a plan as read back from its Plan sheet. */
export interface ChannelInputs {
  channels: Channel[];
  /** The split stage (from the stage link); absent when the link was replaced by a value. */
  channelStage?: number;
  grossMargin?: number;
  acquisitionShare?: number;
}

const numberOf = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/**
 * Reads the channel inputs back from Plan (for getPlan / updateWorkbook): `values` and `formulas`
 * of the channel block from its first row (channelBlockRow(CHANNEL_TARGETS' row)) and column A, at
 * least to the last summary row and column D; `count` is the number of channels (CHANNEL_TARGETS'
 * rows); `firstStageRow` is Plan's first funnel-stage row. A channel's blank share, volume or cost
 * is left out; a row without a name is skipped. Reads inputs only, never a computed cell.
 */
export function readChannels(
  values: unknown[][],
  formulas: string[][],
  count: number,
  firstStageRow: number,
): ChannelInputs {
  const R = channelRows(count);
  const channels: Channel[] = [];
  for (let i = 0; i < count; i++) {
    const line = values[R.firstChannel + i] ?? [];
    const name = String(line[channelCol('name') - 1] ?? '').trim();
    if (!name) continue;
    const channel: Channel = { name };
    const share = numberOf(line[channelCol('share') - 1]);
    const volume = numberOf(line[channelCol('volume') - 1]);
    const cost = numberOf(line[channelCol('cost') - 1]);
    if (share !== undefined) channel.share = share;
    if (volume !== undefined) channel.volume = volume;
    if (cost !== undefined) channel.costPerUnit = cost;
    channels.push(channel);
  }
  const out: ChannelInputs = { channels };
  const link = /^=\$?[A-Z]+\$?(\d+)&""$/.exec(formulas[R.summary('stage')]?.[1] ?? '');
  if (link) out.channelStage = Number(link[1]) - firstStageRow;
  const margin = numberOf(values[R.summary('grossMargin')]?.[1]);
  const share = numberOf(values[R.summary('acquisitionShare')]?.[1]);
  if (margin !== undefined) out.grossMargin = margin;
  if (share !== undefined) out.acquisitionShare = share;
  return out;
}

/**
 * The channel inputs of a build read from the spreadsheet (getPlan / updateWorkbook): the block is
 * found by its named ranges (CHANNEL_TARGETS and FUNNEL_TARGETS with the build's `suffix`), so rows
 * inserted above it do not matter; undefined when the build has no channels. Two reads, no write.
 */
export function readChannelsFrom(ss: GoogleAppsScript.Spreadsheet.Spreadsheet, suffix = ''): ChannelInputs | undefined {
  const targets = ss.getRangeByName(`CHANNEL_TARGETS${suffix}`);
  const stages = ss.getRangeByName(`FUNNEL_TARGETS${suffix}`);
  if (!targets || !stages) return undefined;
  const count = targets.getNumRows();
  const box = targets.getSheet().getRange(channelBlockRow(targets.getRow()), 1, channelRows(count).height, 4);
  return readChannels(box.getValues(), box.getFormulas(), count, stages.getRow());
}

/** `plan` (plan JSON) with the channel inputs read back: funnel.channels and channelStage, the KGI's margins. */
export function withChannelInputs<P extends Plan>(plan: P, inputs: ChannelInputs | undefined): P {
  if (!inputs?.channels.length) return plan;
  const out = { ...plan, funnel: { ...plan.funnel, channels: inputs.channels }, kgi: { ...plan.kgi } };
  if (inputs.channelStage !== undefined) out.funnel.channelStage = inputs.channelStage;
  if (inputs.grossMargin !== undefined) out.kgi.grossMargin = inputs.grossMargin;
  if (inputs.acquisitionShare !== undefined) out.kgi.acquisitionShare = inputs.acquisitionShare;
  return out;
}

/** What addChannelBlocks needs of the build (workbookSpec's names, tables and rows). */
export interface ChannelContext {
  lang: Lang;
  /** This build's named-range suffix ('' for the first build). */
  suffix: string;
  sheets: WorkbookNames['sheets'];
  /** The 12 month headers in the plan's language. */
  months: string[];
  tables: Tables;
  planRows: ReturnType<typeof planRows>;
  kpiCount: number;
  /** Progress's threshold cells (THRESHOLD_WARN, THRESHOLD_OK): the channel achievement's colours read them. */
  thresholds: { warn: RangeRef; ok: RangeRef };
}

/** The first row of the channel blocks on each sheet: one blank row under the KPI table. */
export function channelBlockRows(kpiCount: number, rows: ReturnType<typeof planRows>) {
  return {
    plan: rows.firstKpi + kpiCount + 1,
    actuals: ACTUALS_LAYOUT.firstKpi + kpiCount + 1,
    progress: PROGRESS_LAYOUT.firstKpi + kpiCount + 1,
  };
}

/**
 * Adds a plan's channel blocks to the specs of Plan (the channel block and its named ranges),
 * Actuals (a row per channel for its actual volume, and one for its spend, typed) and Progress
 * (achievement per channel, and spend vs budget), all native formulas but the volumes. Nothing
 * without channels. Returns Plan's channel block.
 */
export function addChannelBlocks(
  plan: NormalizedPlan,
  specs: { plan: SheetSpec; actuals: SheetSpec; progress: SheetSpec },
  ctx: ChannelContext,
): ChannelSection | undefined {
  const rn = (n: string) => `${n}${ctx.suffix}`;
  const at = channelBlockRows(ctx.kpiCount, ctx.planRows);
  const section = channelSection(plan, {
    lang: ctx.lang, row: at.plan, monthCol: ctx.tables.plan.index('month'), months: ctx.months, rn,
    firstStageRow: ctx.planRows.firstStage, stageCol: FUNNEL_TABLE.index('stage'),
  });
  if (!section) return undefined;
  specs.plan.blocks.push(...section.blocks);
  (specs.plan.validations ??= []).push(...section.validations);
  for (const n of CHANNEL_RANGE_NAMES) (specs.plan.namedRanges ??= []).push({ name: rn(n), range: section.ranges[n] });
  const actuals = channelActuals(plan, section, ctx, at.actuals, at.plan);
  specs.actuals.blocks.push(...actuals.blocks);
  (specs.actuals.validations ??= []).push(...actuals.validations);
  specs.progress.blocks.push(...channelProgress(plan, section, ctx, at.progress, at.plan, actuals));
  (specs.progress.conditionalFormats ??= []).push(...channelColours(ctx, at.progress, section.budget.channels.length));
  return section;
}

/**
 * The progress colours of the channel achievement (months and year to date), read from the same
 * threshold cells as the KPIs': one call sets every rule of the sheet, whatever the channels.
 */
function channelColours(ctx: ChannelContext, row: number, channels: number): ConditionalFormatSpec[] {
  const t = ctx.tables.progress;
  const first = row + 2;
  const warn = a1(ctx.thresholds.warn, true);
  const ok = a1(ctx.thresholds.ok, true);
  const months = { row: first, col: t.index('month'), rows: channels, cols: 12 };
  const ytd = { row: first, col: t.index('ytdProgress'), rows: channels };
  return [months, ytd].flatMap((range) => {
    const x = a1({ row: range.row, col: range.col });
    return [
      { range, formula: `=AND(ISNUMBER(${x}), ${x}>=${ok})`, background: COLOURS.ok },
      { range, formula: `=AND(ISNUMBER(${x}), ${x}>=${warn}, ${x}<${ok})`, background: COLOURS.warn },
      { range, formula: `=AND(ISNUMBER(${x}), ${x}<${warn})`, background: COLOURS.bad },
    ];
  });
}

/** Where a channel's actual volume and spend are typed on Actuals. */
interface ChannelActuals {
  blocks: Block[];
  validations: ValidationSpec[];
  /** Actuals row of channel i's volume, and of its spend. */
  volumeRow: (i: number) => number;
  spendRow: (i: number) => number;
  monthCol: number;
}

/** The columns of the channel rows on Actuals, from column A (the months are the KPI table's). */
const ACTUALS_CHANNEL_COLUMNS = ['channel', 'measure', 'unit', 'source'] as const;

/**
 * Actuals' channel rows, under its KPI table: a title, a hint, a header, then one row per channel
 * for the stage's actuals and one per channel for the spend (optional). The `source` column is
 * where a channel's link to the team's data (a CRM export, `where` Lead Source = the channel) will
 * go; until then it is blank and the months are typed.
 */
function channelActuals(
  plan: NormalizedPlan,
  section: ChannelSection,
  ctx: ChannelContext,
  row: number,
  planRow: number,
): ChannelActuals {
  const { INPUT, CALC, HEADER, SECTION, HINT } = STYLES;
  const L = (k: LabelKey, p?: Record<string, string>) => label(ctx.lang, k, p);
  const n = section.budget.channels.length;
  const monthCol = ctx.tables.actuals.index('month');
  const R = channelRows(n);
  const stageName = plan.funnel.stages[section.budget.stage].name;
  const first = row + 3;
  const volumeRow = (i: number) => first + i;
  const spendRow = (i: number) => first + n + i;
  const money = channelMoneyFormat(section.budget.currency);
  const planName = (i: number) => channelNameLink(ctx, planRow, n, i);
  const stageCell = { row: ctx.planRows.firstStage + section.budget.stage, col: FUNNEL_TABLE.index('stage') };
  const stageLink = f(`=${ref(ctx.sheets.plan, stageCell)}&""`);
  const header: Cell[] = ACTUALS_CHANNEL_COLUMNS.map((id) => L(id === 'channel' ? 'channel' : id));
  while (header.length < monthCol - 1) header.push(null);
  const blocks: Block[] = [
    { row, col: 1, cells: [[L('channelActuals', { stage: stageName })]], style: SECTION },
    { row: row + 1, col: 1, cells: [[L('hintChannelActuals')]], style: HINT },
    { row: row + 2, col: 1, cells: [[...header, ...ctx.months]], style: HEADER },
  ];
  for (let i = 0; i < n; i++) {
    // Column D (source) stays blank: the link to the team's data comes with the sources issue.
    blocks.push(
      { row: volumeRow(i), col: 1, cells: [[planName(i), stageLink, null, null]], style: CALC },
      { row: volumeRow(i), col: monthCol, rows: 1, cols: 12, style: { ...INPUT, numberFormat: COUNT_FORMAT } },
      { row: spendRow(i), col: 1, cells: [[planName(i), L('spend'), section.budget.currency, null]], style: CALC },
      { row: spendRow(i), col: monthCol, rows: 1, cols: 12, style: { ...INPUT, numberFormat: money } },
    );
  }
  const validations: ValidationSpec[] = [
    {
      range: { row: first, col: monthCol, rows: 2 * n, cols: 12 },
      rule: { kind: 'numberAtLeast', min: 0, help: L('actualsHelp') },
    },
  ];
  return { blocks, validations, volumeRow, spendRow, monthCol };
}

/** `='Plan'!A33&""`: channel i's name on Plan, linked (a renamed channel follows). */
const channelNameLink = (ctx: ChannelContext, planRow: number, channels: number, i: number): Cell =>
  f(`=${ref(ctx.sheets.plan, { row: planRow + channelRows(channels).firstChannel + i, col: channelCol('name') })}&""`);

/** One row of a Progress channel table: its 12 monthly cells' operands and the year-to-date ranges. */
interface ProgressLine {
  actual: (j: number) => string;
  target: (j: number) => string;
  actuals: string;
  targets: string;
  /** Achievement (actual ÷ target, colours) or a plain ratio (spend ÷ budget). */
  achievement: boolean;
}

/**
 * Progress's channel rows, under its KPI table: each channel's achievement per month and year to
 * date (actual ÷ its CHANNEL_TARGETS volume), then its spend ÷ budget per month and year to date
 * when spend is typed. Sheets' own formulas only: typing an actual runs no custom function.
 */
function channelProgress(
  plan: NormalizedPlan,
  section: ChannelSection,
  ctx: ChannelContext,
  row: number,
  planRow: number,
  actuals: ChannelActuals,
): Block[] {
  const { CALC, HEADER, SECTION } = STYLES;
  const L = (k: LabelKey, p?: Record<string, string>) => label(ctx.lang, k, p);
  const t = ctx.tables.progress;
  const n = section.budget.channels.length;
  const R = channelRows(n);
  const money = channelMoneyFormat(section.budget.currency);
  const monthCol = t.index('month');
  const ytd = ['ytdTarget', 'ytdActual', 'ytdProgress'].map((id) => t.index(id));
  const planMonths = (r: number): RangeRef => ({ row: r, col: ctx.tables.plan.index('month'), cols: 12 });
  const actualMonths = (r: number): RangeRef => ({ row: r, col: actuals.monthCol, cols: 12 });
  const planCell = (r: number, j: number) => ref(ctx.sheets.plan, { row: r, col: ctx.tables.plan.index('month', j) });
  const actualCell = (r: number, j: number) => ref(ctx.sheets.actuals, { row: r, col: actuals.monthCol + j });
  const ratio = (x: string, y: string) => f(`=IF(OR(NOT(ISNUMBER(${x})), NOT(ISNUMBER(${y})), ${y}=0), "", ${x}/${y})`);
  const sumIfGiven = (given: string, of: string) => f(`=IF(COUNT(${given})=0, "", SUMIF(${given}, "<>", ${of}))`);
  const sumGiven = (given: string) => f(`=IF(COUNT(${given})=0, "", SUM(${given}))`);
  const letterAt = (col: number, r: number) => `${colLetter(col)}${r}`;

  /** One table: a title, a header, a row per channel of 12 monthly ratios and three year-to-date cells. */
  type Line = (i: number) => ProgressLine;
  const table = (top: number, title: string, ytdHeaders: LabelKey[], line: Line, format: string): Block[] => {
    const header: Cell[] = [L('channel')];
    while (header.length < monthCol - 1) header.push(null);
    const out: Block[] = [
      { row: top, col: 1, cells: [[title]], style: SECTION },
      { row: top + 1, col: 1, cells: [[...header, ...ctx.months]], style: HEADER },
      { row: top + 1, col: ytd[0], cells: [ytdHeaders.map((k) => L(k))], style: HEADER },
    ];
    for (let i = 0; i < n; i++) {
      const r = top + 2 + i;
      const x = line(i);
      const months = Array.from({ length: 12 }, (_, j) => (x.achievement
        ? f(`=${achievementFormula(x.actual(j), x.target(j), 'FALSE')}`)
        : ratio(x.actual(j), x.target(j))));
      const [target, actual] = [letterAt(ytd[0], r), letterAt(ytd[1], r)];
      out.push(
        { row: r, col: 1, cells: [[channelNameLink(ctx, planRow, n, i)]], style: { ...CALC, bold: true } },
        { row: r, col: monthCol, cells: [months], style: { numberFormat: '0%', align: 'center' } },
        {
          row: r, col: ytd[0],
          cells: [[sumIfGiven(x.actuals, x.targets), sumGiven(x.actuals), x.achievement
            ? f(`=${achievementFormula(actual, target, 'FALSE')}`) : ratio(actual, target)]],
          cellStyles: [[
            { ...CALC, numberFormat: format },
            { ...CALC, numberFormat: format },
            { numberFormat: '0%', align: 'center', bold: true },
          ]],
        },
      );
    }
    return out;
  };
  const stage = L('channelProgress', { stage: plan.funnel.stages[section.budget.stage].name });
  const volumes = table(row, stage, ['ytdTarget', 'ytdActual', 'ytdProgress'], (i) => {
    const p = planRow + R.firstChannel + i;
    const a = actuals.volumeRow(i);
    return {
      actual: (j) => actualCell(a, j), target: (j) => planCell(p, j),
      actuals: ref(ctx.sheets.actuals, actualMonths(a)),
      targets: ref(ctx.sheets.plan, planMonths(p)),
      achievement: true,
    };
  }, COUNT_FORMAT);
  const spend = table(row + n + 3, L('spendVsBudget'), ['ytdBudget', 'ytdSpend', 'spendRatio'], (i) => {
    const p = planRow + R.firstBudget + i;
    const a = actuals.spendRow(i);
    return {
      actual: (j) => actualCell(a, j), target: (j) => planCell(p, j),
      actuals: ref(ctx.sheets.actuals, actualMonths(a)),
      targets: ref(ctx.sheets.plan, planMonths(p)),
      achievement: false,
    };
  }, money);
  return [...volumes, ...spend];
}
