import { parseTyped, parseTypedBlock } from '../../dev/preview/typing';

describe('parseTyped: what a person typing into a cell means', () => {
  test.each([
    ['42', 42],
    ['-3.5', -3.5],
    ['1,234', 1234],
    ['1,234,567.5', 1234567.5],
    ['10%', 0.1],
    ['12.5%', 0.125],
    ['-5%', -0.05],
    ['¥1,000', 1000],
    ['$75,000', 75000],
    ['１２３', 123],
    ['５０％', 0.5],
    ['1e3', 1000],
    ['.5', 0.5],
    [' 7 ', 7],
  ])('%j is the number %p', (typed, value) => expect(parseTyped(typed)).toBe(value));

  test.each([
    ['=A1*2', '=A1*2'],
    ['=KPI_TARGET(B2, B3:B4)', '=KPI_TARGET(B2, B3:B4)'],
    ["'=x", "'=x"],
    ["'123", "'123"],
    ['リード', 'リード'],
    ['1,23', '1,23'],
    ['12abc', '12abc'],
    ['=', '='],
    ['<img src=x onerror=alert(1)>', '<img src=x onerror=alert(1)>'],
  ])('%j stays %j (formula or text)', (typed, value) => expect(parseTyped(typed)).toBe(value));

  test('TRUE/FALSE are booleans, blank clears, JSON numbers and booleans pass through', () => {
    expect(parseTyped('TRUE')).toBe(true);
    expect(parseTyped('false')).toBe(false);
    expect(parseTyped('')).toBe('');
    expect(parseTyped('   ')).toBe('');
    expect(parseTyped(null)).toBe('');
    expect(parseTyped(3)).toBe(3);
    expect(parseTyped(false)).toBe(false);
  });

  test('non-finite numbers and other types are errors naming the value', () => {
    expect(() => parseTyped(Infinity)).toThrow('not a finite number: Infinity');
    expect(() => parseTyped({} as unknown as string)).toThrow('got object');
  });

  test('parseTypedBlock checks the shape and names the bad cell', () => {
    expect(parseTypedBlock([['1', '=A1'], [null, '5%']])).toEqual([[1, '=A1'], ['', 0.05]]);
    expect(() => parseTypedBlock([])).toThrow('"values" must be a non-empty 2D array');
    expect(() => parseTypedBlock('x')).toThrow('"values" must be a non-empty 2D array');
    expect(() => parseTypedBlock([['1'], 'x'])).toThrow('"values[1]" must be an array');
    expect(() => parseTypedBlock([['1', '2'], ['3']])).toThrow('row 0 has 2, row 1 has 1');
    expect(() => parseTypedBlock([[1, [2]]])).toThrow('"values[0][1]"');
  });
});
