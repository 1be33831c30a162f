// What the archive readers (tar.ts, zip.ts) produce: a flat list of entries with archive-relative paths.
// Readers never touch the disk; extract-archive.ts checks the paths and writes them.

export type ArchiveEntry =
  | { readonly kind: "file"; readonly path: string; readonly data: Uint8Array; readonly executable: boolean }
  | { readonly kind: "dir"; readonly path: string }
  | { readonly kind: "symlink"; readonly path: string; readonly target: string };

/** Either the entries or why the bytes are not an archive of the expected format. */
export type ArchiveRead = { readonly entries: ArchiveEntry[] } | { readonly error: string };
