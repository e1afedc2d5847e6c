import { CHANNEL_PRESETS, channelPreset, presetChannel } from '../../src/core/channel-presets';
import { toMinorUnits, validateChannels } from '../../src/core/channels';

describe('channel presets', () => {
  test('ids unique, names in both languages, ranges sound and sourced', () => {
    const ids = CHANNEL_PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const p of CHANNEL_PRESETS) {
      expect(p.name.en.trim()).not.toBe('');
      expect(p.name.ja.trim()).not.toBe('');
      expect(p.source.trim()).not.toBe('');
      for (const [currency, range] of Object.entries(p.costPerLead)) {
        expect(range.low).toBeGreaterThan(0);
        expect(range.high).toBeGreaterThanOrEqual(range.low);
        expect(toMinorUnits(range.low, currency as 'JPY')).toBeDefined();
        expect(toMinorUnits(range.high, currency as 'JPY')).toBeDefined();
      }
      // A preset without a range says why.
      if (!Object.keys(p.costPerLead).length) expect(p.source).toMatch(/^No published benchmark/);
    }
    for (const id of ['web', 'ads', 'events', 'webinars', 'referrals', 'outbound'])
      expect(channelPreset(id)).toBeDefined();
    expect(channelPreset('nope')).toBeUndefined();
  });

  test('a preset becomes a channel the plan accepts once it has a share', () => {
    expect(presetChannel(channelPreset('events')!, 'ja', 'JPY')).toEqual({
      name: '展示会・イベント',
      costPerUnit: 7_500,
    });
    expect(presetChannel(channelPreset('ads')!, 'en', 'USD')).toEqual({
      name: 'Paid ads (search, LinkedIn)',
      costPerUnit: 110,
    });
    expect(presetChannel(channelPreset('events')!, 'en', 'USD')).toEqual({ name: 'Trade shows and events' });
    for (const lang of ['en', 'ja'] as const) {
      for (const currency of ['JPY', 'USD', 'EUR'] as const) {
        const channels = CHANNEL_PRESETS.map((p) => ({
          ...presetChannel(p, lang, currency),
          share: 1 / CHANNEL_PRESETS.length,
        }));
        const plan = {
          locale: lang,
          kgi: { unit: 'currency', currency },
          funnel: { stages: [{ name: 'L' }, { name: 'W' }], channels },
        };
        expect(validateChannels(plan, { volumes: [1000, 10] })).toEqual([]);
      }
    }
  });
});
