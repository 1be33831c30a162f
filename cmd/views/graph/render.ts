// `cairn graph -format=svg|png`: DOT text rendered by Graphviz's `dot` program, run as a child process with
// a timeout. When `dot` is not installed the result is a diagnostic saying how to install it, never a crash.

import { execFile } from "node:child_process";
import { errorDiag, type Diagnostic } from "../../../lang/diagnostics.js";

export type GraphFormat = "dot" | "svg" | "png";

export function parseGraphFormat(s: string): GraphFormat | undefined {
  return s === "dot" || s === "svg" || s === "png" ? s : undefined;
}

export interface RenderOptions {
  /** The Graphviz program; "dot" from PATH unless given (tests point it at a missing binary). */
  readonly dotBinary?: string;
  readonly timeoutMs?: number;
}

export async function renderGraph(dotText: string, format: GraphFormat, opts: RenderOptions = {}): Promise<{ output?: Buffer; diags: Diagnostic[] }> {
  if (format === "dot") return { output: Buffer.from(dotText, "utf8"), diags: [] };
  const bin = opts.dotBinary ?? "dot";
  const timeout = opts.timeoutMs ?? 30_000;
  return new Promise((resolve) => {
    const child = execFile(bin, [`-T${format}`], { encoding: "buffer", timeout, maxBuffer: 256 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err === null) {
        resolve({ output: stdout, diags: [] });
        return;
      }
      const e = err as NodeJS.ErrnoException & { killed?: boolean };
      if (e.code === "ENOENT") resolve({ diags: [graphvizMissing(bin, format)] });
      else if (e.killed === true) {
        resolve({ diags: [errorDiag("Graphviz timed out", `Graphviz's dot did not finish rendering the graph within ${Math.round(timeout / 1000)} seconds. Print the graph as DOT text (without -format) and render it separately.`)] });
      } else {
        const msg = Buffer.from(stderr).toString("utf8").trim() || e.message;
        resolve({ diags: [errorDiag("Graphviz failed", `Graphviz's dot could not render the graph as ${format}: ${msg}`)] });
      }
    });
    child.stdin?.on("error", () => {
      // A missing binary closes stdin at once; the exit callback above reports it.
    });
    child.stdin?.end(dotText);
  });
}

export function graphvizMissing(bin: string, format: GraphFormat): Diagnostic {
  return errorDiag(
    "Graphviz is not installed",
    `Rendering the graph as ${format} needs Graphviz's "${bin}" program, which was not found. Install Graphviz (Debian or Ubuntu: apt-get install graphviz; macOS: brew install graphviz), or run "cairn graph" without -format to print DOT text and render it elsewhere.`,
  );
}
