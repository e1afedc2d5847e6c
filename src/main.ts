// The global entry points Apps Script sees, and nothing else. scripts/build.mjs turns
// `FUNCTIONS`/`functions` into documented custom-function stubs and every `entries`
// member into a top-level function of the same name.
export { FUNCTIONS, functions } from './functions';

import { checkPlan } from './core/health';
import { buildWorkbook, reapplyProgressColours } from './sheets/build';
import { getPlannerDefaults, onInstall, onOpen, showHelp, showPlanner, showSheet } from './server/menu';
import { createMonthlyReport, getReportDefaults, showReportDialog } from './server/report';
import { getPlan, listPlans } from './sheets/read-plan';
import { updateWorkbook } from './sheets/update';

export const entries = {
  // UI (src/server): menu, sidebar, help; checkPlan is what the sidebar re-checks on the server.
  onOpen,
  onInstall,
  showPlanner,
  showHelp,
  getPlannerDefaults,
  checkPlan,
  // The planner's "Open Progress" link after a build or an update.
  showSheet,
  // Workbook (src/sheets): the build button and the "re-apply progress colours" menu item.
  buildWorkbook,
  reapplyProgressColours,
  // The plans in the spreadsheet, read back by identity (src/sheets/read-plan.ts).
  listPlans,
  getPlan,
  updateWorkbook,
  // Monthly report (src/server/report.ts, src/sheets/report.ts): the dialog, its defaults, the report.
  showReportDialog,
  getReportDefaults,
  createMonthlyReport,
};
