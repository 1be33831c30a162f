// Renders diagnostics the way Terraform's CLI does (command/format/diagnostic.go):
//
//   ╷
//   │ Error: Unsupported argument
//   │
//   │   on main.tf line 3, in resource "x" "y":
//   │    3:   foo = 1
//   │
//   │ An argument named "foo" is not expected here.
//   ╵
//
// On a terminal the subject is underlined with ANSI escapes, as Terraform does. Off a terminal Terraform has
// no underline at all; we print a caret line under the subject instead so logs still show the exact column
// (a deliberate difference, written in docs/language.md).

import type { Diagnostic } from "../../lang/diagnostics.js";
import type { Range } from "../../lang/pos.js";
import type { SourceFile } from "../../lang/source-files.js";

export type { SourceFile };

export interface RenderOptions {
  readonly color: boolean;
  /** Wrap detail text to this width (Terraform uses the terminal width, 78 off a terminal). */
  readonly width?: number;
  /**
   * -no-color: Terraform's DiagnosticPlain, byte for byte: no frame, no underline or caret, a blank line
   * before each diagnostic, detail wrapped one column narrower.
   */
  readonly plain?: boolean;
}

const decoder = new TextDecoder("utf-8", { fatal: false });

export function renderDiagnostics(
  diags: readonly Diagnostic[],
  sources: ReadonlyMap<string, SourceFile>,
  opts: RenderOptions,
): string {
  return diags.map((d) => renderDiagnostic(d, sources, opts)).join("");
}

export function renderDiagnostic(d: Diagnostic, sources: ReadonlyMap<string, SourceFile>, opts: RenderOptions): string {
  if (opts.plain === true) return renderPlain(d, sources, opts.width ?? 78);
  const width = opts.width ?? 78;
  const paint = (code: string, s: string) => (opts.color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const isError = d.severity === "error";
  const ruleColor = isError ? "31" : "33";
  const body: string[] = [];
  const head = isError ? paint("1;31", "Error: ") : paint("1;33", "Warning: ");
  body.push(head + paint("1", d.summary));

  if (d.subject !== undefined) {
    body.push("");
    // Terraform names the object first when a provider's error is about a whole resource block.
    if (d.address !== undefined) body.push(`  with ${d.address},`);
    body.push(...renderSnippet(d.subject, d.context, sources, opts));
  } else if (d.address !== undefined) {
    body.push("");
    body.push(`  with ${d.address},`);
  }
  if (d.valueNotes !== undefined && d.valueNotes.length > 0) {
    body.push(`    ├────────────────`);
    for (const n of d.valueNotes) body.push(`    │ ${n}`);
  }
  if (d.detail !== undefined && d.detail !== "") {
    body.push("");
    for (const para of d.detail.split("\n")) body.push(...wrap(para, width - 2));
  }

  const rule = (s: string) => paint(ruleColor, s);
  const out = [rule("╷")];
  for (const line of body) out.push(line === "" ? rule("│") : `${rule("│")} ${line}`);
  out.push(rule("╵"));
  return out.join("\n") + "\n";
}

function renderPlain(d: Diagnostic, sources: ReadonlyMap<string, SourceFile>, width: number): string {
  const out = [`\n${d.severity === "error" ? "Error: " : "Warning: "}${d.summary}`, ""];
  if (d.subject !== undefined) {
    if (d.address !== undefined) out.push(`  with ${d.address},`);
    const snippet = renderSnippet(d.subject, d.context, sources, { color: false, plain: true });
    out.push(...snippet);
    if (sources.get(d.subject.filename) === undefined) out.push("  (source code not available)");
    if (d.valueNotes !== undefined && d.valueNotes.length > 0) {
      out.push(`    ├────────────────`);
      for (const n of d.valueNotes) out.push(`    │ ${n}`);
    }
    out.push("");
  } else if (d.address !== undefined) {
    out.push(`  with ${d.address},`, "");
  }
  if (d.detail !== undefined && d.detail !== "") {
    for (const line of d.detail.split("\n")) out.push(...(line.startsWith(" ") ? [line] : wrap(line, width - 1)));
  }
  return out.join("\n") + "\n";
}

function renderSnippet(
  subject: Range,
  context: Range | undefined,
  sources: ReadonlyMap<string, SourceFile>,
  opts: RenderOptions,
): string[] {
  const src = sources.get(subject.filename);
  const ctxText = src?.contextString?.(subject.start.byte - 1) ?? "";
  const lines = [`  on ${subject.filename} line ${subject.start.line}${ctxText !== "" ? `, in ${ctxText}` : ""}:`];
  if (src === undefined) return lines;

  const snippet = context !== undefined && context.filename === subject.filename ? unionRange(context, subject) : subject;
  const text = decoder.decode(src.bytes);
  const fileLines = text.split(/\r?\n/);
  const first = snippet.start.line;
  const last = Math.min(snippet.end.line, fileLines.length);
  for (let ln = first; ln <= last; ln++) {
    const line = fileLines[ln - 1] ?? "";
    const numbered = `${String(ln).padStart(4)}: `;
    if (ln < subject.start.line || ln > subject.end.line) {
      lines.push(numbered + line);
      continue;
    }
    const chars = [...line];
    const from = ln === subject.start.line ? subject.start.column - 1 : 0;
    let to = ln === subject.end.line ? subject.end.column - 1 : chars.length;
    if (to <= from) to = from + 1; // a zero-length subject still gets one marker
    if (opts.plain === true) {
      lines.push(numbered + line);
    } else if (opts.color) {
      const pre = chars.slice(0, from).join("");
      const mid = chars.slice(from, to).join("");
      const post = chars.slice(to).join("");
      lines.push(numbered + pre + `\x1b[4m${mid}\x1b[0m` + post);
    } else {
      lines.push(numbered + line);
      const pad = chars
        .slice(0, from)
        .map((c) => (c === "\t" ? "\t" : " "))
        .join("");
      lines.push(" ".repeat(numbered.length) + pad + "^".repeat(Math.max(1, Math.min(to, chars.length + 1) - from)));
    }
  }
  return lines;
}

function unionRange(a: Range, b: Range): Range {
  const start = a.start.byte <= b.start.byte ? a.start : b.start;
  const end = a.end.byte >= b.end.byte ? a.end : b.end;
  return { filename: a.filename, start, end };
}

function wrap(text: string, width: number): string[] {
  if (text.length <= width || width <= 10) return [text];
  const out: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line === "") line = word;
    else if (line.length + 1 + word.length <= width) line += " " + word;
    else {
      out.push(line);
      line = word;
    }
  }
  out.push(line);
  return out;
}
