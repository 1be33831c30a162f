// The plugin client's unary calls (providers/plugin/unary-channel.ts) against a real grpc-js server on a Unix
// socket: answers decode, a failed call carries the server's status and message, and what the client must not
// take (a response over the message limit, a call past its deadline, nobody listening) fails with the status
// grpc-js's client gives for it, never an exception.

import * as grpc from "@grpc/grpc-js";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pluginService } from "../../../providers/plugin/services.js";
import { grpcStatus, UnaryChannel } from "../../../providers/plugin/unary-channel.js";

const service = pluginService("provider6");
const getMetadata = service.GetMetadata!;

type Behaviour = (cb: grpc.sendUnaryData<unknown>) => void;

/** What the server's next GetMetadata calls do, one entry per call in the order they arrive. */
const behaviours: Behaviour[] = [];

describe("plugin client unary channel", () => {
  let dir: string;
  let server: grpc.Server;
  let socket: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "cairn-unary-"));
    socket = join(dir, "plugin.sock");
    server = new grpc.Server();
    const handlers: Record<string, grpc.UntypedHandleCall> = {};
    for (const name of Object.keys(service)) handlers[name] = (_call: unknown, cb: grpc.sendUnaryData<unknown>) => cb({ code: grpc.status.UNIMPLEMENTED, details: name });
    handlers.GetMetadata = (_call: unknown, cb: grpc.sendUnaryData<unknown>) => behaviours.shift()!(cb);
    server.addService(service, handlers);
    await new Promise<void>((resolve, reject) => server.bindAsync(`unix:${socket}`, grpc.ServerCredentials.createInsecure(), (err) => (err ? reject(err) : resolve())));
  });

  after(() => {
    server.forceShutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  const cases: { name: string; behaviour: Behaviour; maxMessageBytes?: number; deadlineMs?: number; expect: { ok: true; resources: number } | { ok: false; code: number; details: RegExp } }[] = [
    { name: "an answer decodes", behaviour: (cb) => cb(null, { resources: [{ type_name: "a" }, { type_name: "b" }] }), expect: { ok: true, resources: 2 } },
    { name: "an empty answer decodes", behaviour: (cb) => cb(null, {}), expect: { ok: true, resources: 0 } },
    {
      name: "a failed call carries the server's status and message",
      behaviour: (cb) => cb({ code: grpc.status.FAILED_PRECONDITION, details: "not configured: 100% sure" }),
      expect: { ok: false, code: grpc.status.FAILED_PRECONDITION, details: /^not configured: 100% sure$/ },
    },
    {
      name: "a response over the message limit is refused",
      behaviour: (cb) => cb(null, { resources: Array.from({ length: 100 }, (_, i) => ({ type_name: `type_${i}` })) }),
      maxMessageBytes: 64,
      expect: { ok: false, code: grpcStatus.internal, details: /larger than the limit of 64 bytes/ },
    },
    {
      name: "a failed call without a message is described by its code",
      behaviour: (cb) => cb({ code: grpc.status.RESOURCE_EXHAUSTED, details: "" }),
      expect: { ok: false, code: grpc.status.RESOURCE_EXHAUSTED, details: /^gRPC status 8$/ },
    },
    { name: "a call past its deadline fails", behaviour: () => undefined, deadlineMs: 100, expect: { ok: false, code: grpcStatus.deadlineExceeded, details: /deadline/ } },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      behaviours.push(c.behaviour);
      const channel = new UnaryChannel({ network: "unix", address: socket, maxMessageBytes: c.maxMessageBytes ?? 1 << 20 });
      try {
        const r = await channel.call<{ resources?: unknown[] }>(getMetadata, {}, c.deadlineMs);
        if (c.expect.ok) {
          assert.ok(r.ok, r.ok ? "" : r.failure.details);
          assert.equal((r.value.resources ?? []).length, c.expect.resources);
        } else {
          assert.ok(!r.ok, "the call should have failed");
          assert.equal(r.failure.code, c.expect.code);
          assert.match(r.failure.details, c.expect.details);
        }
      } finally {
        channel.close();
      }
    });
  }

  it("a call to a method the server does not have is UNIMPLEMENTED", async () => {
    const channel = new UnaryChannel({ network: "unix", address: socket, maxMessageBytes: 1 << 20 });
    const r = await channel.call(pluginService("clientTokens").LookupByClientToken!, { type_name: "x", client_token: "t" });
    channel.close();
    assert.ok(!r.ok);
    assert.equal(r.failure.code, grpcStatus.unimplemented);
  });

  it("many calls in flight on one connection each get their own answer", async () => {
    const channel = new UnaryChannel({ network: "unix", address: socket, maxMessageBytes: 1 << 20 });
    for (let i = 0; i < 50; i++) behaviours.push((cb) => setTimeout(() => cb(null, { resources: Array.from({ length: i % 7 }, () => ({ type_name: "t" })) }), i % 5));
    // The server answers in its own order; each answer has as many resources as its call's turn modulo 7.
    const results = await Promise.all(Array.from({ length: 50 }, () => channel.call<{ resources?: unknown[] }>(getMetadata, {})));
    channel.close();
    const counts = results.map((r) => (r.ok ? (r.value.resources ?? []).length : -1)).sort();
    assert.deepEqual(counts, Array.from({ length: 50 }, (_, i) => i % 7).sort());
  });

  it("nobody listening fails as UNAVAILABLE, and a closed channel refuses calls", async () => {
    const channel = new UnaryChannel({ network: "unix", address: join(dir, "nobody.sock"), maxMessageBytes: 1 << 20 });
    const r = await channel.call(getMetadata, {});
    assert.ok(!r.ok);
    assert.equal(r.failure.code, grpcStatus.unavailable);
    channel.close();
    const closed = await channel.call(getMetadata, {});
    assert.ok(!closed.ok);
    assert.equal(closed.failure.code, grpcStatus.unavailable);
  });
});
