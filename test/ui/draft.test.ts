import { checkPlan } from '../../src/core/health';
import { PRESET_IDS, PRESETS, type PresetStage } from '../../src/core/presets';
import { samplePlan } from '../../src/core/sample';
import { t } from '../../src/messages/planner';
import { validatePlan } from '../../src/core/validate';
import {
  addStage,
  applyPreset,
  blankDraft,
  draftFromPlan,
  draftPathOf,
  funnelPreview,
  kgiGoal,
  planFromDraft,
  removeStage,
  samplePlanFor,
} from '../../src/client/draft';

describe('draft ⇄ plan', () => {
  for (const lang of ['ja', 'en'] as const) {
    test(`the ${lang} sample plan survives the form unchanged`, () => {
      const plan = samplePlan(lang);
      const { plan: back, errors } = planFromDraft(draftFromPlan(plan));
      expect(errors).toEqual({});
      expect(back).toEqual(plan);
      expect(() => validatePlan(back)).not.toThrow();
      expect(checkPlan(back).findings.filter((f) => f.level === 'error')).toEqual([]);
    });
  }

  test('the form shows numbers the way a marketer writes them', () => {
    const d = draftFromPlan(samplePlan('ja'));
    expect(d.kgi.baseline).toBe('100,000,000');
    expect(d.kgi.growth).toBe('10%');
    expect(d.funnel.rates.slice(0, 2)).toEqual(['2%', '30%']);
    expect(d.thresholds).toEqual({ warn: '80%', ok: '100%' });
  });

  test('typed text is read: thousands separators, 万, percentages as 25 / 25% / 0.25', () => {
    const d = draftFromPlan(samplePlan('en'));
    d.kgi.mode = 'target';
    d.kgi.target = '1,000万';
    d.kgi.unitValue = '５０００００';
    d.funnel.rates = ['2', '30%', '0.4', '50 %', '.25', ''];
    const { plan, errors } = planFromDraft(d);
    expect(errors).toEqual({});
    expect(plan.kgi.target).toBe(10_000_000);
    expect(plan.kgi.baseline).toBeUndefined();
    expect(plan.kgi.unitValue).toBe(500_000);
    expect(plan.funnel.rates).toEqual([0.02, 0.3, 0.4, 0.5, 0.25]);
  });

  test('every bad field is reported by its path, and the rest of the plan is still built', () => {
    const d = draftFromPlan(samplePlan('en'));
    d.kgi.name = '  ';
    d.kgi.baseline = 'lots';
    d.funnel.rates[1] = '140%';
    d.funnel.stages[2] = '';
    d.ksfs[0].kpis[2].target = '0,25';
    d.ksfs[1].kpis[0].name = '';
    d.thresholds.warn = '120%';
    d.startYear = '26';
    const { plan, errors } = planFromDraft(d);
    expect(errors).toEqual({
      startYear: 'err.year',
      'kgi.name': 'err.required',
      'kgi.baseline': 'err.number',
      'funnel.stages.2': 'err.required',
      'funnel.rates.1': 'err.rateRange',
      'ksfs.0.kpis.2.target': 'err.decimalComma',
      'ksfs.1.kpis.0.name': 'err.required',
      'thresholds.warn': 'err.thresholdOrder',
    });
    expect(plan.ksfs).toHaveLength(4);
    expect(plan.thresholds).toBeUndefined();
  });

  test('seasonality: flat leaves it out, weights are read, all-zero is an error', () => {
    const d = draftFromPlan(samplePlan('en'));
    d.season.mode = 'flat';
    expect(planFromDraft(d).plan.seasonality).toBeUndefined();
    d.season.mode = 'custom';
    d.season.weights = Array(12).fill('1');
    d.season.weights[7] = '１.５';
    expect(planFromDraft(d).plan.seasonality).toEqual([1, 1, 1, 1, 1, 1, 1, 1.5, 1, 1, 1, 1]);
    d.season.weights = Array(12).fill('0');
    expect(planFromDraft(d).errors.season).toBe('err.weightsZero');
    d.season.weights[3] = '';
    expect(planFromDraft(d).errors['season.3']).toBe('err.required');
  });

  test('a KPI target left blank is left out (the health check flags it), user text stays text', () => {
    const d = draftFromPlan(samplePlan('en'));
    d.ksfs[0].kpis[2].target = '';
    d.ksfs[0].kpis[2].name = '=HYPERLINK("http://x")';
    d.ksfs[0].kpis[1].name = '<img src=x onerror=alert(1)>';
    const { plan, errors } = planFromDraft(d);
    expect(errors).toEqual({});
    expect(plan.ksfs[0].kpis[2].target).toBeUndefined();
    expect(plan.ksfs[0].kpis[2].name).toBe('=HYPERLINK("http://x")');
    expect(plan.ksfs[0].kpis[1].name).toBe('<img src=x onerror=alert(1)>');
    expect(checkPlan(plan).findings.some((f) => f.level === 'error' && f.criterion === 'quantitative')).toBe(true);
  });

  test('blank draft: one empty KSF and KPI, an inquiry funnel, required fields reported', () => {
    const d = blankDraft('ja', 2026, 4);
    expect(d.ksfs).toHaveLength(1);
    expect(d.funnel.stages).toEqual(['リード', '商談', '受注']);
    const { plan, errors } = planFromDraft(d);
    expect(plan.name).toBe('2026年度 KPI計画');
    expect(plan.fiscalYear).toEqual({ startYear: 2026, startMonth: 4 });
    expect(errors['kgi.name']).toBe('err.required');
    expect(errors['kgi.target']).toBe('err.required');
    expect(errors['ksfs.0.name']).toBe('err.required');
  });
});

describe('funnel editing keeps KPI stage links right', () => {
  test('add a stage before the win: KPIs on the win stage follow it', () => {
    const d = draftFromPlan(samplePlan('en')); // standard: 6 stages, "Deals won" on stage 5
    addStage(d);
    expect(d.funnel.stages).toHaveLength(7);
    expect(d.funnel.stages[5]).toBe('');
    expect(d.funnel.stages[6]).toBe('Won');
    expect(d.ksfs[2].kpis[1].stage).toBe('6');
    expect(d.ksfs[2].kpis[0].stage).toBe('4');
    expect(d.funnel.preset).toBe('custom');
  });

  test('remove a stage: KPIs on it become hand-entered, later ones shift up', () => {
    const d = draftFromPlan(samplePlan('en'));
    removeStage(d, 2); // MQL
    expect(d.funnel.stages).toEqual(['Visitors', 'Leads', 'SQL', 'Opportunities', 'Won']);
    expect(d.ksfs[1].kpis[0].stage).toBe(''); // MQLs
    expect(d.ksfs[1].kpis[1].stage).toBe('2'); // SQLs
    expect(d.ksfs[2].kpis[1].stage).toBe('4'); // Deals won
    const { plan, errors } = planFromDraft(d);
    expect(errors).toEqual({});
    expect(plan.funnel.rates).toHaveLength(4);
  });

  test('never fewer than 2 stages', () => {
    const d = blankDraft('en', 2026, 1);
    removeStage(d, 0);
    removeStage(d, 0);
    expect(d.funnel.stages).toHaveLength(2);
  });

  test('a preset replaces the funnel; a KPI on a stage the new funnel lacks is unlinked and reported', () => {
    const d = draftFromPlan(samplePlan('ja'));
    const unlinked = applyPreset(d, 'event');
    expect(d.funnel.stages).toEqual(['名刺獲得', 'アポ', '商談', '受注']);
    expect(d.funnel.rates.slice(0, 3)).toEqual(['10%', '60%', '25%']);
    expect(d.ksfs[2].kpis.map((k) => k.stage)).toEqual(['2', '3']); // 商談 → 商談, 受注 → 受注
    expect(d.ksfs[0].kpis[0].stage).toBe(''); // website visitors: the event funnel has none
    expect(unlinked.map((u) => [u.name, u.stage])).toEqual([
      ['ウェブサイト訪問者数', 'ウェブサイト訪問者'],
      ['リード獲得数', 'リード'],
      ['MQL数', 'MQL'],
      ['SQL数', 'SQL'],
    ]);
    expect(planFromDraft(d).plan.funnel.preset).toBe('event');
  });

  test.each(['ja', 'en'] as const)(
    '%s: standard → inquiry keeps Leads, Opportunities and Won on their stages',
    (lang) => {
      const d = draftFromPlan(samplePlan(lang));
      const unlinked = applyPreset(d, 'inquiry');
      const stages = d.ksfs.flatMap((s) => s.kpis.map((k) => (k.stage === '' ? '' : d.funnel.stages[Number(k.stage)])));
      const names = PRESETS.inquiry.stages.map((s) => t(lang, s.key));
      // Visitors, MQL, SQL and the two hand-entered KPIs have no stage; leads, opportunities → meetings, won do.
      expect(stages).toEqual(['', names[0], '', '', '', names[1], names[2], '']);
      expect(unlinked).toHaveLength(3);
    },
  );

  test('a stage the user renamed is followed by its name, not by its position', () => {
    const d = draftFromPlan(samplePlan('en'));
    d.funnel.stages[1] = 'Meetings'; // was Leads: the KPI on it now means meetings
    const unlinked = applyPreset(d, 'inquiry');
    expect(d.ksfs[0].kpis[1].stage).toBe('1');
    expect(unlinked.map((u) => u.stage)).toEqual(['Visitors', 'MQL', 'SQL']);
  });

  test('never silently re-pointed: every switch between presets, in both languages', () => {
    for (const lang of ['ja', 'en'] as const) {
      for (const from of PRESET_IDS) {
        for (const to of PRESET_IDS.filter((id) => id !== 'custom')) {
          const d = draftFromPlan(samplePlan(lang));
          if (from !== 'custom') applyPreset(d, from);
          // Link every KPI to a stage (round robin) so each stage of `from` is tried.
          d.ksfs.flatMap((s) => s.kpis).forEach((k, n) => (k.stage = String(n % d.funnel.stages.length)));
          const before = d.ksfs.flatMap((s) => s.kpis.map((k) => d.funnel.stages[Number(k.stage)]));
          const unlinked = applyPreset(d, to);
          const after = d.ksfs.flatMap((s) =>
            s.kpis.map((k) => (k.stage === '' ? undefined : d.funnel.stages[Number(k.stage)])),
          );
          const stageOf = (name: string) =>
            Object.values(PRESETS)
              .flatMap((p) => p.stages)
              .find((s) => t(lang, s.key) === name);
          const jaName = (s?: PresetStage) => s && t('ja', s.key);
          after.forEach((name, n) => {
            if (name === undefined) return;
            // Same meaning: the same preset stage id, or (for a name two presets share, e.g. 商談) the same name.
            expect({
              from,
              to,
              lang,
              before: before[n],
              sameMeaning:
                stageOf(name)?.id === stageOf(before[n])?.id || jaName(stageOf(name)) === jaName(stageOf(before[n])),
            }).toEqual({ from, to, lang, before: before[n], sameMeaning: true });
          });
          expect(unlinked).toHaveLength(after.filter((name) => name === undefined).length);
        }
      }
    }
  });
});

describe('preview numbers', () => {
  test('the worked example: ¥10,000,000 at ¥500,000 with 40% and 20% → 250, 100, 20', () => {
    const d = blankDraft('ja', 2026, 4);
    d.kgi.name = '売上';
    d.kgi.target = '1,000万';
    d.kgi.unitValue = '50万';
    d.funnel.rates = ['40', '20%', ''];
    const { plan } = planFromDraft(d);
    expect(kgiGoal(plan)).toBe(10_000_000);
    expect(funnelPreview(plan)).toEqual([250, 100, 20]);
  });

  test('baseline + growth; count KGIs need no deal size', () => {
    const d = blankDraft('en', 2026, 1);
    d.kgi.unit = 'count';
    d.kgi.mode = 'growth';
    d.kgi.baseline = '100';
    d.kgi.growth = '10%';
    d.funnel.rates = ['20%', '25%', ''];
    const { plan } = planFromDraft(d);
    expect(plan.kgi.unitValue).toBeUndefined();
    expect(kgiGoal(plan)).toBe(110);
    expect(funnelPreview(plan)).toEqual([2200, 440, 110]);
  });

  test('no preview while something is missing or invalid', () => {
    const d = blankDraft('en', 2026, 1);
    d.kgi.target = '1,000,000';
    expect(funnelPreview(planFromDraft(d).plan)).toBeUndefined(); // no deal size
    d.kgi.unitValue = '10,000';
    expect(funnelPreview(planFromDraft(d).plan)).toEqual([2000, 400, 100]);
    d.funnel.rates[0] = 'abc';
    expect(funnelPreview(planFromDraft(d).plan)).toBeUndefined();
  });

  test('samplePlanFor moves the sample to the fiscal year and renames it', () => {
    expect(samplePlanFor('ja', 2027).name).toBe('2027年度 マーケティングKPI計画');
    expect(samplePlanFor('ja', 2027).fiscalYear).toEqual({ startYear: 2027, startMonth: 4 });
    expect(samplePlanFor('en', 2026).name).toBe('FY2026 marketing KPI plan');
    expect(samplePlanFor('en', 2026).fiscalYear.startMonth).toBe(1);
  });
});

describe('draftPathOf: from a health-check finding to the sidebar field', () => {
  test.each([
    ['plan.name', 'name'],
    ['plan.fiscalYear.startYear', 'startYear'],
    ['plan.kgi.target', 'kgi.target'],
    ['plan.kgi.growthRate', 'kgi.growth'],
    ['plan.kgi.unitValue', 'kgi.unitValue'],
    ['plan.kgi', 'kgi.name'],
    ['plan.funnel.rates[3]', 'funnel.rates.3'],
    ['plan.funnel.stages[2].name', 'funnel.stages.2'],
    ['plan.funnel', 'funnel.stages.0'],
    ['plan.ksfs', 'ksfs'],
    ['plan.ksfs[1].name', 'ksfs.1.name'],
    ['plan.ksfs[1].kpis', 'ksfs.1.name'],
    ['plan.ksfs[0].kpis[2].target', 'ksfs.0.kpis.2.target'],
    ['plan.ksfs[0].kpis[2].stage', 'ksfs.0.kpis.2.stage'],
    ['plan.ksfs[0].kpis[1].recentActuals', 'ksfs.0.kpis.1.target'],
    ['plan.ksfs[0].kpis[1]', 'ksfs.0.kpis.1.name'],
    ['plan.seasonality[4]', 'season.4'],
    ['plan.seasonality', 'season'],
    ['plan.thresholds.ok', 'thresholds.ok'],
  ])('%s → %s', (from, to) => {
    expect(draftPathOf(from)).toBe(to);
  });
  test('unknown or missing → undefined', () => {
    expect(draftPathOf(undefined)).toBeUndefined();
    expect(draftPathOf('plan')).toBeUndefined();
    expect(draftPathOf('plan.kpis[0]')).toBeUndefined();
  });
});
