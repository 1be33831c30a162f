// Diagnostics in Terraform's JSON form (internal/command/views/json/diagnostic.go), as `validate -json`
// prints them: severity, summary, detail, address, range, and a snippet of the source with the subject's
// offsets within it, the enclosing block's context string and the values of the expression's references.

import type { Diagnostic } from "../../../lang/diagnostics.js";
import type { Pos, Range } from "../../../lang/pos.js";
import type { SourceFile } from "../diagnostics.js";
import { array, jsonNumber, jsonString, raw, struct, type JsonText } from "./go-json.js";

const decoder = new TextDecoder("utf-8", { fatal: false });

export function diagnosticJson(d: Diagnostic, sources: ReadonlyMap<string, SourceFile>): JsonText {
  let range: JsonText | undefined;
  let snippet: JsonText | undefined;
  if (d.subject !== undefined) {
    const highlight = nonEmpty(d.subject);
    range = struct([
      ["filename", jsonString(highlight.filename)],
      ["start", posJson(highlight.start)],
      ["end", posJson(highlight.end)],
    ]);
    const src = sources.get(d.subject.filename);
    if (src !== undefined) snippet = snippetJson(d, d.subject, src);
  }
  return struct([
    ["severity", jsonString(d.severity)],
    ["summary", jsonString(d.summary)],
    ["detail", jsonString(d.detail ?? "")],
    ["address", d.address !== undefined && d.address !== "" ? jsonString(d.address) : undefined],
    ["range", range],
    ["snippet", snippet],
  ]);
}

function posJson(p: Pos): JsonText {
  return struct([
    ["line", jsonNumber(p.line)],
    ["column", jsonNumber(p.column)],
    ["byte", jsonNumber(p.byte)],
  ]);
}

/** An empty range is widened by one byte so it still highlights something, as Terraform does. */
function nonEmpty(r: Range): Range {
  if (r.end.byte > r.start.byte) return r;
  // Not a spread: a parser's SourceRange computes start and end in getters, which a spread would drop.
  return { filename: r.filename, start: r.start, end: { line: r.end.line, column: r.end.column + 1, byte: r.end.byte + 1 } };
}

function snippetJson(d: Diagnostic, subject: Range, src: SourceFile): JsonText {
  const highlight = nonEmpty(subject);
  const ctx = d.context !== undefined && d.context.filename === subject.filename ? d.context : subject;
  const snippetRange = nonEmpty({
    filename: subject.filename,
    start: ctx.start.byte <= highlight.start.byte ? ctx.start : highlight.start,
    end: ctx.end.byte >= highlight.end.byte ? ctx.end : highlight.end,
  });
  const bytes = src.bytes;
  // Every whole line that overlaps the snippet range, as HCL's RangeScanner over lines.
  let codeStart = -1;
  let codeEnd = 0;
  let lineStart = 0;
  while (lineStart <= bytes.length) {
    let lineEnd = bytes.indexOf(0x0a, lineStart);
    if (lineEnd < 0) lineEnd = bytes.length;
    const contentEnd = lineEnd > lineStart && bytes[lineEnd - 1] === 0x0d ? lineEnd - 1 : lineEnd;
    const overlaps = lineStart < snippetRange.end.byte && snippetRange.start.byte < Math.max(lineEnd, lineStart + 1);
    if (overlaps) {
      if (codeStart < 0) codeStart = lineStart;
      codeEnd = contentEnd;
    }
    if (lineEnd >= bytes.length) break;
    lineStart = lineEnd + 1;
  }
  if (codeStart < 0) codeStart = codeEnd = Math.min(highlight.start.byte, bytes.length);
  // Lines are joined with "\n" whatever the file used.
  const code = decoder
    .decode(bytes.subarray(codeStart, codeEnd))
    .split("\n")
    .map((l) => (l.endsWith("\r") ? l.slice(0, -1) : l))
    .join("\n");
  const codeLen = Buffer.byteLength(code, "utf8");
  const clamp = (n: number) => Math.max(0, Math.min(n, codeLen));
  const start = clamp(highlight.start.byte - codeStart);
  const end = clamp(start + (highlight.end.byte - highlight.start.byte));
  const contextText = src.contextString?.(subject.start.byte - 1) ?? "";
  const startLine = countLines(bytes, codeStart);
  return struct([
    ["context", contextText !== "" ? jsonString(contextText) : raw("null")],
    ["code", jsonString(code)],
    ["start_line", jsonNumber(startLine)],
    ["highlight_start_offset", jsonNumber(start)],
    ["highlight_end_offset", jsonNumber(end)],
    ["values", array((d.valueNotes ?? []).map(valueJson))],
  ]);
}

/** "var.x is "foo"" → {"traversal":"var.x","statement":"is \"foo\""}. */
function valueJson(note: string): JsonText {
  const at = note.indexOf(" ");
  const traversal = at < 0 ? note : note.slice(0, at);
  const statement = at < 0 ? "" : note.slice(at + 1);
  return struct([
    ["traversal", jsonString(traversal)],
    ["statement", jsonString(statement)],
  ]);
}

function countLines(bytes: Uint8Array, upTo: number): number {
  let n = 1;
  for (let i = 0; i < upTo && i < bytes.length; i++) if (bytes[i] === 0x0a) n++;
  return n;
}
