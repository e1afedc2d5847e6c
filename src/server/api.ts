/**
 * The server functions the sidebar and the dialogs call through `google.script.run`, as one
 * type. The client imports it as a type only (src/client/rpc.ts): requests and responses are
 * the server's own signatures, never declared twice.
 */
import type { buildWorkbook } from '../sheets/build';
import type { getPlannerDefaults } from './menu';
import type { createMonthlyReport, getReportDefaults } from './report';
import type { checkPlan, describeSource, listSourceSheets, previewSource, unlinkActuals } from './sources';

export interface ServerApi {
  getPlannerDefaults: typeof getPlannerDefaults;
  checkPlan: typeof checkPlan;
  buildWorkbook: typeof buildWorkbook;
  getReportDefaults: typeof getReportDefaults;
  createMonthlyReport: typeof createMonthlyReport;
  listSourceSheets: typeof listSourceSheets;
  describeSource: typeof describeSource;
  previewSource: typeof previewSource;
  unlinkActuals: typeof unlinkActuals;
}

export type ServerFunction = keyof ServerApi;
