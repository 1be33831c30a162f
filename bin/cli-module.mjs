// Which compiled CLI the entry points run: the bundle (dist/cli/, made by `npm run build`; it starts several
// times faster) when it is at least as new as the TypeScript build, else the unbundled modules, so a
// `tsc` run without the bundle step never runs stale code. CAIRN_UNBUNDLED=1 always runs the modules (the
// start-up tests check which modules a command loads, which only the unbundled form shows).
import { statSync } from "node:fs";
import { ScriptBundle } from "./cached-scripts.mjs";

export function cliModuleUrl() {
  const dist = new URL("../dist/", import.meta.url);
  const bundle = new URL("cli/main.cjs", dist);
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

/** The CLI's entry module (runCli): the bundle's, run through V8's code cache (cached-scripts.mjs), or the modules'. */
export async function loadCli() {
  const url = new URL(cliModuleUrl());
  if (!url.pathname.endsWith(".cjs")) return import(url.href);
  return new ScriptBundle(new URL(".", url)).import(url.pathname.slice(url.pathname.lastIndexOf("/") + 1));
}
