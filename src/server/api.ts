/**
 * The server functions the sidebar and the dialogs call through `google.script.run`, as one
 * type. The client imports it as a type only (src/client/rpc.ts): requests and responses are
 * the server's own signatures, never declared twice.
 */
import type { checkPlan } from '../core/health';
import type { Kpi, Ksf, Lang, Plan } from '../core/plan';
import type { buildWorkbook } from '../sheets/build';
import type { getPlannerDefaults, showSheet } from './menu';
import type { createMonthlyReport, getReportDefaults } from './report';

export interface ServerApi {
  getPlannerDefaults: typeof getPlannerDefaults;
  checkPlan: typeof checkPlan;
  buildWorkbook: typeof buildWorkbook;
  getReportDefaults: typeof getReportDefaults;
  createMonthlyReport: typeof createMonthlyReport;
  showSheet: typeof showSheet;
  // The identity branch's functions (src/sheets/read-plan.ts and updateWorkbook), declared here with their
  // signatures until it is merged: the planner calls them.
  listPlans(): PlanSummary[];
  getPlan(planId?: string): PlanWithIds | null;
  updateWorkbook(plan: PlanWithIds): UpdateResult;
}

/** A plan as getPlan reads it back: ids on the plan and on each KPI (and KSF). */
export type PlanWithIds = Plan & { id: string; ksfs: (Ksf & { kpis: (Kpi & { id: string })[] })[] };
/** One plan in the spreadsheet, as listPlans lists it. */
export interface PlanSummary {
  id: string;
  name: string;
  lang: Lang;
  sheets: string[];
}
/** What updateWorkbook applied: the plan's sheets, warnings, and what changed (KPIs added, removed, …). */
export interface UpdateResult {
  sheets: string[];
  warnings: string[];
  changes: unknown;
}

export type ServerFunction = keyof ServerApi;
