// The source map the diagnostic renderer needs from parsed native files: the bytes for snippets and
// HCL's "in resource "x" "y"" context string (the top-level block containing the position).

import type { File } from "./syntax/ast.js";

/** A configuration file as the diagnostic renderer needs it: bytes for snippets, and the block context. */
export interface SourceFile {
  readonly bytes: Uint8Array;
  /**
   * "resource \"x\" \"y\"" for the top-level block containing a byte offset (HCL's ContextString). Renderers
   * ask for the byte before a subject, as Terraform does, so a subject that starts a block (a duplicate
   * resource's header) has no context.
   */
  readonly contextString?: (byteOffset: number) => string;
}

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
