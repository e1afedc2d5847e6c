// Data links in the plan: validatePlan checks their shape (paths under .source), checkPlan judges them
// with the workbook's facts (passed in: checkPlan stays pure).
import { checkPlan } from '../../src/core/health';
import type { Plan } from '../../src/core/plan';
import { planLinks, sourceWarnings } from '../../src/core/source-health';
import type { SourceLink } from '../../src/core/sources';
import { normalizePlan, planIssues, validatePlan } from '../../src/core/validate';
import { basicPlan } from '../sheets/plans';

const DEALS: SourceLink = {
  sheet: 'Deals',
  date: 'Close Date',
  where: [{ column: 'Deal Stage', equals: ['Closed Won', 1] }],
  sum: 'Amount',
};

function linked(edit: (p: Plan) => void): Plan {
  const p = basicPlan('en');
  edit(p);
  return p;
}

describe('validatePlan and data links', () => {
  test('a link on a KPI and on the KGI survives validation and normalisation as given', () => {
    const p = linked((x) => {
      x.ksfs[1].kpis[1].source = DEALS;
      x.kgi.source = { sheet: 'Deals', date: 'Close Date', sum: 'Amount' };
    });
    const v = validatePlan(p);
    expect(v.ksfs[1].kpis[1].source).toEqual(DEALS);
    expect(v.ksfs[1].kpis[1].source).not.toBe(DEALS);
    expect(v.kgi.source).toEqual({ sheet: 'Deals', date: 'Close Date', sum: 'Amount' });
    expect(normalizePlan(p).ksfs[1].kpis[1].source).toEqual(DEALS);
    expect(planLinks(v).map((l) => l.path)).toEqual(['plan.kgi.source', 'plan.ksfs[1].kpis[1].source']);
  });

  test.each([
    [{ sheet: 'Deals' }, ['plan.ksfs[0].kpis[0].source.date']],
    [{ sheet: '', date: 'Date', sum: 3 }, ['plan.ksfs[0].kpis[0].source.sheet', 'plan.ksfs[0].kpis[0].source.sum']],
    ['Deals', ['plan.ksfs[0].kpis[0].source']],
    [
      { sheet: 'D', date: 'Date', where: [{ column: 'Stage', equals: [] }] },
      ['plan.ksfs[0].kpis[0].source.where[0].equals'],
    ],
    [{ sheet: 'D', date: 'Date', filter: 1 }, ['plan.ksfs[0].kpis[0].source.filter']],
  ])('%j is refused at its path', (source, paths) => {
    const p = linked((x) => {
      (x.ksfs[0].kpis[0] as { source?: unknown }).source = source;
    });
    const issues = planIssues(p);
    expect(issues.map((i) => i.path)).toEqual(paths);
    expect(issues.every((i) => i.kpi === 'Leads' && i.level === 'error')).toBe(true);
    expect(checkPlan(p, 'ja').findings.filter((f) => f.level === 'error')).toHaveLength(paths.length);
    expect(() => validatePlan(p)).toThrow(paths[0]);
  });

  test('a malformed KGI link names plan.kgi.source', () => {
    const p = linked((x) => {
      (x.kgi as { source?: unknown }).source = { sheet: 'D' };
    });
    expect(planIssues(p).map((i) => i.path)).toEqual(['plan.kgi.source.date']);
  });
});

describe('health check facts about links', () => {
  const p = linked((x) => {
    x.kgi.source = DEALS;
    x.ksfs[0].kpis[0].source = { sheet: 'Contacts', date: 'Create Date' };
    x.ksfs[1].kpis[0].source = { sheet: 'GA4', date: 'Date', sum: 'Sessions' };
  });
  const facts = {
    'plan.kgi.source': { rowsInYear: 0 },
    'plan.ksfs[0].kpis[0].source': { missingSheet: true },
    'plan.ksfs[1].kpis[0].source': { missingColumns: ['Sessions'] },
  };

  test('missing sheet and column: relevant; no row in the year: quantitative; in both languages', () => {
    const en = checkPlan(p, 'en', facts).findings.filter((f) => f.path?.includes('source'));
    expect(en.map((f) => [f.path, f.criterion, f.level])).toEqual([
      ['plan.kgi.source', 'quantitative', 'warning'],
      ['plan.ksfs[0].kpis[0].source.sheet', 'relevant', 'warning'],
      ['plan.ksfs[1].kpis[0].source', 'relevant', 'warning'],
    ]);
    expect(en[1].message).toContain('"Contacts"');
    expect(en[2].message).toContain('"Sessions"');
    const ja = checkPlan(p, 'ja', facts).findings.filter((f) => f.path?.includes('source'));
    expect(ja[0].message).toMatch(/会計年度内の対象行がありません/);
    expect(ja[2].kpi).toBe('Meetings');
  });

  test('without facts, or with rows in the year, links are not judged', () => {
    expect(checkPlan(p, 'en').findings.filter((f) => f.path?.includes('source'))).toEqual([]);
    const fine = Object.fromEntries(Object.keys(facts).map((k) => [k, { rowsInYear: 3 }]));
    expect(sourceWarnings(validatePlan(p), fine)).toEqual([]);
  });
});
