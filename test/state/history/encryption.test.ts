import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { newKeyring, encrypt, decrypt, isEncrypted, encryptStateText, decryptStateFile, encryptPlanFile, decryptPlanFile, keyringFromEnv } from "../../../state/encryption/index.js";
import { openHistory, auditHistory } from "../../../state/history/index.js";
import { applyAndRecord, stateOf, tempWorkdir } from "./fixture.js";
import { replaceStored } from "./pack-edit.js";

const cheap = { iterations: 1000, N: 1024 };
const key = (primary: string, fallbacks: string[] = [], kd: "pbkdf2" | "scrypt" = "pbkdf2") => newKeyring({ primary, fallbacks, keyDerivation: kd, cost: cheap });

test("round trip with PBKDF2 and scrypt; the envelope holds no plaintext", () => {
  for (const kd of ["pbkdf2", "scrypt"] as const) {
    const k = key("correct horse", [], kd);
    const sealed = encrypt('{"password":"s3cret"}', k, "state");
    assert.ok(isEncrypted(sealed));
    assert.ok(!sealed.includes("s3cret"));
    const r = decrypt(sealed, k, "state", "The state file");
    assert.ok(r.ok && r.data.toString() === '{"password":"s3cret"}');
  }
});

test("default work factors (PBKDF2 600,000 iterations) round trip", () => {
  const k = newKeyring({ primary: "p" });
  const r = decrypt(encrypt("x", k, "plan"), k, "plan", "plan");
  assert.ok(r.ok && JSON.parse(encrypt("x", k, "plan")).kdf.iterations === 600000);
});

test("wrong key and missing key: clear errors", () => {
  const sealed = encryptStateText("state", key("right"));
  const wrong = decryptStateFile(Buffer.from(sealed as string), key("wrong"));
  assert.ok(!wrong.ok);
  assert.equal(wrong.diags[0]!.summary, "Wrong encryption key");
  assert.match(wrong.diags[0]!.detail!, /could not be decrypted with the configured passphrase.*Nothing was changed/);
  const missing = decryptStateFile(Buffer.from(sealed as string), undefined);
  assert.ok(!missing.ok);
  assert.equal(missing.diags[0]!.summary, "Missing encryption key");
});

test("a file of one purpose cannot be opened as another (plan passed off as state)", () => {
  const k = key("k");
  const plan = encryptPlanFile(Buffer.from("plan"), k);
  assert.ok(decryptPlanFile(Buffer.from(plan as string), k).ok);
  const asState = decryptStateFile(Buffer.from(plan as string), k);
  assert.ok(!asState.ok && /holds an encrypted plan file/.test(asState.diags[0]!.detail!));
});

test("rotation: the old passphrase as fallback opens old files; new files use the new key", () => {
  const old = key("old");
  const sealed = encrypt("data", old, "state");
  const rotated = key("new", ["old"]);
  const r = decrypt(sealed, rotated, "state", "x");
  assert.ok(r.ok && r.usedFallback);
  const resealed = encrypt(r.data, rotated, "state");
  assert.ok(decrypt(resealed, key("new"), "state", "x").ok);
  assert.ok(!decrypt(resealed, key("old"), "state", "x").ok);
});

test("CAIRN_STATE_PASSPHRASE configures a keyring; an invalid key derivation is a diagnostic", () => {
  assert.equal(keyringFromEnv({ CAIRN_STATE_PASSPHRASE: "p", CAIRN_STATE_PASSPHRASE_FALLBACK: "o" }).keyring!.fallbacks[0], "o");
  assert.equal(keyringFromEnv({}).keyring, undefined);
  assert.equal(keyringFromEnv({ CAIRN_STATE_PASSPHRASE: "p", CAIRN_STATE_KEY_DERIVATION: "md5" }).diags[0]!.summary, "Invalid key derivation");
});

test("encrypted history: snapshots sealed, metadata readable without secrets, wrong key writes nothing, rotation", async () => {
  const { dir, statePath, cleanup } = tempWorkdir();
  try {
    const k1 = key("first");
    const s = (pw: string) => stateOf([{ name: "db", attrs: { id: "db", password: pw }, sensitive: ["password"] }]);
    await applyAndRecord(statePath, s("pw-ONE"), { command: "apply" }, { keyring: k1 });
    await applyAndRecord(statePath, s("pw-TWO"), { command: "apply" }, { keyring: k1 });
    const hist = join(dir, ".cairn");
    const files: string[] = [];
    const walk = (d: string) => readdirSync(d).forEach((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : files.push(join(d, n))));
    walk(hist);
    for (const f of files) assert.ok(!readFileSync(f, "utf8").includes("pw-"), f);
    // Without a key: the trail is readable, the snapshots are not.
    const locked = openHistory(statePath).history;
    assert.equal(locked.versions().length, 2);
    assert.equal(locked.snapshotAt(1).diags[0]!.summary, "Missing encryption key");
    // Wrong key: nothing written.
    const before = readFileSync(join(hist, "history", "cairn.tfstate", "records.jsonl"), "utf8");
    const wrong = openHistory(statePath, { keyring: key("nope") }).history.recordVersion({ command: "apply" }, { ...s("pw-THREE"), serial: 3 });
    assert.equal(wrong.recorded, false);
    assert.equal(wrong.diags[0]!.summary, "Wrong encryption key");
    assert.equal(readFileSync(join(hist, "history", "cairn.tfstate", "records.jsonl"), "utf8"), before);
    // Rotation: new primary, old as fallback.
    const k2 = key("second", ["first"]);
    await applyAndRecord(statePath, s("pw-THREE"), { command: "apply" }, { keyring: k2 });
    // Objects shared with older versions stay sealed with the old key until the rotation is completed.
    assert.equal(openHistory(statePath, { keyring: key("second") }).history.snapshotAt(3).diags[0]?.summary, "Damaged history snapshot");
    assert.ok(openHistory(statePath, { keyring: k2 }).history.snapshotAt(1).state);
    const rekeyed = openHistory(statePath, { keyring: k2 }).history.rekey();
    assert.ok(rekeyed.rewritten >= 3);
    const { history } = openHistory(statePath, { keyring: key("second") });
    assert.equal(history.snapshotAt(3).state!.resources[0]!.instances[0]!.attributes.password, "pw-THREE");
    assert.equal(history.snapshotAt(1).state!.resources[0]!.instances[0]!.attributes.password, "pw-ONE");
    assert.ok(!openHistory(statePath, { keyring: key("first") }).history.snapshotAt(1).state);
    const audit = auditHistory(openHistory(statePath, { keyring: k2 }).history);
    assert.deepEqual(audit.diags, []);
    assert.deepEqual(audit.findings.map((f) => f.kind), ["plaintext-sensitive"]); // the state file itself is not encrypted here
  } finally {
    cleanup();
  }
});

test("a plaintext object planted in an encrypted history is detected", async () => {
  const { statePath, cleanup } = tempWorkdir();
  try {
    const k = key("k");
    await applyAndRecord(statePath, stateOf([{ name: "a", attrs: { id: "a" } }]), { command: "apply" }, { keyring: k });
    const { history } = openHistory(statePath, { keyring: k });
    const h = history.handle(history.versions()[0]!).handle!;
    replaceStored(history, h.root.outputs, Buffer.from("planted"));
    const f = auditHistory(history).findings;
    assert.deepEqual(f.map((x) => [x.kind, x.version]), [["snapshot-mismatch", 1]]);
  } finally {
    cleanup();
  }
});

test("the saved plan hook: planner/planfile seals and opens a plan with the keyring", async () => {
  const { planEncryption, PlanDecryptError } = await import("../../../state/encryption/index.js");
  const { sealPlan, openPlan } = await import("../../../planner/planfile/container.js");
  const sealed = await sealPlan('{"plan":"with secret-value"}', planEncryption(key("p")));
  assert.ok(!Buffer.from(sealed).includes("secret-value"));
  const opened = await openPlan(sealed, planEncryption(key("old-p-rotated", ["p"])));
  assert.ok(opened.ok && opened.documentJson.includes("secret-value"));
  const wrong = await openPlan(sealed, planEncryption(key("other")));
  assert.ok(!wrong.ok && wrong.reason === "encrypted" && /could not be decrypted with the configured passphrase/.test(wrong.message));
  const payload = Buffer.from(sealed).subarray(Buffer.from(sealed).indexOf("{"));
  assert.throws(() => planEncryption(key("other")).decrypt(payload), (e: unknown) => e instanceof PlanDecryptError && e.diag.summary === "Wrong encryption key");
});

test("tampering with any object of an encrypted history is a finding with the plaintext case's exit (2), not 'Wrong encryption key'", async () => {
  const { dir, statePath, cleanup } = tempWorkdir();
  try {
    const k = key("right");
    const s = (pw: string) => stateOf([{ name: "db", attrs: { id: "db", password: pw }, sensitive: ["password"] }]);
    await applyAndRecord(statePath, s("pw-ONE"), { command: "apply" }, { keyring: k });
    const packs = join(dir, ".cairn", "history", "cairn.tfstate", "objects", "packs");
    let tampered = 0;
    for (const name of readdirSync(packs)) {
      const file = join(packs, name);
      const original = readFileSync(file);
      const payloads = [...original.toString("latin1").matchAll(/"payload":"([A-Za-z0-9+/]{20})/g)];
      for (const m of payloads) {
        const b = Buffer.from(original);
        const i = m.index! + '"payload":"'.length + 10;
        b[i] = b[i] === 0x41 ? 0x42 : 0x41;
        writeFileSync(file, b);
        const r = auditHistory(openHistory(statePath, { keyring: k }).history);
        assert.deepEqual(r.diags, [], "no error: the key is right");
        assert.ok(r.findings.some((f) => f.kind === "damaged-snapshot" && f.version === 1), JSON.stringify(r.findings));
        tampered++;
      }
      writeFileSync(file, original);
    }
    assert.ok(tampered >= 2, `objects tampered with: ${tampered}`);
    // Restored: clean again (the fixture's state file itself is plaintext, which is a finding of its own).
    assert.deepEqual(auditHistory(openHistory(statePath, { keyring: k }).history).findings.filter((f) => f.kind !== "plaintext-sensitive"), []);
  } finally {
    cleanup();
  }
});
