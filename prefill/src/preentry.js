// The pre-entry QR format KKN1 (docs/qr-format.md), the same encoding as kakanai.qr:
//   reception JSON -> short keys -> UTF-8 JSON -> raw DEFLATE -> 1..16 parts -> header + CRC-32 -> Base45
// tests/integration/prefill/ decodes what this module makes with `kakanai qr decode` and `kakanai qr read`.

import { deflateSync } from "fflate";

export const PREFIX = "KKN1:";
export const SCHEMA_VERSION = 1;
export const MAX_PARTS = 16;
export const MAX_DOCUMENT_BYTES = 32 * 1024;
// A version-25 code at level M holds 1,451 characters: 5 of prefix + Base45 of 11 + 953 bytes (section 3).
export const MAX_CHUNK = 953;

// `language` (l): the resident's language travels to the counter's guidance sheet (issue 19; left out for ja).
const TOP = { event: "e", event_date: "d", visit_date: "v", subject: "s", applicant: "a", form_inputs: "i", language: "l" };
const HOUSEHOLD = { address: "a", previous_address: "p", facts: "f" };
const MEMBER = { id: "k", name: "n", name_kana: "r", birth_date: "b", sex: "x", address: "a", facts: "f", form_inputs: "i" };
// Frozen with schema 1 (kakanai.qr.document.FACT_CODES): a fact added later travels under its own id.
export const FACT_CODES = {
  relationship: "A", health_insurance: "B", pension_category: "C", receives_public_pension: "D",
  public_servant: "E", has_mynumber_card: "F", uses_signing_certificate: "G", school: "H",
  pregnant: "I", disability_handbook: "J", ltc_certified: "K", nationality: "L",
  birth_weight_g: "M", surname_changes: "N", seal_registered: "O", seal_uses_old_surname: "P",
  has_dog: "Q", has_moped: "R", has_kei_car: "S", owns_real_estate: "T", single_parent: "U",
  receives_child_allowance: "V", receives_child_support_allowance: "W", from_abroad: "X",
  planned_moveout_date: "Y", school_district_changes: "Z", wants_seal_registration: "ZA",
  wants_certificates: "ZB", funeral_held: "ZC",
};

const isEmpty = (v) => v === null || v === undefined || v === "" ||
  (typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0);

function shorten(obj, table) {
  const out = {};
  for (const [key, short] of Object.entries(table)) {
    if (!isEmpty(obj[key])) out[short] = obj[key];
  }
  if (out.f) out.f = Object.fromEntries(Object.entries(out.f).map(([k, v]) => [FACT_CODES[k] || k, v]));
  return out;
}

/** The compact document of a reception (section 2); the counter-only fields are never part of it. */
export function toDocument(reception) {
  for (const key of ["overrides", "id", "office"]) {
    if (!isEmpty(reception[key]) && !(Array.isArray(reception[key]) && !reception[key].length)) {
      throw new Error(`${key}: 窓口で決める項目は事前入力のコードに入れられません`);
    }
  }
  const doc = shorten(reception, TOP);
  const household = shorten(reception.household || {}, HOUSEHOLD);
  if (Object.keys(household).length) doc.h = household;
  doc.m = reception.members.map((m) => shorten(m, MEMBER));
  return doc;
}

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/** RFC 9285. */
export function base45(bytes) {
  let out = "";
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    const n = bytes[i] * 256 + bytes[i + 1];
    out += ALPHABET[n % 45] + ALPHABET[Math.floor(n / 45) % 45] + ALPHABET[Math.floor(n / 2025)];
  }
  if (bytes.length % 2) {
    const n = bytes[bytes.length - 1];
    out += ALPHABET[n % 45] + ALPHABET[Math.floor(n / 45)];
  }
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  for (let k = 0; k < 8; k++) n = n & 1 ? 0xEDB88320 ^ (n >>> 1) : n >>> 1;
  return n >>> 0;
});

/** CRC-32/ISO-HDLC (zlib, PNG): crc32("123456789") = 0xCBF43926. */
export function crc32(bytes) {
  let c = 0xFFFFFFFF;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xFF] ^ (c >>> 8);
  return (c ^ 0xFFFFFFFF) >>> 0;
}

export class TooLargeError extends Error {}

/** 32 random bits; the same in every part of one pre-entry. */
function randomSetId() {
  return globalThis.crypto.getRandomValues(new Uint8Array(4));
}

/**
 * The texts of the code(s) of a reception: {texts, documentBytes, compressedBytes}.
 * `setId` (4 bytes) only for tests; a page always draws a random one.
 */
export function encodeReception(reception, { setId } = {}) {
  const json = JSON.stringify(toDocument(reception));
  const document = new TextEncoder().encode(json);
  if (document.length > MAX_DOCUMENT_BYTES) {
    throw new TooLargeError(`事前入力が大きすぎます（${document.length}バイト、上限${MAX_DOCUMENT_BYTES}バイト）`);
  }
  const stream = deflateSync(document, { level: 9 }); // raw DEFLATE (RFC 1951)
  const count = Math.ceil(stream.length / MAX_CHUNK);
  if (count > MAX_PARTS) throw new TooLargeError(`二次元コード${count}枚分になり、上限の${MAX_PARTS}枚を超えます`);
  const size = Math.ceil(stream.length / count); // equal parts: every code of a set the same size
  const id = setId || randomSetId();
  const texts = [];
  for (let p = 0; p < count; p++) {
    const chunk = stream.subarray(p * size, (p + 1) * size);
    const part = new Uint8Array(7 + chunk.length + 4);
    part.set([SCHEMA_VERSION, ...id, p + 1, count]);
    part.set(chunk, 7);
    new DataView(part.buffer).setUint32(7 + chunk.length, crc32(part.subarray(0, 7 + chunk.length)));
    texts.push(PREFIX + base45(part));
  }
  return { texts, documentBytes: document.length, compressedBytes: stream.length };
}
