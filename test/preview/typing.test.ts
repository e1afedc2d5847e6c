import { parseTyped, parseTypedBlock } from '../../dev/preview/typing';

describe('parseTyped: what a person typed, as Range.setValues should receive it', () => {
  test.each([
    ['42', '42'],
    ['1,234', '1,234'],
    ['10%', '10%'],
    ['=A1*2', '=A1*2'],
    ["'=x", "'=x"],
    ['TRUE', 'TRUE'],
    ['2025-04-01', '2025-04-01'],
    ['リード', 'リード'],
    ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
  ])('%j goes to Sheets parsing unchanged', (typed, value) => expect(parseTyped(typed)).toBe(value));

  test.each([
    ['¥1,000', '1,000'],
    ['$75,000', '75,000'],
    ['-€5', '-5'],
    ['１２３', '123'],
    ['５０％', '50%'],
    ['－１，２００', '-1,200'],
  ])('%j is normalised to %j (currency symbol, full-width digits)', (typed, value) =>
    expect(parseTyped(typed)).toBe(value),
  );

  test('JSON numbers and booleans pass through; null clears', () => {
    expect(parseTyped(3)).toBe(3);
    expect(parseTyped(false)).toBe(false);
    expect(parseTyped(null)).toBe('');
  });

  test('non-finite numbers and other types are errors naming the value', () => {
    expect(() => parseTyped(Infinity)).toThrow('not a finite number: Infinity');
    expect(() => parseTyped({} as unknown as string)).toThrow('got object');
  });

  test('parseTypedBlock checks the shape and names the bad cell', () => {
    expect(
      parseTypedBlock([
        ['1', '=A1'],
        [null, 5],
      ]),
    ).toEqual([
      ['1', '=A1'],
      ['', 5],
    ]);
    expect(() => parseTypedBlock([])).toThrow('"values" must be a non-empty 2D array');
    expect(() => parseTypedBlock('x')).toThrow('"values" must be a non-empty 2D array');
    expect(() => parseTypedBlock([['1'], 'x'])).toThrow('"values[1]" must be an array');
    expect(() => parseTypedBlock([['1', '2'], ['3']])).toThrow('row 0 has 2, row 1 has 1');
    expect(() => parseTypedBlock([[1, [2]]])).toThrow('"values[0][1]"');
  });
});
