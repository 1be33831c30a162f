// Tamper tests: each kind of tampering is detected and the finding names the exact version and what is wrong.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { hostname } from "node:os";
import { openHistory, auditHistory, type Finding } from "../../../state/history/index.js";
import { recordHash } from "../../../state/history/record.js";
import { applyAndRecord, stateOf, tempWorkdir, threeVersions } from "./fixture.js";
import { replaceStored, storedBytes } from "./pack-edit.js";

async function withThree(body: (statePath: string) => Promise<Finding[]> | Finding[]): Promise<Finding[]> {
  const { statePath, cleanup } = tempWorkdir();
  try {
    await threeVersions(statePath);
    return await body(statePath);
  } finally {
    cleanup();
  }
}

function audit(statePath: string): Finding[] {
  return auditHistory(openHistory(statePath).history).findings;
}

function lines(statePath: string): string[] {
  return readFileSync(openHistory(statePath).history.paths.records, "utf8").trimEnd().split("\n");
}

function writeLines(statePath: string, ls: string[]): void {
  writeFileSync(openHistory(statePath).history.paths.records, ls.join("\n") + "\n");
}

test("a clean history audits clean", async () => {
  assert.deepEqual(await withThree(audit), []);
});

test("one value changed in the state file: named with version, resource and attribute", async () => {
  const f = await withThree((p) => {
    writeFileSync(p, readFileSync(p, "utf8").replace('"input": "y"', '"input": "z"'));
    return audit(p);
  });
  assert.equal(f.length, 1);
  assert.equal(f[0]!.kind, "state-edited");
  assert.equal(f[0]!.version, 3);
  assert.deepEqual(f[0]!.resources, [{ address: "terraform_data.c", attributes: ["input"] }]);
  assert.match(f[0]!.message, /^Version 3: .*terraform_data\.c \(input\)/);
});

test("a record edited (a field changed, hash left): names that version", async () => {
  const f = await withThree((p) => {
    const ls = lines(p);
    ls[1] = ls[1]!.replace('"actor":"alice@ci"', '"actor":"mallory@ci"');
    writeLines(p, ls);
    return audit(p);
  });
  assert.deepEqual(f.map((x) => [x.kind, x.version]), [["edited-record", 2]]);
  assert.match(f[0]!.message, /^Version 2: the record was edited/);
});

test("a record edited and re-hashed: the next version's link names it", async () => {
  const f = await withThree((p) => {
    const ls = lines(p);
    const r = JSON.parse(ls[1]!);
    r.actor = "mallory@ci";
    r.hash = recordHash(r);
    ls[1] = JSON.stringify(r);
    writeLines(p, ls);
    return audit(p);
  });
  assert.deepEqual(f.map((x) => [x.kind, x.version]), [["broken-link", 3]]);
  assert.match(f[0]!.message, /Version 3: its link to version 2 is broken/);
});

test("a record deleted from the middle: the gap is named", async () => {
  const f = await withThree((p) => {
    const ls = lines(p);
    ls.splice(1, 1);
    writeLines(p, ls);
    return audit(p);
  });
  assert.ok(f.some((x) => x.kind === "missing-record" && x.version === 3 && /Record 2 is missing between version 1 and version 3/.test(x.message)), JSON.stringify(f));
});

test("the newest record deleted: the head and the state file show it", async () => {
  const f = await withThree((p) => {
    const ls = lines(p);
    ls.pop();
    writeLines(p, ls);
    return audit(p);
  });
  assert.ok(f.some((x) => x.kind === "truncated-trail" && /Records 3 to 3 after version 2 were removed/.test(x.message)), JSON.stringify(f));
  assert.ok(f.some((x) => x.kind === "state-edited" && x.version === 2));
});

test("two records swapped: reordering is named", async () => {
  const f = await withThree((p) => {
    const ls = lines(p);
    [ls[1], ls[2]] = [ls[2]!, ls[1]!];
    writeLines(p, ls);
    return audit(p);
  });
  assert.deepEqual(f.map((x) => [x.kind, x.version]), [["reordered-records", 2]]);
  assert.match(f[0]!.message, /Version 2 \(record 2\) appears after version 3 \(record 3\)/);
});

test("a damaged line is named by line number", async () => {
  const f = await withThree((p) => {
    const ls = lines(p);
    ls[2] = ls[2]!.slice(0, 40);
    writeLines(p, ls);
    return audit(p);
  });
  assert.ok(f.some((x) => x.kind === "damaged-record" && /line 3 of the trail \(after version 2\)/.test(x.message)), JSON.stringify(f));
});

test("one snapshot object replaced: names the version and the resource", async () => {
  const f = await withThree((p) => {
    const { history } = openHistory(p);
    // Find terraform_data.a's instance object in version 2 and put version 1's object in its place.
    const addrOf = (serial: number) => {
      const hh = history.handle(history.findVersion(serial)!).handle!;
      for (const [id, b] of Object.entries(hh.root.buckets)) for (const e of hh.bucket(id, b)) if (e.resource.name === "a") return e.instances[0]![1];
      throw new Error("not found");
    };
    const v2 = addrOf(2);
    replaceStored(history, v2, storedBytes(history, addrOf(1)));
    return audit(p);
  });
  assert.deepEqual(f.map((x) => [x.kind, x.version]), [["snapshot-mismatch", 2]]);
  assert.match(f[0]!.message, /^Version 2: the snapshot object of terraform_data\.a was replaced or damaged/);
});

test("a snapshot root deleted: named", async () => {
  const f = await withThree((p) => {
    const { history } = openHistory(p);
    replaceStored(history, history.findVersion(1)!.snapshot!, undefined);
    return audit(p);
  });
  assert.deepEqual(f.map((x) => [x.kind, x.version]), [["damaged-snapshot", 1]]);
  assert.match(f[0]!.message, /root object/);
});

test("tainted resources and sensitive values in plaintext are reported with the version", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    const { applyAndRecord, stateOf } = await import("./fixture.js");
    await applyAndRecord(statePath, stateOf([{ name: "db", attrs: { id: "db", password: "s3cret" }, sensitive: ["password"], tainted: true }]), { command: "apply" });
    const f = audit(statePath);
    assert.deepEqual(f.map((x) => [x.kind, x.version]).sort(), [["plaintext-sensitive", 1], ["plaintext-sensitive", 1], ["tainted", 1]]);
    assert.ok(!JSON.stringify(f).includes("s3cret"));
  } finally {
    cleanup();
  }
});

test("a stale lock is reported", async () => {
  const f = await withThree((p) => {
    writeFileSync(join(dirname(p), ".cairn.tfstate.lock.info"), JSON.stringify({ ID: "dead-lock", Who: `x@${hostname()}`, Pid: 999999, Created: "2026-01-01T00:00:00Z", Operation: "OperationTypeApply", Info: "", Version: "0.1.0", Path: p }));
    return audit(p);
  });
  assert.deepEqual(f.map((x) => [x.kind, x.version]), [["stale-lock", 3]]);
  assert.match(f[0]!.message, /dead \(lock dead-lock[\s\S]*takes it over/);
});


test("a record torn by a crash during its append is cut off by the next recording, and the chain verifies", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    const { applyAndRecord, stateOf } = await import("./fixture.js");
    await threeVersions(statePath);
    const { history } = openHistory(statePath);
    const { appendFileSync } = await import("node:fs");
    appendFileSync(history.paths.records, '{"actor":"alice@ci","cairn_ver');
    assert.ok(audit(statePath).some((f) => f.kind === "damaged-record"));
    const r = await applyAndRecord(statePath, stateOf([{ name: "z", attrs: { id: "z" } }]), { command: "apply" });
    assert.equal(r.record!.seq, 4);
    assert.deepEqual(audit(statePath), []);
  } finally {
    cleanup();
  }
});

// The head is rewritten after each append: a crash between the two leaves it one record behind (for the
// first record, absent), which the audit accepts; a head missing behind more records is reported.
const headCases: { name: string; versions: 1 | 3; head: "delete" | "previous"; missing: boolean }[] = [
  { name: "a crash after the first record's append (no head yet)", versions: 1, head: "delete", missing: false },
  { name: "a crash after a later record's append (the head one record behind)", versions: 3, head: "previous", missing: false },
  { name: "the head deleted behind three records", versions: 3, head: "delete", missing: true },
];

for (const c of headCases) {
  test(`head: ${c.name}`, async () => {
    const { statePath, cleanup } = tempWorkdir();
    try {
      if (c.versions === 1) await applyAndRecord(statePath, stateOf([{ name: "a", attrs: { id: "a", input: "one" } }]), { command: "apply" });
      else await threeVersions(statePath);
      const { paths } = openHistory(statePath).history;
      if (c.head === "delete") rmSync(paths.head);
      else {
        const second = JSON.parse(lines(statePath)[1]!) as { seq: number; hash: string };
        writeFileSync(paths.head, JSON.stringify({ seq: second.seq, hash: second.hash }));
      }
      const f = audit(statePath).filter((x) => x.kind === "truncated-trail");
      assert.deepEqual(f.map((x) => x.message), c.missing ? ["The trail's head file is missing."] : []);
    } finally {
      cleanup();
    }
  });
}
