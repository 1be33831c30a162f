// terraform_remote_state on the local backend (pg: remote-state-pg.test.ts), through the builtin provider: where it reads (path,
// workspace_dir, the workspace's own file, relative to the working directory), what it returns (every root
// output, defaults for the missing ones, the arguments as given) and how it fails, worded as Terraform.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { valueToJSONText } from "../../lang/values/json.js";
import { nullVal, objectVal, stringVal, type Value } from "../../lang/values/value.js";
import { DynamicPseudoType, StringType } from "../../lang/values/types.js";
import { TerraformProvider } from "../../providers/terraform/provider.js";

function stateWith(outputs: Record<string, { value: unknown; type: unknown; sensitive?: boolean }>): string {
  return JSON.stringify({ version: 4, terraform_version: "1.11.4", serial: 1, lineage: "l", outputs, resources: [], check_results: null });
}

function workdir(): string {
  const d = mkdtempSync(join(tmpdir(), "cairn-remote-state-"));
  writeFileSync(join(d, "terraform.tfstate"), stateWith({ name: { value: "default-ws", type: "string" } }));
  writeFileSync(join(d, "other.tfstate"), stateWith({ nums: { value: [1, 2], type: ["tuple", ["number", "number"]] }, secret: { value: "s", type: "string", sensitive: true } }));
  mkdirSync(join(d, "envs", "staging"), { recursive: true });
  writeFileSync(join(d, "envs", "staging", "terraform.tfstate"), stateWith({ name: { value: "staging", type: "string" } }));
  return d;
}

function config(given: { backend?: string; config?: Record<string, string>; workspace?: string; defaults?: Record<string, string> }): Value {
  const obj = (r: Record<string, string> | undefined) => (r === undefined ? nullVal(DynamicPseudoType) : objectVal(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, stringVal(v)]))));
  return objectVal({
    backend: stringVal(given.backend ?? "local"),
    config: obj(given.config),
    defaults: obj(given.defaults),
    outputs: nullVal(DynamicPseudoType),
    workspace: given.workspace === undefined ? nullVal(StringType) : stringVal(given.workspace),
  });
}

const cases: { name: string; given: Parameters<typeof config>[0]; outputs?: string; error?: RegExp }[] = [
  { name: "the default path", given: {}, outputs: '{"name":"default-ws"}' },
  { name: "a path, every output read unmarked as Terraform does", given: { config: { path: "./other.tfstate" } }, outputs: '{"nums":[1,2],"secret":"s"}' },
  { name: "a workspace in workspace_dir", given: { config: { workspace_dir: "envs" }, workspace: "staging" }, outputs: '{"name":"staging"}' },
  { name: "defaults fill missing outputs only", given: { defaults: { name: "ignored", region: "eu" } }, outputs: '{"name":"default-ws","region":"eu"}' },
  { name: "a missing state", given: { config: { path: "nope.tfstate" } }, error: /^Unable to find remote state: No stored state was found for the given workspace in the given backend\.$/ },
  { name: "a missing workspace", given: { workspace: "prod" }, error: /^Unable to find remote state/ },
  { name: "a backend type Cairn does not have", given: { backend: "nope" }, error: /^Invalid backend configuration: There is no backend type named "nope"\.$/ },
  { name: "an argument the local backend does not have", given: { config: { bucket: "b" } }, error: /^Invalid backend configuration: The given configuration is not valid for backend "local": unexpected attribute "bucket"\.$/ },
];

for (const c of cases) {
  test(`terraform_remote_state: ${c.name}`, async () => {
    const p = new TerraformProvider({ workingDir: workdir() });
    const validated = await p.validateDataResourceConfig({ typeName: "terraform_remote_state", config: config(c.given) });
    const r = await p.readDataSource({ typeName: "terraform_remote_state", config: config(c.given) });
    if (c.error !== undefined) {
      assert.equal(r.diagnostics.length, 1);
      assert.match(`${r.diagnostics[0]!.summary}: ${r.diagnostics[0]!.detail}`, c.error);
    } else {
      assert.deepEqual([...validated.diagnostics, ...r.diagnostics], []);
      const outputs = (r.state.raw as ReadonlyMap<string, Value>).get("outputs")!;
      const json = valueToJSONText(outputs);
      assert.ok(json.ok);
      assert.equal(json.text, c.outputs);
    }
  });
}
