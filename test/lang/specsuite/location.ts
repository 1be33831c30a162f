// Where HCL's specification suite is read from: the shared conformance folder beside the repository
// (../shared/conformance/hcl-specsuite), in place, never copied in. One definition for every test using it.

import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

// dist/test/lang/specsuite -> repository root
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..");

export const specsuiteDir = join(repoRoot, "..", "shared", "conformance", "hcl-specsuite");
