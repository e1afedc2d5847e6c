/**
 * The server functions behind the planner's build button and the "re-apply progress
 * colours" menu item. Validate first (nothing is written for a bad plan), then write
 * everything under the document lock with the one writer.
 */
import { checkPlan, kpiFindings } from '../core/health';
import type { Lang, Plan } from '../core/plan';
import { checked, planKpis } from '../core/validate';
import { langFromLocale } from '../core/locale';
import { label } from './labels';
import { applyConditionalFormats, freeRangeSuffix, freeSheetName, takenNames, writeSheets } from './writer';
import { defaultNames, LAYOUT, progressRules, RANGE_NAMES, workbookSpec } from './workbook';
import { linkFacts, readLinkContext } from './links';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export interface BuildResult {
  sheets: string[];
  warnings: string[];
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

/**
 * Builds KPI Tree, Plan, Actuals and Progress for `plan` (the plan JSON of PRODUCT.md, or
 * its JSON text). Throws — writing nothing — when the plan is invalid or the health check
 * finds errors. Never overwrites: taken sheet names get ` (2)`, taken named ranges a `_2`
 * suffix (for all ten, so one build's ranges stay together), both reported in `warnings`.
 */
export function buildWorkbook(input: unknown): BuildResult {
  let plan = input;
  try {
    if (typeof input === 'string') plan = JSON.parse(input);
  } catch (e) {
    throw new Error(`buildWorkbook: plan is not valid JSON — ${(e as Error).message}`);
  }
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  // A plan without a language takes the spreadsheet's (and with it the April start for ja).
  if (plan && typeof plan === 'object' && (plan as Plan).locale == null) plan = { ...plan, locale: langFromLocale(ss.getSpreadsheetLocale()) };
  const lang: Lang = (plan as Partial<Plan> | null)?.locale === 'ja' ? 'ja' : 'en';
  // Data links: the sheets they name, read before anything is written (they are never written).
  const links = readLinkContext(ss, plan);
  const valid = checked(plan).copy;
  // The health check's errors are exactly what validation refuses: without them, the plan builds.
  const health = checkPlan(plan, lang, valid && linkFacts(valid, links));
  const errors = health.findings.filter((x) => x.level === 'error');
  if (errors.length) throw new Error([label(lang, 'invalid'), ...errors.map((x) => `• ${x.message}${x.path ? ` (${x.path})` : ''}`)].join('\n'));
  const warnings = health.findings.map((x) => x.message);

  return withDocumentLock(lang, () => {
    const taken = takenNames(ss);
    const base = defaultNames(lang).sheets;
    const sheets = { ...base };
    for (const key of Object.keys(sheets) as (keyof typeof sheets)[]) taken.sheets.push((sheets[key] = freeSheetName(taken.sheets, base[key])));
    const names = { sheets, suffix: freeRangeSuffix(taken.ranges, [...RANGE_NAMES]) };
    const built = Object.values(sheets);
    if (built.join() !== Object.values(base).join()) warnings.push(label(lang, 'renamedSheets', { names: built.join(', ') }));
    if (names.suffix) {
      const existing = RANGE_NAMES.filter((n) => taken.ranges.some((t) => t.toUpperCase() === n));
      warnings.push(label(lang, 'renamedRanges', { names: existing.join(', '), suffix: names.suffix }));
    }
    // The KPI Tree marks each KPI with its health-check result. The plan as given (not
    // normalised): a KGI from baseline × growth stays a live formula.
    const checks = planKpis(plan as Plan).map(({ ksfIndex, kpiIndex }) =>
      kpiFindings(health, ksfIndex, kpiIndex).map((x) => `⚠ ${x.message}`).join('\n') || label(lang, 'checkOk'));
    ss.setActiveSheet(writeSheets(ss, workbookSpec(plan as Plan, names, checks, LAYOUT, links).sheets)[0]);
    return { sheets: built, warnings };
  });
}

/** The named-range suffixes of every build in the spreadsheet, oldest first ('' for PROGRESS, '_2' for PROGRESS_2, …). */
export function buildSuffixes(ss: Spreadsheet): string[] {
  return takenNames(ss).ranges
    .flatMap((n) => {
      const m = /^PROGRESS(_\d+)?$/.exec(n);
      return m ? [m[1] ?? ''] : [];
    })
    .sort((a, b) => Number(a.slice(1) || 1) - Number(b.slice(1) || 1));
}

/**
 * Puts the progress colours back on every Progress sheet a build made (found through the
 * PROGRESS / THRESHOLD_WARN / THRESHOLD_OK named ranges, suffixed ones too), keeping any
 * rules of the user's own. Returns the sheets it fixed.
 */
export function reapplyProgressColours(): { sheets: string[] } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const lang = langFromLocale(ss.getSpreadsheetLocale());
  return withDocumentLock(lang, () => {
    const fixed: string[] = [];
    for (const s of buildSuffixes(ss)) {
      const found = ['PROGRESS', 'THRESHOLD_WARN', 'THRESHOLD_OK'].map((n) => ss.getRangeByName(n + s));
      const sheet = found[0]?.getSheet();
      // The rules can only read thresholds on their own sheet (Sheets' rule).
      if (!sheet || found.some((r) => r?.getSheet().getName() !== sheet.getName())) continue;
      const [progress, warn, ok] = found.map((r) => ({ row: r!.getRow(), col: r!.getColumn(), rows: r!.getNumRows(), cols: r!.getNumColumns() }));
      applyConditionalFormats(sheet, progressRules(progress, warn, ok));
      fixed.push(sheet.getName());
    }
    if (!fixed.length) throw new Error(label(lang, 'noPlan'));
    ss.toast(label(lang, 'reapplied', { names: fixed.join(', ') }), 'KPI Planner');
    return { sheets: fixed };
  });
}
