import { test } from "node:test";
import assert from "node:assert/strict";
import { openHistory, diffVersions, diffInstances } from "../../../state/history/index.js";
import { applyAndRecord, stateOf, tempWorkdir } from "./fixture.js";

test("per-attribute differences, line diffs for multi-line strings, sensitive values redacted", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    await applyAndRecord(
      statePath,
      stateOf([{ name: "cfg", attrs: { id: "c", script: "line1\nline2\nline3\n", password: "old-secret", tags: { env: "dev", team: "a" } }, sensitive: ["password"] }], { pw: { value: "out-secret-1", sensitive: true }, url: { value: "u1" } }),
      { command: "apply" },
    );
    await applyAndRecord(
      statePath,
      stateOf([{ name: "cfg", attrs: { id: "c", script: "line1\nLINE2\nline3\n", password: "new-secret", tags: { env: "prod", team: "a" } }, sensitive: ["password"] }], { pw: { value: "out-secret-2", sensitive: true }, url: { value: "u2" } }),
      { command: "apply" },
    );
    const { history } = openHistory(statePath);
    const d = diffVersions(history, 1, 2).diff!;
    assert.equal(d.resources.length, 1);
    const attrs = d.resources[0]!.attributes;
    assert.deepEqual(attrs.map((a) => a.path), ["password", "script", "tags.env"]);
    assert.deepEqual(attrs[0], { path: "password", action: "change", sensitive: true, before: "(sensitive value)", after: "(sensitive value)" });
    assert.deepEqual(attrs[1]!.lines, ["  line1", "- line2", "+ LINE2", "  line3"]);
    assert.deepEqual(attrs[2], { path: "tags.env", action: "change", before: "dev", after: "prod" });
    assert.deepEqual(d.outputs.map((o) => [o.name, o.before, o.after]), [["pw", "(sensitive value)", "(sensitive value)"], ["url", "u1", "u2"]]);
    assert.ok(!/secret/.test(JSON.stringify(d)));
  } finally {
    cleanup();
  }
});

test("a sensitive map is not walked: its keys stay hidden", () => {
  const mk = (v: string) => ({ schema_version: 0, attributes: { creds: { ["user-" + v]: v } }, sensitive_attributes: [[{ type: "get_attr", value: "creds" }]] });
  const c = diffInstances(mk("a"), mk("b"));
  assert.deepEqual(c, [{ path: "creds", action: "change", sensitive: true, before: "(sensitive value)", after: "(sensitive value)" }]);
});
