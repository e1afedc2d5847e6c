/**
 * The add-on menu, the sidebar and help dialog openers, and the defaults the sidebar starts
 * from. Apps Script globals are only touched inside the functions (never at module scope).
 */
import type { Lang } from '../core/plan';
import { defaultStartMonth, fiscalYearOf, langFromLocale } from '../core/locale';
import { t, type ServerKey } from '../messages';
import { addonLang } from './lang';

/** The menu: caption key and the global function each item runs. */
const MENU_ITEMS: [ServerKey, string][] = [
  ['menu.open', 'showPlanner'],
  ['menu.report', 'showReportDialog'],
  ['menu.colours', 'reapplyProgressColours'],
  ['menu.help', 'showHelp'],
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

/** Builds the localised add-on menu; nothing else (safe in AuthMode.NONE). */
export function onOpen(e?: unknown): void {
  void e;
  const lang = userLang();
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  for (const [key, fn] of MENU_ITEMS) menu.addItem(t(lang, key), fn);
  menu.addToUi();
}

/** Runs when the add-on is installed: the menu has to appear without reopening the file. */
export function onInstall(e?: unknown): void {
  onOpen(e);
}

/** Opens the planner sidebar (dist/sidebar.html). */
export function showPlanner(): void {
  const html = HtmlService.createHtmlOutputFromFile('sidebar').setTitle(t(addonLang(), 'title.sidebar'));
  SpreadsheetApp.getUi().showSidebar(html);
}

/**
 * Shows the help dialog: dist/help.html holds the help in every language (written at build time
 * from src/client/help.ts); the template picks the add-on's language.
 */
export function showHelp(): void {
  const lang = addonLang();
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
  /** The active sheet's name: the planner opens on the plan it belongs to. */
  activeSheet: string;
}

/**
 * What the sidebar starts from: the add-on's language (the active plan's, else the spreadsheet's),
 * the spreadsheet's locale and time zone, and the current fiscal year (April start for Japanese,
 * January otherwise). The presets and the example plan are bundled into the sidebar itself.
 */
export function getPlannerDefaults(): PlannerDefaults {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const locale = ss.getSpreadsheetLocale();
  const timeZone = ss.getSpreadsheetTimeZone();
  const lang = addonLang(ss);
  const startMonth = defaultStartMonth(lang);
  const [y, m] = Utilities.formatDate(new Date(), timeZone, 'yyyy-M').split('-').map(Number);
  const activeSheet = ss.getActiveSheet()?.getName() ?? '';
  return { lang, locale, timeZone, startYear: fiscalYearOf(y, m, startMonth), startMonth, activeSheet };
}

/** Opens sheet `name` (the planner's "Open Progress" link after a build); a clear error when it is gone. */
export function showSheet(name: string): { sheet: string } {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  const sheet = typeof name === 'string' ? ss.getSheetByName(name) : null;
  if (!sheet) throw new Error(t(addonLang(ss), 'build.noSheet', { name: String(name) }));
  ss.setActiveSheet(sheet);
  return { sheet: sheet.getName() };
}
