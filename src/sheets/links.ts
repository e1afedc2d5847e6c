/**
 * The workbook side of data links (issue 16): the source sheets a plan's links name, read once
 * (one getValues each) before anything is written, and the facts the health check judges.
 * The source sheets are only ever read.
 */
import type { Plan } from '../core/plan';
import { type LinkFact, planLinks, type SourceFacts } from '../core/source-health';
import { aggregateSource, missingColumns } from '../core/sources';
import type { LinkContext } from './workbook';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** The sheet named `name` (exactly, else ignoring case as Sheets does), or undefined. */
export function findSheet(ss: Spreadsheet, name: string): Sheet | undefined {
  const sheets = ss.getSheets();
  return (
    sheets.find((s) => s.getName() === name) ?? sheets.find((s) => s.getName().toLowerCase() === name.toLowerCase())
  );
}

/** A sheet's values from A1 (row 1 the headers): one read. */
export const sheetValues = (sheet: Sheet): unknown[][] => sheet.getDataRange().getValues();

/** Every sheet the plan's links name (the KGI's too), each read once, and the spreadsheet's time zone. */
export function readLinkContext(ss: Spreadsheet, plan: unknown): LinkContext {
  const ctx: LinkContext = { timeZone: ss.getSpreadsheetTimeZone(), sheets: {} };
  const names = new Set<string>();
  const p = plan as Partial<Plan> | null;
  if (p?.kgi?.source?.sheet) names.add(p.kgi.source.sheet);
  for (const ksf of Array.isArray(p?.ksfs) ? p.ksfs : []) {
    for (const kpi of Array.isArray(ksf?.kpis) ? ksf.kpis : [])
      if (typeof kpi?.source?.sheet === 'string') names.add(kpi.source.sheet);
  }
  for (const name of names) {
    const sheet = findSheet(ss, name);
    ctx.sheets[name] = sheet && { name: sheet.getName(), values: sheetValues(sheet) };
  }
  return ctx;
}

/** What the health check needs to know of each link of a valid plan (planLinks' paths). */
export function linkFacts(plan: Plan, ctx: LinkContext): SourceFacts {
  const facts: SourceFacts = {};
  for (const { path, link } of planLinks(plan)) {
    const sheet = ctx.sheets[link.sheet];
    let fact: LinkFact;
    if (!sheet) fact = { missingSheet: true };
    else {
      const missing = missingColumns(link, sheet.values[0] ?? []);
      fact = missing.length
        ? { missingColumns: missing }
        : {
            rowsInYear: aggregateSource(link, sheet.values, { fiscalYear: plan.fiscalYear, timeZone: ctx.timeZone })
              .rowsInYear,
          };
    }
    facts[path] = fact;
  }
  return facts;
}
