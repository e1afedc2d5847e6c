/**
 * The monthly report's server side: the dialog opener, its defaults, and createMonthlyReport.
 * The plan is read back from the workbook through its named ranges and declared columns, so the
 * report uses the plan as it is now, inputs the user edited included; every target is computed
 * from the inputs with src/core (never read from KPI_* output, which may still be "Loading…").
 * A fixed number of reads and writes.
 */
import { langFromLocale } from '../core/locale';
import type { Lang } from '../core/plan';
import {
  fiscalMonths, type KgiSeries, kgiReportRow, lastFinishedMonth, monthIndexOf, type ReportFunnel, reportFunnel, reportRows,
  type ReportInput, type ReportPlan,
} from '../core/report';
import { buildSuffixes, withDocumentLock } from '../sheets/build';
import { label } from '../sheets/labels';
import { REPORT, reportMarker, reportSheetName, reportSpec, reportTable } from '../sheets/report';
import { planFunnel, planKgi, reportPlanOf } from '../sheets/plan-inputs';
import { NOTE_PREFIX, type PlanNote, tables } from '../sheets/workbook';
import { freeSheetName, writeSheets } from '../sheets/writer';
import { t } from '../messages';
import { addonLang } from './lang';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

interface Source {
  lang: Lang;
  name: string;
  /** `MONTHLY_TARGETS` or `MONTHLY_TARGETS_2`, …: which build. */
  source: string;
  plan: ReportPlan & { fiscalYear: { startYear: number; startMonth: number } };
  /** Computed from the plan's inputs (reportRows counts anything but a number as blank). */
  targets: ReportInput['targets'];
  actuals: ReportInput['actuals'];
  /** The KGI's targets (computed from the inputs) and its typed actuals; none for a build without KGI_ACTUALS. */
  kgi?: KgiSeries;
  funnel: ReportFunnel;
}

const noPlan = (ss: Spreadsheet) => new Error(label(langFromLocale(ss.getSpreadsheetLocale()), 'noPlan'));

/**
 * The plan of one build, read from the sheets. The build is the one whose Plan or Actuals
 * sheet is active, else the first. Throws "build one first" without one. The language,
 * fiscal year and name are in the note on the Plan's title; the KPI table's inputs and the
 * thresholds come from one read of the Plan sheet; the targets are computed from them.
 */
function readPlan(ss: Spreadsheet): Source {
  const builds = buildSuffixes(ss).flatMap((s) => {
    try { // a range whose sheet was deleted throws: that build is gone
      const r = [ss.getRangeByName(`MONTHLY_TARGETS${s}`)!, ss.getRangeByName(`ACTUALS${s}`)!, ss.getRangeByName(`FUNNEL_RATES${s}`)!];
      return [{ s, r, sheets: r.map((x) => x.getSheet().getName()) }];
    } catch {
      return [];
    }
  });
  const active = ss.getActiveSheet()?.getName();
  const build = builds.find((b) => b.sheets.includes(active ?? '')) ?? builds[0];
  if (!build) throw noPlan(ss);
  const [monthly, a, rates] = build.r;
  const sheet = monthly.getSheet();
  const firstKpi = monthly.getRow();
  const k = monthly.getNumRows();
  let note: Partial<PlanNote> | undefined;
  try {
    note = JSON.parse(sheet.getRange(1, 1).getNote().slice(NOTE_PREFIX.length));
  } catch {
    // not a plan sheet this add-on made
  }
  const { lang, name, startYear, startMonth } = note ?? {};
  const actuals = a.getValues();
  if (!(lang && startYear && startMonth && k && actuals.length === k)) throw noPlan(ss);
  // A build made before the KGI had its own row has no KGI_ACTUALS: its report has no KGI line.
  let kgiActuals: unknown[] | undefined;
  try {
    kgiActuals = ss.getRangeByName(`KGI_ACTUALS${build.s}`)?.getValues()[0];
  } catch {
    kgiActuals = undefined;
  }
  const table = tables().plan;
  const box = sheet.getRange(1, 1, firstKpi + k - 1, table.width);
  const values = box.getValues();
  const inputs = { values, formulas: box.getFormulas(), firstKpi, kpis: k, rates: rates.getValues().map((r) => r[0]), lang };
  const { ksfs, thresholds, targets } = reportPlanOf(inputs);
  return {
    lang,
    name: name ?? '',
    source: `MONTHLY_TARGETS${build.s}`,
    plan: {
      locale: lang,
      fiscalYear: { startYear, startMonth },
      thresholds,
      ksfs,
    },
    targets,
    actuals,
    kgi: kgiActuals && planKgi(inputs, kgiActuals),
    funnel: planFunnel(inputs),
  };
}

/** The actions typed in an earlier report, by KPI name (one read). */
function typedActions(sheet: Sheet): Record<string, string> {
  const out: Record<string, string> = {};
  const table = reportTable();
  const n = sheet.getLastRow() - REPORT.first + 1;
  if (n < 1) return out;
  for (const values of sheet.getRange(REPORT.first, table.firstCol, n, table.width).getValues()) {
    const row = table.read(values);
    if (row.kpi === '') break;
    if (row.action !== '' && row.action !== null) out[String(row.kpi)] = String(row.action);
  }
  return out;
}

function today(ss: Spreadsheet, pattern: string): string {
  return Utilities.formatDate(new Date(), ss.getSpreadsheetTimeZone(), pattern);
}

export interface ReportResult {
  sheet: string;
  month: string;
  kpis: number;
  replaced: boolean;
}

/**
 * Writes (or, for a month reported before, replaces in place) the sheet `Report YYYY-MM` /
 * `月次レポート YYYY-MM` for `month`. Throws — creating nothing — for a month that is not
 * `YYYY-MM` or outside the plan's fiscal year, or when the spreadsheet has no plan.
 */
export function createMonthlyReport(month: unknown): ReportResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return withDocumentLock(addonLang(ss), () => {
    const src = readPlan(ss);
    const { lang, plan } = src;
    const m = monthIndexOf(plan, month, lang);
    const key = fiscalMonths(plan)[m];
    const rows = reportRows({ plan, monthIndex: m, targets: src.targets, actuals: src.actuals });
    const kgi = src.kgi && { ...src.kgi, row: kgiReportRow(plan, m, src.kgi, label(lang, 'kgi')) };
    const funnel = reportFunnel(plan, src.funnel, src.actuals, m);
    const base = reportSheetName(lang, key.key);
    const marker = reportMarker(src.source, key.key);
    // The report of this build and month this add-on made earlier, if any (never a user's own sheet).
    const sheets = ss.getSheets();
    const old = sheets.find((sh) => sh.getName().startsWith(base) && sh.getRange(1, 1).getNote() === marker);
    const spec = reportSpec({
      sheet: freeSheetName(sheets.map((sh) => sh.getName()), base),
      lang,
      planName: src.name,
      month: key.key,
      monthLabel: key.label,
      made: `${today(ss, 'yyyy-MM-dd HH:mm')} (${ss.getSpreadsheetTimeZone()})`,
      source: src.source,
      thresholds: plan.thresholds!,
      rows,
      actions: old && typedActions(old),
      kgi,
      monthLabels: fiscalMonths(plan, lang).map((x) => x.label),
      funnel: funnel && { known: funnel.steps.some((x) => x.actual !== ''), weakest: funnel.weakest },
    });
    // Read before the first write (a read after a write flushes Apps Script's write buffer).
    const oldPlace = old && { name: old.getName(), index: old.getIndex() };
    // The new sheet is complete before the old one goes: a failure leaves the old report as it was.
    const [sheet] = writeSheets(ss, [spec]);
    if (old && oldPlace) {
      const { name, index } = oldPlace;
      ss.deleteSheet(old);
      sheet.setName(name);
      ss.setActiveSheet(sheet);
      ss.moveActiveSheet(index);
    } else {
      ss.setActiveSheet(sheet);
    }
    return { sheet: oldPlace ? oldPlace.name : spec.name, month: key.key, kpis: rows.length, replaced: !!old };
  });
}

export interface ReportDefaults {
  lang: Lang;
  plan: string;
  months: { key: string; label: string }[];
  defaultMonth: string;
}

/** What the report dialog offers: the plan's 12 fiscal months, the last finished one selected. */
export function getReportDefaults(): ReportDefaults {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const { lang, name, plan } = readPlan(ss);
  const [y, m] = today(ss, 'yyyy-MM').split('-').map(Number);
  return {
    lang,
    plan: name,
    months: fiscalMonths(plan).map(({ key, label }) => ({ key, label })),
    defaultMonth: lastFinishedMonth(plan, new Date(y, m - 1, 1)),
  };
}

/** Opens the report dialog (dist/report.html); without a plan, says to build one first. */
export function showReportDialog(): void {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const ui = SpreadsheetApp.getUi();
  let lang: Lang;
  try {
    lang = readPlan(ss).lang;
  } catch (e) {
    ui.alert((e as Error).message);
    return;
  }
  ui.showModalDialog(HtmlService.createHtmlOutputFromFile('report').setWidth(380).setHeight(230), t(lang, 'title.report'));
}
