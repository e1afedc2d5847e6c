import {
  PlanError,
  checked,
  funnelTargets,
  issueText,
  kgiTarget,
  normalizePlan,
  planKpis,
  validatePlan,
} from '../../src/core/validate';
import { samplePlan } from '../../src/core/sample';
import { registerCatalogue, type Messages } from '../../src/messages';
import { en } from '../../src/messages/en';
import type { Plan } from '../../src/core/plan';

/** Every problem of a plan (none when it is valid). */
const planIssues = (p: unknown) => checked(p).issues;

/** A small valid plan; `edit` mutates a fresh copy (typed loosely to build bad input). */
function plan(edit: (p: any) => void = () => {}): any {
  const p: any = {
    name: 'Test plan',
    fiscalYear: { startYear: 2025, startMonth: 1 },
    kgi: { name: 'Revenue', unit: 'currency', target: 10_000_000, unitValue: 500_000 },
    funnel: { stages: [{ name: 'Leads' }, { name: 'Meetings' }, { name: 'Won' }], rates: [0.4, 0.2] },
    ksfs: [
      {
        name: 'More meetings',
        kpis: [
          { name: 'Leads', unit: 'leads', stage: 0 },
          { name: 'Meetings', unit: 'meetings', stage: 1 },
        ],
      },
    ],
  };
  edit(p);
  return p;
}

const messageOf = (p: unknown) => {
  try {
    validatePlan(p);
  } catch (e) {
    return (e as Error).message;
  }
  return '';
};

describe('validatePlan', () => {
  test('accepts a valid plan and returns a clean copy without touching the input', () => {
    const input = plan((p) => {
      p.extra = 'dropped';
      p.kgi.currency = null;
      p.seasonality = '';
    });
    const before = JSON.stringify(input);
    const out = validatePlan(input);
    expect(JSON.stringify(input)).toBe(before);
    expect(out).not.toBe(input);
    expect(out).not.toHaveProperty('extra');
    expect(out.kgi).not.toHaveProperty('currency');
    expect(out).not.toHaveProperty('seasonality');
    expect(out.ksfs[0].kpis[1]).toEqual({ name: 'Meetings', unit: 'meetings', stage: 1 });
  });

  test('both sample plans are valid', () => {
    expect(planIssues(samplePlan('ja'))).toEqual([]);
    expect(planIssues(samplePlan('en'))).toEqual([]);
  });

  test('a missing fiscal start month is April for ja and January otherwise; a blank name becomes the KGI name', () => {
    expect(
      validatePlan(
        plan((p) => {
          delete p.fiscalYear.startMonth;
          p.locale = 'ja';
        }),
      ).fiscalYear.startMonth,
    ).toBe(4);
    expect(
      validatePlan(
        plan((p) => {
          delete p.fiscalYear.startMonth;
        }),
      ).fiscalYear.startMonth,
    ).toBe(1);
    expect(
      validatePlan(
        plan((p) => {
          p.name = '  ';
        }),
      ).name,
    ).toBe('Revenue');
  });

  test('a rate above 1 names the path, the value and suggests a percentage', () => {
    expect(
      messageOf(
        plan((p) => {
          p.funnel.rates[1] = 1.4;
        }),
      ),
    ).toBe('plan.funnel.rates[1]: 1.4 is above 1 — enter it as 1.4% or 0.014');
    expect(
      messageOf(
        plan((p) => {
          p.funnel.rates[0] = 250;
        }),
      ),
    ).toBe('plan.funnel.rates[0]: 250 is above 1');
  });

  test('a rate of 0 or below, or not a number, is refused', () => {
    expect(
      messageOf(
        plan((p) => {
          p.funnel.rates[0] = 0;
        }),
      ),
    ).toBe('plan.funnel.rates[0]: 0 must be above 0');
    expect(
      messageOf(
        plan((p) => {
          p.funnel.rates[0] = -0.1;
        }),
      ),
    ).toBe('plan.funnel.rates[0]: -0.1 must be above 0');
    expect(
      messageOf(
        plan((p) => {
          p.funnel.rates[0] = '40%';
        }),
      ),
    ).toBe('plan.funnel.rates[0]: "40%" is not a number');
    expect(
      messageOf(
        plan((p) => {
          p.funnel.rates[0] = NaN;
        }),
      ),
    ).toBe('plan.funnel.rates[0]: NaN is not a number');
  });

  test('a KGI target that is not a number', () => {
    expect(
      messageOf(
        plan((p) => {
          p.kgi.target = 'abc';
        }),
      ),
    ).toBe('plan.kgi.target: "abc" is not a number');
  });

  test.each([
    ['plan is not an object', () => null, 'plan: null is not a plan object'],
    ['plan is an array', () => [], 'plan: [] is not a plan object'],
    [
      'no fiscal year',
      (p: any) => {
        delete p.fiscalYear;
      },
      'plan.fiscalYear: missing',
    ],
    [
      'start month 13',
      (p: any) => {
        p.fiscalYear.startMonth = 13;
      },
      'plan.fiscalYear.startMonth: 13 is above 12',
    ],
    [
      'start month 4.5',
      (p: any) => {
        p.fiscalYear.startMonth = 4.5;
      },
      'plan.fiscalYear.startMonth: 4.5 is not a whole number',
    ],
    [
      'start year text',
      (p: any) => {
        p.fiscalYear.startYear = '2025';
      },
      'plan.fiscalYear.startYear: "2025" is not a number',
    ],
    [
      'locale fr',
      (p: any) => {
        p.locale = 'fr';
      },
      'plan.locale: "fr" is not "ja" or "en"',
    ],
    [
      'plan name a number',
      (p: any) => {
        p.name = 5;
      },
      'plan.name: 5 is not text',
    ],
    [
      'no KGI',
      (p: any) => {
        delete p.kgi;
      },
      'plan.kgi: missing',
    ],
    [
      'KGI name blank',
      (p: any) => {
        p.kgi.name = ' ';
      },
      'plan.kgi.name: " " — enter it',
    ],
    [
      'KGI unit',
      (p: any) => {
        p.kgi.unit = 'yen';
      },
      'plan.kgi.unit: "yen" is not "currency" or "count"',
    ],
    [
      'currency',
      (p: any) => {
        p.kgi.currency = 'GBP';
      },
      'plan.kgi.currency: "GBP" is not "JPY" or "USD" or "EUR"',
    ],
    [
      'KGI target 0',
      (p: any) => {
        p.kgi.target = 0;
      },
      'plan.kgi.target: 0 must be above 0',
    ],
    [
      'KGI without target or baseline+growth',
      (p: any) => {
        delete p.kgi.target;
        p.kgi.baseline = 100;
      },
      "plan.kgi.target: missing — enter the annual target, or last year's value (baseline) and a growth rate",
    ],
    [
      'growth −100%',
      (p: any) => {
        delete p.kgi.target;
        p.kgi.baseline = 100;
        p.kgi.growthRate = -1;
      },
      'plan.kgi.growthRate: -1 must be above -1',
    ],
    [
      'money KGI without deal size',
      (p: any) => {
        delete p.kgi.unitValue;
      },
      'plan.kgi.unitValue: missing — enter it',
    ],
    [
      'deal size negative',
      (p: any) => {
        p.kgi.unitValue = -5;
      },
      'plan.kgi.unitValue: -5 must be above 0',
    ],
    [
      'one stage',
      (p: any) => {
        p.funnel.stages = [{ name: 'Won' }];
        p.funnel.rates = [];
      },
      'plan.funnel.stages: [{"name":"Won"}] — give at least 2 stages',
    ],
    [
      'stage name blank',
      (p: any) => {
        p.funnel.stages[1].name = '';
      },
      'plan.funnel.stages[1].name: "" — enter it',
    ],
    [
      'rates count',
      (p: any) => {
        p.funnel.rates = [0.4];
      },
      'plan.funnel.rates: [0.4] — give 2 rates for 3 stages',
    ],
    [
      'preset',
      (p: any) => {
        p.funnel.preset = 'webinar';
      },
      'plan.funnel.preset: "webinar" is not "standard" or "inquiry" or "event" or "custom"',
    ],
    [
      'no KSFs',
      (p: any) => {
        p.ksfs = [];
      },
      'plan.ksfs: [] — add the KSFs that lead to the KGI',
    ],
    [
      'KSF not an object',
      (p: any) => {
        p.ksfs = ['x'];
      },
      'plan.ksfs[0]: "x" — give { name, kpis }',
    ],
    [
      'KPI not an object',
      (p: any) => {
        p.ksfs[0].kpis[0] = 3;
      },
      'plan.ksfs[0].kpis[0]: 3 — give { name, unit, … }',
    ],
    [
      'KPI name missing',
      (p: any) => {
        delete p.ksfs[0].kpis[0].name;
      },
      'plan.ksfs[0].kpis[0].name: missing — enter it',
    ],
    [
      'KPI target text',
      (p: any) => {
        p.ksfs[0].kpis[0].target = '1,000';
      },
      'plan.ksfs[0].kpis[0].target: "1,000" is not a number',
    ],
    [
      'KPI direction',
      (p: any) => {
        p.ksfs[0].kpis[0].direction = 'up';
      },
      'plan.ksfs[0].kpis[0].direction: "up" is not "higher" or "lower"',
    ],
    [
      'KPI aggregate',
      (p: any) => {
        p.ksfs[0].kpis[0].aggregate = 'max';
      },
      'plan.ksfs[0].kpis[0].aggregate: "max" is not "sum" or "average"',
    ],
    [
      'KPI stage out of range',
      (p: any) => {
        p.ksfs[0].kpis[0].stage = 3;
      },
      'plan.ksfs[0].kpis[0].stage: 3 does not exist — the funnel has 3 stages (0 to 2)',
    ],
    [
      'KPI stage not whole',
      (p: any) => {
        p.ksfs[0].kpis[0].stage = 1.5;
      },
      'plan.ksfs[0].kpis[0].stage: 1.5 does not exist — the funnel has 3 stages (0 to 2)',
    ],
    [
      'KPI with neither target nor stage',
      (p: any) => {
        delete p.ksfs[0].kpis[0].stage;
      },
      'plan.ksfs[0].kpis[0].target: missing — enter its annual target, or pick its funnel stage',
    ],
    [
      'average KPI on a stage',
      (p: any) => {
        p.ksfs[0].kpis[0].aggregate = 'average';
      },
      'plan.ksfs[0].kpis[0].stage: 0 — an average KPI',
    ],
    [
      'recent actuals negative',
      (p: any) => {
        p.ksfs[0].kpis[0].recentActuals = [5, -1];
      },
      'plan.ksfs[0].kpis[0].recentActuals[1]: -1 is below 0',
    ],
    [
      'KSF name blank with KPIs',
      (p: any) => {
        p.ksfs[0].name = '';
      },
      'plan.ksfs[0].name: "" — enter it',
    ],
    [
      'KPI with no KSF',
      (p: any) => {
        p.kpis = [{ name: 'Orphan', unit: 'x', target: 5 }];
      },
      'plan.kpis[0]: "Orphan" is not under any KSF',
    ],
    [
      'seasonality with a blank month',
      (p: any) => {
        p.seasonality = [1, 1, null, 1, 1, 1, 1, 1, 1, 1, 1, 1];
      },
      'plan.seasonality[2]: missing — enter it',
    ],
    [
      'seasonality length',
      (p: any) => {
        p.seasonality = [1, 2];
      },
      'plan.seasonality: [1,2] — give 12 monthly weights',
    ],
    [
      'seasonality negative',
      (p: any) => {
        p.seasonality = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1];
      },
      'plan.seasonality[11]: -1 is below 0',
    ],
    [
      'seasonality all zero',
      (p: any) => {
        p.seasonality = new Array(12).fill(0);
      },
      'plan.seasonality: [0,0,0,0,0,0,0,0,0,0,0,0] — give 12 monthly weights, not all 0',
    ],
    [
      'threshold typed as percent',
      (p: any) => {
        p.thresholds = { warn: 80, ok: 1 };
      },
      'plan.thresholds.warn: 80 is above 2 — enter it as 80% or 0.8',
    ],
    [
      'warn above ok',
      (p: any) => {
        p.thresholds = { warn: 0.9, ok: 0.7 };
      },
      'plan.thresholds.warn: 0.9 is above ok 0.7 — lower it',
    ],
  ])('%s', (_label, edit, expected) => {
    const p =
      typeof edit === 'function' && edit.length === 0 ? (edit as () => unknown)() : plan(edit as (p: any) => void);
    const msg = messageOf(p);
    expect(msg).toContain(expected);
    expect(() => validatePlan(p)).toThrow(PlanError);
  });

  test('lists every problem, one per line, and carries them as issues', () => {
    const p = plan((q) => {
      q.kgi.target = 'abc';
      q.funnel.rates[1] = 1.4;
    });
    try {
      validatePlan(p);
      throw new Error('did not throw');
    } catch (e) {
      expect(e).toBeInstanceOf(PlanError);
      const err = e as PlanError;
      expect(err.message.split('\n')).toHaveLength(2);
      expect(err.issues.map((i) => i.path)).toEqual(['plan.kgi.target', 'plan.funnel.rates[1]']);
      expect(err.issues[1]).toMatchObject({ value: 1.4, criterion: 'achievable' });
    }
  });

  test('user texts exist in both languages and name the field in words', () => {
    const [issue] = planIssues(
      plan((p) => {
        p.ksfs[0].kpis[0].stage = 7;
      }),
    );
    expect(issue.kpi).toBe('Leads');
    expect(issueText(issue, 'en')).toContain('KPI "Leads" funnel stage: 7 does not exist');
    expect(issueText(issue, 'ja')).toContain('KPI「Leads」のファネル段階: 7 という段階はありません');
  });

  test('checked never throws, even on hostile input', () => {
    const hostile = plan();
    Object.defineProperty(hostile.kgi, 'target', {
      get() {
        throw new Error('boom');
      },
      enumerable: true,
    });
    const issues = planIssues(hostile);
    expect(issues).toHaveLength(1);
    expect(issues[0].message).toContain('could not be read (boom)');
    expect(planIssues(undefined)[0].path).toBe('plan');
    expect(planIssues('{"name":1}')[0].message).toContain('is not a plan object');
  });

  test('a funnel that overflows is reported, not thrown later', () => {
    const p = plan((q) => {
      q.kgi.target = 1e12;
      q.kgi.unitValue = 1e-300;
    });
    expect(messageOf(p)).toMatch(
      /^plan\.kgi\.unitValue: 1e-300 cannot be back-calculated: a stage would need .*above 1e15/,
    );
  });
});

// Issue 11: plans that passed validation and then built a workbook whose formulas all failed.
describe('validation matches the formulas: hostile numbers are refused with the field named', () => {
  const issuesOf = (edit: (p: any) => void) => planIssues(plan(edit)).map((i) => [i.path, i.criterion, i.level]);
  test.each([
    [
      'a KPI target of 1e16',
      (p: any) => {
        p.ksfs[0].kpis[0] = { name: 'Leads', unit: 'leads', target: 1e16 };
      },
      'plan.ksfs[0].kpis[0].target',
      'quantitative',
    ],
    [
      'a KGI of 1e300',
      (p: any) => {
        p.kgi.target = 1e300;
      },
      'plan.kgi.target',
      'quantitative',
    ],
    [
      'a deal size of 1e300',
      (p: any) => {
        p.kgi.unitValue = 1e300;
      },
      'plan.kgi.unitValue',
      'quantitative',
    ],
    [
      'rates [1e-12, 1e-12]',
      (p: any) => {
        p.funnel.rates = [1e-12, 1e-12];
      },
      'plan.funnel.rates[0]',
      'achievable',
    ],
    [
      'a tiny last rate',
      (p: any) => {
        p.funnel.rates = [0.5, 1e-20];
      },
      'plan.funnel.rates[1]',
      'achievable',
    ],
    [
      'seasonality weights of 1e308',
      (p: any) => {
        p.seasonality = [1, 1e308, ...new Array(10).fill(1)];
      },
      'plan.seasonality[1]',
      'quantitative',
    ],
    [
      'a baseline × growth above 1e15',
      (p: any) => {
        delete p.kgi.target;
        p.kgi.baseline = 1e15;
        p.kgi.growthRate = 0.5;
      },
      'plan.kgi.growthRate',
      'quantitative',
    ],
    [
      'a KPI baseline of 1e300',
      (p: any) => {
        p.ksfs[0].kpis[0].baseline = 1e300;
      },
      'plan.ksfs[0].kpis[0].baseline',
      'quantitative',
    ],
    [
      'recent actuals of 1e20',
      (p: any) => {
        p.ksfs[0].kpis[0].recentActuals = [1, 1e20];
      },
      'plan.ksfs[0].kpis[0].recentActuals[1]',
      'quantitative',
    ],
  ])('%s', (_, edit, path, criterion) => {
    expect(issuesOf(edit)).toEqual([[path, criterion, 'error']]);
    expect(() => validatePlan(plan(edit))).toThrow(PlanError);
  });
  test('the messages name the bound in both languages', () => {
    const [i] = planIssues(
      plan((p) => {
        p.kgi.target = 1e300;
      }),
    );
    expect(i.message).toBe(
      'plan.kgi.target: 1e+300 is above 1e15 (1,000,000,000,000,000), the largest amount the workbook computes exactly',
    );
    expect(issueText(i, 'ja')).toContain('1e15');
  });
  test('more than 50 stages is refused at the stages', () => {
    const p = plan((q) => {
      q.funnel.stages = Array.from({ length: 51 }, (_, i) => ({ name: `S${i}` }));
      q.funnel.rates = new Array(50).fill(1);
    });
    expect(planIssues(p).map((i) => i.path)).toEqual(['plan.funnel.stages']);
    expect(planIssues(p)[0].message).toContain('at most 50 stages');
  });
  test('the largest accepted numbers build: every KPI target ≤ 1e15 splits exactly', () => {
    const p = plan((q) => {
      q.kgi.target = 1e15;
      q.kgi.unitValue = 1e3;
      q.funnel.rates = [1, 1];
    });
    expect(funnelTargets(validatePlan(p))).toEqual([1e12, 1e12, 1e12]);
  });
  test('baseline × (1 + growthRate) keeps every digit', () => {
    const p = plan((q) => {
      delete q.kgi.target;
      q.kgi.baseline = 123_456_789_012_345;
      q.kgi.growthRate = 0.1;
      q.kgi.unitValue = 1e6;
    });
    expect(kgiTarget(validatePlan(p))).toBe(135_802_467_913_579.5);
    expect(
      kgiTarget(
        plan((q) => {
          q.kgi.target = undefined;
          q.kgi.baseline = 1e8;
          q.kgi.growthRate = 0.1;
        }),
      ),
    ).toBe(110_000_000);
  });
});

describe('normalizePlan and the shared targets', () => {
  test('fills every default', () => {
    const n = normalizePlan(
      plan((p) => {
        delete p.fiscalYear.startMonth;
      }),
    );
    expect(n.locale).toBe('en');
    expect(n.fiscalYear.startMonth).toBe(1);
    expect(n.kgi.currency).toBe('USD');
    expect(n.thresholds).toEqual({ warn: 0.8, ok: 1 });
    expect(n.seasonality).toEqual(new Array(12).fill(1));
    expect(n.ksfs[0].kpis[0]).toEqual({
      name: 'Leads',
      unit: 'leads',
      owner: '',
      direction: 'higher',
      aggregate: 'sum',
      stage: 0,
    });
  });

  test('ja defaults: April start, JPY', () => {
    const n = normalizePlan(
      plan((p) => {
        p.locale = 'ja';
        delete p.fiscalYear.startMonth;
      }),
    );
    expect(n.fiscalYear.startMonth).toBe(4);
    expect(n.kgi.currency).toBe('JPY');
  });

  test('keeps what was given', () => {
    const n = normalizePlan(
      plan((p) => {
        p.locale = 'ja';
        p.kgi.currency = 'EUR';
        p.thresholds = { warn: 0.7, ok: 0.95 };
        p.ksfs[0].kpis[0].direction = 'lower';
        p.ksfs[0].kpis[0].owner = 'Sales';
      }),
    );
    expect(n.kgi.currency).toBe('EUR');
    expect(n.thresholds).toEqual({ warn: 0.7, ok: 0.95 });
    expect(n.ksfs[0].kpis[0]).toMatchObject({ direction: 'lower', owner: 'Sales' });
  });

  test('KGI target from baseline × (1 + growth), without float noise', () => {
    const p = plan((q) => {
      delete q.kgi.target;
      q.kgi.baseline = 100_000_000;
      q.kgi.growthRate = 0.1;
    });
    expect(kgiTarget(p)).toBe(110_000_000);
    expect(normalizePlan(p).kgi.target).toBe(110_000_000);
    // A given target wins over baseline + growth.
    expect(
      kgiTarget(
        plan((q) => {
          q.kgi.baseline = 1;
          q.kgi.growthRate = 0.5;
        }),
      ),
    ).toBe(10_000_000);
    expect(() => kgiTarget({ kgi: {} } as Plan)).toThrow('plan.kgi.target');
  });

  test('funnel targets: the worked example of PRODUCT.md (¥10M at ¥500k, 40% and 20%)', () => {
    const p = validatePlan(plan());
    expect(funnelTargets(p)).toEqual([250, 100, 20]);
  });

  test('a count KGI is wins directly; the deal size is ignored', () => {
    const p = validatePlan(
      plan((q) => {
        q.kgi.unit = 'count';
        q.kgi.target = 20;
      }),
    );
    expect(funnelTargets(p)).toEqual([250, 100, 20]);
  });

  test('planKpis flattens KSFs in order', () => {
    const rows = planKpis(normalizePlan(samplePlan('en')));
    expect(rows.map((r) => r.kpi.name)).toEqual([
      'Website visitors',
      'Leads',
      'Cost per lead',
      'MQLs',
      'SQLs',
      'Opportunities',
      'Deals won',
      'Customer satisfaction (CSAT)',
    ]);
    expect(rows[3]).toMatchObject({ ksf: 'Qualified leads handed to sales', ksfIndex: 1, kpiIndex: 0 });
  });

  test('normalizePlan throws the same PlanError as validatePlan', () => {
    expect(() =>
      normalizePlan(
        plan((p) => {
          p.funnel.rates[1] = 1.4;
        }),
      ),
    ).toThrow('plan.funnel.rates[1]: 1.4 is above 1');
  });
});

describe('issue words come from the catalogue', () => {
  test('English plurals: one rate, one month', () => {
    const twoStages = plan((p) => {
      p.funnel.stages = [{ name: 'Leads' }, { name: 'Won' }];
      p.funnel.rates = [0.5, 0.5];
    });
    expect(planIssues(twoStages).map((i) => i.message)).toContain(
      'plan.funnel.rates: [0.5,0.5] — give 1 rate for 2 stages',
    );
    const manyStages = plan((p) => {
      p.funnel.rates = [0.5];
    });
    expect(planIssues(manyStages)[0].message).toBe('plan.funnel.rates: [0.5] — give 2 rates for 3 stages');
  });

  test('thresholds are named as the sidebar names them, in both languages', () => {
    const [issue] = planIssues(
      plan((p) => {
        p.thresholds = { warn: 80, ok: 1 };
      }),
    );
    expect(issueText(issue, 'ja')).toBe('注意の閾値: 80 は2を超えています — 80% のつもりなら 0.8 と入力してください');
    expect(issueText(issue, 'en')).toBe('At-risk threshold: 80 is above 2 — enter it as 80% or 0.8');
  });

  test('a language is one catalogue: every word of a finding is the registered language’s', () => {
    const pseudo = Object.fromEntries(
      Object.entries(en).map(([key, value]) => [
        key,
        typeof value === 'function' ? () => `⟦${key}⟧` : `⟦${key}⟧ ${value}`,
      ]),
    ) as unknown as Messages;
    const restore = registerCatalogue('xx', pseudo);
    try {
      const [issue] = planIssues(
        plan((p) => {
          p.ksfs[0].kpis[0].stage = 7;
        }),
      );
      expect(issueText(issue, 'xx')).toBe(
        '⟦plan.finding⟧ ⟦plan.whose⟧ ⟦plan.who.kpiNamed⟧ KPI "Leads" ⟦plan.field.stage⟧ funnel stage: ' +
          '⟦plan.reason.noStage⟧ 7 does not exist — the funnel has 3 stages (0 to 2)',
      );
    } finally {
      restore();
    }
  });
});
