import { test } from "node:test";
import assert from "node:assert/strict";
import { outputCommand } from "../../cmd/commands/output.js";
import { copyFixture, fixtures, runCommand } from "./state-harness.js";
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const run = (dir: string, ...args: string[]) => runCommand(outputCommand, fixtures + dir, args);

test("output lists every output sorted, sensitive ones as <sensitive>", async () => {
  const r = await run("state-basic");
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'greeting = "hello"\nnames = tolist([\n  "a",\n  "b",\n])\ntoken = <sensitive>\n');
});

test("output NAME prints one value, also a sensitive one, as Terraform does", async () => {
  assert.equal((await run("state-basic", "greeting")).stdout, '"hello"\n');
  assert.equal((await run("state-basic", "token")).stdout, '"s3cr3t"\n');
});

test("output -json prints sensitive/type/value for all, the bare value for one", async () => {
  const all = await run("state-basic", "-json");
  assert.equal(all.code, 0);
  assert.deepEqual(JSON.parse(all.stdout), {
    greeting: { sensitive: false, type: "string", value: "hello" },
    names: { sensitive: false, type: ["list", "string"], value: ["a", "b"] },
    token: { sensitive: true, type: "string", value: "s3cr3t" },
  });
  assert.match(all.stdout, /^\{\n  "greeting": \{\n    "sensitive": false,\n    "type": "string",\n    "value": "hello"\n  \},/);
  assert.equal((await run("state-basic", "-json", "names")).stdout, '["a","b"]\n');
});

test("output -raw prints strings bare and refuses complex values with Terraform's error", async () => {
  const r = await run("state-basic", "-raw", "greeting");
  assert.deepEqual([r.code, r.stdout], [0, "hello"]);
  const list = await run("state-basic", "-raw", "names");
  assert.equal(list.code, 1);
  assert.equal(list.stdout, "");
  assert.match(list.stderr, /Error: Unsupported value for raw output/);
  assert.match(list.flat, /but output value "names" is list of string\./);
  const noName = await run("state-basic", "-raw");
  assert.equal(noName.code, 1);
  assert.match(noName.stderr, /Error: Output name required/);
  const both = await run("state-basic", "-raw", "-json", "greeting");
  assert.match(both.stderr, /The -raw and -json options are mutually-exclusive\./);
});

test("output -raw prints numbers and bools as strings", async () => {
  const dir = copyFixture("state-basic");
  const path = join(dir, "cairn.tfstate");
  const text = (await import("node:fs")).readFileSync(path, "utf8");
  writeFileSync(
    path,
    text.replace('"greeting": {\n      "value": "hello",\n      "type": "string"\n    }', '"greeting": {\n      "value": 1.50,\n      "type": "number"\n    },\n    "on": {\n      "value": true,\n      "type": "bool"\n    }'),
  );
  assert.equal((await runCommand(outputCommand, dir, ["-raw", "greeting"])).stdout, "1.5");
  assert.equal((await runCommand(outputCommand, dir, ["-raw", "on"])).stdout, "true");
});

test("a missing output is an error; no outputs at all is a warning with exit 0", async () => {
  const missing = await run("state-basic", "nope");
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /Error: Output "nope" not found/);
  const none = await run("output-empty");
  assert.equal(none.code, 0);
  assert.equal(none.stdout, "");
  assert.match(none.stderr, /Warning: No outputs found/);
  const noneJson = await run("output-empty", "-json");
  assert.deepEqual([noneJson.code, noneJson.stdout, noneJson.stderr], [0, "{}\n", ""]);
});

test("output on a corrupt state fails with the load diagnostic", async () => {
  const r = await run("state-corrupt");
  assert.equal(r.code, 1);
  assert.match(r.stderr, /Error: Failed to load state/);
});

test("output -state=path reads another state file", async () => {
  const r = await runCommand(outputCommand, fixtures + "output-empty", ["-state=../state-basic/cairn.tfstate", "greeting"]);
  assert.equal(r.stdout, '"hello"\n');
});
