import { loadAddon } from '../dev/harness';
import { bigPlan } from './sheets/plans';
test('x', () => {
  for (const dist of ['/work/main/dist', 'dist']) {
    const addon = loadAddon({ dist });
    addon.run('buildWorkbook', bigPlan(5));
    const calls = Object.entries(addon.calls).filter(([k]) =>
      /^(Range|Sheet|Spreadsheet)\.(set|insert|merge|hide|delete)/.test(k),
    );
    console.log(
      dist,
      calls.reduce((a, [, n]) => a + n, 0),
      JSON.stringify(calls.filter(([k]) => /Formulas|NumberF|Widths/.test(k))),
    );
  }
});
