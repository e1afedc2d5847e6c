// The global entry points Apps Script sees, and nothing else. scripts/build.mjs turns
// `FUNCTIONS`/`functions` into documented custom-function stubs and every `entries`
// member into a top-level function of the same name.
export { FUNCTIONS, functions } from './functions';

import { buildWorkbook, reapplyProgressColours } from './sheets/build';
import { getPlannerDefaults, onInstall, onOpen, showHelp, showPlanner } from './server/menu';
import { createMonthlyReport, getReportDefaults, showReportDialog } from './server/report';
import { checkPlan, describeSource, listSourceSheets, previewSource, unlinkActuals } from './server/sources';

export const entries = {
  // UI (src/server): menu, sidebar, help; checkPlan is what the sidebar re-checks on the server.
  onOpen, onInstall, showPlanner, showHelp, getPlannerDefaults,
  checkPlan,
  // Workbook (src/sheets): the build button and the "re-apply progress colours" menu item.
  buildWorkbook, reapplyProgressColours,
  // Monthly report (src/server/report.ts, src/sheets/report.ts): the dialog, its defaults, the report.
  showReportDialog, getReportDefaults, createMonthlyReport,
  // Data links (src/server/sources.ts): the planner's "Link to data…" and the menu's "Unlink data".
  listSourceSheets, describeSource, previewSource, unlinkActuals,
};
