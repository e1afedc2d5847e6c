// The script realm's Date, living in the script's time zone (appsscript.json's "timeZone"), whatever
// the process's zone: `new Date(2025, 3, 1)` is midnight of 1 April there, `getDate()` reads the
// calendar day there, as in Apps Script. V8 has one time zone per process, so the local-time parts
// of Date are re-implemented here over the UTC ones, with the zone's offsets from Intl.

const HOUR = 3600000;

/** Offset of `timeZone` from UTC (ms) at an instant, cached per quarter hour. */
function offsetFinder(timeZone: string): (utcMs: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    era: 'short',
  });
  const cache = new Map<number, number>();
  return (utcMs: number) => {
    const bucket = Math.floor(utcMs / (HOUR / 4));
    const known = cache.get(bucket);
    if (known !== undefined) return known;
    const at = bucket * (HOUR / 4);
    const parts = format.formatToParts(at);
    const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
    const bc = parts.find((p) => p.type === 'era')?.value === 'BC';
    const wall = Date.UTC(
      bc ? 1 - get('year') : get('year'),
      get('month') - 1,
      get('day'),
      get('hour') % 24,
      get('minute'),
      get('second'),
    );
    const offset = wall - at;
    if (cache.size > 5000) cache.clear();
    cache.set(bucket, offset);
    return offset;
  };
}

type Fields = [number, number, number, number, number, number, number];

/**
 * A Date constructor for the realm whose `BaseDate` is given, in `timeZone`. Instances are real Dates
 * of that realm (`instanceof Date`, `[object Date]`), only the local-time methods differ.
 */
export function zonedDate(BaseDate: DateConstructor, timeZone: string): DateConstructor {
  const offsetAt = offsetFinder(timeZone);
  const base = BaseDate.prototype;
  const time = (d: Date) => base.getTime.call(d);
  /** Wall-clock milliseconds of an instant in the zone. */
  const wallOf = (ms: number) => ms + offsetAt(ms);
  /** The instant of a wall-clock time in the zone (a skipped time moves forward, as V8 does). */
  const instantOf = (wall: number) => {
    const first = wall - offsetAt(wall);
    const second = wall - offsetAt(first);
    return offsetAt(second) === wall - second ? second : Math.max(first, second);
  };
  const fields = (d: Date): Fields => {
    const w = new BaseDate(wallOf(time(d)));
    return [
      w.getUTCFullYear(),
      w.getUTCMonth(),
      w.getUTCDate(),
      w.getUTCHours(),
      w.getUTCMinutes(),
      w.getUTCSeconds(),
      w.getUTCMilliseconds(),
    ];
  };
  const utc = (f: Fields) => {
    const d = new BaseDate(0);
    d.setUTCFullYear(f[0], f[1], f[2]);
    d.setUTCHours(f[3], f[4], f[5], f[6]);
    return d.getTime();
  };
  const fromParts = (args: number[]): number => {
    const n = args.map(Number);
    if (n.some((x) => !Number.isFinite(x))) return Number.NaN;
    const year = Math.trunc(n[0]);
    const f: Fields = [
      year >= 0 && year <= 99 ? 1900 + year : year,
      n[1],
      n[2] ?? 1,
      n[3] ?? 0,
      n[4] ?? 0,
      n[5] ?? 0,
      n[6] ?? 0,
    ];
    return instantOf(utc(f.map(Math.trunc) as Fields));
  };
  /** A string the base realm would read in its own local zone is read in this zone instead. */
  const parse = (s: string): number => {
    const text = String(s).trim();
    const explicit =
      /(Z|[+-]\d\d(:?\d\d)?|\b(UTC|GMT)([+-]\d+)?)\s*(\(.*\))?$/i.test(text) ||
      /^[+-]?\d{4,6}(-\d\d(-\d\d)?)?$/.test(text);
    const ms = BaseDate.parse(text);
    if (explicit || Number.isNaN(ms)) return ms;
    const local = new BaseDate(ms);
    return fromParts([
      local.getFullYear(),
      local.getMonth(),
      local.getDate(),
      local.getHours(),
      local.getMinutes(),
      local.getSeconds(),
      local.getMilliseconds(),
    ]);
  };

  function ZonedDate(this: unknown, ...args: unknown[]): Date | string {
    if (!new.target) return (new (ZonedDate as unknown as DateConstructor)() as Date).toString();
    let ms: number;
    if (args.length === 0) ms = BaseDate.now();
    else if (args.length === 1) {
      const v = args[0];
      if (Object.prototype.toString.call(v) === '[object Date]') ms = base.getTime.call(v as Date);
      else if (typeof v === 'string') ms = parse(v);
      else ms = Number(v);
    } else ms = fromParts(args as number[]);
    return Reflect.construct(BaseDate, [ms], new.target) as Date;
  }
  const proto = Object.create(base) as Record<string, unknown>;
  ZonedDate.prototype = proto;
  Object.defineProperty(proto, 'constructor', { value: ZonedDate, writable: true, configurable: true });
  Object.setPrototypeOf(ZonedDate, BaseDate);
  Object.assign(ZonedDate, { now: () => BaseDate.now(), UTC: BaseDate.UTC, parse });

  const getter = (i: number) =>
    function (this: Date) {
      return Number.isNaN(time(this)) ? Number.NaN : fields(this)[i];
    };
  const setter = (first: number, maxArgs: number) =>
    function (this: Date, ...values: number[]) {
      const t = time(this);
      if (Number.isNaN(t) && first !== 0) return Number.NaN;
      const f = Number.isNaN(t) ? ([1970, 0, 1, 0, 0, 0, 0] as Fields) : fields(this);
      values.slice(0, maxArgs).forEach((v, i) => {
        f[first + i] = Number(v);
      });
      if (f.some((x) => !Number.isFinite(x))) return base.setTime.call(this, Number.NaN);
      return base.setTime.call(this, instantOf(utc(f.map(Math.trunc) as Fields)));
    };
  const offsetMinutes = (d: Date) => -offsetAt(time(d)) / 60000;
  const zoneText = (d: Date) => {
    const m = -offsetMinutes(d);
    const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
    return `GMT${m < 0 ? '-' : '+'}${pad(m / 60)}${pad(Math.abs(m) % 60)}`;
  };
  Object.assign(proto, {
    getFullYear: getter(0),
    getMonth: getter(1),
    getDate: getter(2),
    getHours: getter(3),
    getMinutes: getter(4),
    getSeconds: getter(5),
    getMilliseconds: getter(6),
    getDay(this: Date) {
      return Number.isNaN(time(this)) ? Number.NaN : new BaseDate(wallOf(time(this))).getUTCDay();
    },
    getYear(this: Date) {
      return Number.isNaN(time(this)) ? Number.NaN : fields(this)[0] - 1900;
    },
    getTimezoneOffset(this: Date) {
      return Number.isNaN(time(this)) ? Number.NaN : offsetMinutes(this);
    },
    setFullYear: setter(0, 3),
    setMonth: setter(1, 2),
    setDate: setter(2, 1),
    setHours: setter(3, 4),
    setMinutes: setter(4, 3),
    setSeconds: setter(5, 2),
    setMilliseconds: setter(6, 1),
    toString(this: Date) {
      if (Number.isNaN(time(this))) return 'Invalid Date';
      return `${(proto.toDateString as () => string).call(this)} ${(proto.toTimeString as () => string).call(this)}`;
    },
    toDateString(this: Date) {
      if (Number.isNaN(time(this))) return 'Invalid Date';
      const w = new BaseDate(wallOf(time(this)));
      return w.toUTCString().replace(/^(\w+), (\d+) (\w+) (-?\d+).*$/, '$1 $3 $2 $4');
    },
    toTimeString(this: Date) {
      if (Number.isNaN(time(this))) return 'Invalid Date';
      const w = new BaseDate(wallOf(time(this)));
      return `${w.toISOString().slice(11, 19)} ${zoneText(this)}`;
    },
    toLocaleString(this: Date, locales?: unknown, options?: Intl.DateTimeFormatOptions) {
      return base.toLocaleString.call(this, locales as string, { timeZone, ...options });
    },
    toLocaleDateString(this: Date, locales?: unknown, options?: Intl.DateTimeFormatOptions) {
      return base.toLocaleDateString.call(this, locales as string, { timeZone, ...options });
    },
    toLocaleTimeString(this: Date, locales?: unknown, options?: Intl.DateTimeFormatOptions) {
      return base.toLocaleTimeString.call(this, locales as string, { timeZone, ...options });
    },
  });
  return ZonedDate as unknown as DateConstructor;
}
