// Channels in validatePlan and checkPlan (issue 17): the errors, the clean copy, the warnings.
import { checkPlan } from '../../src/core/health';
import type { Plan } from '../../src/core/plan';
import { PlanError, validatePlan } from '../../src/core/validate';
import { basicPlan } from '../sheets/plans';

/** basicPlan (250 leads → 100 meetings → 20 won, ¥500,000 a deal) with leads split over three channels. */
function withChannels(lang: 'ja' | 'en' = 'ja'): Plan {
  const p = basicPlan(lang);
  p.kgi.grossMargin = 0.5;
  p.kgi.acquisitionShare = 0.2;
  p.funnel.channels = [
    { name: 'Web', share: 0.6, costPerUnit: 5000 },
    { name: 'Events', volume: 50, costPerUnit: 20000 },
    { name: 'Ads', share: 0.4 },
  ];
  return p;
}

describe('validatePlan with channels', () => {
  test('keeps the cleaned channel fields in its copy', () => {
    const p = withChannels() as unknown as Record<string, any>;
    p.funnel.channels[0].volume = '';
    p.funnel.channelStage = 0;
    const copy = validatePlan(p);
    expect(copy.funnel.channels).toEqual([
      { name: 'Web', share: 0.6, costPerUnit: 5000 },
      { name: 'Events', volume: 50, costPerUnit: 20000 },
      { name: 'Ads', share: 0.4 },
    ]);
    expect(copy.funnel.channelStage).toBe(0);
    expect(copy.kgi.grossMargin).toBe(0.5);
    expect(copy.kgi.acquisitionShare).toBe(0.2);
  });

  test('a plan without channels is unchanged', () => {
    const copy = validatePlan(basicPlan('en'));
    expect(copy.funnel).not.toHaveProperty('channels');
    expect(copy.kgi).not.toHaveProperty('grossMargin');
  });

  test('shares far from 100% are refused, naming the field and the sum', () => {
    const p = withChannels('en');
    p.funnel.channels = [{ name: 'Web', share: 0.5 }, { name: 'Ads', share: 0.3 }];
    let error: PlanError | undefined;
    try {
      validatePlan(p);
    } catch (e) {
      error = e as PlanError;
    }
    expect(error).toBeInstanceOf(PlanError);
    expect(error!.issues.map((i) => i.path)).toEqual(['plan.funnel.channels']);
    expect(error!.message).toMatch(/add up to 80%/);
  });

  test('fixed volumes above the stage are refused with the numbers (checked against the back-calculated stage)', () => {
    const p = withChannels('en');
    p.funnel.channels = [{ name: 'Events', volume: 300 }, { name: 'Web', share: 1 }];
    expect(() => validatePlan(p)).toThrow(/add up to 300 — more than the 250 of stage "Leads"/);
  });

  test('a bad channel field is an error finding naming the channel, alongside other errors', () => {
    const p = withChannels('en') as unknown as Record<string, any>;
    p.funnel.channels[0].costPerUnit = -1;
    p.kgi.name = '';
    const findings = checkPlan(p).findings;
    expect(findings.map((f) => f.path)).toEqual(expect.arrayContaining(['plan.kgi.name', 'plan.funnel.channels[0].costPerUnit']));
    const cost = findings.find((f) => f.path === 'plan.funnel.channels[0].costPerUnit')!;
    expect(cost).toMatchObject({ level: 'error', channel: 'Web' });
    expect(cost.message).toMatch(/Channel "Web" cost per unit: -1 is below 0/);
  });
});

describe('checkPlan with channels', () => {
  test('CPA above the allowable CPA and a channel without cost are warned, in the plan language', () => {
    // Budget: 120 × ¥5,000 + 50 × ¥20,000 = ¥1,600,000 for 20 wins: CPA ¥80,000 > ¥500,000 × 50% × 20% = ¥50,000.
    const findings = checkPlan(withChannels('ja')).findings.filter((f) => f.path?.startsWith('plan.funnel.channels'));
    const cpa = findings.find((f) => f.criterion === 'achievable')!;
    expect(cpa.level).toBe('warning');
    expect(cpa.message).toContain('¥80,000');
    expect(cpa.message).toContain('¥50,000');
    expect(cpa.message).toContain('許容CPA');
    const cost = findings.find((f) => f.channel === 'Ads')!;
    expect(cost).toMatchObject({ level: 'warning', criterion: 'quantitative', path: 'plan.funnel.channels[2].costPerUnit' });
    expect(cost.message).toContain('獲得単価');
  });

  test('no CPA warning when the CPA is within the allowable CPA', () => {
    const p = withChannels('en');
    p.kgi.acquisitionShare = 0.4; // allowable ¥100,000 ≥ CPA ¥80,000
    p.funnel.channels![2].costPerUnit = 0;
    const findings = checkPlan(p).findings.filter((f) => f.path?.startsWith('plan.funnel.channels'));
    expect(findings).toEqual([]);
  });
});
