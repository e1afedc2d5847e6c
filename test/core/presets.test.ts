import { GENERIC_RANGE, PRESETS, PRESET_IDS, TYPICAL_RANGES, presetFunnel, typicalRange } from '../../src/core/presets';
import { samplePlan } from '../../src/core/sample';
import { checked, funnelTargets, normalizePlan } from '../../src/core/validate';
import type { Lang } from '../../src/core/plan';
import { registerCatalogue, t, type Messages } from '../../src/messages/planner';
import { en, enPlanner } from '../../src/messages/en';

describe('funnel presets', () => {
  test('stage names as PRODUCT.md lists them', () => {
    expect(presetFunnel('standard', 'en').stages.map((s) => s.name)).toEqual([
      'Visitors',
      'Leads',
      'MQL',
      'SQL',
      'Opportunities',
      'Won',
    ]);
    expect(presetFunnel('inquiry', 'ja').stages.map((s) => s.name)).toEqual(['リード', '商談', '受注']);
    expect(presetFunnel('event', 'ja').stages.map((s) => s.name)).toEqual(['名刺獲得', 'アポ', '商談', '受注']);
    expect(presetFunnel('custom', 'en').stages.length).toBeGreaterThanOrEqual(2);
  });

  test.each(PRESET_IDS)('%s: one typical rate and one range per step, rate inside its range, in (0, 1]', (id) => {
    const p = PRESETS[id];
    expect(p.rates).toHaveLength(p.stages.length - 1);
    expect(p.ranges).toHaveLength(p.rates.length);
    p.rates.forEach((r, i) => {
      expect(r).toBeGreaterThan(0);
      expect(r).toBeLessThanOrEqual(1);
      expect(r).toBeGreaterThanOrEqual(p.ranges[i].min);
      expect(r).toBeLessThanOrEqual(p.ranges[i].max);
    });
    expect(t('ja', `preset.${id}`)).not.toBe('');
    expect(t('en', `preset.${id}`)).not.toBe('');
    for (const s of p.stages) expect(t('ja', s.key) && t('en', s.key) && s.id).toBeTruthy();
  });

  test('presetFunnel returns a fresh copy tagged with the preset', () => {
    const f = presetFunnel('event', 'en');
    expect(f.preset).toBe('event');
    f.rates[0] = 0.9;
    expect(PRESETS.event.rates[0]).toBe(0.1);
    expect(() => presetFunnel('webinar' as never, 'en')).toThrow(
      'preset "webinar" is not one of standard, inquiry, event, custom',
    );
  });

  test('typical rates reconciled with the published benchmarks (issue 11)', () => {
    const std = PRESETS.standard;
    const at = (from: string) => std.stages.findIndex((x) => x.id === from);
    // MQL → SQL: most cited ~13% with a wide spread: a floor near 5%, typical near 25% (a typical plan must not warn).
    expect(std.ranges[at('mql')].min).toBeLessThanOrEqual(0.05);
    expect(std.rates[at('mql')]).toBeCloseTo(0.25, 9);
    // Opportunity → won ~20% (HubSpot: 21%); visitor → lead ~2–3% site-wide.
    expect(std.rates[at('opportunities')]).toBeGreaterThanOrEqual(0.19);
    expect(std.rates[at('opportunities')]).toBeLessThanOrEqual(0.22);
    expect(std.rates[at('visitors')]).toBeGreaterThanOrEqual(0.02);
    expect(std.rates[at('visitors')]).toBeLessThanOrEqual(0.03);
    // The event funnel has no benchmark: every range spans at least a factor of 4.
    for (const r of PRESETS.event.ranges) expect(r.max / r.min).toBeGreaterThanOrEqual(4);
  });

  test('the typical-range table covers every preset step except custom', () => {
    expect(TYPICAL_RANGES).toHaveLength(5 + 2 + 3);
    expect(TYPICAL_RANGES[0]).toMatchObject({
      preset: 'standard',
      from: { id: 'visitors' },
      to: { id: 'leads' },
      typical: 0.02,
      min: 0.005,
      max: 0.1,
    });
  });
});

describe('typicalRange', () => {
  const std = presetFunnel('standard', 'en').stages;
  test('from the preset the plan names', () => {
    expect(typicalRange(0, std, 'standard')).toMatchObject({ min: 0.005, max: 0.1 });
  });
  test('from the stage names, in either language, case- and width-insensitive', () => {
    expect(typicalRange(0, [{ name: 'ｱﾎﾟ' }, { name: '商談' }])).toMatchObject({ min: 0.2, max: 0.95 });
    expect(typicalRange(0, [{ name: 'リード' }, { name: '商談' }])).toMatchObject({ min: 0.05, max: 0.5 });
    expect(typicalRange(0, [{ name: ' mql ' }, { name: 'Sql' }])).toMatchObject({ min: 0.05, max: 0.6 });
  });
  test('unknown steps (or a custom funnel) fall back to the generic 0.5%–60%', () => {
    expect(typicalRange(0, [{ name: 'Webinar sign-ups' }, { name: 'Attendees' }])).toBe(GENERIC_RANGE);
    expect(GENERIC_RANGE).toEqual({ min: 0.005, max: 0.6 });
    // A preset whose stage count does not match the funnel is not trusted.
    expect(typicalRange(0, [{ name: 'A' }, { name: 'B' }], 'standard')).toBe(GENERIC_RANGE);
  });
});

describe('samplePlan', () => {
  test.each(['ja', 'en'] as const)('%s: valid, complete and in its language', (lang) => {
    const p = samplePlan(lang);
    expect(checked(p).issues).toEqual([]);
    const n = normalizePlan(p);
    expect(n.locale).toBe(lang);
    expect(n.fiscalYear.startMonth).toBe(lang === 'ja' ? 4 : 1);
    expect(n.kgi.currency).toBe(lang === 'ja' ? 'JPY' : 'USD');
    const kpis = n.ksfs.flatMap((s) => s.kpis);
    expect(kpis.length).toBeGreaterThanOrEqual(6);
    expect(kpis.some((k) => k.aggregate === 'average')).toBe(true);
    expect(kpis.some((k) => k.direction === 'lower')).toBe(true);
    expect(kpis.every((k) => k.unit !== '' && k.owner !== '')).toBe(true);
    expect(n.seasonality.reduce((a, b) => a + b, 0)).toBeCloseTo(12, 9);
  });

  test('back-calculates to realistic numbers', () => {
    expect(funnelTargets(samplePlan('ja'))).toEqual([733350, 14667, 4400, 1100, 550, 110]);
    expect(funnelTargets(samplePlan('en'))).toEqual([306700, 6134, 1840, 460, 230, 46]);
  });

  test('each call is a fresh object', () => {
    const a = samplePlan('en');
    a.ksfs[0].kpis[0].name = 'changed';
    expect(samplePlan('en').ksfs[0].kpis[0].name).toBe('Website visitors');
  });
});

describe('a language is one catalogue', () => {
  test('preset stages and the sample plan take a registered language’s words; its stage names match ranges', () => {
    const pseudo = Object.fromEntries(
      Object.entries({ ...en, ...enPlanner }).map(([key, value]) => [
        key,
        typeof value === 'function' ? () => `⟦${key}⟧` : `⟦${value}⟧`,
      ]),
    ) as unknown as Messages;
    const restore = registerCatalogue('xx', pseudo);
    try {
      const stages = presetFunnel('event', 'xx' as Lang).stages;
      expect(stages.map((s) => s.name)).toEqual(['⟦Business cards⟧', '⟦Appointments⟧', '⟦Meetings⟧', '⟦Won⟧']);
      expect(typicalRange(0, stages)).toMatchObject({ min: 0.01, max: 0.4 });
      const sample = samplePlan('xx' as Lang);
      expect(sample.name).toBe('⟦FY2025 marketing KPI plan⟧');
      expect(sample.ksfs[0].kpis[0]).toMatchObject({
        name: '⟦Website visitors⟧',
        unit: '⟦visitors⟧',
        owner: '⟦Marketing⟧',
      });
      // A language without rules of its own takes the English defaults (January, USD).
      expect(sample.fiscalYear.startMonth).toBe(1);
      expect(sample.kgi.currency).toBe('USD');
    } finally {
      restore();
    }
    expect(typicalRange(0, [{ name: '⟦Business cards⟧' }, { name: '⟦Appointments⟧' }])).toBe(GENERIC_RANGE);
  });
});
