/**
 * The language of the add-on's own words (dialog titles, help, toasts, alerts): the active
 * plan's language where a plan is active, else the spreadsheet's locale. The menu, built in
 * AuthMode.NONE, cannot read the spreadsheet: it uses the user's locale (menu.ts).
 */
import { langFromLocale } from '../core/locale';
import type { Lang } from '../core/plan';
import { identityOf, planRecords } from '../sheets/identity';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

/**
 * The language of the plan the active sheet belongs to (else of the first plan), from the plan's
 * metadata (identity.ts); undefined when the spreadsheet has no plan.
 */
function activePlanLang(ss: Spreadsheet): Lang | undefined {
  try {
    const records = planRecords(ss);
    const active = ss.getActiveSheet();
    const mine = active && identityOf(active);
    return (records.find((r) => r.id === mine?.planId) ?? records[0])?.lang;
  } catch {
    return undefined;
  }
}

/** The add-on's language: the active plan's, else the spreadsheet locale's. Needs authorization. */
export function addonLang(ss: Spreadsheet = SpreadsheetApp.getActiveSpreadsheet()): Lang {
  return activePlanLang(ss) ?? langFromLocale(ss.getSpreadsheetLocale());
}
