// The small services: LockService, PropertiesService, Session, Utilities, Logger, ScriptApp, Browser, Charts.
import { randomUUID } from 'node:crypto';
import type { Ctx } from './context';
import { ChartType } from './objects';

export function lockService(ctx: Ctx) {
  const log = ctx.tracker.lock;
  const makeLock = (document: boolean) => {
    let mine = false;
    const acquire = () => {
      if (document && log.busy) return false;
      mine = true;
      if (document && !log.held) {
        log.held = true;
        log.history.push('acquire');
      }
      return true;
    };
    return ctx.wrap(
      {
        tryLock: (timeoutInMillis: number) => {
          void timeoutInMillis;
          const ok = acquire();
          if (!ok && document) log.history.push('timeout');
          return ok;
        },
        waitLock: (timeoutInMillis: number) => {
          void timeoutInMillis;
          if (!acquire()) {
            if (document) log.history.push('timeout');
            throw new Error('Lock timeout: another process was holding the lock for too long.');
          }
        },
        releaseLock: () => {
          if (mine && document && log.held) {
            log.held = false;
            log.history.push('release');
          }
          mine = false;
        },
        hasLock: () => mine && (!document || log.held),
      },
      'Lock',
    );
  };
  return ctx.wrap(
    {
      getDocumentLock: () => makeLock(true),
      getScriptLock: () => makeLock(false),
      getUserLock: () => makeLock(false),
    },
    'LockService',
  );
}

function properties(ctx: Ctx, store: Map<string, string>) {
  return ctx.wrap(
    {
      getProperty: (key: string) => store.get(String(key)) ?? null,
      setProperty(key: string, value: unknown) {
        store.set(String(key), String(value));
        return this;
      },
      getProperties: () => Object.fromEntries(store),
      setProperties(props: Record<string, unknown>, deleteAllOthers?: boolean) {
        if (deleteAllOthers) store.clear();
        for (const [k, v] of Object.entries(props)) store.set(k, String(v));
        return this;
      },
      deleteProperty(key: string) {
        store.delete(String(key));
        return this;
      },
      deleteAllProperties() {
        store.clear();
        return this;
      },
      getKeys: () => [...store.keys()],
    },
    'Properties',
  );
}

export function propertiesService(ctx: Ctx) {
  return ctx.wrap(
    {
      getDocumentProperties: () => properties(ctx, ctx.properties.document),
      getScriptProperties: () => properties(ctx, ctx.properties.script),
      getUserProperties: () => properties(ctx, ctx.properties.user),
    },
    'PropertiesService',
  );
}

export function session(ctx: Ctx) {
  const user = ctx.wrap({ getEmail: () => 'user@example.com' }, 'User');
  return ctx.wrap(
    {
      getActiveUserLocale: () => (/^zh/.test(ctx.engine.locale) ? ctx.engine.locale : ctx.engine.locale.split('_')[0]),
      getScriptTimeZone: () => ctx.scriptTimeZone,
      getActiveUser: () => user,
      getEffectiveUser: () => user,
      getTemporaryActiveUserKey: () => 'harness-user-key',
    },
    'Session',
  );
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** The zone of a formatDate call: an IANA id, or Java's "GMT+09:00" custom ids; an unknown id is GMT, as in Java. */
function intlZone(timeZone: string): string {
  const custom = /^(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?$/.exec(timeZone);
  const zone = custom ? `${custom[1]}${custom[2].padStart(2, '0')}:${custom[3] ?? '00'}` : timeZone;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
}

/** Java SimpleDateFormat, as Utilities.formatDate uses it, in any time zone. */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const zone = intlZone(timeZone);
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    weekday: 'short',
    era: 'short',
    timeZoneName: 'short',
  }).formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const y = Number(get('year'));
  const mo = Number(get('month'));
  const d = Number(get('day'));
  const h = Number(get('hour')) % 24;
  const mi = Number(get('minute'));
  const s = Number(get('second'));
  const ms = ((date.getTime() % 1000) + 1000) % 1000;
  const wd = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(get('weekday'));
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  const offMin = Math.round((wall - Math.floor(date.getTime() / 1000) * 1000) / 60000);
  const dayOfYear = Math.round((Date.UTC(y, mo - 1, d) - Date.UTC(y, 0, 1)) / 86400000) + 1;
  const pad = (n: number, w: number) => String(n).padStart(w, '0');
  const sign = offMin < 0 ? '-' : '+';
  const hh = pad(Math.floor(Math.abs(offMin) / 60), 2);
  const mm = pad(Math.abs(offMin) % 60, 2);
  const shortName = get('timeZoneName');
  const zoneName =
    zone === 'UTC' ? 'UTC' : /^GMT[+-]/.test(shortName) || shortName === 'GMT' ? `GMT${sign}${hh}:${mm}` : shortName;
  return pattern.replace(/'([^']*)'|([GyYMLdDEuFwWaHkKhmsSzZX])\2*/g, (tok, quoted: string | undefined) => {
    if (quoted !== undefined) return quoted === '' ? "'" : quoted;
    const n = tok.length;
    switch (tok[0]) {
      case 'G':
        return get('era') === 'BC' ? 'BC' : 'AD';
      case 'y':
      case 'Y':
        return n === 2 ? pad(y % 100, 2) : pad(y, n);
      case 'M':
      case 'L':
        return n >= 4 ? MONTHS[mo - 1] : n === 3 ? MONTHS[mo - 1].slice(0, 3) : pad(mo, n);
      case 'd':
        return pad(d, n);
      case 'D':
        return pad(dayOfYear, n);
      case 'E':
        return n >= 4 ? DAYS[wd] : DAYS[wd].slice(0, 3);
      case 'u':
        return pad(wd === 0 ? 7 : wd, n);
      case 'F':
        return pad(Math.floor((d - 1) / 7) + 1, n);
      case 'a':
        return h < 12 ? 'AM' : 'PM';
      case 'H':
        return pad(h, n);
      case 'k':
        return pad(h === 0 ? 24 : h, n);
      case 'K':
        return pad(h % 12, n);
      case 'h':
        return pad(h % 12 || 12, n);
      case 'm':
        return pad(mi, n);
      case 's':
        return pad(s, n);
      case 'S':
        return pad(ms, n);
      case 'z':
        return zoneName;
      case 'Z':
        return `${sign}${hh}${mm}`;
      case 'X':
        if (offMin === 0) return 'Z';
        return n === 1 ? `${sign}${hh}` : n === 2 ? `${sign}${hh}${mm}` : `${sign}${hh}:${mm}`;
      default:
        return tok;
    }
  });
}

function formatString(template: string, ...args: unknown[]): string {
  let i = 0;
  return String(template).replace(
    /%(-?\d*)(?:\.(\d+))?([sdfi%])/g,
    (_, width: string, prec: string | undefined, conv: string) => {
      if (conv === '%') return '%';
      const v = args[i++];
      const s =
        conv === 's'
          ? String(v)
          : conv === 'f'
            ? Number(v).toFixed(prec === undefined ? 6 : Number(prec))
            : String(Math.trunc(Number(v)));
      const w = Number(width || 0);
      return w < 0 ? s.padEnd(-w) : s.padStart(w);
    },
  );
}

export function utilities(ctx: Ctx) {
  return ctx.wrap(
    {
      formatDate: (date: Date, timeZone: string, format: string) => formatDate(date, String(timeZone), String(format)),
      formatString,
      getUuid: () => randomUUID(),
      sleep: (ms: number) => {
        void ms;
      },
      base64Encode: (s: string) => Buffer.from(String(s), 'utf8').toString('base64'),
      base64Decode: (s: string) => [...Buffer.from(String(s), 'base64')].map((b) => (b > 127 ? b - 256 : b)),
      newBlob: () => {
        throw new Error('not implemented in harness: Utilities.newBlob');
      },
      Charset: Object.freeze({ US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' }),
    },
    'Utilities',
  );
}

export function logger(ctx: Ctx, lines: string[]) {
  return ctx.wrap(
    {
      log(format: unknown, ...values: unknown[]) {
        lines.push(
          values.length
            ? formatString(String(format), ...values)
            : typeof format === 'object'
              ? JSON.stringify(format)
              : String(format),
        );
        return this;
      },
      getLog: () => lines.join('\n'),
      clear: () => {
        lines.length = 0;
      },
    },
    'Logger',
  );
}

export const AuthMode = Object.freeze({
  NONE: 'NONE',
  CUSTOM_FUNCTION: 'CUSTOM_FUNCTION',
  LIMITED: 'LIMITED',
  FULL: 'FULL',
});

export function scriptApp(ctx: Ctx) {
  return ctx.wrap(
    {
      AuthMode,
      getScriptId: () => 'harness-script-id',
    },
    'ScriptApp',
  );
}

export function browser(ctx: Ctx) {
  const Buttons = Object.freeze({ OK: 'OK', OK_CANCEL: 'OK_CANCEL', YES_NO: 'YES_NO', YES_NO_CANCEL: 'YES_NO_CANCEL' });
  const ask = (kind: 'alert' | 'prompt', args: string[]) => {
    const [title, prompt, buttons] =
      args.length >= 3
        ? args
        : args.length === 2 && args[1] in Buttons
          ? ['', args[0], args[1]]
          : args.length === 2
            ? [args[0], args[1], 'OK']
            : ['', args[0] ?? '', 'OK'];
    const a = ctx.ui.pending.shift() ?? {
      button: buttons === 'YES_NO' || buttons === 'YES_NO_CANCEL' ? 'YES' : 'OK',
      text: '',
    };
    ctx.ui.alerts.push({ title, prompt, buttons, kind, answer: a.button });
    return a;
  };
  return ctx.wrap(
    {
      Buttons,
      msgBox: (...args: string[]) => ask('alert', args.map(String)).button.toLowerCase(),
      inputBox: (...args: string[]) => {
        const a = ask('prompt', args.map(String));
        return a.button === 'CANCEL' ? 'cancel' : a.text;
      },
    },
    'Browser',
  );
}

export function charts(ctx: Ctx) {
  return ctx.wrap({ ChartType }, 'Charts');
}
