/**
 * The monthly report's server side: the dialog opener, its defaults, and createMonthlyReport.
 * The plan is read back from the workbook through its named ranges and declared columns, so the
 * report uses the plan as it is now, inputs the user edited included; every target is computed
 * from the inputs with src/core (never read from KPI_* output, which may still be "Loading…").
 * A fixed number of reads and writes.
 */
import { CURRENCY_SYMBOLS, langFromLocale } from '../core/locale';
import type { Lang } from '../core/plan';
import { kgiMonthlyTargets } from '../core/periods';
import {
  fiscalMonths,
  type KgiSeries,
  kgiReportRow,
  lastFinishedMonth,
  monthIndexOf,
  type ReportFunnel,
  reportFunnel,
  reportRows,
  type ReportInput,
  type ReportPlan,
  type ReportRow,
} from '../core/report';
import { DEFAULT_THRESHOLDS } from '../core/locale';
import { planKpis } from '../core/validate';
import { withDocumentLock } from '../sheets/build';
import { KeyedSheet, rowKeys } from '../sheets/identity';
import { label } from '../sheets/labels';
import {
  choosePlan,
  monthlyTargets,
  type PlanSheets,
  type PlanSummary,
  planSummaries,
  plansOf,
  readActuals,
  readPlan as readPlanOf,
} from '../sheets/read-plan';
import { reportSheetName, reportSpec } from '../sheets/report';
import { freeSheetName, writeSheets } from '../sheets/writer';
import { t } from '../messages';
import { addonLang } from './lang';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

interface Source {
  lang: Lang;
  name: string;
  planId: string;
  /** `MONTHLY_TARGETS` or `MONTHLY_TARGETS_2`, …: which build. */
  source: string;
  plan: ReportPlan & { fiscalYear: { startYear: number; startMonth: number } };
  /** Each KPI's id, plan order (the rows of targets and actuals). */
  ids: string[];
  /** Computed from the plan's inputs (reportRows counts anything but a number as blank). */
  targets: ReportInput['targets'];
  actuals: ReportInput['actuals'];
  found: PlanSheets;
  /** The KGI's targets (computed from the inputs) and its typed actuals; none for a build without KGI_ACTUALS. */
  kgi?: KgiSeries;
  funnel: ReportFunnel;
}

/**
 * The plan of one build, read back by identity (read-plan.ts): `planId`, else the plan the active
 * sheet belongs to, else the only one. Throws "build one first" without one. The targets are
 * computed from the plan's inputs, the actuals read by KPI id.
 */
function readPlan(ss: Spreadsheet, planId?: unknown, fn = 'createMonthlyReport'): Source {
  const found = choosePlan(ss, planId, fn);
  if (!found) throw new Error(label(langFromLocale(ss.getSpreadsheetLocale()), 'noPlan'));
  const { plan } = readPlanOf(found);
  const typed = readActuals(found);
  const byId = typed.kpis;
  const kpis = planKpis(plan);
  const ids = kpis.map(({ kpi }) => kpi.id);
  const actuals = ids.map((id) => byId.get(id) ?? Array(12).fill('')) as ReportInput['actuals'];
  const lang = found.record.lang;
  const normalized = {
    locale: lang,
    fiscalYear: plan.fiscalYear,
    thresholds: {
      warn: typeof plan.thresholds?.warn === 'number' ? plan.thresholds.warn : DEFAULT_THRESHOLDS.warn,
      ok: typeof plan.thresholds?.ok === 'number' ? plan.thresholds.ok : DEFAULT_THRESHOLDS.ok,
    },
    ksfs: plan.ksfs,
  };
  // The KGI's typed actuals (its row of Actuals, by key); its targets from the plan's inputs.
  const kgiActuals = typed.kgi;
  let kgiTargets: (number | '')[] = Array(12).fill('');
  try {
    kgiTargets = kgiMonthlyTargets(plan);
  } catch {
    // No KGI (or bad weights): Plan shows the error; the report has no KGI targets.
  }
  const currency = plan.kgi.unit === 'currency' ? plan.kgi.currency : undefined;
  const kgi: KgiSeries | undefined = kgiActuals && {
    name: plan.kgi.name,
    unit: currency ? CURRENCY_SYMBOLS[currency] : '',
    targets: kgiTargets,
    actuals: kgiActuals.map((v) => (typeof v === 'number' && Number.isFinite(v) ? v : '')),
  };
  const funnel: ReportFunnel = { stages: plan.funnel.stages.map((s) => s.name), planned: plan.funnel.rates };
  return {
    lang,
    kgi,
    funnel,
    name: found.record.name,
    planId: found.record.id,
    source: `MONTHLY_TARGETS${found.record.suffix}`,
    plan: normalized,
    ids,
    targets: monthlyTargets(plan),
    actuals,
    found,
  };
}

/** The actions typed in an earlier report, by KPI id (one read; any KPI id, `__proto__` included). */
function typedActions(sheet: Sheet): Map<string, string> {
  const out = new Map<string, string>();
  const keyed = new KeyedSheet(sheet);
  for (const { id } of keyed.keys('kpi:')) {
    const action = keyed.value(rowKeys.kpi(id), 'action');
    if (action !== '' && action !== null) out.set(id, String(action));
  }
  return out;
}

/** reportRows with each row's KPI id, by the row's place in plan order (names may repeat). */
function rowsWithIds(src: Source, monthIndex: number): (ReportRow & { id: string })[] {
  const rows = reportRows({ plan: src.plan, monthIndex, targets: src.targets, actuals: src.actuals });
  return rows.map((row) => ({ ...row, id: src.ids[row.index] }));
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
export function createMonthlyReport(month: unknown, planId?: unknown): ReportResult {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return withDocumentLock(addonLang(ss), () => {
    const src = readPlan(ss, planId);
    const { lang, plan } = src;
    const m = monthIndexOf(plan, month, lang);
    const key = fiscalMonths(plan)[m];
    const rows = rowsWithIds(src, m);
    const kgi = src.kgi && { ...src.kgi, row: kgiReportRow(plan, m, src.kgi, label(lang, 'kgi')) };
    const funnel = reportFunnel(plan, src.funnel, src.actuals, m);
    const base = reportSheetName(lang, key.key);
    // The report of this plan and month this add-on made earlier, by its own metadata (a copy
    // carries the metadata but has another sheet id; a user's own sheet has none).
    const sheets = ss.getSheets();
    const old = src.found.reports.find((r) => r.identity.month === key.key)?.sheet;
    const spec = reportSpec({
      sheet: freeSheetName(
        sheets.map((sh) => sh.getName()),
        base,
      ),
      lang,
      planName: src.name,
      month: key.key,
      monthLabel: key.label,
      made: `${today(ss, 'yyyy-MM-dd HH:mm')} (${ss.getSpreadsheetTimeZone()})`,
      source: src.source,
      planId: src.planId,
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
  /** The plan the months are of, and every plan (the dialog offers a choice when there are several). */
  planId: string;
  plans: PlanSummary[];
  /** True when the active sheet belongs to no plan and there are several: the user should choose. */
  choose: boolean;
  months: { key: string; label: string }[];
  defaultMonth: string;
}

/**
 * What the report dialog offers: the plans, and the chosen plan's 12 fiscal months with the last
 * finished one selected. The plan: `planId`, else the active sheet's, else the only (or first) one.
 */
export function getReportDefaults(planId?: string): ReportDefaults {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  let choose = false;
  let id = planId;
  if (!id) {
    try {
      id = choosePlan(ss, undefined, 'getReportDefaults')?.record.id;
    } catch (e) {
      const first = plansOf(ss)[0];
      if (!first) throw e;
      choose = true;
      id = first.record.id;
    }
  }
  const { lang, name, plan } = readPlan(ss, id, 'getReportDefaults');
  const [y, m] = today(ss, 'yyyy-MM').split('-').map(Number);
  return {
    lang,
    plan: name,
    planId: id ?? '',
    plans: planSummaries(ss),
    choose,
    months: fiscalMonths(plan).map(({ key, label }) => ({ key, label })),
    defaultMonth: lastFinishedMonth(plan, new Date(y, m - 1, 1)),
  };
}

/** Opens the report dialog (dist/report.html); without a plan, says to build one first. */
export function showReportDialog(): void {
  const ui = SpreadsheetApp.getUi();
  let lang: Lang;
  try {
    lang = getReportDefaults().lang;
  } catch (e) {
    ui.alert((e as Error).message);
    return;
  }
  ui.showModalDialog(
    HtmlService.createHtmlOutputFromFile('report').setWidth(380).setHeight(260),
    t(lang, 'title.report'),
  );
}
