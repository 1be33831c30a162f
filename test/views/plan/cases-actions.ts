// Plan cases for every action, reason and comment line Terraform prints above a resource.

import type { PlanCase } from "./case.js";
import { attrPath, change, plan } from "./helpers.js";
import { thing } from "./blocks.js";
import { b, n, obj, s, tfData, unknownString } from "./values.js";

const known = (id: string, input: string) => tfData({ id: s(id), input: s(input), output: s(input) });
const replaced = (id: string, before: string, after: string) => ({
  before: known(id, before),
  after: tfData({ input: s(after) }),
  requiredReplace: [attrPath("input")],
});

export const actionCases: PlanCase[] = [
  {
    name: "create",
    plan: plan({
      changes: [
        change({ addr: "terraform_data.web", action: "create", after: tfData({ input: obj({ name: s("web"), replicas: n(3) }) }) }),
        change({ addr: "test_thing.app", action: "create", after: thing({ id: unknownString, name: s("app"), size: n("1.5"), enabled: b(true) }) }),
      ],
    }),
  },
  {
    name: "update-in-place",
    plan: plan({
      changes: [
        change({
          addr: "test_thing.app",
          action: "update",
          before: thing({ id: s("t-1"), name: s("app"), description: s("old"), size: n(1), enabled: b(true) }),
          after: thing({ id: s("t-1"), name: s("app"), description: s("new"), size: n(2), enabled: b(true) }),
        }),
      ],
    }),
  },
  {
    name: "destroy",
    plan: plan({
      changes: [
        change({ addr: "terraform_data.old", action: "delete", before: known("a1", "bye") }),
        change({ addr: "test_thing.gone", action: "delete", before: thing({ id: s("t-9"), name: s("gone"), size: n(4), tags: obj({}) }) }),
      ],
    }),
  },
  {
    name: "replace-reasons",
    plan: plan({
      changes: [
        change({ addr: "terraform_data.a", action: "delete-then-create", reason: "replace_because_cannot_update", ...replaced("1", "x", "y") }),
        change({ addr: "terraform_data.b", action: "create-then-delete", reason: "replace_because_cannot_update", ...replaced("2", "x", "y") }),
        change({ addr: "terraform_data.c", action: "delete-then-create", reason: "replace_because_tainted", before: known("3", "x"), after: tfData({ input: s("x") }) }),
        change({ addr: "terraform_data.d", action: "delete-then-create", reason: "replace_by_request", before: known("4", "x"), after: tfData({ input: s("x") }) }),
        change({ addr: "terraform_data.e", action: "delete-then-create", reason: "replace_by_triggers", before: known("5", "x"), after: tfData({ input: s("x") }) }),
      ],
    }),
  },
  {
    name: "delete-reasons",
    plan: plan({
      changes: [
        change({ addr: "terraform_data.removed", action: "delete", reason: "delete_because_no_resource_config", before: known("1", "a") }),
        change({ addr: 'terraform_data.each["b"]', action: "delete", reason: "delete_because_each_key", before: known("2", "b") }),
        change({ addr: "terraform_data.count[2]", action: "delete", reason: "delete_because_count_index", before: known("3", "c") }),
        change({ addr: "terraform_data.single", action: "delete", reason: "delete_because_wrong_repetition", before: known("4", "d") }),
        change({ addr: "terraform_data.was_count[0]", action: "delete", reason: "delete_because_wrong_repetition", before: known("5", "e") }),
        change({ addr: 'terraform_data.was_each["k"]', action: "delete", reason: "delete_because_wrong_repetition", before: known("6", "f") }),
        change({ addr: "module.old.terraform_data.x", action: "delete", reason: "delete_because_no_module", before: known("7", "g") }),
        change({
          addr: "terraform_data.target",
          prevRunAddr: "terraform_data.source",
          action: "delete",
          reason: "delete_because_no_move_target",
          before: known("8", "h"),
        }),
        change({ addr: "terraform_data.cbd", deposedKey: "00000001", action: "delete", before: known("9", "i") }),
      ],
    }),
  },
  {
    name: "read-data",
    plan: plan({
      changes: [
        change({
          addr: "data.test_lookup.unknown_config",
          action: "read",
          reason: "read_because_config_unknown",
          after: obj({ id: unknownString, query: unknownString, result: unknownString }),
        }),
        change({
          addr: "data.test_lookup.pending",
          action: "read",
          reason: "read_because_dependency_pending",
          after: obj({ id: unknownString, query: s("q"), result: unknownString }),
        }),
        change({
          addr: "data.test_lookup.checked",
          action: "read",
          reason: "read_because_check_nested",
          before: obj({ id: s("c"), query: s("q"), result: s("old") }),
          after: obj({ id: s("c"), query: s("q"), result: unknownString }),
        }),
        change({ addr: "data.test_lookup.stale", action: "delete", before: obj({ id: s("x"), query: s("q"), result: s("r") }) }),
        change({ addr: "terraform_data.user", action: "create", after: tfData({ input: s("u") }) }),
      ],
    }),
  },
  {
    name: "moved",
    plan: plan({
      changes: [
        change({ addr: "terraform_data.new_name", prevRunAddr: "terraform_data.old_name", action: "no-op", before: known("1", "a"), after: known("1", "a") }),
        change({
          addr: "terraform_data.renamed",
          prevRunAddr: "terraform_data.original",
          action: "update",
          before: known("2", "a"),
          after: tfData({ id: s("2"), input: s("b") }),
        }),
        change({ addr: "terraform_data.untouched", action: "no-op", before: known("3", "c"), after: known("3", "c") }),
      ],
    }),
  },
  {
    name: "import",
    plan: plan({
      changes: [
        change({ addr: "test_thing.adopted", action: "no-op", importing: { id: "t-42" }, before: thing({ id: s("t-42"), name: s("x"), size: n(1) }), after: thing({ id: s("t-42"), name: s("x"), size: n(1) }) }),
        change({
          addr: "test_thing.adopted_changed",
          action: "update",
          importing: { id: "t-43" },
          before: thing({ id: s("t-43"), name: s("y"), size: n(1) }),
          after: thing({ id: s("t-43"), name: s("y"), size: n(2) }),
        }),
        change({
          addr: "test_thing.adopted_replaced",
          action: "delete-then-create",
          importing: { id: "t-44" },
          before: thing({ id: s("t-44"), name: s("z") }),
          after: thing({ id: unknownString, name: s("zz") }),
          requiredReplace: [attrPath("name")],
        }),
      ],
    }),
  },
];
