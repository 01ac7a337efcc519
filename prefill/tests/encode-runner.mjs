// Encodes receptions with the page's encoder, for the cross-test against kakanai.qr
// (tests/integration/prefill/test_encoding.py).
//   stdin:  {"receptions": [<reception JSON>, …], "set_id": "01020304" (optional)}
//   stdout: [{"texts": [...], "document": "<the JSON document>", "document_bytes": n, "compressed_bytes": n}, …]
import { readFileSync } from "node:fs";
import { encodeReception, toDocument } from "../src/preentry.js";

const input = JSON.parse(readFileSync(0, "utf-8"));
const setId = input.set_id ? Uint8Array.from(input.set_id.match(/../g).map((x) => parseInt(x, 16))) : undefined;
const out = input.receptions.map((reception) => {
  const encoded = encodeReception(reception, { setId });
  return { texts: encoded.texts, document: JSON.stringify(toDocument(reception)), document_bytes: encoded.documentBytes, compressed_bytes: encoded.compressedBytes };
});
process.stdout.write(JSON.stringify(out));
