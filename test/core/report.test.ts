import type { Lang } from '../../src/core/plan';
import { samplePlan } from '../../src/core/sample';
import {
  fiscalMonths,
  kgiReportRow,
  lastFinishedMonth,
  monthIndexOf,
  reportFunnel,
  reportRows,
  type ReportRow,
} from '../../src/core/report';
import { normalizePlan } from '../../src/core/validate';

function plan(lang: Lang = 'en', thresholds?: { warn: number; ok: number }) {
  return normalizePlan({
    name: 'Report test',
    locale: lang,
    fiscalYear: { startYear: 2025, startMonth: lang === 'ja' ? 4 : 1 },
    kgi: { name: 'Revenue', unit: 'count', target: 20 },
    funnel: { stages: [{ name: 'Leads' }, { name: 'Meetings' }, { name: 'Won' }], rates: [0.4, 0.2] },
    ksfs: [
      {
        name: 'Pipeline',
        kpis: [
          { name: 'Leads', unit: 'leads', owner: 'Marketing', target: 120 },
          { name: 'Meetings', unit: 'meetings', owner: 'Sales', target: 60 },
          { name: 'CPL', unit: 'USD', direction: 'lower', aggregate: 'average', target: 100 },
        ],
      },
      {
        name: 'Awareness',
        kpis: [
          { name: 'Webinars', unit: 'events', target: 24 },
          { name: 'CSAT', unit: 'score', aggregate: 'average', target: 4 },
        ],
      },
    ],
    ...(thresholds ? { thresholds } : {}),
  });
}

const B = '' as const;
const rest = (n: number) => new Array(n).fill(B);
const TARGETS = [10, 5, 100, 2, 4].map((t) => new Array(12).fill(t));
const ACTUALS = [
  [12, 8, 9, B, B, 50, ...rest(6)], // month 5 is after the report month: ignored
  [5, B, 2, ...rest(9)],
  [90, 110, B, ...rest(9)],
  rest(12),
  [4.5, 4.2, 3.0, ...rest(9)],
];

const byName = (rows: ReportRow[]) => Object.fromEntries(rows.map((r) => [r.name, r]));

describe('reportRows', () => {
  const rows = reportRows({ plan: plan(), monthIndex: 2, targets: TARGETS, actuals: ACTUALS });
  const r = byName(rows);

  test('off track first, then at risk, on track, no data; plan order within a group', () => {
    expect(rows.map((x) => [x.name, x.statusKey, x.status])).toEqual([
      ['Meetings', 'off', 'Off track'],
      ['Leads', 'risk', 'At risk'],
      ['CSAT', 'risk', 'At risk'],
      ['CPL', 'ok', 'On track'],
      ['Webinars', 'none', ''],
    ]);
  });

  test('a sum KPI: month, change, year to date, forecast, remaining', () => {
    expect(r.Leads).toEqual({
      index: 0,
      name: 'Leads',
      ksf: 'Pipeline',
      owner: 'Marketing',
      unit: 'leads',
      aggregate: 'sum',
      target: 10,
      actual: 9,
      missing: false,
      achievement: 0.9,
      change: 0.1, // 90% this month − 80% last month
      ytdTarget: 30,
      ytdActual: 29,
      ytdAchievement: 29 / 30,
      ytdMissing: 0,
      // March closes the first quarter: its quarter to date is the year so far.
      qtdTarget: 30,
      qtdActual: 29,
      qtdAchievement: 29 / 30,
      annualTarget: 120,
      forecast: 116,
      remainingPerMonth: Number((91 / 9).toPrecision(12)),
      status: 'At risk',
      statusKey: 'risk',
    });
  });

  test('missing actuals are flagged and never counted as 0', () => {
    const m = r.Meetings; // actuals 5, missing, 2
    expect(m).toMatchObject({ target: 5, actual: 2, missing: false, achievement: 0.4, change: '', ytdMissing: 1 });
    expect(m.ytdTarget).toBe(10); // the targets of the two reported months (as Progress counts them)
    expect(m.ytdActual).toBe(7); // reported months only
    expect(m.ytdAchievement).toBe(0.7); // 7 against the 10 due in the two reported months, not 7/15
    expect(m.forecast).toBe(42); // 3.5 a month × 12
    expect(m.remainingPerMonth).toBeCloseTo(53 / 9, 9); // (60 − 7) over the 9 months after the report month

    const cpl = r.CPL; // this month missing
    expect(cpl).toMatchObject({ actual: '', missing: true, achievement: '', change: '' });
  });

  test('an average, lower-is-better KPI: means, not sums; progress is 2 − actual/target', () => {
    expect(r.CPL).toMatchObject({
      aggregate: 'average',
      ytdTarget: 100,
      ytdActual: 100,
      ytdAchievement: 1,
      forecast: 100,
      annualTarget: 100,
      remainingPerMonth: Number((1000 / 9).toPrecision(12)), // what the 9 months after the report month must average: (12 × 100 − 200) / 9
      statusKey: 'ok',
    });
  });

  test('an average, higher-is-better KPI', () => {
    expect(r.CSAT).toMatchObject({
      target: 4,
      actual: 3,
      achievement: 0.75,
      change: -0.3,
      ytdTarget: 4,
      ytdActual: 3.9,
      ytdAchievement: 0.975,
      forecast: 3.9,
      annualTarget: 4,
      remainingPerMonth: Number(((48 - 11.7) / 9).toPrecision(12)),
    });
  });

  test('a KPI with no actual at all', () => {
    expect(r.Webinars).toMatchObject({
      actual: '',
      missing: true,
      achievement: '',
      ytdTarget: '',
      ytdActual: '',
      ytdAchievement: '',
      ytdMissing: 3,
      forecast: '',
      remainingPerMonth: Number((24 / 9).toPrecision(12)),
      status: '',
      statusKey: 'none',
    });
  });

  test('thresholds and language come from the plan', () => {
    const ja = reportRows({
      plan: plan('ja', { warn: 0.7, ok: 0.97 }),
      monthIndex: 2,
      targets: TARGETS,
      actuals: ACTUALS,
    });
    expect(ja.map((x) => [x.name, x.status])).toEqual([
      ['Leads', '注意'], // 0.967 < 0.97
      ['Meetings', '注意'], // 0.7 ≥ 0.7
      ['CPL', '順調'],
      ['CSAT', '順調'], // 0.975 ≥ 0.97
      ['Webinars', ''],
    ]);
  });

  test('lower-is-better sum KPI (a cost budget) and the first month', () => {
    const p = normalizePlan({
      ...samplePlan('en'),
      ksfs: [{ name: 'Efficient spend', kpis: [{ name: 'Ad spend', unit: 'USD', direction: 'lower', target: 12000 }] }],
    });
    const [row] = reportRows({
      plan: p,
      monthIndex: 0,
      targets: [new Array(12).fill(1000)],
      actuals: [[1200, ...rest(11)]],
    });
    expect(row).toMatchObject({
      achievement: 0.8,
      change: '',
      ytdAchievement: 0.8,
      statusKey: 'risk',
      forecast: 14400,
    });
    expect(row.remainingPerMonth).toBeCloseTo(10800 / 11, 6); // budget left per month
    const [worse] = reportRows({
      plan: p,
      monthIndex: 0,
      targets: [new Array(12).fill(1000)],
      actuals: [[2500, ...rest(11)]],
    });
    expect(worse.achievement).toBe(0); // never below 0
    expect(worse.statusKey).toBe('off');
  });

  test('the last month with every month reported: nothing left to need', () => {
    const [row] = reportRows({
      plan: normalizePlan({ ...samplePlan('en'), ksfs: [{ name: 'K', kpis: [{ name: 'X', unit: 'x', target: 12 }] }] }),
      monthIndex: 11,
      targets: [new Array(12).fill(1)],
      actuals: [new Array(12).fill(1)],
    });
    expect(row).toMatchObject({
      ytdTarget: 12,
      ytdActual: 12,
      ytdAchievement: 1,
      forecast: 12,
      remainingPerMonth: '',
      statusKey: 'ok',
    });
  });

  test('text, null or NaN in the blocks count as missing / no target, never as 0', () => {
    const actuals = ACTUALS.map((row) => [...row]);
    (actuals[0] as unknown[])[2] = 'n/a';
    (actuals[0] as unknown[])[1] = null;
    const targets = TARGETS.map((row) => [...row]);
    (targets[1] as unknown[])[2] = '#ERROR!';
    const x = byName(reportRows({ plan: plan(), monthIndex: 2, targets, actuals }));
    expect(x.Leads).toMatchObject({ actual: '', missing: true, ytdActual: 12, ytdMissing: 2, ytdAchievement: 1.2 });
    expect(x.Meetings).toMatchObject({ target: '', achievement: '', ytdTarget: 5, ytdAchievement: 1 }); // only January has both
  });

  test('blocks that do not match the plan are a clear error', () => {
    const p = plan();
    expect(() => reportRows({ plan: p, monthIndex: 12, targets: TARGETS, actuals: ACTUALS })).toThrow(
      'monthIndex 12 is not 0–11',
    );
    expect(() => reportRows({ plan: p, monthIndex: 0, targets: TARGETS.slice(1), actuals: ACTUALS })).toThrow(
      'targets and actuals must be 5 rows (one per KPI) of 12 months',
    );
    expect(() =>
      reportRows({ plan: p, monthIndex: 0, targets: TARGETS, actuals: ACTUALS.map((a) => a.slice(1)) }),
    ).toThrow('targets and actuals must be 5 rows (one per KPI) of 12 months');
  });

  test('does not change its input', () => {
    const actuals = JSON.parse(JSON.stringify(ACTUALS));
    reportRows({ plan: plan(), monthIndex: 2, targets: TARGETS, actuals });
    expect(actuals).toEqual(ACTUALS);
  });
});

describe('fiscal months', () => {
  test('ja: April start, labels 2025年4月…2026年3月', () => {
    const months = fiscalMonths(normalizePlan(samplePlan('ja')));
    expect(months.map((m) => m.key)).toEqual([
      '2025-04',
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
    ]);
    expect(months.map((m) => m.label.replace(/^\d+年/, ''))).toEqual([
      '4月',
      '5月',
      '6月',
      '7月',
      '8月',
      '9月',
      '10月',
      '11月',
      '12月',
      '1月',
      '2月',
      '3月',
    ]);
    expect(months[9]).toEqual({ key: '2026-01', label: '2026年1月', year: 2026, month: 1 });
  });

  test('en: January start; a mid-year start crosses the year; labels in another language on request', () => {
    expect(fiscalMonths(normalizePlan(samplePlan('en'))).map((m) => m.label)).toEqual(
      ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].map((m) => `${m} 2025`),
    );
    const oct = { fiscalYear: { startYear: 2024, startMonth: 10 }, locale: 'en' as const };
    expect(
      fiscalMonths(oct)
        .map((m) => m.key)
        .slice(2, 4),
    ).toEqual(['2024-12', '2025-01']);
    expect(fiscalMonths(oct, 'ja')[0].label).toBe('2024年10月');
    expect(fiscalMonths(oct)[2].label).toBe('Dec 2024');
  });

  test('monthIndexOf', () => {
    const ja = normalizePlan(samplePlan('ja'));
    expect(monthIndexOf(ja, '2025-04')).toBe(0);
    expect(monthIndexOf(ja, '2026-03')).toBe(11);
    expect(monthIndexOf(ja, ' 2025-12 ')).toBe(8);
    const en = normalizePlan(samplePlan('en'));
    expect(() => monthIndexOf(en, '2025-4')).toThrow('month "2025-4" is not a month written as YYYY-MM (e.g. 2025-04)');
    expect(() => monthIndexOf(en, '2025/04')).toThrow('month "2025/04" is not a month written as YYYY-MM');
    expect(() => monthIndexOf(en, '2025-13')).toThrow('month "2025-13" is not a month written as YYYY-MM');
    expect(() => monthIndexOf(en, 202504)).toThrow('month 202504 is not a month written as YYYY-MM');
    expect(() => monthIndexOf(en, undefined)).toThrow('month missing is not a month written as YYYY-MM');
    expect(() => monthIndexOf(en, '2026-01')).toThrow(
      'month "2026-01" is outside the plan\'s fiscal year (2025-01 – 2025-12)',
    );
    expect(() => monthIndexOf(ja, '2025-03')).toThrow(
      '月 "2025-03" はこの計画の会計年度(2025-04 – 2026-03)に含まれません',
    );
    expect(() => monthIndexOf(ja, '2025年4月')).toThrow('月 "2025年4月" は YYYY-MM 形式(例: 2025-04)ではありません');
  });

  test('lastFinishedMonth: the month before today, clamped into the fiscal year', () => {
    const ja = normalizePlan(samplePlan('ja')); // 2025-04 … 2026-03
    expect(lastFinishedMonth(ja, new Date(2025, 6, 15))).toBe('2025-06');
    expect(lastFinishedMonth(ja, new Date(2026, 0, 1))).toBe('2025-12'); // across the calendar year
    expect(lastFinishedMonth(ja, new Date(2025, 3, 2))).toBe('2025-04'); // first month: nothing finished yet
    expect(lastFinishedMonth(ja, new Date(2024, 11, 31))).toBe('2025-04'); // before the year
    expect(lastFinishedMonth(ja, new Date(2026, 3, 1))).toBe('2026-03'); // just after
    expect(lastFinishedMonth(ja, new Date(2030, 0, 1))).toBe('2026-03'); // long after
    expect(monthIndexOf(ja, lastFinishedMonth(ja, new Date(2025, 9, 9)))).toBe(5);
  });
});

describe('quarter to date, the KGI line and the funnel', () => {
  test('the quarter to date restarts with each fiscal quarter and skips missing months', () => {
    const actuals = [[12, 8, 9, B, 6, 50, ...rest(6)], ...ACTUALS.slice(1)];
    const rows = byName(reportRows({ plan: plan(), monthIndex: 4, targets: TARGETS, actuals }));
    // May is the second month of Q2 (April–June): April has no actual, so only May counts.
    expect([rows.Leads.qtdTarget, rows.Leads.qtdActual, rows.Leads.qtdAchievement]).toEqual([10, 6, 0.6]);
    // Cost per lead has no actual in Q2.
    expect([rows.CPL.qtdTarget, rows.CPL.qtdActual, rows.CPL.qtdAchievement]).toEqual([B, B, B]);
  });

  test("kgiReportRow: the KGI as a sum, higher is better, with the plan's thresholds", () => {
    const kgi = kgiReportRow(plan('en', { warn: 0.8, ok: 1 }), 2, {
      name: 'Revenue',
      unit: '¥',
      targets: new Array(12).fill(1000),
      actuals: [1200, B, 700, ...rest(9)],
    });
    expect(kgi).toMatchObject({
      name: 'Revenue',
      ksf: 'KGI',
      unit: '¥',
      target: 1000,
      actual: 700,
      achievement: 0.7,
      ytdTarget: 2000,
      ytdActual: 1900,
      ytdAchievement: 0.95,
      qtdAchievement: 0.95,
      forecast: 11_400,
      status: 'At risk',
    });
  });

  test('reportFunnel: actual rates through the month and the weakest step; none for a broken funnel', () => {
    const p = plan();
    p.ksfs[0].kpis[0].stage = 0;
    p.ksfs[0].kpis[1].stage = 1;
    const funnel = { stages: ['Leads', 'Meetings', 'Won'], planned: [0.5, 0.5] };
    const out = reportFunnel(p, funnel, ACTUALS, 1)!;
    // Leads 12 + 8 (months 0–1) against meetings 5 (month 1 has none): only month 0 counts, 5 of 12.
    expect(out.steps[0]).toMatchObject({ months: [0], upstream: 12, downstream: 5, below: true });
    expect(out.steps[1].actual).toBe(B);
    expect(out.weakest).toMatchObject({ step: 0, from: 'Leads', to: 'Meetings' });
    expect(reportFunnel(p, { stages: ['Leads'], planned: [] }, ACTUALS, 1)).toBeNull();
    expect(reportFunnel(p, { stages: ['A', 'B', 'C'], planned: [2, 0.5] }, ACTUALS, 1)).toBeNull();
  });
});
