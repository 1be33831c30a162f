// `cairn import [options] ADDR ID`: adopts an existing object into the state at ADDR, whose resource must be
// configured in the root module (Terraform's import command). Planned as an import block targeting ADDR
// alone would be, so the provider's import and read run as in a plan; only the imported object is written
// to the state, and the configuration's other changes are left to the next plan.

import type { Command } from "../registry.js";
import { hasErrors, errorDiag } from "../../lang/diagnostics.js";
import { parseAbsResourceInstanceStr, parseTargetStr } from "../../addrs/parse-target.js";
import { lockState, prepareOperation, showDiags, unlockState } from "../operation/operation.js";
import { stateForPlan } from "../../operations/plan-state.js";
import { persistState } from "../../operations/locked-run.js";
import { recordStateVersion } from "../../operations/record-version.js";
import { emptyState } from "../../state/model.js";
import { VERSION } from "../../operations/version.js";
import { findInstance, instanceAddr, putInstanceObject } from "./state/import-object.js";
import { help } from "./help/import.js";

export const importCommand: Command = {
  name: "import",
  synopsis: "Associate existing infrastructure with a Cairn resource",
  async run(argv, ctx) {
    const op = await prepareOperation(argv, ctx, "import");
    if (typeof op === "number") return op;
    try {
      if (op.flags.positional.length !== 2) {
        ctx.stderr.write(`The import command expects two arguments.\n${help}`);
        return 1;
      }
      const [addrArg, id] = op.flags.positional as [string, string];
      const parsed = parseAbsResourceInstanceStr(addrArg);
      if (parsed.addr === undefined) {
        showDiags(op, parsed.diags.length > 0 ? parsed.diags : [errorDiag("Invalid address", `${addrArg} is not a resource instance address.`)]);
        return 1;
      }
      const addr = parsed.addr;
      const res = addr.resource.resource;
      const configured = addr.module.isRoot() && (res.mode === "managed" ? op.module.managedResources : op.module.dataResources).has(res.key());
      if (res.mode !== "managed" || !configured) {
        ctx.stderr.write(
          `\nError: resource address "${addr.toString()}" does not exist in the configuration.\n\nBefore importing this resource, please create its configuration in the root module. For example:\n\nresource "${res.type}" "${res.name}" {\n  # (resource arguments)\n}\n`,
        );
        return 1;
      }
      if (!(await lockState(op, "OperationTypeImport"))) return 1;
      const st = await stateForPlan(op.store, op.core);
      showDiags(op, st.diags);
      if (hasErrors(st.diags)) return 1;
      const state = st.state ?? emptyState(VERSION);
      ctx.stdout.write(`${addr.toString()}: Importing from ID "${id}"...\n${addr.toString()}: Import prepared!\n  Prepared ${res.type} for import\n`);
      if (findInstance(state, addr) !== undefined) {
        showDiags(op, [
          errorDiag(
            "Resource already managed by Cairn",
            `Cairn is already managing a remote object for ${addr.toString()}. To import to this address you must first remove the existing object from the state.`,
          ),
        ]);
        return 1;
      }
      const { plan, diags } = await op.core.plan(st.state, {
        ...op.planOptions,
        targets: [parseTargetStr(addrArg).target!],
        imports: new Map([[addr.key(), { id }]]),
      });
      const imported = plan === undefined ? undefined : findInstance(plan.priorState, addr);
      if (hasErrors(diags) || imported === undefined) {
        showDiags(op, diags.filter((d) => d.severity === "error" || d.summary !== "Resource targeting is in effect"));
        return 1;
      }
      ctx.stdout.write(`${addr.toString()}: Refreshing state... [id=${id}]\n`);
      putInstanceObject(state, instanceAddr(imported.resource, imported.instance), imported.instance, imported.resource.provider);
      const failure = await persistState(op.store, state);
      if (failure !== undefined) {
        showDiags(op, [errorDiag("Failed to persist state", failure)]);
        return 1;
      }
      showDiags(op, (await recordStateVersion(op.store, ctx, { command: "import", args: argv })).diags);
      ctx.stdout.write(
        "\nImport successful!\n\nThe resources that were imported are shown above. These resources are now in\nyour Cairn state and will henceforth be managed by Cairn.\n\n",
      );
      return 0;
    } finally {
      await unlockState(op);
      await op.core.close();
    }
  },
};
