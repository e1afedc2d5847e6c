import { forecast, lag, pace, progress, remaining, status } from '../../src/core/tracking';

describe('progress', () => {
  test('actual / target; lower is better → 2 − ratio, never below 0', () => {
    expect(progress(80, 100)).toBe(0.8);
    expect(progress(120, 100, true)).toBeCloseTo(0.8, 12);
    expect(progress(80, 100, true)).toBeCloseTo(1.2, 12);
    expect(progress(500, 100, true)).toBe(0);
  });
  test('blank actual, blank or zero target → ""', () => {
    expect(progress('', 100)).toBe('');
    expect(progress(5, '')).toBe('');
    expect(progress(5, 0)).toBe('');
    expect(progress(0, 100)).toBe(0);
  });
  test('overflow is an error', () => {
    expect(() => progress(1e308, 1e-10)).toThrow('overflow');
  });
});

describe('pace', () => {
  const d = (y: number, m: number, day: number) => new Date(y, m - 1, day);
  test('30 due in January, 18 done by 15 January → 18 ÷ (30 × 15/31) = 1.24', () => {
    expect(pace(18, 30, d(2025, 1, 1), d(2025, 1, 31), d(2025, 1, 15))).toBeCloseTo(1.24, 12);
  });
  test('both ends counted, capped at 1, time of day ignored', () => {
    expect(pace(1, 31, d(2025, 1, 1), d(2025, 1, 31), d(2025, 1, 1))).toBeCloseTo(1, 12);
    expect(pace(30, 30, d(2025, 1, 1), d(2025, 1, 31), d(2025, 3, 1))).toBe(1);
    expect(pace(18, 30, d(2025, 1, 1), d(2025, 1, 31), new Date(2025, 0, 15, 23, 59))).toBeCloseTo(1.24, 12);
    expect(pace(5, 10, d(2025, 1, 1), d(2025, 1, 1), d(2025, 1, 1))).toBe(0.5);
  });
  test('before start, blank actual, blank/zero target → ""', () => {
    expect(pace(5, 10, d(2025, 1, 1), d(2025, 1, 31), d(2024, 12, 31))).toBe('');
    expect(pace('', 10, d(2025, 1, 1), d(2025, 1, 31), d(2025, 1, 5))).toBe('');
    expect(pace(5, 0, d(2025, 1, 1), d(2025, 1, 31), d(2025, 1, 5))).toBe('');
  });
  test('end before start is an error', () => {
    expect(() => pace(5, 10, d(2025, 2, 1), d(2025, 1, 31), d(2025, 1, 5))).toThrow(
      'end 2025-01-31 is before start 2025-02-01',
    );
  });
});

describe('forecast', () => {
  test('mean of filled periods × periods; 0 is reported, blank is not', () => {
    expect(forecast([10, 20, '', '', '', '', '', '', '', '', '', ''])).toBe(180);
    expect(forecast([10, 0, ''], 12)).toBe(60);
    expect(forecast(['', ''])).toBe('');
    expect(forecast([])).toBe('');
  });
});

describe('remaining', () => {
  test('max(0, target − actual) / periods_left', () => {
    expect(remaining(120, 60, 6)).toBe(10);
    expect(remaining(120, 200, 6)).toBe(0);
    expect(remaining(120, '', 4)).toBe(30);
    expect(remaining('', 5, 4)).toBe('');
  });
  test('periods_left must be > 0', () => {
    expect(() => remaining(120, 60, 0)).toThrow('periods_left 0 must be above 0');
    expect(() => remaining(120, 60, -2)).toThrow('periods_left -2 must be above 0');
  });
});

describe('status', () => {
  test('thresholds and labels', () => {
    expect(status(1)).toBe('On track');
    expect(status(0.8)).toBe('At risk');
    expect(status(0.79)).toBe('Off track');
    expect(status(1.5, 0.8, 1, 'ja')).toBe('順調');
    expect(status(0.9, 0.8, 1, 'ja')).toBe('注意');
    expect(status(0.1, 0.8, 1, 'ja')).toBe('遅れ');
    expect(status(0.75, 0.7, 0.9)).toBe('At risk');
    expect(status('')).toBe('');
  });
  test('warn above ok is an error', () => {
    expect(() => status(1, 1.2, 1)).toThrow('warn 1.2 is above ok 1');
  });
});

describe('lag', () => {
  test('shifts earlier, wraps by default or leaves ""', () => {
    expect(lag([1, 2, 3, 4], 1)).toEqual([2, 3, 4, 1]);
    expect(lag([1, 2, 3, 4], 1, false)).toEqual([2, 3, 4, '']);
    expect(lag([1, 2, 3, 4], -1, false)).toEqual(['', 1, 2, 3]);
    expect(lag([1, 2, 3, 4], 6)).toEqual([3, 4, 1, 2]);
    expect(lag([1, 2, 3], 0)).toEqual([1, 2, 3]);
    expect(lag([], 3)).toEqual([]);
  });
  test('lag must be a bounded whole number', () => {
    expect(() => lag([1], 1.5)).toThrow('lag 1.5 must be a whole number');
    expect(() => lag([1], 1e9)).toThrow('lag 1000000000 must be a whole number from -18278 to 18278');
  });
});
