// Provider package hashes as Terraform records them in .terraform.lock.hcl:
//   h1: Go's dirhash Hash1 of the unpacked package (the scheme of modules/content-hash.ts, except that a
//       symbolic link counts as the file it points to: Go opens it), so a package hashes the same whether
//       a mirror holds it unpacked or Terraform extracted it;
//   zh: the lowercase hex sha256 of a packed package's .zip file, as the registry publishes it.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { listPackageFiles } from "../../modules/content-hash.js";

export function packageHashH1(dir: string): string {
  const summary = createHash("sha256");
  for (const rel of listPackageFiles(dir)) {
    const content = readFileSync(join(dir, ...rel.split("/")));
    summary.update(`${createHash("sha256").update(content).digest("hex")}  ${rel}\n`);
  }
  return `h1:${summary.digest("base64")}`;
}

export function packageHashZh(zipPath: string): string {
  return `zh:${createHash("sha256").update(readFileSync(zipPath)).digest("hex")}`;
}
