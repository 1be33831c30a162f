// The human rendering of state objects, as Terraform's `show` and `state show` print them:
//
//   # terraform_data.web:
//   resource "terraform_data" "web" {
//       id     = "9b0e..."
//       input  = "hello"
//   }
//
// Null attributes are left out, as are top-level empty strings (Terraform treats them as null for
// providers without nested attribute types, which is every provider Cairn has). Outputs follow after two
// blank lines under "Outputs:", sensitive ones as (sensitive value).

import type { StateSchemaLookup } from "../../../planner/scope/state-values.js";
import { compareGoStrings } from "../../../lang/values/json-exact.js";
import type { OutputState, StateFile } from "../../../state/model.js";
import { attributeName, byteLength, indentOf, padKey, renderValue, SENSITIVE } from "./render-value.js";
import { isStateEmpty, stateValues, type StateModuleValues, type StateResourceValues } from "./state-values.js";

export function renderResourceObject(r: StateResourceValues): string {
  const header = r.deposedKey !== undefined ? `# ${r.address}: (deposed object ${r.deposedKey})` : r.tainted ? `# ${r.address}: (tainted)` : `# ${r.address}:`;
  const keyword = r.mode === "data" ? "data" : "resource";
  return `${header}\n${keyword} ${JSON.stringify(r.type)} ${JSON.stringify(r.name)} ${renderBlock(r)}\n`;
}

function renderBlock(r: StateResourceValues): string {
  const names = Object.keys(r.values)
    .filter((k) => r.values[k] !== null && r.values[k] !== "")
    .sort(compareGoStrings);
  if (names.length === 0) return "{}";
  const width = Math.max(...names.map((k) => byteLength(attributeName(k))));
  const rc = { sensitive: r.sensitivePaths };
  const lines = names.map((k) => `${indentOf(1)}${padKey(attributeName(k), width)} = ${renderValue(r.values[k]!, 1, [k], rc)}\n`);
  return `{\n${lines.join("")}}`;
}

/** `cairn show` for a state: every object, then the root outputs. */
export function renderStateHuman(state: StateFile | undefined, schemaFor?: StateSchemaLookup): string {
  if (state === undefined) return "No state.\n";
  if (isStateEmpty(state)) return "The state file is empty. No resources are represented.\n";
  const values = stateValues(state, schemaFor);
  const out: string[] = [];
  // `first` is passed down by value, as in Terraform's renderHumanStateModule, so the blank lines between
  // modules come out exactly as Terraform prints them.
  const walk = (m: StateModuleValues, firstIn: boolean) => {
    let first = firstIn;
    if (m.resources.length > 0 && !first) out.push("\n");
    for (const r of m.resources) {
      if (!first) out.push("\n");
      first = false;
      out.push(renderResourceObject(r));
    }
    for (const c of m.childModules) walk(c, first);
  };
  walk(values.rootModule, true);
  if (values.outputs.size > 0) {
    out.push("\n\nOutputs:\n\n");
    for (const name of [...values.outputs.keys()].sort(compareGoStrings)) {
      out.push(`${name} = ${renderOutput(values.outputs.get(name)!)}\n`);
    }
  }
  return out.join("");
}

function renderOutput(o: OutputState): string {
  if (o.sensitive === true) return SENSITIVE;
  return renderValue(o.value, 0, [], { sensitive: new Set() }, o.type);
}
