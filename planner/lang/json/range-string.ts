// HCL's Range.String(), used inside diagnostic details ("was already set at main.tf.json:3,5-10"): the end
// line is omitted when the range is on one line.

import type { Range } from "../pos.js";

export function hclRangeString(r: Range): string {
  if (r.start.line === r.end.line) return `${r.filename}:${r.start.line},${r.start.column}-${r.end.column}`;
  return `${r.filename}:${r.start.line},${r.start.column}-${r.end.line},${r.end.column}`;
}
