/**
 * The server functions the sidebar and the dialogs call through `google.script.run`, as one
 * type. The client imports it as a type only (src/client/rpc.ts): requests and responses are
 * the server's own signatures, never declared twice.
 */
import type { checkPlan } from '../core/health';
import type { buildWorkbook } from '../sheets/build';
import type { getPlan, listPlans } from '../sheets/read-plan';
import type { updateWorkbook } from '../sheets/update';
import type { getPlannerDefaults, showSheet } from './menu';
import type { createMonthlyReport, getReportDefaults } from './report';

export interface ServerApi {
  getPlannerDefaults: typeof getPlannerDefaults;
  checkPlan: typeof checkPlan;
  buildWorkbook: typeof buildWorkbook;
  getReportDefaults: typeof getReportDefaults;
  createMonthlyReport: typeof createMonthlyReport;
  showSheet: typeof showSheet;
  listPlans: typeof listPlans;
  getPlan: typeof getPlan;
  updateWorkbook: typeof updateWorkbook;
}

export type { PlanSummary, PlanWithIds } from '../sheets/read-plan';
export type { PlanChanges, UpdateResult } from '../sheets/update';

export type ServerFunction = keyof ServerApi;
