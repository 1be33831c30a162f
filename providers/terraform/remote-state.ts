// The `terraform_remote_state` data source: the root outputs of another configuration's state, read through
// a backend. Cairn's in-process builtin provider reads the `local` backend (`path`, `workspace_dir`, the
// workspace's own file); other backend types are refused naming the one it reads. As Terraform 1.11, an
// output recorded as sensitive is read unmarked (its state and JSON plan mark nothing under `outputs`).

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { errorDiag, type Diagnostic } from "../../lang/diagnostics.js";
import { DynamicPseudoType, StringType } from "../../lang/values/types.js";
import { objectVal, type Value } from "../../lang/values/value.js";
import { outputStateValue } from "../../state/output-value.js";
import { parseState } from "../../state/parse.js";
import { getAttr } from "../objchange/index.js";
import type { Schema } from "../schema.js";

export const remoteStateTypeName = "terraform_remote_state";

export const remoteStateSchema: Schema = {
  version: 0,
  block: {
    attributes: {
      backend: { type: StringType, required: true },
      config: { type: DynamicPseudoType, optional: true },
      defaults: { type: DynamicPseudoType, optional: true },
      outputs: { type: DynamicPseudoType, computed: true },
      workspace: { type: StringType, optional: true },
    },
  },
};

const localArguments = new Set(["path", "workspace_dir"]);

export function validateRemoteState(config: Value): Diagnostic[] {
  const backend = getAttr(config, "backend");
  if (!backend.isKnown() || backend.isNull()) return [];
  if (backend.asString() !== "local") return [unsupportedBackend(backend.asString())];
  return unexpectedArguments(getAttr(config, "config"));
}

export interface RemoteStateRead {
  readonly state: Value;
  readonly diagnostics: Diagnostic[];
}

/** Reads the outputs; `cwd` is what relative paths are taken from (the working directory, as Terraform). */
export function readRemoteState(config: Value, cwd: string): RemoteStateRead {
  const fail = (d: Diagnostic): RemoteStateRead => ({ state: config, diagnostics: [d] });
  const invalid = validateRemoteState(config);
  if (invalid.length > 0) return { state: config, diagnostics: invalid };
  const settings = getAttr(config, "config");
  const setting = (name: string): string | undefined => {
    if (settings.isNull() || !(settings.raw instanceof Map)) return undefined;
    const v = (settings.raw as ReadonlyMap<string, Value>).get(name);
    return v === undefined || v.isNull() || v.type.kind !== "string" ? undefined : v.asString();
  };
  const ws = getAttr(config, "workspace");
  const workspace = ws.isNull() ? "default" : ws.asString();
  const path = resolve(cwd, workspace === "default" ? (setting("path") ?? "terraform.tfstate") : join(setting("workspace_dir") ?? "terraform.tfstate.d", workspace, "terraform.tfstate"));
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") return fail(errorDiag("Error loading state error", `Reading ${path}: ${(err as Error).message}`));
    return fail(errorDiag("Unable to find remote state", "No stored state was found for the given workspace in the given backend."));
  }
  const parsed = parseState(text, path);
  if (parsed.state === undefined) {
    return fail(errorDiag("Error loading state error", `error loading the remote state: ${parsed.diags.map((d) => d.detail ?? d.summary).join("; ")}`));
  }
  const outputs = new Map<string, Value>();
  for (const [name, o] of Object.entries(parsed.state.outputs)) {
    const v = outputStateValue(o);
    if (v === undefined) return fail(errorDiag("Error loading state error", `The output "${name}" of ${path} has a type or value Cairn cannot read.`));
    outputs.set(name, v);
  }
  const defaults = getAttr(config, "defaults");
  if (!defaults.isNull() && defaults.raw instanceof Map) {
    for (const [name, v] of defaults.raw as ReadonlyMap<string, Value>) if (!outputs.has(name)) outputs.set(name, v);
  }
  const state = objectVal({
    backend: getAttr(config, "backend"),
    config: settings,
    defaults,
    outputs: objectVal(outputs),
    // As Terraform: the argument as given (null for the default workspace), not the workspace read.
    workspace: ws,
  });
  return { state, diagnostics: [] };
}

function unsupportedBackend(type: string): Diagnostic {
  return errorDiag("Invalid backend configuration", `There is no backend type named "${type}": Cairn's terraform_remote_state reads the "local" backend.`);
}

function unexpectedArguments(settings: Value): Diagnostic[] {
  if (settings.isNull() || !settings.isKnown() || !(settings.raw instanceof Map)) return [];
  return [...(settings.raw as ReadonlyMap<string, Value>).keys()]
    .filter((k) => !localArguments.has(k))
    .map((k) => errorDiag("Invalid backend configuration", `The backend configuration is incorrect: An argument named "${k}" is not expected here.`));
}
