// The global entry points Apps Script sees, and nothing else. scripts/build.mjs turns
// `FUNCTIONS`/`functions` into documented custom-function stubs and every `entries`
// member into a top-level function of the same name.
export { FUNCTIONS, functions } from './functions';

import { checkPlan } from './core/health';
import { buildWorkbook, reapplyProgressColours } from './sheets/build';
import { getPlannerDefaults, onInstall, onOpen, showHelp, showPlanner } from './ui/menu';
import { createMonthlyReport, getReportDefaults, showReportDialog } from './ui/report-server';

export const entries = {
  // UI (src/ui): menu, sidebar, help; checkPlan is what the sidebar re-checks on the server.
  onOpen: function onOpen_(e: unknown) { return onOpen(e); },
  onInstall: function onInstall_(e: unknown) { return onInstall(e); },
  showPlanner: function showPlanner_() { return showPlanner(); },
  showHelp: function showHelp_() { return showHelp(); },
  getPlannerDefaults: function getPlannerDefaults_() { return getPlannerDefaults(); },
  checkPlan: function checkPlan_(plan: unknown) { return checkPlan(plan); },
  // Workbook (src/sheets): the build button and the "re-apply progress colours" menu item.
  buildWorkbook: function buildWorkbook_(plan: unknown) { return buildWorkbook(plan); },
  reapplyProgressColours: function reapplyProgressColours_() { return reapplyProgressColours(); },
  // Monthly report (src/ui/report-server.ts, src/sheets/report.ts): the dialog, its defaults, the report.
  showReportDialog: function showReportDialog_() { return showReportDialog(); },
  getReportDefaults: function getReportDefaults_() { return getReportDefaults(); },
  createMonthlyReport: function createMonthlyReport_(month: unknown) { return createMonthlyReport(month); },
};
