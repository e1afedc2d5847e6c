import fc from 'fast-check';
import { checkPlan, kpiFindings, type Finding } from '../../src/core/health';
import { formatReadable } from '../../src/core/locale';
import { samplePlan } from '../../src/core/sample';
import type { Lang } from '../../src/core/plan';
import { validatePlan } from '../../src/core/validate';

/**
 * A small healthy plan in `lang`: ¥10M at ¥500k a deal through an inquiry funnel
 * (40%, 20%) → 250 leads, 100 meetings, 20 wins.
 */
function plan(lang: Lang, edit: (p: any) => void = () => {}): any {
  const ja = lang === 'ja';
  const p: any = {
    name: ja ? 'テスト計画' : 'Test plan',
    locale: lang,
    fiscalYear: { startYear: 2025, startMonth: ja ? 4 : 1 },
    kgi: { name: ja ? '売上' : 'Revenue', unit: 'currency', target: 10_000_000, unitValue: 500_000 },
    funnel: {
      stages: (ja ? ['リード', '商談', '受注'] : ['Leads', 'Meetings', 'Won']).map((name) => ({ name })),
      rates: [0.4, 0.2],
    },
    ksfs: [
      {
        name: ja ? '商談の創出' : 'More meetings',
        kpis: [
          { name: ja ? 'リード数' : 'Leads', unit: ja ? '件' : 'leads', stage: 0 },
          { name: ja ? '商談数' : 'Meetings', unit: ja ? '件' : 'meetings', stage: 1 },
          { name: 'CPL', unit: ja ? '円' : 'USD', direction: 'lower', aggregate: 'average', target: 10_000 },
        ],
      },
    ],
  };
  edit(p);
  return p;
}

const LEADS: Record<Lang, string> = { ja: 'リード数', en: 'Leads' };

describe('a healthy plan', () => {
  test.each(['ja', 'en'] as const)('%s: no findings (also the sample plan)', (lang) => {
    expect(checkPlan(plan(lang)).findings).toEqual([]);
    expect(checkPlan(samplePlan(lang)).findings).toEqual([]);
  });
});

interface Rule {
  rule: string;
  edit: (p: any, lang: Lang) => void;
  expect: Omit<Finding, 'message' | 'kpi'> & { kpi?: string | ((l: Lang) => string) };
  /** Substrings each language's message must contain. */
  ja: string[];
  en: string[];
}

const RULES: Rule[] = [
  // Quantitative
  {
    rule: 'KGI with neither a target nor baseline + growth rate',
    edit: (p) => {
      delete p.kgi.target;
      p.kgi.baseline = 9_000_000;
    },
    expect: { level: 'error', criterion: 'quantitative', path: 'plan.kgi.target' },
    ja: ['KGIの目標値: 未入力', '前年実績と成長率'],
    en: ['KGI target: missing', "last year's value (baseline) and a growth rate"],
  },
  {
    rule: 'KPI with neither a target nor a funnel stage',
    edit: (p) => {
      delete p.ksfs[0].kpis[0].stage;
    },
    expect: { level: 'error', criterion: 'quantitative', path: 'plan.ksfs[0].kpis[0].target', kpi: (l) => LEADS[l] },
    ja: ['KPI「リード数」の目標値: 未入力', 'ファネル段階を選んで'],
    en: ['KPI "Leads" target: missing', 'pick its funnel stage'],
  },
  {
    rule: 'KPI target that is not a number',
    edit: (p) => {
      p.ksfs[0].kpis[2].target = 'abc';
    },
    expect: { level: 'error', criterion: 'quantitative', path: 'plan.ksfs[0].kpis[2].target', kpi: 'CPL' },
    ja: ['KPI「CPL」の目標値: "abc" は数値ではありません'],
    en: ['KPI "CPL" target: "abc" is not a number'],
  },
  {
    rule: 'KPI without a unit',
    edit: (p) => {
      delete p.ksfs[0].kpis[1].unit;
    },
    expect: {
      level: 'warning',
      criterion: 'quantitative',
      path: 'plan.ksfs[0].kpis[1].unit',
      kpi: (l) => (l === 'ja' ? '商談数' : 'Meetings'),
    },
    ja: ['KPI「商談数」の単位: 未入力', '単位を入力'],
    en: ['KPI "Meetings" unit: missing', 'add one'],
  },
  // Achievable
  {
    rule: 'KGI growth more than doubling',
    edit: (p) => {
      delete p.kgi.target;
      p.kgi.baseline = 4_000_000;
      p.kgi.growthRate = 1.5;
    },
    expect: { level: 'warning', criterion: 'achievable', path: 'plan.kgi.growthRate' },
    ja: ['KGIの目標値: 10,000,000 は前年実績 4,000,000 の2.5倍', '見直すか段階的に'],
    en: ["KGI target: 10,000,000 is 2.5× last year's 4,000,000", 'revise or phase it'],
  },
  {
    rule: 'KGI growth typed as a whole percentage (10 for 10%) is flagged',
    edit: (p) => {
      delete p.kgi.target;
      p.kgi.baseline = 1_000_000;
      p.kgi.growthRate = 10;
    },
    expect: { level: 'warning', criterion: 'achievable', path: 'plan.kgi.growthRate' },
    ja: ['KGIの目標値: 11,000,000 は前年実績 1,000,000 の11倍'],
    en: ["KGI target: 11,000,000 is 11× last year's 1,000,000"],
  },
  {
    rule: 'KGI target over twice the baseline (target given)',
    edit: (p) => {
      p.kgi.baseline = 3_000_000;
    },
    expect: { level: 'warning', criterion: 'achievable', path: 'plan.kgi.target' },
    ja: ['3.33倍'],
    en: ['3.33×'],
  },
  {
    rule: 'KPI target over twice its own baseline',
    edit: (p) => {
      p.ksfs[0].kpis[0].baseline = 100;
    },
    expect: { level: 'warning', criterion: 'achievable', path: 'plan.ksfs[0].kpis[0].target', kpi: (l) => LEADS[l] },
    ja: ['KPI「リード数」の目標値: 250 は前年実績 100 の2.5倍'],
    en: ['KPI "Leads" target: 250 is 2.5× last year\'s 100', 'revise or phase it'],
  },
  {
    rule: 'lower-is-better KPI cut to less than half its baseline',
    edit: (p) => {
      p.ksfs[0].kpis[2].baseline = 25_000;
    },
    expect: { level: 'warning', criterion: 'achievable', path: 'plan.ksfs[0].kpis[2].target', kpi: 'CPL' },
    ja: ['KPI「CPL」の目標値: 10,000 は前年実績 25,000 の0.4倍'],
    en: ['KPI "CPL" target: 10,000 is 0.4× last year\'s 25,000'],
  },
  {
    rule: 'conversion rate above 1',
    edit: (p) => {
      p.funnel.rates[1] = 20;
    },
    expect: { level: 'error', criterion: 'achievable', path: 'plan.funnel.rates[1]' },
    ja: ['転換率（商談 → 受注）: 20 は1を超えています', '20% のつもりなら 0.2 と入力してください'],
    en: ['Conversion rate Meetings → Won: 20 is above 1 — enter it as 20% or 0.2'],
  },
  {
    rule: 'conversion rate of 0',
    edit: (p) => {
      p.funnel.rates[0] = 0;
    },
    expect: { level: 'error', criterion: 'achievable', path: 'plan.funnel.rates[0]' },
    ja: ['転換率（リード → 商談）: 0 は0より大きい値にしてください'],
    en: ['Conversion rate Leads → Meetings: 0 must be above 0'],
  },
  {
    rule: 'conversion rate above its typical range (preset step, cites the range)',
    edit: (p) => {
      p.funnel.rates[0] = 0.8;
    },
    expect: { level: 'warning', criterion: 'achievable', path: 'plan.funnel.rates[0]' },
    ja: ['転換率（リード → 商談）: 80% は一般的なB2Bの想定範囲（5%〜50%）を上回っています'],
    en: ['Conversion rate Leads → Meetings: 80% is above the typical B2B range of 5%–50%'],
  },
  {
    rule: 'conversion rate below the generic range for an unknown step',
    edit: (p, l) => {
      p.funnel.stages[0].name = l === 'ja' ? 'ウェビナー申込' : 'Webinar sign-ups';
      p.funnel.rates[0] = 0.001;
      p.kgi.target = 1_000_000;
    },
    expect: { level: 'warning', criterion: 'achievable', path: 'plan.funnel.rates[0]' },
    ja: ['0.1% は一般的なB2Bの想定範囲（0.5%〜60%）を下回っています'],
    en: [': 0.1% is below the typical B2B range of 0.5%–60%'],
  },
  {
    rule: 'monthly target far above the run rate of recent actuals',
    edit: (p) => {
      p.ksfs[0].kpis[0].recentActuals = [5, 6, '', 7];
    },
    expect: {
      level: 'warning',
      criterion: 'achievable',
      path: 'plan.ksfs[0].kpis[0].recentActuals',
      kpi: (l) => LEADS[l],
    },
    // 250 / 12 = 20.83 a month vs a run rate of 6 → 3.47×
    ja: ['KPI「リード数」の月間目標: 2025年4月の20.8 は直近3か月の実績ペース（月6）の3.47倍です'],
    en: ['KPI "Leads" monthly target: 20.8 in Jan 2025 is 3.47× the recent run rate of 6 a month (last 3 months)'],
  },
  {
    rule: 'a seasonal peak month far above the run rate (names the month)',
    edit: (p) => {
      p.seasonality = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3.5];
      p.ksfs[0].kpis[0].recentActuals = [20, 20];
    },
    expect: {
      level: 'warning',
      criterion: 'achievable',
      path: 'plan.ksfs[0].kpis[0].recentActuals',
      kpi: (l) => LEADS[l],
    },
    // 250 × 3.5 / 14.5 = 60.34 in the last fiscal month (ja: March, en: December) vs 20
    ja: ['月間目標: 2026年3月の60.3 は', '3.02倍'],
    en: ['monthly target: 60.3 in Dec 2025 is', '3.02×', '(last 2 months)'],
  },
  {
    rule: 'average lower-is-better KPI far below the recent level',
    edit: (p) => {
      p.ksfs[0].kpis[2].recentActuals = [30_000, 24_000];
    },
    expect: { level: 'warning', criterion: 'achievable', path: 'plan.ksfs[0].kpis[2].recentActuals', kpi: 'CPL' },
    ja: ['KPI「CPL」の月間目標: 10,000 は直近2か月の実績ペース（月27,000）の0.37倍です'],
    en: ['KPI "CPL" monthly target: 10,000 is 0.37× the recent run rate of 27,000 a month'],
  },
  // Relevant
  {
    rule: 'KPI pointing at a funnel stage that does not exist',
    edit: (p) => {
      p.ksfs[0].kpis[1].stage = 3;
    },
    expect: {
      level: 'error',
      criterion: 'relevant',
      path: 'plan.ksfs[0].kpis[1].stage',
      kpi: (l) => (l === 'ja' ? '商談数' : 'Meetings'),
    },
    ja: ['KPI「商談数」のファネル段階: 3 という段階はありません', '段階は3個（0〜2）です'],
    en: ['KPI "Meetings" funnel stage: 3 does not exist — the funnel has 3 stages (0 to 2)'],
  },
  {
    rule: 'KSF with no KPI',
    edit: (p, l) => {
      p.ksfs.push({ name: l === 'ja' ? 'ブランド認知' : 'Brand awareness', kpis: [] });
    },
    expect: { level: 'warning', criterion: 'relevant', path: 'plan.ksfs[1].kpis' },
    ja: ['KSF「ブランド認知」のKPI: []', 'KPIを追加する'],
    en: ['KSF "Brand awareness" KPIs: []', 'add a KPI'],
  },
  {
    rule: 'KPI with no KSF (top-level kpis)',
    edit: (p) => {
      p.kpis = [{ name: 'NPS', unit: 'pt', aggregate: 'average', target: 30 }];
    },
    expect: { level: 'error', criterion: 'relevant', path: 'plan.kpis[0]', kpi: 'NPS' },
    ja: ['KPI: "NPS" はどのKSFにも属していません'],
    en: ['KPI: "NPS" is not under any KSF'],
  },
  {
    rule: 'KPIs under a KSF with no name',
    edit: (p) => {
      p.ksfs[0].name = '';
      p.ksfs[0].kpis = [p.ksfs[0].kpis[0]];
    },
    expect: { level: 'error', criterion: 'relevant', path: 'plan.ksfs[0].name' },
    ja: ['KSF1の名前: "" — 入力してください'],
    en: ['KSF 1 name: "" — enter it'],
  },
  {
    rule: 'plan without any KSF',
    edit: (p) => {
      p.ksfs = [];
    },
    expect: { level: 'error', criterion: 'relevant', path: 'plan.ksfs' },
    ja: ['KSF: [] — KGIにつながるKSFと、それを測るKPIを追加'],
    en: ['KSFs: [] — add the KSFs that lead to the KGI'],
  },
  {
    rule: 'hand-entered target for a funnel KPI more than 10% off the back-calculation',
    edit: (p) => {
      p.ksfs[0].kpis[0].target = 300;
    },
    expect: { level: 'warning', criterion: 'relevant', path: 'plan.ksfs[0].kpis[0].target', kpi: (l) => LEADS[l] },
    ja: ['KPI「リード数」の目標値: 300 はファネル段階「リード」の逆算値 250 から+20%ずれています'],
    en: ['KPI "Leads" target: 300 is +20% off the funnel\'s 250 for stage "Leads" — use 250'],
  },
];

describe.each(RULES)('rule: $rule', (r) => {
  test.each(['ja', 'en'] as const)('%s', (lang) => {
    const { findings } = checkPlan(plan(lang, (p) => r.edit(p, lang)));
    const kpi = typeof r.expect.kpi === 'function' ? r.expect.kpi(lang) : r.expect.kpi;
    const want = { ...r.expect, ...(kpi === undefined ? {} : { kpi }) };
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject(want);
    if (kpi === undefined) expect(f).not.toHaveProperty('kpi');
    for (const s of r[lang]) expect(f.message).toContain(s);
    // The other language's message is not leaking in.
    expect(
      /[ぁ-んァ-ン]/.test(f.message.replace(/「[^」]*」|"[^"]*"/g, '').replace(/リード|商談|受注|ウェビナー申込/g, '')),
    ).toBe(lang === 'ja');
  });
});

describe('thresholds of the rules (nothing flagged at the limit)', () => {
  test.each(['ja', 'en'] as const)('%s', (lang) => {
    const at = (edit: (p: any) => void) => checkPlan(plan(lang, edit)).findings;
    expect(
      at((p) => {
        delete p.kgi.target;
        p.kgi.baseline = 5_000_000;
        p.kgi.growthRate = 1;
      }),
    ).toEqual([]); // exactly doubling
    expect(
      at((p) => {
        p.ksfs[0].kpis[0].target = 275;
      }),
    ).toEqual([]); // +10% exactly
    expect(
      at((p) => {
        p.ksfs[0].kpis[0].target = 225;
      }),
    ).toEqual([]); // −10% exactly
    expect(
      at((p) => {
        p.funnel.rates[0] = 0.5;
      }),
    ).toHaveLength(0); // top of the typical range
    expect(
      at((p) => {
        p.ksfs[0].kpis[0].recentActuals = [10.5];
      }),
    ).toEqual([]); // 1.98× the run rate
    expect(
      at((p) => {
        p.ksfs[0].kpis[0].recentActuals = [10.4];
      }),
    ).toHaveLength(1); // 2.003×
    expect(
      at((p) => {
        p.ksfs[0].kpis[0].recentActuals = ['', null];
      }),
    ).toEqual([]); // no reported month → no run rate
    expect(
      at((p) => {
        p.ksfs[0].kpis[2].baseline = 20_000;
      }),
    ).toEqual([]); // lower: exactly half
  });

  test('below the typical range is flagged too, and a rate matching no preset but inside the generic range is not', () => {
    expect(
      checkPlan(
        plan('en', (p) => {
          p.funnel.rates[0] = 0.04;
        }),
      ).findings[0].message,
    ).toContain('is below the typical B2B range of 5%–50%');
    expect(
      checkPlan(
        plan('en', (p) => {
          p.funnel.stages[0].name = 'Sign-ups';
        }),
      ).findings,
    ).toEqual([]);
  });

  test('a zero run rate with a positive target', () => {
    const [f] = checkPlan(
      plan('en', (p) => {
        p.ksfs[0].kpis[0].recentActuals = [0, 0];
      }),
    ).findings;
    expect(f.message).toContain('is ∞× the recent run rate of 0 a month');
    const [g] = checkPlan(
      plan('ja', (p) => {
        p.ksfs[0].kpis[0].recentActuals = [0, 0];
      }),
    ).findings;
    expect(g.message).toContain('（月0）の∞倍です');
  });
});

describe('checkPlan', () => {
  test('language: explicit lang wins, else the plan locale, else en', () => {
    const bad = (l: any) =>
      plan('en', (p) => {
        p.locale = l;
        p.funnel.rates[1] = 20;
      });
    expect(checkPlan(bad('ja')).findings[0].message).toMatch(/^転換率/);
    expect(checkPlan(bad('ja'), 'en').findings[0].message).toMatch(/^Conversion rate/);
    expect(checkPlan(bad(undefined)).findings[0].message).toMatch(/^Conversion rate/);
    expect(checkPlan(null, 'ja').findings[0].message).toBe('計画: null は計画データではありません');
  });

  test('a plan with errors gets its errors only; once valid, its warnings by criterion', () => {
    const warnings = (p: any) => {
      p.ksfs[0].kpis[0].target = 400; // relevant warning
      delete p.ksfs[0].kpis[1].unit; // quantitative warning
      p.funnel.rates[0] = 0.9; // achievable warning
    };
    const bad = checkPlan(
      plan('en', (p) => {
        warnings(p);
        p.ksfs[0].kpis[2].stage = 7; // relevant error (+ average on a stage is not reported: the stage is invalid)
      }),
    ).findings;
    expect(bad.map((f) => `${f.level}/${f.criterion}`)).toEqual(['error/relevant']);
    expect(checkPlan(plan('en', warnings)).findings.map((f) => `${f.level}/${f.criterion}`)).toEqual([
      'warning/quantitative',
      'warning/achievable',
      'warning/relevant',
    ]);
  });

  test('errors are exactly what validatePlan refuses', () => {
    const bad = plan('en', (p) => {
      p.kgi.target = 'abc';
    });
    expect(checkPlan(bad).findings.some((f) => f.level === 'error')).toBe(true);
    expect(() => validatePlan(bad)).toThrow('plan.kgi.target: "abc" is not a number');
  });

  test('kpiFindings picks one KPI’s findings by place (not confused by kpis[1] vs kpis[10])', () => {
    const result = checkPlan(
      plan('en', (p) => {
        delete p.ksfs[0].kpis[1].unit;
        for (let i = 0; i < 10; i++) p.ksfs[0].kpis.push({ name: `K${i}`, unit: 'x', target: 1 });
        delete p.ksfs[0].kpis[10].unit;
      }),
    );
    expect(kpiFindings(result, 0, 1).map((f) => f.kpi)).toEqual(['Meetings']);
    expect(kpiFindings(result, 0, 10).map((f) => f.kpi)).toEqual(['K7']);
    expect(kpiFindings(result, 0, 0)).toEqual([]);
  });

  test.each([
    ['undefined', undefined],
    ['a string', 'plan'],
    ['an array', [1, 2]],
    ['an empty object', {}],
    [
      'everything the wrong type',
      {
        name: 1,
        locale: 2,
        fiscalYear: 'x',
        kgi: [],
        funnel: { stages: 'a', rates: 'b' },
        ksfs: [null, 3, { name: 5, kpis: 'x' }],
        kpis: 7,
        seasonality: {},
        thresholds: [],
      },
    ],
    [
      'KPIs of the wrong type',
      plan('en', (p) => {
        p.ksfs[0].kpis = [null, 'x', { name: 'A', stage: 'one', recentActuals: 'lots', baseline: 'big' }];
      }),
    ],
  ])('never throws on %s; reports errors', (_l, input) => {
    const { findings } = checkPlan(input);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.some((f) => f.level === 'error')).toBe(true);
    for (const f of findings) expect(typeof f.message).toBe('string');
  });

  test('never throws on a getter that throws or a cyclic plan', () => {
    const p = plan('en');
    Object.defineProperty(p, 'ksfs', {
      get() {
        throw new Error('boom');
      },
      enumerable: true,
    });
    expect(checkPlan(p).findings[0]).toMatchObject({ level: 'error' });
    const cyc = plan('en', (q) => {
      q.kgi.target = q;
    });
    expect(checkPlan(cyc).findings[0]).toMatchObject({ level: 'error', path: 'plan.kgi.target' });
  });

  test('property: never throws on arbitrary edits of the sample plan, and errors ⇔ validatePlan throws', () => {
    const paths = [
      ['name'],
      ['locale'],
      ['fiscalYear', 'startMonth'],
      ['kgi', 'target'],
      ['kgi', 'baseline'],
      ['kgi', 'growthRate'],
      ['kgi', 'unitValue'],
      ['kgi', 'unit'],
      ['funnel', 'rates', 0],
      ['funnel', 'stages', 2],
      ['funnel', 'rates'],
      ['ksfs', 0, 'kpis', 1, 'stage'],
      ['ksfs', 0, 'kpis', 1, 'target'],
      ['ksfs', 1, 'kpis'],
      ['ksfs', 2, 'name'],
      ['ksfs', 0, 'kpis', 1, 'recentActuals'],
      ['seasonality'],
      ['thresholds'],
      ['kpis'],
      ['ksfs', 3, 'kpis', 0, 'aggregate'],
    ] as const;
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom(...paths), fc.oneof(fc.anything(), fc.double(), fc.integer({ min: -3, max: 12 }))),
          { maxLength: 4 },
        ),
        fc.constantFrom<Lang>('ja', 'en'),
        (edits, lang) => {
          const p: any = samplePlan(lang);
          for (const [path, value] of edits) {
            let o = p;
            for (const k of path.slice(0, -1)) o = o?.[k as any];
            if (o && typeof o === 'object') o[path[path.length - 1] as any] = value;
          }
          const { findings } = checkPlan(p);
          let threw = false;
          try {
            validatePlan(p);
          } catch {
            threw = true;
          }
          expect(findings.some((f) => f.level === 'error')).toBe(threw);
          for (const f of findings) expect(f.message.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

test('numbers in messages: as a person reads them, in the language', () => {
  for (const lang of ['en', 'ja'] as const) {
    // The whole part is never rounded; three significant digits otherwise.
    expect(formatReadable(lang, 1234567.5)).toBe('1,234,568');
    expect(formatReadable(lang, -2500)).toBe('-2,500');
    expect(formatReadable(lang, 20.83333333)).toBe('20.8');
    expect(formatReadable(lang, 66.1017)).toBe('66.1');
    expect(formatReadable(lang, 3.4722)).toBe('3.47');
    expect(formatReadable(lang, 0.37037)).toBe('0.37');
    expect(formatReadable(lang, 0.001234)).toBe('0.00123');
    expect(formatReadable(lang, 10_000_000)).toBe('10,000,000');
    expect(formatReadable(lang, 0.2, true)).toBe('+0.2');
    expect(formatReadable(lang, 0)).toBe('0');
  }
  // Rates as percentages, without float noise (0.07 × 100 is 7.000000000000001).
  const rate = (r: number) =>
    checkPlan(
      plan('en', (p) => {
        p.funnel.rates[0] = r;
      }),
    ).findings[0].message;
  expect(rate(0.005)).toContain(': 0.5% is below');
  expect(rate((0.07 / 7) * 4)).toContain(': 4% is below');
  expect(rate(0.6318)).toContain(': 63.2% is above');
});

test('property: a number in a message has at most three significant digits after the whole part', () => {
  fc.assert(
    fc.property(fc.double({ min: -1e15, max: 1e15, noNaN: true }), fc.constantFrom('en', 'ja'), (x, lang) => {
      const s = formatReadable(lang, x);
      expect(s).toMatch(/^-?\d{1,3}(,\d{3})*(\.\d+)?$|^-?0$/);
      const [whole, fraction = ''] = s.replace(/[-,]/g, '').split('.');
      if (whole !== '0') expect(whole.length + fraction.length).toBeLessThanOrEqual(Math.max(3, whole.length));
      else expect(fraction.replace(/^0+/, '').length).toBeLessThanOrEqual(3);
      // Close to x: within half a unit of the last digit shown.
      const unit = 10 ** -fraction.length;
      expect(Math.abs(Number(s.replace(/,/g, '')) - x)).toBeLessThanOrEqual(unit / 2 + Math.abs(x) * 1e-12);
    }),
  );
});

// Issue 11: numbers the workbook's formulas cannot compute are errors, with the field and a criterion.
describe('hostile numbers are error findings', () => {
  test.each([
    [
      'a KPI target of 1e16',
      (p: any) => {
        p.ksfs[0].kpis[0].target = 1e16;
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
      'rates [1e-12, 1e-12]',
      (p: any) => {
        p.funnel.rates = [1e-12, 1e-12];
      },
      'plan.funnel.rates[0]',
      'achievable',
    ],
    [
      'seasonality weights of 1e308',
      (p: any) => {
        p.seasonality = [1e308, ...new Array(11).fill(1)];
      },
      'plan.seasonality[0]',
      'quantitative',
    ],
  ])('%s', (_, edit, path, criterion) => {
    for (const lang of ['ja', 'en'] as const) {
      const { findings } = checkPlan(plan(lang, edit));
      expect(findings.map((f) => [f.level, f.criterion, f.path])).toEqual([['error', criterion, path]]);
      expect(findings[0].message).toMatch(/1e15|1000000/);
    }
  });
});
