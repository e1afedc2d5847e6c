/**
 * The add-on menu, the sidebar and help dialog openers, and the defaults the sidebar starts
 * from. Apps Script globals are only touched inside the functions (never at module scope).
 */
import type { Lang } from '../core/plan';
import { langFromLocale, serverText as t, type ServerKey } from './i18n';

/** The menu: caption key and the global function each item runs. */
export const MENU_ITEMS: { key: ServerKey; fn: string }[] = [
  { key: 'menu.open', fn: 'showPlanner' },
  { key: 'menu.report', fn: 'showReportDialog' },
  { key: 'menu.colours', fn: 'reapplyProgressColours' },
  { key: 'menu.help', fn: 'showHelp' },
];

/**
 * The user's language for the menu. In AuthMode.NONE the spreadsheet can't be read, but
 * `Session.getActiveUserLocale()` is allowed; anything failing means English.
 */
function userLang(): Lang {
  try {
    return langFromLocale(Session.getActiveUserLocale());
  } catch {
    return 'en';
  }
}

/** The spreadsheet's language (falls back to the user's). Needs authorization. */
function sheetLang(): Lang {
  try {
    const locale = SpreadsheetApp.getActiveSpreadsheet()?.getSpreadsheetLocale();
    if (locale) return langFromLocale(locale);
  } catch {
    // not authorized or no active spreadsheet
  }
  return userLang();
}

/** Builds the localised add-on menu; nothing else (safe in AuthMode.NONE). */
export function onOpen(e?: unknown): void {
  void e;
  const lang = userLang();
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const item of MENU_ITEMS) menu.addItem(t(lang, item.key), item.fn);
  menu.addToUi();
}

/** Runs when the add-on is installed: the menu has to appear without reopening the file. */
export function onInstall(e?: unknown): void {
  onOpen(e);
}

/** Opens the planner sidebar (dist/sidebar.html). */
export function showPlanner(): void {
  const html = HtmlService.createHtmlOutputFromFile('sidebar').setTitle(t(sheetLang(), 'title.sidebar'));
  SpreadsheetApp.getUi().showSidebar(html);
}

/** Shows the help dialog (dist/help.html, a template with the text in both languages). */
export function showHelp(): void {
  const lang = sheetLang();
  const page = HtmlService.createTemplateFromFile('help');
  page.lang = lang;
  SpreadsheetApp.getUi().showModalDialog(page.evaluate().setWidth(460).setHeight(440), t(lang, 'title.help'));
}

export interface PlannerDefaults {
  lang: Lang;
  locale: string;
  timeZone: string;
  startYear: number;
  startMonth: number;
}

/**
 * The fiscal year containing `today` (calendar year and month, 1–12) for a start month.
 * April start in February 2026 → 2025.
 */
export function currentFiscalYear(year: number, month: number, startMonth: number): number {
  return month >= startMonth ? year : year - 1;
}

/**
 * What the sidebar starts from: language, locale, time zone and fiscal year (April for
 * Japanese). The presets and the example plan are bundled into the sidebar itself.
 */
export function getPlannerDefaults(): PlannerDefaults {
  let locale = '';
  let timeZone = '';
  try {
    const ss = SpreadsheetApp.getActiveSpreadsheet();
    locale = ss.getSpreadsheetLocale() || '';
    timeZone = ss.getSpreadsheetTimeZone() || '';
  } catch {
    // no spreadsheet: fall back to the user and the script
  }
  if (!locale) {
    try {
      locale = Session.getActiveUserLocale() || '';
    } catch {
      locale = '';
    }
  }
  if (!timeZone) {
    try {
      timeZone = Session.getScriptTimeZone() || 'UTC';
    } catch {
      timeZone = 'UTC';
    }
  }
  const lang = langFromLocale(locale);
  const startMonth = lang === 'ja' ? 4 : 1;
  const now = new Date();
  let ym = `${now.getUTCFullYear()}-${now.getUTCMonth() + 1}`;
  try {
    ym = Utilities.formatDate(now, timeZone, 'yyyy-M');
  } catch {
    // keep UTC
  }
  const [y, m] = ym.split('-').map(Number);
  return {
    lang,
    locale: locale || (lang === 'ja' ? 'ja_JP' : 'en_US'),
    timeZone,
    startYear: currentFiscalYear(y, m, startMonth),
    startMonth,
  };
}
