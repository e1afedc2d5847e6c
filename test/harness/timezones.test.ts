// Issue 12: custom functions read date arguments as calendar days of the SPREADSHEET's time zone,
// whatever the script's (appsscript.json says Asia/Tokyo). Sheets hands a date cell to a custom
// function as the instant of its midnight in the spreadsheet's zone; read in another zone, that
// instant can fall on the day before (a Sydney spreadsheet read by a Tokyo script), so the real
// dist/Code.js must convert it. Runs on the real build through the harness, zones apart.
import { loadAddon } from '../../dev/harness';

type Zones = { timeZone: string; scriptTimeZone: string };
const APART: Zones[] = [
  { timeZone: 'Australia/Sydney', scriptTimeZone: 'Asia/Tokyo' },
  { timeZone: 'America/Los_Angeles', scriptTimeZone: 'Asia/Tokyo' },
  { timeZone: 'Asia/Tokyo', scriptTimeZone: 'America/Los_Angeles' },
  { timeZone: 'Australia/Sydney', scriptTimeZone: 'America/Los_Angeles' },
];

describe.each(APART)('spreadsheet $timeZone, script $scriptTimeZone', (zones) => {
  test('KPI_PACE counts the days the cells show (18 of 30 by 15 January → 1.24)', () => {
    const a = loadAddon(zones);
    const s = a.spreadsheet.getActiveSheet();
    // start as text, end as a serial number, as_of as a date cell: only a correct reading of the date
    // cell in the spreadsheet's zone puts all three on the days they show.
    s.getRange('A1').setValue("'2026-01-01");
    s.getRange('B1').setValue(46053); // 2026-01-31
    s.getRange('C1').setFormula('=DATE(2026,1,15)');
    s.getRange('D1').setFormula('=KPI_PACE(18, 30, A1, B1, C1)');
    expect(s.getRange('D1').getValue()).toBeCloseTo(18 / ((30 * 15) / 31), 12);
  });

  test('KPI_PACE on the first day and before the start, at daylight-saving changes', () => {
    const a = loadAddon(zones);
    const s = a.spreadsheet.getActiveSheet();
    // Sydney's DST ends on 5 April 2026 and starts on 4 October; Los Angeles's on 8 March / 1 November.
    for (const [row, start, asOf] of [
      [1, '2026-04-05', '=DATE(2026,4,5)'],
      [2, '2026-10-04', '=DATE(2026,10,4)'],
      [3, '2026-03-08', '=DATE(2026,3,8)'],
      [4, '2026-11-02', '=DATE(2026,11,1)'],
    ] as const) {
      s.getRange(`A${row}`).setValue(`'${start}`);
      s.getRange(`C${row}`).setFormula(asOf);
      s.getRange(`D${row}`).setFormula(`=KPI_PACE(1, 10, A${row}, DATE(2026,12,31), C${row})`);
    }
    const daysTo = (from: string) => (Date.UTC(2026, 11, 31) - Date.parse(`${from}T00:00:00Z`)) / 864e5 + 1;
    // On the start day one day has elapsed; the day before the start gives "".
    expect(s.getRange('D1').getValue()).toBeCloseTo(1 / (10 * (1 / daysTo('2026-04-05'))), 9);
    expect(s.getRange('D2').getValue()).toBeCloseTo(1 / (10 * (1 / daysTo('2026-10-04'))), 9);
    expect(s.getRange('D3').getValue()).toBeCloseTo(1 / (10 * (1 / daysTo('2026-03-08'))), 9);
    expect(s.getRange('D4').getValue()).toBe('');
  });
});

test('the harness really puts the zones apart (the conversion above is needed)', () => {
  // The same date cell read naively by the script is the day before in a Sydney spreadsheet.
  const a = loadAddon({ timeZone: 'Australia/Sydney', scriptTimeZone: 'Asia/Tokyo' });
  const s = a.spreadsheet.getActiveSheet();
  s.getRange('A1').setFormula('=DATE(2026,1,15)');
  const seen = s.getRange('A1').getValue() as Date;
  expect(seen.getDate()).toBe(14);
});
