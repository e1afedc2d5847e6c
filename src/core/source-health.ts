// The health check's data-link warnings. Whether a linked sheet and its columns exist and how many
// of its rows fall in the fiscal year are facts of the workbook: the server gathers them
// (src/server/sources.ts, linkFacts) and hands them to checkPlan, which stays pure.
import type { Plan } from './plan';
import { issue, planKpis, type PlanIssue, type Text } from './validate';

/** What the workbook says about one link (keyed by its path, e.g. `plan.ksfs[0].kpis[1].source`). */
export interface LinkFact {
  /** The sheet the link names is not in the spreadsheet. */
  missingSheet?: boolean;
  /** Headers the link names that row 1 of the sheet does not have. */
  missingColumns?: string[];
  /** Rows that count (filters passed) with a readable date in the fiscal year. */
  rowsInYear?: number;
}

export type SourceFacts = Record<string, LinkFact>;

/** Every link of a plan with its field path and who it belongs to ([en, ja]). */
export function planLinks(
  plan: Plan,
): { path: string; who: Text; kpi?: string; link: NonNullable<Plan['kgi']['source']> }[] {
  const out: ReturnType<typeof planLinks> = [];
  if (plan.kgi.source) out.push({ path: 'plan.kgi.source', who: ['KGI', 'KGI'], link: plan.kgi.source });
  for (const { kpi, ksfIndex, kpiIndex } of planKpis(plan)) {
    if (!kpi.source) continue;
    const path = `plan.ksfs[${ksfIndex}].kpis[${kpiIndex}].source`;
    out.push({ path, who: [`KPI "${kpi.name}"`, `KPI「${kpi.name}」`], kpi: kpi.name, link: kpi.source });
  }
  return out;
}

/**
 * Relevant: a linked sheet or column that is missing; quantitative: a link with no row in the fiscal
 * year. Links without facts are not judged (the sidebar's check before the workbook is read).
 */
export function sourceWarnings(plan: Plan, facts: SourceFacts = {}): PlanIssue[] {
  const out: PlanIssue[] = [];
  for (const { path, who, kpi, link } of planLinks(plan)) {
    const fact = facts[path];
    if (!fact) continue;
    const subject: Text = [`${who[0]} data link`, `${who[1]}のデータ連携`];
    const warn = (at: string, criterion: 'relevant' | 'quantitative', shown: string, reason: Text) =>
      out.push(issue(at, undefined, criterion, subject, reason, kpi, 'warning', shown));
    if (fact.missingSheet) {
      warn(`${path}.sheet`, 'relevant', `"${link.sheet}"`, [
        'is not a sheet of this spreadsheet — restore or rename the sheet, or link the KPI again',
        'というシートがこのスプレッドシートにありません — シートを戻すか名前を合わせるか、連携し直してください',
      ]);
      continue;
    }
    if (fact.missingColumns?.length) {
      const names = fact.missingColumns.map((c) => `"${c}"`).join(', ');
      warn(path, 'relevant', names, [
        `is not a header in row 1 of "${link.sheet}" — restore the column or link the KPI again`,
        `という見出しが「${link.sheet}」の1行目にありません — 列を戻すか、連携し直してください`,
      ]);
      continue;
    }
    if (fact.rowsInYear === 0) {
      warn(path, 'quantitative', `"${link.sheet}"`, [
        'has no row in the fiscal year that counts — check the date column and the filter',
        'には会計年度内の対象行がありません — 日付列と絞り込み条件を確認してください',
      ]);
    }
  }
  return out;
}
