// Issue 6 end to end through bin/cairn in a temporary directory: every state-changing command records one
// version (apply, destroy, state mv/rm/push), `plan -refresh-only` and `cairn drift` record drift checks,
// `state show -serial N`, the audit of a hand-edited state file, and encryption at rest of the state file,
// its backups and journal (CAIRN_STATE_PASSPHRASE or the terraform block's encryption settings), a wrong or
// missing key refused with the file unchanged.

import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { isEncrypted } from "../../state/encryption/index.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");
const bin = join(root, "bin/cairn");

function dir(files: Record<string, string>): { d: string; cleanup: () => void } {
  const d = mkdtempSync(join(tmpdir(), "cairn-history-cli-"));
  for (const [n, t] of Object.entries(files)) writeFileSync(join(d, n), t);
  return { d, cleanup: () => rmSync(d, { recursive: true, force: true }) };
}

function cairn(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}, input = ""): { code: number; out: string; err: string } {
  const base: NodeJS.ProcessEnv = { ...process.env, TF_IN_AUTOMATION: "", CAIRN_ACTOR: "ci-bot@pipeline" };
  for (const k of Object.keys(base)) if (k.startsWith("CAIRN_STATE_") || k.startsWith("TF_VAR_")) delete base[k];
  const r = spawnSync(process.execPath, [bin, ...args], { cwd, input, encoding: "utf8", env: { ...base, ...env } });
  // Diagnostics are wrapped and boxed: compare their words.
  const flat = (t: string) => t.replace(/[│╷╵]/g, " ").replace(/\s+/g, " ");
  return { code: r.status ?? -1, out: r.stdout, err: flat(r.stderr) };
}

const config = (input: string) => `
variable "extra" {
  type    = bool
  default = false
}
resource "terraform_data" "a" { input = "${input}" }
resource "terraform_data" "b" { input = terraform_data.a.output }
resource "terraform_data" "c" {
  count = var.extra ? 1 : 0
  input = "c"
}
output "b" { value = terraform_data.b.output }
`;

interface HistoryJson {
  records: { event: string; serial: number; actor: string; command: { name: string; args: string[] }; partial?: boolean; changes: { address: string; action: string }[]; counts: { created: number; changed: number; destroyed: number } }[];
}

function historyJson(d: string, env: NodeJS.ProcessEnv = {}): HistoryJson {
  const h = cairn(d, ["state", "history", "-json"], env);
  assert.equal(h.code, 0, h.err);
  return JSON.parse(h.out) as HistoryJson;
}

test("acceptance 1: three applies → state history shows three versions with actor, command and change counts; audit clean, then a hand edit found", () => {
  const { d, cleanup } = dir({ "main.tf": config("one") });
  try {
    assert.equal(cairn(d, ["apply", "-auto-approve", "-no-color"]).code, 0);
    writeFileSync(join(d, "main.tf"), config("two"));
    const second = cairn(d, ["apply", "-auto-approve", "-no-color"]);
    assert.equal(second.code, 0, second.err);
    const third = cairn(d, ["apply", "-auto-approve", "-no-color", "-var", "extra=true"]);
    assert.equal(third.code, 0, third.err);
    // A no-op apply records nothing.
    assert.equal(cairn(d, ["apply", "-auto-approve", "-no-color", "-var", "extra=true"]).code, 0);

    const table = cairn(d, ["state", "history"]);
    assert.equal(table.code, 0, table.err);
    const lines = table.out.trimEnd().split("\n");
    assert.match(lines[0]!, /^SERIAL\s+TIME \(UTC\)\s+ACTOR\s+COMMAND\s+CREATED\s+CHANGED\s+DESTROYED/);
    assert.equal(lines.length, 4, table.out);
    for (const l of lines.slice(1)) assert.match(l, /ci-bot@pipeline\s+apply\s/);

    const h = historyJson(d);
    assert.equal(h.records.length, 3);
    // Newest first: +c; a and b changed; a and b created.
    assert.deepEqual(h.records.map((r) => r.counts), [
      { created: 1, changed: 0, destroyed: 0 },
      { created: 0, changed: 2, destroyed: 0 },
      { created: 2, changed: 0, destroyed: 0 },
    ]);
    assert.deepEqual(h.records[0]!.changes, [{ address: "terraform_data.c[0]", action: "create" }]);
    assert.ok(h.records.every((r) => r.command.name === "apply" && r.actor === "ci-bot@pipeline" && r.partial === undefined));
    // Flag names only: the -var value is never recorded.
    assert.deepEqual(h.records[0]!.command.args, ["-auto-approve", "-no-color", "-var"]);
    const serials = h.records.map((r) => r.serial);
    const state = JSON.parse(readFileSync(join(d, "cairn.tfstate"), "utf8"));
    assert.equal(serials[0], state.serial);

    // state show -serial: the state as it was at the first version, and one instance of it.
    const first = cairn(d, ["state", "show", "-serial", String(serials[2]), "terraform_data.a"]);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /input +\= "one"/);
    const whole = cairn(d, ["state", "show", "-serial", String(serials[2])]);
    assert.equal(whole.code, 0, whole.err);
    assert.match(whole.out, /# terraform_data\.b:/);
    assert.doesNotMatch(whole.out, /terraform_data\.c/);
    const missing = cairn(d, ["state", "show", "-serial", "999"]);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /999/);

    const clean = cairn(d, ["state", "audit"]);
    assert.equal(clean.code, 0, clean.out + clean.err);
    assert.match(clean.out, /Audited 3 version\(s\).*intact/);

    // A hand edit of one attribute of terraform_data.a.
    const edit = JSON.parse(readFileSync(join(d, "cairn.tfstate"), "utf8"));
    const a = edit.resources.find((r: { name: string }) => r.name === "a").instances[0].attributes;
    assert.equal(a.input.value, "two");
    a.input.value = "edited by hand";
    writeFileSync(join(d, "cairn.tfstate"), JSON.stringify(edit, null, 2) + "\n");
    const edited = cairn(d, ["state", "audit"]);
    assert.equal(edited.code, 2, edited.out + edited.err);
    assert.match(edited.out, new RegExp(`[Vv]ersion ${serials[0]}`));
    assert.match(edited.out, /terraform_data\.a: .*input/);
  } finally {
    cleanup();
  }
});

test("state mv, state rm, state push and destroy each record one version; plan -refresh-only and drift record drift checks", () => {
  const { d, cleanup } = dir({ "main.tf": config("one") });
  try {
    assert.equal(cairn(d, ["apply", "-auto-approve"]).code, 0);
    const mv = cairn(d, ["state", "mv", "terraform_data.b", "terraform_data.moved"]);
    assert.equal(mv.code, 0, mv.err);
    const rm = cairn(d, ["state", "rm", "terraform_data.moved"]);
    assert.equal(rm.code, 0, rm.err);
    // Push a copy of the current state with a higher serial and a new output value.
    const current = JSON.parse(readFileSync(join(d, "cairn.tfstate"), "utf8"));
    current.serial += 5;
    current.outputs = { pushed: { value: "yes", type: "string" } };
    writeFileSync(join(d, "pushed.tfstate"), JSON.stringify(current));
    const push = cairn(d, ["state", "push", "pushed.tfstate"]);
    assert.equal(push.code, 0, push.err);

    const refresh = cairn(d, ["plan", "-refresh-only", "-no-color"]);
    assert.equal(refresh.code, 0, refresh.err);
    const drift = cairn(d, ["drift", "-json"]);
    assert.equal(drift.code, 0, drift.err);
    assert.deepEqual(JSON.parse(drift.out).drifted, []);

    const destroy = cairn(d, ["destroy", "-auto-approve"]);
    assert.equal(destroy.code, 0, destroy.err);

    const h = historyJson(d).records.reverse();
    assert.deepEqual(
      h.map((r) => [r.event, r.command.name]),
      [
        ["version", "apply"],
        ["version", "state mv"],
        ["version", "state rm"],
        ["version", "state push"],
        ["drift", "plan -refresh-only"],
        ["drift", "drift"],
        ["version", "destroy"],
      ],
    );
    assert.deepEqual(h[1]!.changes, [
      { address: "terraform_data.b", action: "delete" },
      { address: "terraform_data.moved", action: "create" },
    ]);
    assert.deepEqual(h[2]!.changes, [{ address: "terraform_data.moved", action: "delete" }]);
    assert.equal(h[3]!.serial, current.serial);
    assert.deepEqual(h[6]!.changes.map((c) => c.action), ["delete", "delete"].slice(0, h[6]!.changes.length));
    assert.ok(h[6]!.changes.length >= 1);
    const audit = cairn(d, ["state", "audit"]);
    assert.equal(audit.code, 0, audit.out + audit.err);
  } finally {
    cleanup();
  }
});

test("encryption at rest with CAIRN_STATE_PASSPHRASE: apply/plan/state list round trip; wrong or missing key refused, file unchanged", () => {
  const { d, cleanup } = dir({ "main.tf": config("cleartext-marker") });
  const env = { CAIRN_STATE_PASSPHRASE: "correct horse battery staple" };
  try {
    const a = cairn(d, ["apply", "-auto-approve", "-no-color"], env);
    assert.equal(a.code, 0, a.err);
    const statePath = join(d, "cairn.tfstate");
    const sealed = readFileSync(statePath);
    assert.ok(isEncrypted(sealed), "the state file is encrypted");
    assert.ok(!sealed.includes("cleartext-marker"));

    const p = cairn(d, ["plan", "-detailed-exitcode", "-no-color"], env);
    assert.equal(p.code, 0, p.out + p.err);
    assert.match(p.out, /No changes\./);
    const list = cairn(d, ["state", "list"], env);
    assert.equal(list.code, 0, list.err);
    assert.deepEqual(list.out.trim().split("\n"), ["terraform_data.a", "terraform_data.b"]);
    const out = cairn(d, ["output", "-raw", "b"], env);
    assert.equal(out.out, "cleartext-marker");

    // A second apply that changes something: the backup is encrypted too, and the history stays sealed.
    writeFileSync(join(d, "main.tf"), config("second-marker"));
    assert.equal(cairn(d, ["apply", "-auto-approve"], env).code, 0);
    for (const f of readdirSync(d).filter((n) => n.startsWith("cairn.tfstate"))) {
      const bytes = readFileSync(join(d, f));
      assert.ok(isEncrypted(bytes), `${f} is encrypted`);
      assert.ok(!bytes.includes("marker"), `${f} holds a value in plaintext`);
    }
    const h = historyJson(d, env);
    assert.equal(h.records.length, 2);
    assert.equal(cairn(d, ["state", "audit"], env).code, 0);

    const before = readFileSync(statePath);
    for (const args of [["plan"], ["apply", "-auto-approve"], ["state", "list"], ["state", "rm", "terraform_data.a"], ["output"], ["show"]]) {
      const wrong = cairn(d, args, { CAIRN_STATE_PASSPHRASE: "wrong" });
      assert.equal(wrong.code, 1, `${args.join(" ")} with a wrong key: ${wrong.out}`);
      assert.match(wrong.err, /Wrong encryption key/, args.join(" "));
      const none = cairn(d, args);
      assert.equal(none.code, 1, `${args.join(" ")} without a key`);
      assert.match(none.err, /Missing encryption key/, args.join(" "));
    }
    const wrongApply = cairn(d, ["apply", "-auto-approve"], { CAIRN_STATE_PASSPHRASE: "wrong" });
    assert.match(wrongApply.err, /Failed to load state/);
    assert.deepEqual(readFileSync(statePath), before, "nothing was overwritten");
    assert.ok(!existsSync(join(d, "cairn.tfstate.journal")));
  } finally {
    cleanup();
  }
});

test("encryption configured in the terraform block: passphrase from a variable; a plaintext state is sealed on its next write; a literal passphrase is refused", () => {
  const block = `
terraform {
  encryption {
    passphrase = var.state_passphrase
  }
}
variable "state_passphrase" {
  type      = string
  sensitive = true
}
`;
  const { d, cleanup } = dir({ "main.tf": config("block-marker") });
  try {
    // A plaintext state first; then encryption is turned on.
    assert.equal(cairn(d, ["apply", "-auto-approve"]).code, 0);
    assert.ok(!isEncrypted(readFileSync(join(d, "cairn.tfstate"))));
    writeFileSync(join(d, "enc.tf"), block);
    const env = { TF_VAR_state_passphrase: "from-a-variable" };
    const noVar = cairn(d, ["state", "list"]);
    assert.equal(noVar.code, 1);
    assert.match(noVar.err, /Missing encryption passphrase/);
    writeFileSync(join(d, "main.tf"), config("block-marker-2"));
    const a = cairn(d, ["apply", "-auto-approve"], env);
    assert.equal(a.code, 0, a.err);
    const state = readFileSync(join(d, "cairn.tfstate"));
    assert.ok(isEncrypted(state));
    assert.ok(isEncrypted(readFileSync(join(d, "cairn.tfstate.backup"))), "the plaintext state's backup is sealed too");
    // -var works as well as TF_VAR_.
    const list = cairn(d, ["plan", "-detailed-exitcode", "-var", "state_passphrase=from-a-variable"]);
    assert.equal(list.code, 0, list.out + list.err);
    const wrong = cairn(d, ["state", "list"], { TF_VAR_state_passphrase: "nope" });
    assert.equal(wrong.code, 1);
    assert.match(wrong.err, /Wrong encryption key/);

    writeFileSync(join(d, "enc.tf"), `terraform {\n  encryption {\n    passphrase = "literal"\n  }\n}\n`);
    const literal = cairn(d, ["state", "list"]);
    assert.equal(literal.code, 1);
    assert.match(literal.err, /Invalid encryption passphrase/);
    const literalPlan = cairn(d, ["plan"]);
    assert.equal(literalPlan.code, 1);
    assert.match(literalPlan.err, /Invalid encryption passphrase/);
    assert.deepEqual(readFileSync(join(d, "cairn.tfstate")), state);
  } finally {
    cleanup();
  }
});
