/**
 * The language of the add-on's own words (dialog titles, help, toasts, alerts): the active
 * plan's language where a plan is active, else the spreadsheet's locale. The menu, built in
 * AuthMode.NONE, cannot read the spreadsheet: it uses the user's locale (menu.ts).
 */
import { isLang, langFromLocale } from '../core/locale';
import type { Lang } from '../core/plan';
import { buildSuffixes } from '../sheets/build';
import { NOTE_PREFIX, type PlanNote } from '../sheets/workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/** The named ranges whose sheets belong to a build (the suffix `_2`, … picks the build). */
const BUILD_RANGES = ['MONTHLY_TARGETS', 'ACTUALS', 'PROGRESS'];

/**
 * The language of the plan whose sheet is active (else of the first plan), read from the note
 * the build leaves on the Plan sheet; undefined when the spreadsheet has no plan.
 */
function activePlanLang(ss: Spreadsheet): Lang | undefined {
  try {
    const active = ss.getActiveSheet()?.getName();
    const builds = buildSuffixes(ss).flatMap((suffix) => {
      try {
        const sheets = BUILD_RANGES.map((name) => ss.getRangeByName(name + suffix)?.getSheet());
        return sheets[0] ? [{ planSheet: sheets[0], names: sheets.map((sheet) => sheet?.getName()) }] : [];
      } catch {
        return []; // a range whose sheet was deleted: that build is gone
      }
    });
    const build = builds.find((b) => b.names.includes(active)) ?? builds[0];
    if (!build) return undefined;
    const note = JSON.parse(build.planSheet.getRange(1, 1).getNote().slice(NOTE_PREFIX.length)) as Partial<PlanNote>;
    return isLang(note.lang) ? note.lang : undefined;
  } catch {
    return undefined;
  }
}

/** The add-on's language: the active plan's, else the spreadsheet locale's. Needs authorization. */
export function addonLang(ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): Lang {
  return activePlanLang(ss) ?? langFromLocale(ss.getSpreadsheetLocale());
}
