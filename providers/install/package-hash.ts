// Provider package hashes as Terraform records them in .terraform.lock.hcl:
//   h1: Go's dirhash Hash1 of the unpacked package (the scheme of modules/content-hash.ts, except that a
//       symbolic link counts as the file it points to, since Go opens it, and no directory is skipped),
//       so a package hashes the same whether a mirror holds it unpacked or Terraform extracted it;
//   zh: the lowercase hex sha256 of a packed package's .zip file, as the registry publishes it.

import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

export function packageHashH1(dir: string): string {
  const summary = createHash("sha256");
  for (const rel of listPackageFiles(dir)) {
    const content = readFileSync(join(dir, ...rel.split("/")));
    summary.update(`${createHash("sha256").update(content).digest("hex")}  ${rel}\n`);
  }
  return `h1:${summary.digest("base64")}`;
}

/** Relative paths of every file under dir, links followed as Go's filepath.Walk lists them, by UTF-8 bytes. */
function listPackageFiles(dir: string): string[] {
  const out: string[] = [];
  const stack: string[] = [""];
  while (stack.length > 0) {
    const rel = stack.pop()!;
    for (const e of readdirSync(rel === "" ? dir : join(dir, rel), { withFileTypes: true })) {
      const childRel = rel === "" ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) stack.push(childRel);
      else if (e.isFile() || (e.isSymbolicLink() && statSync(join(dir, childRel)).isFile())) out.push(childRel);
    }
  }
  return out.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

export function packageHashZh(zipPath: string): string {
  return `zh:${createHash("sha256").update(readFileSync(zipPath)).digest("hex")}`;
}
