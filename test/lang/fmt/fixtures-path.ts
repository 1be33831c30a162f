// Where the fmt fixtures live in the source tree, from the compiled test's location under dist/.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const fmtFixtures = resolve(dirname(fileURLToPath(import.meta.url)), "../../../../test/lang/fmt/fixtures");
