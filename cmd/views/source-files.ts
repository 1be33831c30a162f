// Builds the source map the diagnostic renderer needs from parsed native files: the bytes for snippets and
// HCL's "in resource "x" "y"" context string (the top-level block containing the position).

import type { File } from "../../lang/syntax/ast.js";
import type { SourceFile } from "./diagnostics.js";

export function sourceFileFromAst(file: File): SourceFile {
  return {
    bytes: file.bytes,
    contextString: (offset: number) => {
      for (const b of file.body.blocks) {
        if (b.range.start.byte <= offset && offset < b.range.end.byte) {
          return [b.type, ...b.labels.map((l) => JSON.stringify(l))].join(" ");
        }
      }
      return "";
    },
  };
}

export function sourceFileFromBytes(bytes: Uint8Array): SourceFile {
  return { bytes };
}
