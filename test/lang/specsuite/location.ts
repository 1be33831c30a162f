// Where HCL's specification suite is read from, in place (never copied into the repository): the shared
// conformance folder beside the repository (../shared/conformance/hcl-specsuite). A clone made elsewhere
// from a local checkout (`git clone /work/main /tmp/fresh`) finds it beside the checkout it came from;
// CAIRN_CONFORMANCE_DIR names the conformance folder explicitly. One definition for every test using it.

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";

// dist/test/lang/specsuite -> repository root
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");

function originCheckout(): string | undefined {
  try {
    const url = execFileSync("git", ["config", "--get", "remote.origin.url"], { cwd: repoRoot, encoding: "utf8" }).trim();
    const path = url.startsWith("file://") ? fileURLToPath(url) : url;
    return isAbsolute(path) ? path : undefined;
  } catch {
    return undefined; // not a git checkout, or no origin
  }
}

function conformanceDir(): string {
  const candidates = [process.env.CAIRN_CONFORMANCE_DIR, join(repoRoot, "..", "shared", "conformance")];
  const origin = originCheckout();
  if (origin !== undefined) candidates.push(join(origin, "..", "shared", "conformance"));
  const found = candidates.find((c) => c !== undefined && c !== "" && existsSync(join(c, "hcl-specsuite")));
  // None found: the primary location, so the tests fail naming where they looked.
  return found ?? join(repoRoot, "..", "shared", "conformance");
}

export const specsuiteDir = join(conformanceDir(), "hcl-specsuite");
