/**
 * The server side of data links (issue 16): the sheets a KPI can be linked to, a sheet described
 * for the planner, the 12 monthly numbers of a link before it is saved, the health check with the
 * workbook's facts, and unlinking a linked Actuals row. Source sheets are only ever read.
 */
import { checkPlan as checkPlanPure, type HealthResult } from '../core/health';
import { defaultStartMonth, fiscalYearOf, isLang } from '../core/locale';
import type { Lang } from '../core/plan';
import {
  aggregateSource,
  describeSource as describeValues,
  type FiscalYear,
  SourceColumnError,
  type SourceDescription,
  type SourceLink,
  type SourcePreview,
  unreadableText,
  validateSource,
} from '../core/sources';
import { checked } from '../core/validate';
import { buildSuffixes, withDocumentLock } from '../sheets/build';
import { label } from '../sheets/labels';
import { findSheet, linkFacts, readLinkContext, sheetValues } from '../sheets/links';
import { NOTE_PREFIX, type PlanNote, readSourceLink, tables } from '../sheets/workbook';
import { addonLang } from './lang';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The named ranges whose sheets a build made (the add-on's own sheets are never a source). */
const OWN_RANGES = ['KGI_TARGET', 'ACTUALS', 'PROGRESS', 'KPI_NAMES'];
/** The note the add-on leaves on the title (A1) of the sheets it makes (Plan, KPI Tree, reports). */
const OWN_NOTE = 'KPI Planner';

/** The names of the sheets that a build or a report made. */
function ownSheets(ss: Spreadsheet): Set<string> {
  const own = new Set<string>();
  for (const sheet of ss.getSheets()) if (sheet.getRange(1, 1).getNote().startsWith(OWN_NOTE)) own.add(sheet.getName());
  for (const named of ss.getNamedRanges()) {
    const name = named.getName();
    const ours = OWN_RANGES.some((n) => name === n || name.startsWith(`${n}_`));
    if (!ours) continue;
    try {
      own.add(named.getRange().getSheet().getName());
    } catch {
      // a range whose sheet was deleted
    }
  }
  return own;
}

/** The sheets a KPI can be linked to: every sheet but the add-on's own (KPI Tree, Plan, Actuals, Progress, reports). */
export function listSourceSheets(): string[] {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const own = ownSheets(ss);
  return ss
    .getSheets()
    .map((s) => s.getName())
    .filter((n) => !own.has(n));
}

/** The sheet named `sheetName`, or a clear error naming the function and the name. */
function sourceSheet(ss: Spreadsheet, fn: string, sheetName: unknown) {
  const sheet = typeof sheetName === 'string' ? findSheet(ss, sheetName) : undefined;
  if (!sheet) throw new Error(`${fn}: no sheet ${JSON.stringify(sheetName)} in this spreadsheet`);
  return sheet;
}

/**
 * A sheet described for the planner (one getValues read): its headers (row 1), the columns that look
 * like dates (best guess first), each column's distinct values (most frequent first) and its rows.
 */
export function describeSource(sheetName: string): SourceDescription {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = sourceSheet(ss, 'describeSource', sheetName);
  return describeValues(sheetValues(sheet), ss.getSpreadsheetTimeZone());
}

/**
 * The fiscal year of a plan: today the one whose Plan note the spreadsheet holds (`planId`: the
 * named-range suffix of a build, '' for the first), else the current fiscal year in the
 * spreadsheet's language. The one place the plan is looked up here (swap for getPlan(planId)).
 */
export function planFiscalYear(ss: Spreadsheet, planId?: string): FiscalYear {
  const suffixes = buildSuffixes(ss);
  const suffix = planId !== undefined && suffixes.includes(planId) ? planId : suffixes[0];
  if (suffix !== undefined) {
    try {
      const sheet = ss.getRangeByName(`MONTHLY_TARGETS${suffix}`)?.getSheet();
      const note = JSON.parse(sheet?.getRange(1, 1).getNote().slice(NOTE_PREFIX.length) ?? '') as Partial<PlanNote>;
      if (note.startYear && note.startMonth) return { startYear: note.startYear, startMonth: note.startMonth };
    } catch {
      // not a note this add-on wrote
    }
  }
  const timeZone = ss.getSpreadsheetTimeZone();
  const startMonth = defaultStartMonth(addonLang(ss));
  const [y, m] = Utilities.formatDate(new Date(), timeZone, 'yyyy-M').split('-').map(Number);
  return { startYear: fiscalYearOf(y, m, startMonth), startMonth };
}

export interface SourcePreviewResult {
  months: number[];
  unreadable: SourcePreview['unreadable'];
  /** Rows that count with a date in the fiscal year, and in any year. */
  rowsInYear: number;
  rows: number;
  /** The unreadable rows in words ('' when none), in the add-on's language. */
  text: string;
  fiscalYear: FiscalYear;
}

const isFiscalYear = (v: unknown): v is FiscalYear =>
  typeof v === 'object' &&
  v !== null &&
  Number.isInteger((v as FiscalYear).startYear) &&
  Number.isInteger((v as FiscalYear).startMonth) &&
  (v as FiscalYear).startMonth >= 1 &&
  (v as FiscalYear).startMonth <= 12;

/**
 * The 12 monthly numbers a link gives (fiscal month order) and the rows it cannot read, before it is
 * saved. The fiscal year: `fiscalYear` when given (the planner's draft), else the plan's (planFiscalYear).
 * `lang` picks the words of `text` (default: the add-on's language).
 */
export function previewSource(
  source: SourceLink,
  planId?: string,
  fiscalYear?: FiscalYear,
  lang?: Lang,
): SourcePreviewResult {
  const problems = validateSource(source, 'source');
  if (problems.length) throw new Error(`previewSource: ${problems.map((p) => p.message).join('; ')}`);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = sourceSheet(ss, 'previewSource', source.sheet);
  const fy = isFiscalYear(fiscalYear) ? fiscalYear : planFiscalYear(ss, planId);
  let preview: SourcePreview;
  try {
    preview = aggregateSource(source, sheetValues(sheet), { fiscalYear: fy, timeZone: ss.getSpreadsheetTimeZone() });
  } catch (e) {
    if (e instanceof SourceColumnError) throw new Error(`previewSource: ${e.message}`);
    throw e;
  }
  const words: Lang = isLang(lang) ? lang : addonLang(ss);
  return { ...preview, text: unreadableText(preview, words), fiscalYear: fy };
}

/**
 * checkPlan with the workbook's facts about the plan's data links (a missing sheet or column, a link
 * with no row in the fiscal year): what the sidebar calls. Reads the linked sheets only.
 */
export function checkPlan(plan: unknown, lang?: Lang): HealthResult {
  const valid = checked(plan).copy;
  if (!valid || !planHasLinks(valid)) return checkPlanPure(plan, lang);
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return checkPlanPure(plan, lang, linkFacts(valid, readLinkContext(ss, valid)));
}

const planHasLinks = (p: { kgi: { source?: unknown }; ksfs: { kpis: { source?: unknown }[] }[] }) =>
  Boolean(p.kgi.source) || p.ksfs.some((k) => k.kpis.some((x) => x.source));

export interface UnlinkResult {
  kpi: string;
  sheet: string;
  row: number;
  /** The months as they now stand, typed. */
  values: (number | string)[];
}

/**
 * Unlinks a linked Actuals row: its months' current values become typed values, the link's cells are
 * cleared and the Actuals validation is put back. `kpi`: the KPI's name as Actuals shows it; without
 * it, the row of the active cell on an Actuals sheet. Reads everything before the first write.
 */
export function unlinkActuals(kpi?: string): UnlinkResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const t = tables().actuals;
  const active = ss.getActiveSheet();
  const activeRow = kpi === undefined ? ss.getActiveRange()?.getRow() : undefined;
  // Every build's Actuals block, one read each, then the row the name (or the active cell) picks.
  const found = buildSuffixes(ss).flatMap((suffix) => {
    const range = ss.getRangeByName(`ACTUALS${suffix}`);
    if (!range) return [];
    const sheet = range.getSheet();
    const first = range.getRow();
    const values = sheet.getRange(first, 1, range.getNumRows(), t.width).getValues();
    const note = sheet.getParent().getRangeByName(`KPI_NAMES${suffix}`)?.getSheet().getRange(1, 1).getNote() ?? '';
    return values.map((row, i) => ({
      sheet,
      row: first + i,
      cells: t.read(row),
      note,
      first,
      rows: range.getNumRows(),
    }));
  });
  const hit = found.find(
    (x) =>
      readSourceLink(x.cells.linkData) &&
      (kpi === undefined
        ? x.sheet.getName() === active.getName() && x.row === activeRow
        : String(x.cells.kpi).trim() === String(kpi).trim()),
  );
  let lang: Lang = addonLang(ss);
  try {
    const note = JSON.parse((hit?.note ?? '').slice(NOTE_PREFIX.length)) as Partial<PlanNote>;
    if (isLang(note.lang)) lang = note.lang;
  } catch {
    // the add-on's language then
  }
  if (!hit) throw new Error(`unlinkActuals: ${label(lang, 'notLinked', { kpi: kpi ?? '' })}`);
  return withDocumentLock(lang, () => {
    const row = hit.row;
    const sheet = hit.sheet;
    const rowValues = sheet.getRange(row, 1, 1, t.width).getValues()[0];
    const typed = Array.from({ length: 12 }, (_, j) => {
      const v = rowValues[t.offset('month', j)];
      return typeof v === 'number' && Number.isFinite(v) ? v : '';
    });
    const monthRange = sheet.getRange(row, t.index('month'), 1, 12);
    monthRange.setValues([typed]);
    monthRange.setBackground('#e8f0fe').setFontColor('#174ea6');
    const rule = SpreadsheetApp.newDataValidation()
      .requireNumberGreaterThanOrEqualTo(0)
      .setAllowInvalid(false)
      .setHelpText(label(lang, 'actualsHelp'))
      .build();
    monthRange.setDataValidation(rule);
    const linkCells = sheet.getRange(row, t.index('link'), 1, 3);
    linkCells.setValues([['', '', '']]);
    linkCells
      .setNotes([['', '', '']])
      .setBackground('#ffffff')
      .setFontColor('#000000');
    sheet.getRange(row, t.index('linkMonth'), 1, 12).setValues([Array(12).fill('')]);
    const name = String(hit.cells.kpi ?? '');
    ss.toast(label(lang, 'unlinked', { kpi: name }), 'KPI Planner');
    return { kpi: name, sheet: sheet.getName(), row, values: typed };
  });
}
