// The channels step's draft ↔ plan conversion (issue 17): channels, the split stage and the
// allowable-CPA inputs survive the round trip; off, or with no channel, the plan has none.
import type { Plan } from '../../src/core/plan';
import { samplePlan } from '../../src/core/presets';
import { draftFromPlan, draftPathOf, emptyChannel, planFromDraft } from '../../src/client/draft';

function withChannels(): Plan {
  const p = samplePlan('en');
  p.funnel.channels = [
    { name: 'Web', share: 0.6, costPerUnit: 12.5 },
    { name: 'Events', volume: 40, costPerUnit: 300 },
    { name: 'Referrals', share: 0.4 },
  ];
  p.funnel.channelStage = 1;
  p.kgi.grossMargin = 0.35;
  p.kgi.acquisitionShare = 0.25;
  return p;
}

describe('channels in the draft', () => {
  test('a plan with channels round-trips through the draft', () => {
    const plan = withChannels();
    const d = draftFromPlan(plan);
    expect(d.channels.on).toBe(true);
    expect(d.channels.list[0]).toEqual({ name: 'Web', mode: 'share', amount: '60%', cost: '12.5' });
    expect(d.channels.list[1]).toEqual({ name: 'Events', mode: 'volume', amount: '40', cost: '300' });
    const { plan: back, errors } = planFromDraft(d);
    expect(errors).toEqual({});
    expect(back.funnel.channels).toEqual(plan.funnel.channels);
    expect(back.funnel.channelStage).toBe(1);
    expect(back.kgi.grossMargin).toBe(0.35);
    expect(back.kgi.acquisitionShare).toBe(0.25);
  });

  test('off by default, and off means no channels in the plan', () => {
    const d = draftFromPlan(samplePlan('ja'));
    expect(d.channels).toMatchObject({ on: false, list: [] });
    const on = draftFromPlan(withChannels());
    on.channels.on = false;
    const { plan } = planFromDraft(on);
    expect(plan.funnel).not.toHaveProperty('channels');
    expect(plan.kgi).not.toHaveProperty('grossMargin');
  });

  test('field errors by path: a channel without a name or share', () => {
    const d = draftFromPlan(samplePlan('en'));
    d.channels.on = true;
    d.channels.list.push(emptyChannel(), { ...emptyChannel(), name: 'Ads', amount: '140%' });
    const { errors } = planFromDraft(d);
    expect(errors['channels.0.name']).toBe('err.required');
    expect(errors['channels.0.amount']).toBe('err.required');
    expect(errors['channels.1.amount']).toBeDefined();
    expect(errors['channels.1.cost']).toBeUndefined();
  });

  test('health-check paths of channels lead to the channel fields', () => {
    expect(draftPathOf('plan.funnel.channels[2].share')).toBe('channels.2.amount');
    expect(draftPathOf('plan.funnel.channels[1].costPerUnit')).toBe('channels.1.cost');
    expect(draftPathOf('plan.funnel.channels')).toBe('channels.0.amount');
    expect(draftPathOf('plan.funnel.channelStage')).toBe('channels.stage');
    expect(draftPathOf('plan.kgi.grossMargin')).toBe('channels.grossMargin');
  });
});
