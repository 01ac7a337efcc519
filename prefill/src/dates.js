// Calendar dates as ISO strings ("YYYY-MM-DD"), with integer day arithmetic.
// No Date objects: a civil date has no time zone, and a resident's phone may be anywhere.

const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLeap(y) {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y, m) {
  return [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];
}

/** [y, m, d] of an ISO date, or null when the text is not an existing date. */
export function parseIso(text) {
  const match = typeof text === "string" ? ISO.exec(text) : null;
  if (!match) return null;
  const y = Number(match[1]), m = Number(match[2]), d = Number(match[3]);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return null;
  return [y, m, d];
}

export function iso(y, m, d) {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
export function toDays(text) {
  let [y, m, d] = parseIso(text);
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function fromDays(n) {
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return iso(era * 400 + yoe + (m <= 2 ? 1 : 0), m, d);
}

export function addDays(text, days) {
  return fromDays(toDays(text) + days);
}

/** 0 = Monday … 6 = Sunday (Python's date.weekday()). */
export function weekday(text) {
  return (((toDays(text) + 3) % 7) + 7) % 7;
}

/** Today on the phone's own calendar (the only use of Date: the default of a date field). */
export function today() {
  const now = new Date();
  return iso(now.getFullYear(), now.getMonth() + 1, now.getDate());
}
