// The content hash of an installed module package, recorded in `.cairn.lock.hcl` and checked by every later
// command. It is Go's dirhash "h1" scheme (golang.org/x/mod/sumdb/dirhash.Hash1, the one Terraform uses for
// provider package hashes), so it can be recomputed with standard tools:
//
//   1. list every regular file of the package, skipping any `.git` directory, as a path relative to the package
//      root with "/" separators; a symbolic link counts as a file whose content is its target text;
//   2. sort the paths by their UTF-8 bytes;
//   3. for each, the line `<lowercase hex sha256 of the content>  <path>\n` (sha256sum's format);
//   4. the hash is "h1:" followed by the standard base64 of the sha256 of all those lines.
//
// For a package without symbolic links:
//   cd .cairn/modules/web && find . -type f ! -path '*/.git/*' | sed 's|^\./||' | LC_ALL=C sort \
//     | xargs sha256sum | sha256sum | xxd -r -p | base64        # prefix the result with h1:
//
// Empty directories and file modes do not count (git does not record them either).

import { createHash } from "node:crypto";
import { lstatSync, readFileSync, readdirSync, readlinkSync } from "node:fs";
import { join } from "node:path";

export function hashModulePackage(dir: string): string {
  const files = listPackageFiles(dir);
  const summary = createHash("sha256");
  for (const rel of files) {
    const full = join(dir, ...rel.split("/"));
    const st = lstatSync(full);
    const content = st.isSymbolicLink() ? Buffer.from(readlinkSync(full)) : readFileSync(full);
    summary.update(`${createHash("sha256").update(content).digest("hex")}  ${rel}\n`);
  }
  return `h1:${summary.digest("base64")}`;
}

/** Relative paths of every file and symbolic link under dir (not in .git), sorted by UTF-8 bytes. */
export function listPackageFiles(dir: string): string[] {
  const out: string[] = [];
  const stack: string[] = [""];
  while (stack.length > 0) {
    const rel = stack.pop()!;
    for (const e of readdirSync(rel === "" ? dir : join(dir, rel), { withFileTypes: true })) {
      const childRel = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (e.name !== ".git") stack.push(childRel);
      } else if (e.isFile() || e.isSymbolicLink()) out.push(childRel);
    }
  }
  return out.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}
