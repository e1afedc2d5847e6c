/**
 * The server functions behind the planner's build button and the "re-apply progress
 * colours" menu item. Validate first (nothing is written for a bad plan), then write
 * everything under the document lock with the one writer.
 */
import { checkPlan, kpiFindings } from '../core/health';
import type { Lang, Plan } from '../core/plan';
import { normalizePlan, planKpis } from '../core/validate';
import { label } from './labels';
import { applyConditionalFormats, freeRangeSuffix, freeSheetName, takenNames, writeSheets } from './writer';
import { defaultNames, progressRules, RANGE_NAMES, workbookSpec, type TreeFinding, type WorkbookNames } from './workbook';

export interface BuildResult {
  sheets: string[];
  warnings: string[];
}

/** How long a build waits for another build (or report) to finish before giving up. */
export const LOCK_TIMEOUT_MS = 30_000;

function parse(plan: unknown): unknown {
  if (typeof plan !== 'string') return plan;
  try {
    return JSON.parse(plan);
  } catch (e) {
    throw new Error(`buildWorkbook: plan is not valid JSON — ${(e as Error).message}`);
  }
}

function planLang(plan: unknown): Lang {
  const l = typeof plan === 'object' && plan !== null ? (plan as { locale?: unknown }).locale : undefined;
  return l === 'ja' ? 'ja' : 'en';
}

/** Runs `fn` holding the document lock; a clear message if it cannot be had in time. */
export function withDocumentLock<T>(lang: Lang, fn: () => T): T {
  const lock = LockService.getDocumentLock();
  try {
    lock.waitLock(LOCK_TIMEOUT_MS);
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
  const raw = parse(input);
  const lang = planLang(raw);
  const health = checkPlan(raw, lang);
  const errors = health.findings.filter((x) => x.level === 'error');
  if (errors.length) throw new Error(`${label(lang, 'invalid')}\n${errors.map((x) => `• ${x.message}${x.path ? ` (${x.path})` : ''}`).join('\n')}`);
  let plan: Plan;
  try {
    plan = normalizePlan(raw);
  } catch (e) {
    throw new Error(`${label(lang, 'invalid')}\n${(e as Error).message}`);
  }
  const warnings = health.findings.filter((x) => x.level === 'warning').map((x) => x.message);
  const tree = (xs: { level: 'error' | 'warning'; message: string }[]): TreeFinding[] => xs.map((x) => ({ level: x.level, message: x.message }));
  const kpis = planKpis(plan).map(({ ksfIndex, kpiIndex }) => tree(kpiFindings(health, ksfIndex, kpiIndex)));
  const planLevel = tree(health.findings.filter((x) => x.level === 'warning' && !/^plan\.ksfs\[\d+\]\.kpis\[\d+\]/.test(x.path ?? '')));

  const ss = SpreadsheetApp.getActiveSpreadsheet();
  return withDocumentLock(lang, () => {
    const taken = takenNames(ss);
    const base = defaultNames(lang);
    const sheetsTaken = [...taken.sheets];
    const pick = (n: string) => {
      const name = freeSheetName(sheetsTaken, n);
      sheetsTaken.push(name);
      return name;
    };
    const names: WorkbookNames = {
      sheets: { tree: pick(base.sheets.tree), plan: pick(base.sheets.plan), actuals: pick(base.sheets.actuals), progress: pick(base.sheets.progress) },
      suffix: freeRangeSuffix(taken.ranges, [...RANGE_NAMES]),
    };
    const renamed = Object.entries(names.sheets).filter(([k, v]) => v !== base.sheets[k as keyof WorkbookNames['sheets']]);
    if (renamed.length) warnings.push(label(lang, 'renamedSheets', { names: Object.values(names.sheets).join(', ') }));
    if (names.suffix) {
      const existing = RANGE_NAMES.filter((n) => taken.ranges.some((t) => t.toUpperCase() === n));
      warnings.push(label(lang, 'renamedRanges', { names: existing.join(', '), suffix: names.suffix, example: `PROGRESS${names.suffix}` }));
    }
    // The plan as given (not normalised): a KGI from baseline × growth stays a live formula.
    const wb = workbookSpec(raw as Plan, { names, findings: { kpis, plan: planLevel } });
    warnings.push(...wb.warnings);
    const sheets = writeSheets(ss, wb.sheets);
    ss.setActiveSheet(sheets[0]);
    return { sheets: wb.sheets.map((s) => s.name), warnings };
  });
}

/** The named-range suffixes of every build in the spreadsheet ('' for PROGRESS, '_2' for PROGRESS_2, …). */
export function buildSuffixes(rangeNames: string[]): string[] {
  return rangeNames
    .map((n) => /^PROGRESS(_\d+)?$/i.exec(n))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => (m[1] ?? ''));
}

/**
 * Puts the progress colours back on every Progress sheet a build made (found through the
 * PROGRESS / THRESHOLD_WARN / THRESHOLD_OK named ranges, suffixed ones too), keeping any
 * rules of the user's own. Returns the sheets it fixed.
 */
export function reapplyProgressColours(): { sheets: string[]; rules: number } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const lang: Lang = /^ja/i.test(ss.getSpreadsheetLocale?.() ?? '') ? 'ja' : 'en';
  return withDocumentLock(lang, () => {
    const suffixes = buildSuffixes(takenNames(ss).ranges);
    const fixed: string[] = [];
    let rules = 0;
    for (const s of suffixes) {
      const progress = ss.getRangeByName(`PROGRESS${s}`);
      const warn = ss.getRangeByName(`THRESHOLD_WARN${s}`);
      const ok = ss.getRangeByName(`THRESHOLD_OK${s}`);
      if (!progress || !warn || !ok) continue;
      const sheet = progress.getSheet();
      const box = (r: GoogleAppsScript.Spreadsheet.Range) => ({ row: r.getRow(), col: r.getColumn(), rows: r.getNumRows(), cols: r.getNumColumns() });
      // The rules can only read thresholds on their own sheet (Sheets' rule).
      if (warn.getSheet().getName() !== sheet.getName() || ok.getSheet().getName() !== sheet.getName()) continue;
      rules += applyConditionalFormats(sheet, progressRules(box(progress), box(warn), box(ok)));
      fixed.push(sheet.getName());
    }
    if (!fixed.length) throw new Error(label(lang, 'noPlan'));
    ss.toast(label(lang, 'reapplied', { names: fixed.join(', ') }), 'KPI Planner');
    return { sheets: fixed, rules };
  });
}
