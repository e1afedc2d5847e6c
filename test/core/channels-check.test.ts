import {
  channelWarnings,
  cleanChannels,
  validateChannels,
  type ChannelFinding,
  type PlanWithChannels,
} from '../../src/core/channels';

type Json = Record<string, unknown>;

/** A plan with leads split over channels (¥10M at ¥500,000 a deal: 250 leads, 100 meetings, 20 wins). */
const plan = (channels: unknown, extra: { kgi?: Json; funnel?: Json; locale?: string } = {}): Json => ({
  name: 'FY2026',
  locale: extra.locale ?? 'ja',
  fiscalYear: { startYear: 2026, startMonth: 4 },
  kgi: { name: '売上', unit: 'currency', currency: 'JPY', target: 10_000_000, unitValue: 500_000, ...extra.kgi },
  funnel: {
    stages: [{ name: 'リード' }, { name: '商談' }, { name: '受注' }],
    rates: [0.4, 0.2],
    channels,
    ...extra.funnel,
  },
  ksfs: [{ name: 'Leads', kpis: [{ name: 'Leads', unit: '件', stage: 0 }] }],
});
const numbers = { volumes: [250, 100, 20] };
const good = [
  { name: 'Web/SEO', share: 0.5, costPerUnit: 5_000 },
  { name: 'Web広告', share: 0.5, costPerUnit: 10_000 },
  { name: '展示会', volume: 50, costPerUnit: 20_000 },
];
const errors = (p: unknown, n = numbers) => validateChannels(p, n);
const one = (findings: ChannelFinding[]) => {
  expect(findings).toHaveLength(1);
  return findings[0];
};

describe('validateChannels', () => {
  test('a valid split, no channels, an empty list: nothing', () => {
    expect(errors(plan(good))).toEqual([]);
    expect(errors(plan(undefined))).toEqual([]);
    expect(errors(plan(null))).toEqual([]);
    expect(errors(plan([]))).toEqual([]);
    expect(errors(plan(good, { funnel: { channelStage: 2 } }), { volumes: [250, 100, 250] })).toEqual([]);
    // Not a plan at all: nothing to say about channels (the plan validation says it).
    expect(errors(42)).toEqual([]);
  });

  test('shares summing to 120%: an error naming the sum', () => {
    const f = one(
      errors(
        plan([
          { name: 'Web', share: 0.7 },
          { name: 'Ads', share: 0.5 },
        ]),
        numbers,
      ),
    );
    expect(f).toMatchObject({ level: 'error', criterion: 'quantitative', path: 'plan.funnel.channels' });
    expect(f.message.en).toBe('Channel shares: add up to 120% — make them add up to 100%');
    expect(f.message.ja).toBe('チャネルの構成比: 合計が120%です — 合計100%にしてください');
    // Mixed with fixed volumes, the shares are of what the volumes leave, and the message says so.
    const mixed = one(
      errors(
        plan([
          { name: 'Web', share: 0.5 },
          { name: 'Events', volume: 10 },
        ]),
      ),
    );
    expect(mixed.message.en).toBe(
      'Channel shares (of what the fixed volumes leave): add up to 50% — make them add up to 100%',
    );
  });

  test('shares within a point of 100% are no error (the health check warns)', () => {
    const thirds = [0.333, 0.333, 0.333].map((share, i) => ({ name: `c${i}`, share }));
    expect(errors(plan(thirds))).toEqual([]);
    const ninetyEight = [0.49, 0.49].map((share, i) => ({ name: `c${i}`, share }));
    expect(one(errors(plan(ninetyEight))).message.en).toContain('add up to 98%');
  });

  test('volumes that do not make the stage', () => {
    const f = one(
      errors(
        plan([
          { name: 'Web', volume: 200 },
          { name: 'Events', volume: 40 },
        ]),
      ),
    );
    expect(f).toMatchObject({ level: 'error', criterion: 'relevant', path: 'plan.funnel.channels' });
    expect(f.message.en).toBe(
      'Channel volumes: add up to 240, not the 250 of stage "リード" — ' +
        'make them add up to 250, or give a channel a share of the rest',
    );
    expect(f.message.ja).toBe(
      'チャネルの件数: 合計240件で、段階「リード」の250件と一致しません — 合計を250件にするか、残りを構成比で受け持つチャネルを加えてください',
    );
    const over = one(
      errors(
        plan([
          { name: 'Web', share: 1 },
          { name: 'Events', volume: 1_000 },
        ]),
      ),
    );
    expect(over.message.en).toBe('Channel volumes: add up to 1,000 — more than the 250 of stage "リード"; lower them');
    // Without the funnel's numbers only the fields are checked.
    expect(validateChannels(plan([{ name: 'Web', volume: 200 }]))).toEqual([]);
  });

  test('each field: a clear error naming the channel, the field and the value', () => {
    const bad = errors(
      plan([
        { name: '', share: 0.5 },
        { name: 'Web', share: 40 },
        { name: 'web', share: 0.1, volume: 5 },
        { name: 'Ads' },
        { name: 'Events', volume: 2.5 },
        { name: 'Fair', volume: 1, costPerUnit: 0.5 },
        { name: 'Ref', volume: 1, costPerUnit: -3 },
        'Outbound',
      ]),
    );
    const by = (path: string) => bad.filter((f) => f.path === path).map((f) => f.message.en);
    expect(by('plan.funnel.channels[0].name')).toEqual(['Channel 1 name: missing — enter it']);
    expect(by('plan.funnel.channels[1].share')).toEqual([
      'Channel "Web" share: 40 is above 1 — enter it as 40% or 0.4',
    ]);
    expect(by('plan.funnel.channels[2].name')).toEqual([
      'Channel "web" name: "web" is already channel 2 — give each channel its own name',
    ]);
    expect(by('plan.funnel.channels[2]')).toEqual([
      'Channel "web": share 0.1 and volume 5 — give a share or a volume, not both',
    ]);
    expect(by('plan.funnel.channels[3].share')).toEqual([
      'Channel "Ads": no share and no volume — give its share of the stage (40% is 0.4) or its volume',
    ]);
    expect(by('plan.funnel.channels[4].volume')).toEqual([
      'Channel "Events" volume: 2.5 is not a whole number from 0 to 9,007,199,254,740,991',
    ]);
    expect(by('plan.funnel.channels[5].costPerUnit')).toEqual([
      'Channel "Fair" cost per unit: 0.5 is not a whole number of yen',
    ]);
    expect(by('plan.funnel.channels[6].costPerUnit')).toEqual(['Channel "Ref" cost per unit: -3 is below 0']);
    expect(by('plan.funnel.channels[7]')).toEqual([
      'Channel 8: "Outbound" — give { name, share or volume, costPerUnit }',
    ]);
    expect(bad.every((f) => f.level === 'error' && f.message.ja.length > 0)).toBe(true);
    const ja = Object.fromEntries(bad.map((f) => [f.path, f.message.ja]));
    expect(ja['plan.funnel.channels[1].share']).toBe(
      'チャネル「Web」の構成比: 40 は1を超えています — 40% なら 0.4 と入力してください',
    );
    expect(ja['plan.funnel.channels[5].costPerUnit']).toBe(
      'チャネル「Fair」の獲得単価: 0.5 は円単位の整数で入力してください',
    );
  });

  test('cents for USD and EUR', () => {
    const usd = { kgi: { currency: 'USD' }, locale: 'en' };
    expect(errors(plan([{ name: 'Ads', share: 1, costPerUnit: 45.5 }], usd))).toEqual([]);
    const f = one(errors(plan([{ name: 'Ads', share: 1, costPerUnit: 45.505 }], usd)));
    expect(f.message.en).toBe('Channel "Ads" cost per unit: 45.505 has more than 2 decimals — USD is counted in cents');
    // A money KGI without a currency is JPY for a Japanese plan, USD otherwise.
    expect(
      errors(plan([{ name: 'Ads', share: 1, costPerUnit: 45.5 }], { kgi: { currency: undefined }, locale: 'en' })),
    ).toEqual([]);
    expect(errors(plan([{ name: 'Ads', share: 1, costPerUnit: 45.5 }], { kgi: { currency: undefined } }))).toHaveLength(
      1,
    );
  });

  test('bounds: channel count, volume and cost sizes, a budget too large to count exactly', () => {
    const many = Array.from({ length: 101 }, (_, i) => ({ name: `c${i}`, share: 1 / 101 }));
    expect(one(errors(plan(many))).message.en).toBe('Channels: 101 channels — give at most 100');
    expect(one(errors(plan([{ name: 'a', volume: 2 ** 53 }]))).path).toBe('plan.funnel.channels[0].volume');
    expect(one(errors(plan([{ name: 'a', share: 1, costPerUnit: 2e15 }]))).message.en).toBe(
      'Channel "a" cost per unit: 2,000,000,000,000,000 is above 1,000,000,000,000,000',
    );
    const huge = one(errors(plan([{ name: 'a', share: 1, costPerUnit: 1e15 }]), { volumes: [1e6, 1, 1] }));
    expect(huge).toMatchObject({ level: 'error', path: 'plan.funnel.channels' });
    expect(huge.message.en).toContain(
      'Channel budget: cannot be computed — the budget of channel "a" is too large to compute exactly',
    );
    expect(one(errors(plan('Web'))).message.en).toBe('Channels: "Web" is not a list');
  });

  test('channel stage, gross margin and acquisition share', () => {
    const stage = one(errors(plan(good, { funnel: { channelStage: 3 } })));
    expect(stage).toMatchObject({ path: 'plan.funnel.channelStage', criterion: 'relevant' });
    expect(stage.message.en).toBe('Channel stage: 3 does not exist — the funnel has 3 stages (0 to 2)');
    expect(stage.message.ja).toBe('チャネルで分ける段階: 3 は存在しません — 段階は3個(0〜2)です');
    const margin = one(errors(plan(good, { kgi: { grossMargin: 30 } })));
    expect(margin).toMatchObject({ path: 'plan.kgi.grossMargin', criterion: 'achievable' });
    expect(margin.message.en).toBe('KGI gross margin: 30 is above 1 — enter it as 30% or 0.3');
    expect(one(errors(plan(good, { kgi: { acquisitionShare: 0 } }))).message.en).toBe(
      'KGI acquisition share: 0 must be above 0',
    );
    expect(errors(plan(good, { kgi: { grossMargin: 0.3, acquisitionShare: 1 } }))).toEqual([]);
    // Other fields' problems (a text margin, an unknown currency) are reported once, never as a budget error.
    expect(one(errors(plan(good, { kgi: { grossMargin: 'high' } }))).message.en).toBe(
      'KGI gross margin: "high" is not a number',
    );
    expect(errors(plan(good, { kgi: { currency: 'GBP' } }))).toEqual([]);
  });

  test('never throws', () => {
    const trap = {
      get name(): string {
        throw new Error('boom');
      },
    };
    const f = one(validateChannels(plan([trap])));
    expect(f.message.en).toBe('Channels: could not be checked (boom)');
  });
});

describe('cleanChannels', () => {
  test('known fields only, blanks and nulls dropped; none → undefined', () => {
    const raw = [
      { name: 'Web', share: 1, volume: '', costPerUnit: null, note: 'x' },
      { name: 'Events', share: null, volume: 60, costPerUnit: 0 },
    ];
    expect(validateChannels(plan(raw), { volumes: [100, 10, 1] })).toEqual([]);
    expect(cleanChannels(raw)).toEqual([
      { name: 'Web', share: 1 },
      { name: 'Events', volume: 60, costPerUnit: 0 },
    ]);
    expect(cleanChannels([])).toBeUndefined();
    expect(cleanChannels(undefined)).toBeUndefined();
  });
});

describe('channelWarnings', () => {
  const valid = (channels: unknown, extra?: Parameters<typeof plan>[1]) =>
    plan(channels, extra) as unknown as PlanWithChannels;

  test('a plan that pays for itself: no warnings', () => {
    expect(channelWarnings(valid(good, { kgi: { grossMargin: 0.3 } }), numbers)).toEqual([]);
    expect(channelWarnings(valid(undefined), numbers)).toEqual([]);
  });

  test('CPA above the allowable CPA (achievable), both numbers for a person', () => {
    // Budget ¥2,500,000 for 20 deals: CPA ¥125,000; allowable ¥500,000 × 30% × 50% = ¥75,000.
    const f = one(channelWarnings(valid(good, { kgi: { grossMargin: 0.3, acquisitionShare: 0.5 } }), numbers));
    expect(f).toMatchObject({ level: 'warning', criterion: 'achievable', path: 'plan.funnel.channels' });
    expect(f.message.en).toBe(
      'Cost per won deal (CPA): ¥125,000 is above the allowable CPA of ¥75,000 ' +
        '(deal size ¥500,000 × gross margin 30% × acquisition share 50%) — ' +
        'a budget of ¥2,500,000 for 20 won deals; ' +
        'shift volume to cheaper channels, lower the costs per unit, or raise the conversion rates',
    );
    expect(f.message.ja).toBe(
      '受注1件あたりの獲得コスト(CPA): ¥125,000 は許容CPA ¥75,000' +
        '(受注単価 ¥500,000 × 粗利率 30% × 獲得費に充てる割合 50%)を上回っています — ' +
        '予算¥2,500,000で受注20件の計画です。獲得単価の低いチャネルへ配分を移すか、各チャネルの獲得単価や転換率を見直してください',
    );
    // Exactly at the allowable CPA is fine: ¥125,000 allowed.
    expect(channelWarnings(valid(good, { kgi: { grossMargin: 0.25 } }), numbers)).toEqual([]);
    // One yen over is not: ¥500,000 × 24.9999% = ¥124,999.
    expect(one(channelWarnings(valid(good, { kgi: { grossMargin: 0.249999 } }), numbers)).message.en).toContain(
      'allowable CPA of ¥124,999',
    );
  });

  test('CPA in USD cents, rounded up', () => {
    const usd = valid([{ name: 'Ads', share: 1, costPerUnit: 33.33 }], {
      kgi: { currency: 'USD', unitValue: 1000 },
      locale: 'en',
    });
    // 250 × $33.33 = $8,332.50 for 7 wins: $1,190.357… → $1,190.36 > $1,000.
    const f = one(channelWarnings(usd, { volumes: [250, 100, 7] }));
    expect(f.message.en).toContain('$1,190.36 is above the allowable CPA of $1,000.00 (deal size $1,000.00)');
  });

  test('a channel with volume but no cost (quantitative), named', () => {
    const channels = [good[0], good[1], { name: '紹介', volume: 50 }];
    const f = one(channelWarnings(valid(channels), numbers));
    expect(f).toMatchObject({
      level: 'warning',
      criterion: 'quantitative',
      path: 'plan.funnel.channels[2].costPerUnit',
      channel: '紹介',
    });
    expect(f.message.en).toBe(
      'Channel "紹介" cost per unit: missing — it brings 50 of the 250 "リード" but has no cost, ' +
        'so the budget leaves it out; enter its cost per unit (0 if it is free)',
    );
    expect(f.message.ja).toBe(
      'チャネル「紹介」の獲得単価: 未入力 — 「リード」250件のうち50件を担いますが費用がないため予算に含まれていません。' +
        '獲得単価を入力してください(無料なら0)',
    );
    // 0 is a cost (a free channel); no volume, no warning.
    expect(channelWarnings(valid([good[0], good[1], { name: '紹介', volume: 50, costPerUnit: 0 }]), numbers)).toEqual(
      [],
    );
    expect(
      channelWarnings(valid([good[0], good[1], { name: '紹介', volume: 0 }]), { volumes: [200, 100, 20] }),
    ).toEqual([]);
  });

  test('shares near but not at 100% (quantitative), with the sum', () => {
    const thirds = [0.333, 0.333, 0.333].map((share, i) => ({ name: `c${i}`, share, costPerUnit: 1 }));
    const f = one(channelWarnings(valid(thirds), numbers));
    expect(f).toMatchObject({ level: 'warning', criterion: 'quantitative', path: 'plan.funnel.channels' });
    expect(f.message.en).toBe(
      'Channel shares: add up to 99.9%, not 100% — they are used in proportion; make them add up to 100%',
    );
    expect(f.message.ja).toBe(
      'チャネルの構成比: 合計が99.9%で100%ではありません — 比率に応じて配分しています。合計100%にしてください',
    );
    // 3 × 1/3 is 100% (float noise is no warning).
    const exact = [1, 2, 3].map((i) => ({ name: `c${i}`, share: 1 / 3, costPerUnit: 1 }));
    expect(channelWarnings(valid(exact), numbers)).toEqual([]);
  });

  test('an invalid plan gets no warnings (and no throw)', () => {
    expect(channelWarnings(valid([{ name: 'a', volume: 1 }]), numbers)).toEqual([]);
  });
});
