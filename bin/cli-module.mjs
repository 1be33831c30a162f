// Which compiled CLI the entry points run: the bundle (dist/cli/, made by `npm run build`; it starts several
// times faster) when it is at least as new as the TypeScript build, else the unbundled modules, so a
// `tsc` run without the bundle step never runs stale code. CAIRN_UNBUNDLED=1 always runs the modules (the
// start-up tests check which modules a command loads, which only the unbundled form shows).
import { statSync } from "node:fs";

export function cliModuleUrl() {
  const dist = new URL("../dist/", import.meta.url);
  const bundle = new URL("cli/main.js", dist);
  if (process.env.CAIRN_UNBUNDLED === "1") return new URL("cmd/main.js", dist).href;
  try {
    const bundled = statSync(bundle).mtimeMs;
    const built = statSync(new URL(".tsbuildinfo", dist), { throwIfNoEntry: false })?.mtimeMs ?? 0;
    if (bundled >= built) return bundle.href;
  } catch {
    // No bundle: the modules.
  }
  return new URL("cmd/main.js", dist).href;
}
