/**
 * Whether the core can read a timestamp a plugin sends. The monitoring core turns an event's
 * `occurred_at` into a datetime with python-core's `utils.iso8601_to_datetime`, which is
 * dateutil's `isoparse` (any other string raises ValueError). This is that parser's grammar and
 * range rules, so the harness accepts exactly what the core accepts: e.g. the SDK's
 * `2024-01-01T00:00:00.000Z`, `20240101T0000Z`, week dates `2024-W01-1`, a comma fraction, any
 * single character between date and time, and `24:00` as midnight; not `2024-01-01 10:00 UTC`.
 */

export type TimestampVerdict = { ok: true } | { ok: false; reason: string };

class IsoError extends Error {}

export function parsesAsCoreTimestamp(text: string): TimestampVerdict {
  try {
    parseIsoDatetime(text);
    return { ok: true };
  } catch (error) {
    if (error instanceof IsoError) return { ok: false, reason: error.message };
    throw error;
  }
}

function parseIsoDatetime(text: string): void {
  // isoparse works on ASCII bytes; anything else is rejected before parsing.
  if (!/^[\x00-\x7f]*$/.test(text)) throw new IsoError('ISO-8601 strings should contain only ASCII characters');
  const { date, pos } = parseDate(text);
  let time: TimeParts = { hour: 0, minute: 0, second: 0, microsecond: 0 };
  // Any single character separates date and time (isoparse's default `sep=None`).
  if (text.length > pos) time = parseTime(text.slice(pos + 1));
  checkDate(date.year, date.month, date.day);
  if (time.hour !== 24) checkTime(time);
  // 24:00 is midnight of the next day, which must exist.
  else if (date.year === 9999 && date.month === 12 && date.day === 31) throw new IsoError('date value out of range');
}

interface DateParts {
  year: number;
  month: number;
  day: number;
}

interface TimeParts {
  hour: number;
  minute: number;
  second: number;
  microsecond: number;
}

function parseDate(text: string): { date: DateParts; pos: number } {
  try {
    return parseCommonDate(text);
  } catch (error) {
    if (!(error instanceof IsoError)) throw error;
    return parseUncommonDate(text);
  }
}

/** YYYY, YYYY-MM, YYYY-MM-DD, YYYYMMDD. */
function parseCommonDate(text: string): { date: DateParts; pos: number } {
  if (text.length < 4) throw new IsoError('ISO string too short');
  const date: DateParts = { year: pythonInt(text.slice(0, 4)), month: 1, day: 1 };
  let pos = 4;
  if (pos >= text.length) return { date, pos };
  const hasSeparator = text[pos] === '-';
  if (hasSeparator) pos += 1;
  if (text.length - pos < 2) throw new IsoError('Invalid common month');
  date.month = pythonInt(text.slice(pos, pos + 2));
  pos += 2;
  if (pos >= text.length) {
    if (hasSeparator) return { date, pos };
    throw new IsoError('Invalid ISO format');
  }
  if (hasSeparator) {
    if (text[pos] !== '-') throw new IsoError('Invalid separator in ISO string');
    pos += 1;
  }
  if (text.length - pos < 2) throw new IsoError('Invalid common day');
  date.day = pythonInt(text.slice(pos, pos + 2));
  return { date, pos: pos + 2 };
}

/** ISO week dates (YYYY-Www, YYYY-Www-D and the basic forms) and ordinal dates (YYYY-DDD, YYYYDDD). */
function parseUncommonDate(text: string): { date: DateParts; pos: number } {
  if (text.length < 4) throw new IsoError('ISO string too short');
  const year = pythonInt(text.slice(0, 4));
  const hasSeparator = text[4] === '-';
  let pos = 4 + (hasSeparator ? 1 : 0);
  if (text[pos] === 'W') {
    pos += 1;
    const week = pythonInt(text.slice(pos, pos + 2));
    pos += 2;
    let weekday = 1;
    if (text.length > pos) {
      if ((text[pos] === '-') !== hasSeparator) throw new IsoError('Inconsistent use of dash separator');
      pos += hasSeparator ? 1 : 0;
      weekday = pythonInt(text.slice(pos, pos + 1));
      pos += 1;
    }
    return { date: weekDate(year, week, weekday), pos };
  }
  if (text.length - pos < 3) throw new IsoError('Invalid ordinal day');
  const ordinal = pythonInt(text.slice(pos, pos + 3));
  pos += 3;
  if (ordinal < 1 || ordinal > 365 + (isLeap(year) ? 1 : 0)) throw new IsoError(`Invalid ordinal day ${ordinal} for year ${year}`);
  checkDate(year, 1, 1);
  return { date: fromDayCount(dayCount(year, 1, 1) + ordinal - 1), pos };
}

function weekDate(year: number, week: number, weekday: number): DateParts {
  if (!(week > 0 && week < 54)) throw new IsoError(`Invalid week: ${week}`);
  if (!(weekday > 0 && weekday < 8)) throw new IsoError(`Invalid weekday: ${weekday}`);
  checkDate(year, 1, 4);
  const january4 = dayCount(year, 1, 4);
  const week1Monday = january4 - (isoWeekday(january4) - 1);
  return fromDayCount(week1Monday + (week - 1) * 7 + (weekday - 1));
}

/** hh, hh:mm, hhmm, hh:mm:ss, hhmmss, a fraction after `.` or `,`, then Z/z or ±HH[[:]MM]. */
function parseTime(text: string): TimeParts {
  const parts = [0, 0, 0, 0];
  if (text.length < 2) throw new IsoError('ISO time too short');
  let pos = 0;
  let component = -1;
  let hasSeparator = false;
  while (pos < text.length && component < 5) {
    component += 1;
    if ('-+Zz'.includes(text[pos] ?? '')) {
      parseOffset(text.slice(pos));
      pos = text.length;
      break;
    }
    if (component === 1 && text[pos] === ':') {
      hasSeparator = true;
      pos += 1;
    } else if (component === 2 && hasSeparator) {
      if (text[pos] !== ':') throw new IsoError('Inconsistent use of colon separator');
      pos += 1;
    }
    if (component < 3) {
      parts[component] = pythonInt(text.slice(pos, pos + 2));
      pos += 2;
    }
    if (component === 3) {
      const fraction = /^[.,]([0-9]+)/.exec(text.slice(pos));
      if (!fraction) continue;
      const digits = (fraction[1] ?? '').slice(0, 6);
      parts[3] = Number(digits) * 10 ** (6 - digits.length);
      pos += fraction[0].length;
    }
  }
  if (pos < text.length) throw new IsoError('Unused components in ISO string');
  const [hour = 0, minute = 0, second = 0, microsecond = 0] = parts;
  if (hour === 24 && (minute !== 0 || second !== 0 || microsecond !== 0)) throw new IsoError('Hour may only be 24 at 24:00:00.000');
  return { hour, minute, second, microsecond };
}

function parseOffset(text: string): void {
  if (text === 'Z' || text === 'z') return;
  if (![3, 5, 6].includes(text.length)) throw new IsoError('Time zone offset must be 1, 3, 5 or 6 characters');
  if (text[0] !== '-' && text[0] !== '+') throw new IsoError('Time zone offset requires sign');
  const hours = pythonInt(text.slice(1, 3));
  const minutes = text.length === 3 ? 0 : pythonInt(text.slice(text[3] === ':' ? 4 : 3));
  if (hours === 0 && minutes === 0) return;
  if (minutes > 59) throw new IsoError('Invalid minutes in time zone offset');
  if (hours > 23) throw new IsoError('Invalid hours in time zone offset');
}

/** Python's int() on a short ASCII slice: surrounding blanks, a sign and digit underscores allowed. */
function pythonInt(text: string): number {
  if (!/^[ \t\n\v\f\r]*[+-]?\d+(?:_\d+)*[ \t\n\v\f\r]*$/.test(text)) throw new IsoError(`invalid literal for int() with base 10: '${text}'`);
  return Number(text.trim().replace(/_/g, ''));
}

/** datetime's own range checks, which isoparse leaves to the datetime constructor. */
function checkDate(year: number, month: number, day: number): void {
  if (year < 1 || year > 9999) throw new IsoError(`year ${year} is out of range`);
  if (month < 1 || month > 12) throw new IsoError('month must be in 1..12');
  if (day < 1 || day > daysInMonth(year, month)) throw new IsoError('day is out of range for month');
}

function checkTime(time: TimeParts): void {
  if (time.hour < 0 || time.hour > 23) throw new IsoError('hour must be in 0..23');
  if (time.minute < 0 || time.minute > 59) throw new IsoError('minute must be in 0..59');
  if (time.second < 0 || time.second > 59) throw new IsoError('second must be in 0..59');
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function daysInMonth(year: number, month: number): number {
  return [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
}

/** Days since 0001-01-01 (proleptic Gregorian, like Python's date.toordinal() - 1). */
function dayCount(year: number, month: number, day: number): number {
  const before = year - 1;
  let days = before * 365 + Math.floor(before / 4) - Math.floor(before / 100) + Math.floor(before / 400);
  for (let m = 1; m < month; m++) days += daysInMonth(year, m);
  return days + day - 1;
}

function fromDayCount(count: number): DateParts {
  let year = Math.max(1, Math.floor(count / 365.2425) - 1);
  while (dayCount(year + 1, 1, 1) <= count) year += 1;
  while (year > 1 && dayCount(year, 1, 1) > count) year -= 1;
  let rest = count - dayCount(year, 1, 1);
  let month = 1;
  while (month < 12 && rest >= daysInMonth(year, month)) rest -= daysInMonth(year, month++);
  const date = { year, month, day: rest + 1 };
  // Week 53 or an ordinal past the year's end may land outside datetime's range.
  if (count < 0 || date.year > 9999) throw new IsoError('date value out of range');
  return date;
}

/** 1 = Monday ... 7 = Sunday; 0001-01-01 was a Monday. */
function isoWeekday(count: number): number {
  return (((count % 7) + 7) % 7) + 1;
}
