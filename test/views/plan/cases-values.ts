// Plan cases for how attribute values and nested blocks are drawn: collections with per-element markers,
// nested blocks in every nesting mode, heredoc line diffs, JSON strings, sensitive and unknown values.

import type { PlanCase } from "./case.js";
import { type ChangeSpec, attrPath, change, plan } from "./helpers.js";
import { nested, thing } from "./blocks.js";
import { list, map, n, nullString, obj, s, secret, set, tfData, unknownNumber, unknownString } from "./values.js";
import { numberVal, type Value } from "../../../lang/values/value.js";

const update = (addr: string, before: Record<string, Value>, after: Record<string, Value>, extra: Partial<ChangeSpec> = {}) =>
  change({
    addr,
    action: "update",
    before: thing({ id: s("t-1"), name: s("app"), ...before }),
    after: thing({ id: s("t-1"), name: s("app"), ...after }),
    ...extra,
  });

export const SECRET = "hunter2-do-not-print";
export const SECRET_BLOCK = "block-secret-xyz";

export const valueCases: PlanCase[] = [
  {
    name: "collections",
    plan: plan({
      changes: [
        update(
          "test_thing.collections",
          {
            tags: map({ env: s("prod"), owner: s("ops"), team: s("a"), "cost-center": s("1") }),
            ports: list(n(1), n(2), n(3), n(4), n(5), n(6)),
            cidrs: set(s("10.0.0.0/8"), s("192.168.0.0/16"), s("172.16.0.0/12")),
            settings: obj({ mode: s("fast"), level: n(1) }),
            rules: list(obj({ port: n(80), proto: s("tcp") }), obj({ port: n(53), proto: s("udp") })),
          },
          {
            tags: map({ env: s("staging"), owner: s("ops"), "cost-center": s("1"), "new key": s("x") }),
            ports: list(n(1), n(2), n(3), n(40), n(5), n(6)),
            cidrs: set(s("10.0.0.0/8"), s("172.16.0.0/12"), s("100.64.0.0/10")),
            settings: obj({ mode: s("slow"), level: n(1) }),
            rules: list(obj({ port: n(443), proto: s("tcp") }), obj({ port: n(53), proto: s("udp") }), obj({ port: n(22), proto: s("tcp") })),
          },
        ),
        update("test_thing.list_insert", { ports: list(n(1), n(2), n(3), n(4), n(5)) }, { ports: list(n(1), n(2), n(9), n(3), n(4), n(5)) }),
        change({
          addr: "test_thing.created_collections",
          action: "create",
          after: thing({
            name: s("c"),
            tags: map({ a: s("1"), long_key: s("2") }),
            ports: list(n(8080)),
            cidrs: set(s("10.1.0.0/16")),
            rules: list(obj({ port: n(80), proto: s("tcp") })),
          }),
        }),
        change({
          addr: "test_thing.deleted_collections",
          action: "delete",
          before: thing({ id: s("t-2"), name: s("d"), tags: map({ a: s("1") }), ports: list(n(1), n(2)), settings: obj({ mode: s("m"), level: n(2) }) }),
        }),
      ],
    }),
  },
  {
    name: "nested-blocks",
    plan: plan({
      changes: [
        update(
          "test_thing.blocks",
          {
            timeouts: nested("timeouts", { create: s("5m") }),
            disk: set(nested("disk", { size: n(10), kind: s("ssd") }), nested("disk", { size: n(20), kind: s("hdd") })),
            ingress: list(nested("ingress", { port: n(80) }), nested("ingress", { port: n(443) })),
            env: map({ A: nested("env", { value: s("1") }), B: nested("env", { value: s("2") }) }),
          },
          {
            timeouts: nested("timeouts", { create: s("10m") }),
            disk: set(nested("disk", { size: n(10), kind: s("ssd") }), nested("disk", { size: n(30), kind: s("hdd") })),
            ingress: list(nested("ingress", { port: n(80) }), nested("ingress", { port: n(8443) }), nested("ingress", { port: n(22) })),
            env: map({ A: nested("env", { value: s("1") }), C: nested("env", { value: s("3") }) }),
          },
        ),
        update(
          "test_thing.unchanged_blocks",
          { description: s("a"), timeouts: nested("timeouts", { create: s("5m") }), ingress: list(nested("ingress", { port: n(80) })) },
          { description: s("b"), timeouts: nested("timeouts", { create: s("5m") }), ingress: list(nested("ingress", { port: n(80) })) },
        ),
        change({
          addr: "test_thing.new_blocks",
          action: "create",
          after: thing({
            name: s("nb"),
            timeouts: nested("timeouts", { create: s("1m") }),
            disk: set(nested("disk", { size: n(5), kind: s("ssd") })),
            env: map({ X: nested("env", { value: s("x") }) }),
          }),
        }),
        change({
          addr: "test_thing.replaced_block",
          action: "delete-then-create",
          before: thing({ id: s("t-3"), name: s("rb"), timeouts: nested("timeouts", { create: s("1m") }) }),
          after: thing({ id: unknownString, name: s("rb"), timeouts: nested("timeouts", { create: s("2m") }) }),
          requiredReplace: [attrPath("timeouts", "create")],
        }),
      ],
    }),
  },
  {
    name: "multiline-strings",
    plan: plan({
      changes: [
        update(
          "test_thing.script",
          { script: s("#!/bin/sh\nset -e\necho one\necho two\nexit 0\n") },
          { script: s("#!/bin/sh\nset -eu\necho one\necho three\necho four\nexit 0\n") },
        ),
        change({ addr: "test_thing.new_script", action: "create", after: thing({ name: s("n"), script: s("line one\nline two\n") }) }),
        change({ addr: "test_thing.old_script", action: "delete", before: thing({ id: s("t-5"), name: s("o"), script: s("first\nsecond") }) }),
        change({
          addr: "terraform_data.heredoc",
          action: "delete-then-create",
          before: tfData({ id: s("h"), input: s("a\nb"), output: s("a\nb") }),
          after: tfData({ input: s("a\nb\nc") }),
          requiredReplace: [attrPath("input")],
        }),
      ],
    }),
  },
  {
    name: "json-strings",
    plan: plan({
      changes: [
        update(
          "test_thing.policy",
          { policy: s('{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:Get*"}]}') },
          { policy: s('{"Version":"2012-10-17","Statement":[{"Effect":"Deny","Action":"s3:Get*"}]}') },
        ),
        update("test_thing.whitespace", { policy: s('{"a":1}') }, { policy: s('{ "a": 1 }') }),
        change({ addr: "test_thing.new_policy", action: "create", after: thing({ name: s("p"), policy: s('{"a":[1,2],"b":true}') }) }),
      ],
    }),
  },
  {
    name: "sensitive",
    secrets: [SECRET, SECRET_BLOCK, "marked-secret-42"],
    plan: plan({
      changes: [
        change({ addr: "test_thing.created", action: "create", after: thing({ name: s("c"), password: s(SECRET) }) }),
        update("test_thing.changed", { password: s(SECRET + "-old") }, { password: s(SECRET) }),
        update("test_thing.unchanged", { password: s(SECRET), description: s("a") }, { password: s(SECRET), description: s("b") }),
        update(
          "test_thing.block",
          { ingress: list(nested("ingress", { port: n(80), secret: s(SECRET_BLOCK) })) },
          { ingress: list(nested("ingress", { port: n(81), secret: s(SECRET_BLOCK) })) },
        ),
        change({
          addr: "terraform_data.marked",
          action: "update",
          before: tfData({ id: s("m"), input: s("plain"), output: s("plain") }),
          after: tfData({ id: s("m"), input: secret(s("marked-secret-42")), output: unknownString }),
        }),
        update(
          "test_thing.sensitive_set_block",
          { vault: set(nested("vault", { key: s(SECRET_BLOCK), label: s("a") })) },
          { vault: set(nested("vault", { key: s(SECRET_BLOCK), label: s("b") })) },
        ),
        change({ addr: "test_thing.new_vault", action: "create", after: thing({ name: s("v"), vault: set(nested("vault", { key: s(SECRET_BLOCK) })) }) }),
        update("test_thing.becomes_sensitive", { tags: map({ k: s("v") }) }, { tags: secret(map({ k: s("v") })) }),
      ],
    }),
  },
  {
    name: "unknowns",
    plan: plan({
      changes: [
        update("test_thing.partly_unknown", { ports: list(n(1), n(2)), tags: map({ a: s("1") }) }, { ports: list(n(1), unknownNumber), tags: map({ a: s("1"), b: unknownString }) }),
        update("test_thing.wholly_unknown", { size: n(3), description: nullString }, { size: unknownNumber, description: unknownString }),
        change({
          addr: "test_thing.replace_unknown",
          action: "delete-then-create",
          before: thing({ id: s("t-8"), name: s("ru"), size: n(1) }),
          after: thing({ id: unknownString, name: s("ru"), size: unknownNumber }),
          requiredReplace: [attrPath("size")],
        }),
        update("test_thing.indexed_replace", { ports: list(n(1), n(2)) }, { ports: list(n(1), n(3)) }, {
          action: "delete-then-create",
          requiredReplace: [[...attrPath("ports"), { kind: "index", key: numberVal(1) }]],
        }),
      ],
    }),
  },
];

