/**
 * The monthly report's server side: the dialog opener, its defaults, and createMonthlyReport.
 * The plan is read back from the workbook through its named ranges (MONTHLY_TARGETS is on the
 * Plan sheet, next to the KPI table; ACTUALS on Actuals), so the report uses the plan as it is
 * now, targets the user edited included. A fixed number of reads and writes.
 */
import { DEFAULT_THRESHOLDS, langFromLocale } from '../core/locale';
import type { Lang } from '../core/plan';
import { fiscalMonths, lastFinishedMonth, monthIndexOf, reportRows, type ReportInput, type ReportPlan } from '../core/report';
import { buildSuffixes, withDocumentLock } from '../sheets/build';
import { label } from '../sheets/labels';
import { REPORT, reportMarker, reportSheetName, reportSpec } from '../sheets/report';
import { NOTE_PREFIX, PLAN, type PlanNote } from '../sheets/workbook';
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
  /** As read: reportRows counts anything but a number as blank. */
  targets: ReportInput['targets'];
  actuals: ReportInput['actuals'];
}

const noPlan = (ss: Spreadsheet) => new Error(label(langFromLocale(ss.getSpreadsheetLocale()), 'noPlan'));

/**
 * The plan of one build, read from the sheets. The build is the one whose Plan or Actuals
 * sheet is active, else the first. Throws "build one first" without one. The language,
 * fiscal year and name are in the note on the Plan's title; the KPI table, the monthly
 * targets and the thresholds come from one read of the Plan sheet.
 */
function readPlan(ss: Spreadsheet): Source {
  const builds = buildSuffixes(ss).flatMap((s) => {
    try { // a range whose sheet was deleted throws: that build is gone
      const r = [ss.getRangeByName(`MONTHLY_TARGETS${s}`)!, ss.getRangeByName(`ACTUALS${s}`)!];
      return [{ s, r, sheets: r.map((x) => x.getSheet().getName()) }];
    } catch {
      return [];
    }
  });
  const active = ss.getActiveSheet()?.getName();
  const build = builds.find((b) => b.sheets.includes(active ?? '')) ?? builds[0];
  if (!build) throw noPlan(ss);
  const [t, a] = build.r;
  const sheet = t.getSheet();
  const row0 = t.getRow();
  const k = t.getNumRows();
  let note: Partial<PlanNote> | undefined;
  try {
    note = JSON.parse(sheet.getRange(1, 1).getNote().slice(NOTE_PREFIX.length));
  } catch {
    // not a plan sheet this add-on made
  }
  const { lang, name, startYear, startMonth } = note ?? {};
  const actuals = a.getValues();
  if (!(lang && startYear && startMonth && k && actuals.length === k)) throw noPlan(ss);
  const box = sheet.getRange(1, 1, row0 + k - 1, PLAN.month1 + 11).getValues();
  const kpiRows = box.slice(row0 - 1);
  // One KSF entry per KPI row: the report only needs each KPI's KSF name, in plan order.
  const ksfs = kpiRows.map((r): ReportPlan['ksfs'][number] => {
    const [ksf, name, unit, owner, direction, aggregate] = r.map((v) => String(v ?? '').trim());
    return { name: ksf, kpis: [{
      name, unit, owner,
      direction: direction === label(lang, 'lower') ? 'lower' : 'higher',
      aggregate: aggregate === label(lang, 'average') ? 'average' : 'sum',
    }] };
  });
  const num = (v: unknown, d: number) => (typeof v === 'number' && Number.isFinite(v) ? v : d);
  return {
    lang,
    name: name ?? '',
    source: `MONTHLY_TARGETS${build.s}`,
    plan: {
      locale: lang,
      fiscalYear: { startYear, startMonth },
      thresholds: { warn: num(box[PLAN.warn - 1][1], DEFAULT_THRESHOLDS.warn), ok: num(box[PLAN.ok - 1][1], DEFAULT_THRESHOLDS.ok) },
      ksfs,
    },
    targets: kpiRows.map((r) => r.slice(PLAN.month1 - 1)),
    actuals,
  };
}

/** The actions typed in an earlier report, by KPI name (one read). */
function typedActions(sheet: Sheet): Record<string, string> {
  const out: Record<string, string> = {};
  const n = sheet.getLastRow() - REPORT.first + 1;
  if (n < 1) return out;
  for (const r of sheet.getRange(REPORT.first, 1, n, REPORT.action).getValues()) {
    if (r[0] === '') break;
    const action = r[REPORT.action - 1];
    if (action !== '' && action !== null) out[String(r[0])] = String(action);
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
    });
    // The new sheet is complete before the old one goes: a failure leaves the old report as it was.
    const [sheet] = writeSheets(ss, [spec]);
    if (old) {
      const name = old.getName();
      const index = old.getIndex();
      ss.deleteSheet(old);
      sheet.setName(name);
      ss.setActiveSheet(sheet);
      ss.moveActiveSheet(index);
    } else {
      ss.setActiveSheet(sheet);
    }
    return { sheet: sheet.getName(), month: key.key, kpis: rows.length, replaced: !!old };
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
