// A sensitive value used as an object's name never appears in the cluster's error text (the 422 quotes it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { redactDiagnostics, sensitiveStrings } from "../../../providers/cluster/redact.js";

const bin = join(resolve(dirname(fileURLToPath(import.meta.url)), "../../../.."), "bin/cairn");

test("a sensitive namespace name is not in the 422 diagnostic", () => {
  const d = mkdtempSync(join(tmpdir(), "cairn-sensitive-422-"));
  writeFileSync(join(d, "main.tf"), 'variable "ns" {\n  type      = string\n  sensitive = true\n  default   = "Top_Secret_NS"\n}\nresource "cluster_namespace" "x" {\n  name = var.ns\n}\n');
  const r = spawnSync(process.execPath, [bin, "apply", "-auto-approve", "-no-color"], { cwd: d, encoding: "utf8" });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /422 Invalid: Namespace "\(sensitive value\)" is invalid/);
  assert.ok(!(r.stdout + r.stderr).includes("Top_Secret_NS"));
});

test("redaction: values below sensitive paths, quoted always, bare when long enough", () => {
  const secrets = sensitiveStrings({ name: "ab", data: { k: "long-secret" }, other: "public" }, [[{ kind: "attr", name: "name" }], [{ kind: "attr", name: "data" }]]);
  assert.deepEqual(secrets, ["long-secret", "ab"]);
  const [d] = redactDiagnostics([{ severity: "error", summary: "x", detail: 'name "ab" about abc; long-secret here; public' }], secrets);
  assert.equal(d!.detail, 'name "(sensitive value)" about abc; (sensitive value) here; public');
});
