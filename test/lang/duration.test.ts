// lang/duration.ts is Go's time.ParseDuration; the expected values are what Go returns (time.ParseDuration).
import { test } from "node:test";
import assert from "node:assert/strict";
import { durationMilliseconds, parseGoDuration } from "../../lang/duration.js";

test("Go durations: accepted forms in nanoseconds", () => {
  const cases: [string, bigint][] = [
    ["0", 0n],
    ["0s", 0n],
    ["500us", 500_000n],
    ["500µs", 500_000n],
    ["500μs", 500_000n],
    ["7ns", 7n],
    ["500ms", 500_000_000n],
    ["30s", 30_000_000_000n],
    ["1m30s", 90_000_000_000n],
    ["1.5h", 5_400_000_000_000n],
    [".5s", 500_000_000n],
    ["1.s", 1_000_000_000n],
    ["-2m", -120_000_000_000n],
    ["+3s", 3_000_000_000n],
    ["2h45m0.5s", 9_900_500_000_000n],
  ];
  for (const [text, nanos] of cases) assert.deepEqual(parseGoDuration(text), { ok: true, nanos }, text);
});

test("Go durations: rejected forms with Go's reason", () => {
  const cases: [string, string][] = [
    ["", "invalid"],
    ["-", "invalid"],
    [".s", "invalid"],
    ["5", "missing-unit"],
    ["1m5", "missing-unit"],
    ["5d", "unknown-unit"],
    ["10 s", "unknown-unit"],
    ["9223372036854775808ns", "invalid"],
  ];
  for (const [text, problem] of cases) {
    const r = parseGoDuration(text);
    assert.ok(!r.ok && r.problem === problem, `${JSON.stringify(text)}: ${JSON.stringify(r)}`);
  }
});

test("milliseconds for timers: -lock-timeout and provider timeouts", () => {
  assert.equal(durationMilliseconds("500us"), 0.5);
  assert.equal(durationMilliseconds("2m"), 120_000);
  assert.equal(durationMilliseconds("2x"), undefined);
});
