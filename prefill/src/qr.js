// Drawing a KKN1 text as a QR symbol: one alphanumeric-mode segment at level M in the smallest version
// (docs/qr-format.md section 1), with the QR encoder of the npm package `qrcode` (soldair/node-qrcode).
import { create } from "qrcode/lib/core/qrcode.js";

export const QUIET_MODULES = 4;

/** {size, version, dark(row, col)} of a text. */
export function makeSymbol(text) {
  const qr = create([{ data: text, mode: "alphanumeric" }], { errorCorrectionLevel: "M" });
  const { size } = qr.modules;
  return { size, version: qr.version, dark: (r, c) => Boolean(qr.modules.get(r, c)) };
}

/**
 * Draw a symbol on a canvas: black on white, a 4-module quiet zone, `modulePx` pixels a module, and an
 * optional caption under it (the saved image says what it is; the caption stays outside the quiet zone).
 */
export function drawSymbol(canvas, symbol, { modulePx = 8, caption = "" } = {}) {
  const side = (symbol.size + 2 * QUIET_MODULES) * modulePx;
  const captionPx = caption ? Math.max(18, Math.round(modulePx * 3)) : 0;
  canvas.width = side;
  canvas.height = side + (caption ? captionPx * 2 : 0);
  const g = canvas.getContext("2d");
  g.fillStyle = "#fff";
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.fillStyle = "#000";
  for (let r = 0; r < symbol.size; r++) {
    for (let c = 0; c < symbol.size; c++) {
      if (symbol.dark(r, c)) g.fillRect((c + QUIET_MODULES) * modulePx, (r + QUIET_MODULES) * modulePx, modulePx, modulePx);
    }
  }
  if (caption) {
    g.font = `${captionPx}px sans-serif`;
    g.textAlign = "center";
    g.textBaseline = "middle";
    g.fillText(caption, side / 2, side + captionPx * 0.8, side - 2 * modulePx);
  }
  return canvas;
}
