// The CLI as Terraform users know it: usage texts for every command (-help, -h, --help, `cairn help CMD`),
// "Did you mean" for a mistyped command, one format for flag errors, `version` naming the platform as Go
// does. Where the real terraform binary is on the PATH, the messages are compared with its own.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { commands } from "../../cmd/registry.js";
import { goPlatform, helpRequest, helpTexts, unknownCommandMessage } from "../../cmd/help.js";

const bin = fileURLToPath(new URL("../../../bin/cairn", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "cairn-help-"));
const cairn = (...args: string[]) => spawnSync(process.execPath, [bin, ...args], { cwd: dir, encoding: "utf8", input: "" });
const tfEnv = { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" };
const terraform = (...args: string[]) => spawnSync("terraform", args, { cwd: dir, encoding: "utf8", env: tfEnv, input: "" });
const haveTerraform = terraform("version").status === 0;
// Terraform's text with the product named Cairn; resource types (terraform_data) and history ("Terraform 0.11") keep the name.
const asCairn = (s: string) => s.replace(/Terraform(?! 0\.)/g, "Cairn").replace(/terraform(?![_.])/g, "cairn");

test("every command has a usage text, and each text starts with Terraform's Usage line", async () => {
  for (const name of commands.keys()) {
    const load = helpTexts.get(name);
    assert.ok(load !== undefined, `no usage text for ${name}`);
    const text = await load();
    assert.ok(text.startsWith(`Usage: cairn [global options] ${name}`), `${name}: ${text.split("\n")[0]}`);
    assert.ok(text.endsWith("\n"));
  }
});

const helpForms: { args: string[]; path: string }[] = [
  { args: ["validate", "-help"], path: "validate" },
  { args: ["plan", "-h"], path: "plan" },
  { args: ["apply", "--help"], path: "apply" },
  { args: ["state", "list", "-help"], path: "state list" },
  { args: ["workspace", "new", "-h"], path: "workspace new" },
  { args: ["plan", "-var", "x=1", "-help"], path: "plan" },
  { args: ["help", "output"], path: "output" },
  { args: ["-help", "state", "mv"], path: "state mv" },
];

for (const f of helpForms) {
  test(`cairn ${f.args.join(" ")} prints the ${f.path} usage on stdout and exits 0`, async () => {
    const r = cairn(...f.args);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, await helpTexts.get(f.path)!());
    assert.equal(r.stderr, "");
  });
}

test("a help flag after -- is an argument, not a request for help", () => {
  assert.equal(helpRequest(["fmt", "--", "-help"]), undefined);
  assert.equal(helpRequest(["state", "list", "-help"]), "state list");
});

test("a mistyped command: Did you mean, on stderr, exit 1", () => {
  const r = cairn("vaildate");
  assert.equal(r.status, 1);
  assert.equal(r.stdout, "");
  assert.equal(r.stderr, 'Cairn has no command named "vaildate". Did you mean "validate"?\n\nTo see all of Cairn\'s top-level commands, run:\n  cairn -help\n\n');
  assert.equal(unknownCommandMessage("zzzzzz", commands.keys()).split("\n")[0], 'Cairn has no command named "zzzzzz".');
});

test("the mistyped-command message is Terraform's", { skip: haveTerraform ? false : "terraform is not on the PATH" }, () => {
  for (const word of ["vaildate", "aply", "nosuchthing"]) {
    assert.equal(cairn(word).stderr, asCairn(terraform(word).stderr), word);
  }
});

test("a flag error: Terraform's diagnostic and help prompt, exit 1", () => {
  for (const cmd of ["validate", "plan", "output"]) {
    const r = cairn(cmd, "-bogus", "-no-color");
    assert.equal(r.status, 1, cmd);
    // -no-color is honoured even though the flags did not parse (Terraform reads it first).
    assert.ok(r.stderr.startsWith("\nError: Failed to parse command-line flags\n\nflag provided but not defined: -bogus\n"), `${cmd}: ${r.stderr}`);
    assert.ok(r.stderr.endsWith(`\nFor more help on using this command, run:\n  cairn ${cmd} -help\n`), `${cmd}: ${r.stderr}`);
  }
});

test("a flag error is byte-for-byte Terraform's", { skip: haveTerraform ? false : "terraform is not on the PATH" }, () => {
  for (const cmd of ["validate", "plan", "output", "show"]) {
    assert.equal(cairn(cmd, "-bogus", "-no-color").stderr, asCairn(terraform(cmd, "-bogus", "-no-color").stderr), cmd);
  }
});

test("validate -no-color renders diagnostics byte-for-byte as terraform validate -no-color", { skip: haveTerraform ? false : "terraform is not on the PATH" }, () => {
  const cases = fileURLToPath(new URL("../../../test/conformance/validate/cases/", import.meta.url));
  // Cases whose messages Cairn words as Terraform does, from the conformance corpus.
  for (const name of ["ref-undeclared-var", "type-string-plus-number", "meta-count-negative", "ok-depends-on-quoted-warning", "ref-missing-instance-key"]) {
    const c = spawnSync(process.execPath, [bin, "validate", "-no-color"], { cwd: cases + name, encoding: "utf8" });
    const t = spawnSync("terraform", ["validate", "-no-color"], { cwd: cases + name, encoding: "utf8", env: tfEnv });
    assert.equal(c.stderr + c.stdout, asCairn(t.stderr + t.stdout), name);
  }
});

test("version names the platform as Go does", () => {
  assert.equal(goPlatform("linux", "x64"), "linux_amd64");
  assert.equal(goPlatform("darwin", "arm64"), "darwin_arm64");
  assert.equal(goPlatform("win32", "ia32"), "windows_386");
  const r = cairn("version");
  assert.equal(r.status, 0);
  assert.match(r.stdout, /^Cairn v\S+\non [a-z0-9]+_[a-z0-9]+\n$/);
  assert.ok(r.stdout.endsWith(`on ${goPlatform()}\n`));
});
