// `cairn show FILE` and `cairn show -json FILE` for a saved plan file (issue 7): the plan rendered as `plan`
// rendered it, or Terraform's JSON plan representation (format_version 1.2, cmd/views/json/plan.ts). The
// provider schemas come from the built-in providers; the configuration for the JSON document's
// `configuration` and `relevant_attributes` comes from the snapshot inside the plan file, not from the
// working directory, so the output describes the plan even after the configuration moved on.

import { loadConfiguration } from "../../operations/load-config.js";
import { loadRootConfiguration } from "../../operations/load-root.js";
import { providerRegistry } from "../../operations/providers.js";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { CommandContext } from "../registry.js";
import { renderPlanPieces } from "../views/plan/index.js";
import { writePieces } from "../views/stream-write.js";
import { planToJSONText } from "../views/json/plan.js";
import { VERSION } from "../../operations/version.js";
import { type ConfigModule } from "../../config/index.js";
import { ProviderSet } from "../../planner/eval/providers.js";
import { providerConfigOf } from "../../planner/eval/provider-addr-cache.js";
import type { Provider } from "../../addrs/provider.js";
import { hasErrors, type Diagnostic } from "../../lang/diagnostics.js";
import { isPlanFileBytes, parsePlanFileBytes, type ConfigFile, type PlanFile } from "../../planner/planfile/index.js";
import { planFileEncryption } from "./plan-output.js";

export interface ShowPlanOptions {
  readonly json: boolean;
  readonly color: boolean;
}

/** Renders a saved plan file's bytes; diagnostics (nothing written) when it cannot be read. */
export async function showPlanFile(bytes: Uint8Array, given: string, ctx: CommandContext, opts: ShowPlanOptions): Promise<Diagnostic[]> {
  const enc = planFileEncryption(ctx);
  if (hasErrors(enc.diags)) return enc.diags;
  const read = await parsePlanFileBytes(bytes, given, enc.encryption !== undefined ? { encryption: enc.encryption } : {});
  if (read.planFile === undefined) return read.diags;
  const pf = read.planFile;
  const providers = new ProviderSet(providerRegistry({ cwd: ctx.cwd, env: ctx.env }), VERSION);
  const diags = await providers.loadSchemas(providersOf(pf));
  if (hasErrors(diags)) return diags;
  const schema = (providerAddr: string, mode: "managed" | "data", type: string) => {
    const p = providerConfigOf(providerAddr);
    return p ? providers.resourceSchema(p.provider, mode, type) : undefined;
  };
  if (opts.json) {
    const { config, children } = configFromSnapshot(pf.configSnapshot);
    ctx.stdout.write(
      planToJSONText(pf.plan, {
        schemaFor: schema,
        providerSchemaFor: (provider) => {
          const p = providersOf(pf).find((x) => x.toString() === provider);
          return p ? providers.providerSchema(p) : undefined;
        },
        ...(config !== undefined ? { config, children } : {}),
      }) + "\n",
    );
    return diags;
  }
  const plan = pf.plan;
  const shown = plan.resourceChanges.filter((c) => c.action !== "no-op" || c.importing !== undefined || c.prevRunAddr !== undefined || c.deposedKey !== undefined);
  // Written with back-pressure, a resource at a time: a plan of 1,000 large strings is ~1 GB of text.
  await writePieces(
    ctx.stdout,
    renderPlanPieces(shown.length === plan.resourceChanges.length ? plan : { ...plan, resourceChanges: shown }, {
      color: opts.color,
      schemaFor: (addr, mode, type) => schema(addr, mode, type)?.block,
    }),
  );
  return diags;
}

function providersOf(pf: PlanFile): Provider[] {
  const out = new Map<string, Provider>();
  const addrs = [...pf.plan.resourceChanges, ...pf.plan.driftedResources].map((c) => c.providerAddr.toString());
  for (const r of pf.plan.priorState.resources) addrs.push(r.provider);
  for (const a of addrs) {
    const p = providerConfigOf(a)?.provider;
    if (p !== undefined) out.set(p.toString(), p);
  }
  return [...out.values()];
}

/** The root module as the plan saw it, loaded from the snapshot in a scratch directory (undefined when it
 * does not load: the JSON document then leaves out `configuration`, as for a plan without one). */
/** The saved configuration, root and (when its module tree loads from the snapshot) child modules by path. */
function configFromSnapshot(files: readonly ConfigFile[]): { config?: ConfigModule; children: Map<string, ConfigModule> } {
  const children = new Map<string, ConfigModule>();
  if (files.length === 0) return { children };
  const dir = mkdtempSync(join(tmpdir(), "cairn-show-"));
  try {
    for (const f of files) {
      // Child modules' files carry their directory (`modules/web/main.tf`).
      mkdirSync(dirname(join(dir, f.name)), { recursive: true });
      writeFileSync(join(dir, f.name), f.bytes);
    }
    const root = loadRootConfiguration(dir);
    if (hasErrors(root.diags)) return { children };
    if (root.module.moduleCalls.size > 0) {
      // Installed (non-local) modules cannot be resolved without .cairn/modules' manifest: root only then.
      const tree = loadConfiguration(dir, { checks: false });
      if (!hasErrors(tree.diags)) for (const n of tree.modules) if (!n.path.isRoot()) children.set(n.path.toString(), n.module);
    }
    return { config: root.module, children };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `show PATH` when PATH is a saved plan file: its diagnostics (empty on success); undefined when PATH is
 * not a plan file (or cannot be read), for the state file path to handle and report. */
export async function showIfPlanFile(path: string, given: string, ctx: CommandContext, opts: ShowPlanOptions): Promise<Diagnostic[] | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch {
    return undefined;
  }
  if (!isPlanFileBytes(bytes)) return undefined;
  return showPlanFile(bytes, given, ctx, opts);
}
