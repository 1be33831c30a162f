// Plan cases for the parts around the resources: outputs, the "No changes." variants of each mode, destroy
// and refresh-only plans, drift, errors, colours and wrapping.

import type { PlanCase } from "./case.js";
import { change, output, plan } from "./helpers.js";
import { thing } from "./blocks.js";
import { list, map, n, obj, s, secret, tfData, unknownString } from "./values.js";
import { nullVal } from "../../../lang/values/value.js";
import { DynamicPseudoType } from "../../../lang/values/types.js";

const none = nullVal(DynamicPseudoType);
const known = (id: string, input: string) => tfData({ id: s(id), input: s(input), output: s(input) });
const drifted = change({
  addr: "test_thing.drifted",
  action: "update",
  before: thing({ id: s("t-1"), name: s("app"), size: n(1), tags: map({ env: s("prod") }) }),
  after: thing({ id: s("t-1"), name: s("app"), size: n(5), tags: map({ env: s("prod"), edited: s("by hand") }) }),
});
const vanished = change({ addr: "terraform_data.vanished", action: "delete", before: known("v", "x") });
const undo = change({
  addr: "test_thing.drifted",
  action: "update",
  before: thing({ id: s("t-1"), name: s("app"), size: n(5) }),
  after: thing({ id: s("t-1"), name: s("app"), size: n(1) }),
});

const sensitivityOnly = change({
  addr: "test_thing.drifted",
  action: "no-op",
  before: thing({ id: s("t-1"), name: s("app"), size: n(5), tags: map({ env: s("prod") }) }),
  after: thing({ id: s("t-1"), name: s("app"), size: n(5), tags: secret(map({ env: s("prod") })) }),
});

export const planCases: PlanCase[] = [
  {
    name: "outputs",
    secrets: ["s3cr3t-output"],
    plan: plan({
      changes: [change({ addr: "terraform_data.x", action: "create", after: tfData({ input: s("x") }) })],
      outputs: [
        output("added", "create", none, s("new")),
        output("changed", "update", s("a"), s("b")),
        output("removed", "delete", n(1), none),
        output("later", "create", none, unknownString),
        output("password", "update", secret(s("old-s3cr3t-output")), secret(s("s3cr3t-output")), true),
        output("structured", "update", obj({ a: n(1), b: list(s("x")) }), obj({ a: n(2), b: list(s("x"), s("y")) })),
        output("same", "no-op", s("v"), s("v")),
        output("a_very_long_output_name", "no-op", s("v"), s("v")),
      ],
    }),
  },
  {
    name: "outputs-only",
    plan: plan({ outputs: [output("endpoint", "create", none, s("https://example.com"))] }),
  },
  { name: "no-changes", plan: plan({ applyable: false }) },
  { name: "no-changes-refresh-only", plan: plan({ mode: "refresh-only", applyable: false }) },
  { name: "no-changes-destroy", plan: plan({ mode: "destroy", applyable: false }) },
  {
    name: "destroy-mode",
    plan: plan({
      mode: "destroy",
      changes: [
        change({ addr: "terraform_data.a", action: "delete", before: known("1", "a") }),
        change({ addr: 'terraform_data.b["k"]', action: "delete", before: known("2", "b") }),
        change({ addr: "data.test_lookup.l", action: "delete", before: obj({ id: s("l"), query: s("q"), result: s("r") }) }),
      ],
      outputs: [output("value", "delete", s("a"), none)],
    }),
  },
  {
    name: "drift-with-changes",
    plan: plan({ drift: [drifted, vanished], changes: [undo] }),
  },
  {
    name: "drift-no-changes",
    plan: plan({ drift: [drifted], applyable: true }),
  },
  {
    name: "drift-hidden-when-plan-empty",
    plan: plan({ drift: [drifted], applyable: false }),
  },
  {
    name: "refresh-only-drift",
    plan: plan({ mode: "refresh-only", drift: [drifted, vanished] }),
  },
  {
    name: "errored",
    plan: plan({ errored: true, applyable: false, changes: [change({ addr: "terraform_data.x", action: "create", after: tfData({ input: s("x") }) })] }),
  },
  { name: "errored-no-changes", plan: plan({ errored: true, applyable: false }) },
  {
    name: "color",
    color: true,
    plan: plan({
      changes: [
        change({ addr: "terraform_data.a", action: "create", after: tfData({ input: s("[red]not markup") }) }),
        change({ addr: "terraform_data.b", action: "update", before: known("2", "x"), after: tfData({ id: s("2"), input: s("y") }) }),
        change({ addr: "terraform_data.c", action: "delete", before: known("3", "z") }),
        change({ addr: "data.test_lookup.d", action: "read", after: obj({ id: unknownString, query: s("q"), result: unknownString }) }),
      ],
      outputs: [output("o", "create", none, s("v"))],
    }),
  },
  {
    // A no-op whose only difference is sensitivity keeps the plan non-empty, so the drift is shown and the
    // "already matches" advice follows; not applyable here, and in automation so no command line is given.
    name: "drift-refresh-advice-narrow",
    width: 40,
    inAutomation: true,
    plan: plan({ drift: [drifted], applyable: false, changes: [sensitivityOnly] }),
  },
  {
    name: "drift-state-update",
    plan: plan({ drift: [drifted], applyable: true, changes: [sensitivityOnly] }),
  },
];
