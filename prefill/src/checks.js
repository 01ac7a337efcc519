// The checks the counter applies to a pre-entry (docs/qr-format.md section 4; kakanai.qr.validate and
// kakanai.model.reception_json), applied while the resident types, so a resident never brings a code
// the counter refuses. Each returns null or [message key, params].

import { parseIso } from "./dates.js";

export const MAX_MEMBERS = 30;
export const LIMITS = { name: 100, name_kana: 100, address: 200, text: 200 };
export const EARLIEST_DATE = "1868-01-25";
export const LATEST_DATE = "2100-12-31";

const CONTROL = /[\x00-\x1f\x7f-\x9f\u2028\u2029]/u;
// Unicode Cf (format characters), as kakanai.qr.validate._FORMAT_RANGES; private use; noncharacters; U+FFFD.
const FORMAT_RANGES = [
  [0x00AD, 0x00AD], [0x0600, 0x0605], [0x061C, 0x061C], [0x06DD, 0x06DD], [0x070F, 0x070F],
  [0x0890, 0x0891], [0x08E2, 0x08E2], [0x180E, 0x180E], [0x200B, 0x200F], [0x202A, 0x202E],
  [0x2060, 0x2064], [0x2066, 0x206F], [0xFEFF, 0xFEFF], [0xFFF9, 0xFFFB], [0x110BD, 0x110BD],
  [0x110CD, 0x110CD], [0x13430, 0x1343F], [0x1BCA0, 0x1BCA3], [0x1D173, 0x1D17A], [0xE0001, 0xE0001],
  [0xE0020, 0xE007F],
];
const OTHER_FORBIDDEN = [
  [0xE000, 0xF8FF], [0xF0000, 0xFFFFD], [0x100000, 0x10FFFD], // private use (外字)
  [0xD800, 0xDFFF], // lone surrogates
  [0xFDD0, 0xFDEF], [0xFFFD, 0xFFFD],
];

function forbidden(code) {
  if ((code & 0xFFFE) === 0xFFFE) return true; // noncharacters U+xFFFE, U+xFFFF of every plane
  return FORMAT_RANGES.some(([lo, hi]) => lo <= code && code <= hi)
    || OTHER_FORBIDDEN.some(([lo, hi]) => lo <= code && code <= hi);
}

/** Text as the counter accepts it: length in code points (Python's len), no control/format/外字. */
export function checkText(value, { required = false, max = LIMITS.text } = {}) {
  if (required && !value.trim()) return ["checks.required", {}];
  const chars = [...value]; // code points; a lone surrogate stays one element
  if (chars.length > max) return ["checks.too_long", { max, len: chars.length }];
  if (CONTROL.test(value)) return ["checks.control", {}];
  for (const ch of chars) {
    const code = ch.codePointAt(0);
    if (forbidden(code)) return ["checks.forbidden", { char: `U+${code.toString(16).toUpperCase().padStart(4, "0")}` }];
  }
  return null;
}

export function checkDate(value, { required = false } = {}) {
  if (!value) return required ? ["checks.date", {}] : null;
  if (!parseIso(value)) return ["checks.date", {}];
  if (value < EARLIEST_DATE || value > LATEST_DATE) return ["checks.date_range", {}];
  return null;
}

export function checkInt(value, min, max) {
  const n = Number(value);
  if (!/^-?\d+$/.test(String(value).trim()) || (min != null && n < min) || (max != null && n > max)) {
    return ["checks.number", { min: min ?? "", max: max ?? "" }];
  }
  return null;
}
