/**
 * The server functions behind the planner's build button and the "re-apply progress
 * colours" menu item. Validate first (nothing is written for a bad plan), then write
 * everything under the document lock with the one writer.
 */
import { checkPlan, type HealthResult, kpiFindings } from '../core/health';
import type { Lang, Plan } from '../core/plan';
import { type NormalizedPlan, planKpis } from '../core/validate';
import { idMaker, type KpiExtras, META, type PlanRecord, planRecords } from './identity';
import { plansOf } from './read-plan';
import { isLang, langFromLocale } from '../core/locale';
import { label } from './labels';
import { applyConditionalFormats, freeRangeSuffix, freeSheetName, takenNames, writeSheets } from './writer';
import { defaultNames, progressRules, RANGE_NAMES, workbookSpec } from './workbook';

export interface BuildResult {
  sheets: string[];
  warnings: string[];
  /** The new plan's id (listPlans / getPlan / updateWorkbook). */
  planId?: string;
}

/**
 * The plan with an id on itself, each KSF and each KPI: ids given are kept (a KPI id given twice
 * keeps its first use), missing ones are new. The plan's own id is new when `takenPlans` has it
 * (building a plan again makes a second plan).
 */
export function withIds(plan: Plan, takenPlans: Set<string>, uuid?: () => string): Plan {
  const make = idMaker(new Set(takenPlans), uuid);
  const valid = (id: unknown): id is string => typeof id === 'string' && /^[\w-]{1,64}$/.test(id);
  const seen = new Set<string>();
  const keep = (id: unknown) => (valid(id) && !seen.has(id) ? (seen.add(id), id) : undefined);
  const ksfIds = plan.ksfs.map((k) => keep(k.id));
  const kpiIds = plan.ksfs.map((k) => k.kpis.map((x) => keep(x.id)));
  // A new KSF or KPI id is one no id of this plan uses.
  const fresh = () => {
    for (;;) {
      const id = make();
      if (!seen.has(id)) return (seen.add(id), id);
    }
  };
  const id = valid(plan.id) && !takenPlans.has(plan.id) ? plan.id : make();
  return {
    ...plan,
    id,
    ksfs: plan.ksfs.map((k, i) => ({
      ...k,
      id: ksfIds[i] ?? fresh(),
      kpis: k.kpis.map((x, j) => ({ ...x, id: kpiIds[i][j] ?? fresh() })),
    })),
  };
}

/** The spreadsheet-level record of a plan (identity.ts). `normalized`: the plan as built. */
export function planRecord(normalized: NormalizedPlan, suffix: string, order: number): PlanRecord {
  const extras: PlanRecord['extras'] = {};
  for (const { kpi } of planKpis(normalized)) {
    const x: KpiExtras = {};
    if (kpi.baseline !== undefined) x.baseline = kpi.baseline;
    if (kpi.recentActuals !== undefined) x.recentActuals = kpi.recentActuals;
    if (Object.keys(x).length) extras[kpi.id!] = x;
  }
  return {
    id: normalized.id!,
    lang: normalized.locale,
    name: normalized.name,
    startYear: normalized.fiscalYear.startYear,
    startMonth: normalized.fiscalYear.startMonth,
    order,
    suffix,
    kgiUnit: normalized.kgi.unit,
    ...(normalized.kgi.currency ? { currency: normalized.kgi.currency } : {}),
    ...(normalized.funnel.preset ? { preset: normalized.funnel.preset } : {}),
    ksfs: normalized.ksfs.map((k) => ({ id: k.id!, name: k.name })),
    extras,
  };
}

/**
 * Runs `fn` holding the document lock (waiting up to 30 s); a clear message if it cannot be had,
 * or when there is none (getDocumentLock() returns null outside a document).
 */
export function withDocumentLock<T>(lang: Lang, fn: () => T): T {
  const lock = LockService.getDocumentLock();
  if (!lock) throw new Error(label(lang, 'noLock'));
  try {
    lock.waitLock(30_000);
  } catch {
    throw new Error(label(lang, 'busy'));
  }
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}

/** The plan JSON given to `fn` (an object, or its JSON text). */
export function parsePlanInput(input: unknown, fn: string): unknown {
  try {
    return typeof input === 'string' ? JSON.parse(input) : input;
  } catch (e) {
    throw new Error(`${fn}: plan is not valid JSON — ${(e as Error).message}`);
  }
}

/**
 * The health check of `plan`; throws its errors (exactly what validation refuses) as one message, so that nothing is
 * written for a plan that cannot build.
 */
export function healthyPlan(plan: unknown, lang: Lang): HealthResult {
  const health = checkPlan(plan, lang);
  const errors = health.findings.filter((x) => x.level === 'error');
  if (errors.length)
    throw new Error(
      [label(lang, 'invalid'), ...errors.map((x) => `• ${x.message}${x.path ? ` (${x.path})` : ''}`)].join('\n'),
    );
  return health;
}

/** What the KPI Tree shows for each KPI (plan order): its health-check findings, or "OK". */
export const kpiChecks = (plan: Plan, health: HealthResult, lang: Lang): string[] =>
  planKpis(plan).map(
    ({ ksfIndex, kpiIndex }) =>
      kpiFindings(health, ksfIndex, kpiIndex)
        .map((x) => `⚠ ${x.message}`)
        .join('\n') || label(lang, 'checkOk'),
  );

/**
 * Builds KPI Tree, Plan, Actuals and Progress for `plan` (the plan JSON of PRODUCT.md, or
 * its JSON text). Throws — writing nothing — when the plan is invalid or the health check
 * finds errors. Never overwrites: taken sheet names get ` (2)`, taken named ranges a `_2`
 * suffix (for all ten, so one build's ranges stay together), both reported in `warnings`.
 */
export function buildWorkbook(input: unknown): BuildResult {
  let plan = parsePlanInput(input, 'buildWorkbook');
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  // A plan without a language takes the spreadsheet's (and with it the April start for ja).
  if (plan && typeof plan === 'object' && (plan as Plan).locale == null)
    plan = { ...plan, locale: langFromLocale(ss.getSpreadsheetLocale()) };
  const locale = (plan as Partial<Plan> | null)?.locale;
  const lang: Lang = isLang(locale) ? locale : 'en';
  // The health check's errors are exactly what validation refuses: without them, the plan builds.
  const health = healthyPlan(plan, lang);
  const warnings = health.findings.map((x) => x.message);

  return withDocumentLock(lang, () => {
    const taken = takenNames(ss);
    const base = defaultNames(lang).sheets;
    const sheets = { ...base };
    for (const key of Object.keys(sheets) as (keyof typeof sheets)[]) {
      sheets[key] = freeSheetName(taken.sheets, base[key]);
      taken.sheets.push(sheets[key]);
    }
    const names = { sheets, suffix: freeRangeSuffix(taken.ranges, [...RANGE_NAMES]) };
    const built = Object.values(sheets);
    if (built.join() !== Object.values(base).join())
      warnings.push(label(lang, 'renamedSheets', { names: built.join(', ') }));
    if (names.suffix) {
      const existing = RANGE_NAMES.filter((n) => taken.ranges.some((t) => t.toUpperCase() === n));
      warnings.push(label(lang, 'renamedRanges', { names: existing.join(', '), suffix: names.suffix }));
    }
    // The KPI Tree marks each KPI with its health-check result. The plan as given (not
    // normalised): a KGI from baseline × growth stays a live formula.
    const checks = kpiChecks(plan as Plan, health, lang);
    const records = planRecords(ss);
    const identified = withIds(plan as Plan, new Set(records.map((r) => r.id)));
    const wb = workbookSpec(identified, names, checks);
    const record = planRecord(wb.plan, names.suffix, Math.max(0, ...records.map((r) => r.order)) + 1);
    const created = writeSheets(ss, wb.sheets);
    try {
      ss.addDeveloperMetadata(META.plan, JSON.stringify(record), SpreadsheetApp.DeveloperMetadataVisibility.PROJECT);
    } catch (e) {
      for (const sheet of created) ss.deleteSheet(sheet);
      for (const r of wb.sheets.flatMap((x) => x.namedRanges ?? [])) ss.removeNamedRange(r.name);
      throw e;
    }
    ss.setActiveSheet(created[0]);
    return { sheets: built, warnings, planId: record.id };
  });
}

/**
 * Puts the progress colours back on the Progress sheet of every plan (found by identity: the plan
 * metadata, the sheet's own metadata and the plan's PROGRESS / THRESHOLD_WARN / THRESHOLD_OK named
 * ranges on that sheet), keeping any rules of the user's own. A user's sheet that merely has
 * ranges of those names is left alone. Returns the sheets it fixed.
 */
export function reapplyProgressColours(): { sheets: string[] } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const lang = langFromLocale(ss.getSpreadsheetLocale());
  return withDocumentLock(lang, () => {
    // Every read first.
    const work = plansOf(ss).flatMap(({ record, sheets }) => {
      const sheet = sheets.progress;
      if (!sheet) return [];
      const named = (n: string) => {
        try {
          return ss.getRangeByName(n + record.suffix);
        } catch {
          return null; // a range whose sheet was deleted
        }
      };
      const found = ['PROGRESS', 'THRESHOLD_WARN', 'THRESHOLD_OK'].map(named);
      // The rules can only read thresholds on their own sheet (Sheets' rule).
      if (found.some((r) => !r || r.getSheet().getSheetId() !== sheet.getSheetId())) return [];
      const [progress, warn, ok] = found.map((r) => ({
        row: r!.getRow(),
        col: r!.getColumn(),
        rows: r!.getNumRows(),
        cols: r!.getNumColumns(),
      }));
      // The KGI's row, right above the KPIs, is coloured by the same rules (as the build sets them).
      const kgi = named('KGI_PROGRESS');
      const withKgi =
        kgi &&
        kgi.getSheet().getSheetId() === sheet.getSheetId() &&
        kgi.getRow() === progress.row - 1 &&
        kgi.getColumn() === progress.col;
      const rows = withKgi ? { ...progress, row: progress.row - 1, rows: progress.rows + 1 } : progress;
      return [{ sheet, rules: progressRules(rows, warn, ok), name: sheet.getName() }];
    });
    if (!work.length) throw new Error(label(lang, 'noPlan'));
    for (const w of work) applyConditionalFormats(w.sheet, w.rules);
    const fixed = work.map((w) => w.name);
    ss.toast(label(lang, 'reapplied', { names: fixed.join(', ') }), 'KPI Planner');
    return { sheets: fixed };
  });
}
