// The plugin client's unary calls (providers/plugin/unary-channel.ts) against a real grpc-js server on a Unix
// socket: answers decode, a failed call carries the server's status and message, and what the client must not
// take (a response over the message limit, a call past its deadline, nobody listening) fails with the status
// grpc-js's client gives for it, never an exception. Against Cairn's own server (unary-server.ts), in
// plaintext and with mutual TLS: messages larger than HTTP/2's frame and default windows go both ways, many
// calls share the connection, and a server gone mid-call fails the calls in flight.

import * as grpc from "@grpc/grpc-js";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServer as createTlsServer, type TLSSocket } from "node:tls";
import { after, before, describe, it } from "node:test";
import { makePluginCertificate } from "../../../providers/plugin/certificate.js";
import { pluginService } from "../../../providers/plugin/services.js";
import { type ChannelTarget, grpcStatus, UnaryChannel } from "../../../providers/plugin/unary-channel.js";
import { UnaryServer } from "../../../providers/plugin/unary-server.js";

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

describe("plugin client unary channel against grpc-js over TCP with mutual TLS", () => {
  it("large messages both ways and many calls at once", async () => {
    const serverCert = makePluginCertificate();
    const clientCert = makePluginCertificate();
    const server = new grpc.Server();
    const handlers: Record<string, grpc.UntypedHandleCall> = {};
    for (const name of Object.keys(service)) handlers[name] = (_call: unknown, cb: grpc.sendUnaryData<unknown>) => cb({ code: grpc.status.UNIMPLEMENTED, details: name });
    handlers.ReadResource = (call: grpc.ServerUnaryCall<{ current_state?: unknown }, unknown>, cb: grpc.sendUnaryData<unknown>) => cb(null, { new_state: call.request.current_state });
    server.addService(service, handlers);
    const credentials = grpc.ServerCredentials.createSsl(Buffer.from(clientCert.certPem), [{ private_key: Buffer.from(serverCert.keyPem), cert_chain: Buffer.from(serverCert.certPem) }], true);
    const port = await new Promise<number>((resolve, reject) => server.bindAsync("127.0.0.1:0", credentials, (err, p) => (err ? reject(err) : resolve(p))));
    const channel = new UnaryChannel({
      network: "tcp",
      address: `127.0.0.1:${port}`,
      maxMessageBytes: 1 << 24,
      tls: { peerCert: Buffer.from(serverCert.certPem), key: Buffer.from(clientCert.keyPem), cert: Buffer.from(clientCert.certPem) },
    });
    try {
      const states = [0, 70_000, 2_000_000, ...Array.from({ length: 60 }, (_, i) => i * 101)].map((n, i) => Buffer.from(Array.from({ length: n }, (_, j) => (i * 7 + j) % 256)));
      const results = await Promise.all(states.map((msgpack) => channel.call<{ new_state?: { msgpack?: Uint8Array } }>(service.ReadResource!, { type_name: "t", current_state: { msgpack } })));
      results.forEach((r, i) => {
        assert.ok(r.ok, r.ok ? "" : r.failure.details);
        assert.ok(Buffer.from(r.value.new_state?.msgpack ?? []).equals(states[i]!), `call ${i} got its own state back`);
      });
    } finally {
      channel.close();
      server.forceShutdown();
    }
  });
});

describe("plugin client unary channel against Cairn's server", () => {
  const read = service.ReadResource!;
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "cairn-unary-own-"));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  type ReadResponse = { new_state?: { msgpack?: Uint8Array } };

  /** A server whose ReadResource answers with the state it was sent, after `delayMs`. */
  async function echoServer(name: string, tls: boolean, delayMs = 0): Promise<{ server: UnaryServer; target: ChannelTarget }> {
    const serverCert = makePluginCertificate();
    const clientCert = makePluginCertificate();
    const server = new UnaryServer({ maxMessageBytes: 1 << 24, ...(tls ? { tls: { key: serverCert.keyPem, cert: serverCert.certPem, clientCert: clientCert.certPem } } : {}) });
    server.addService(service, {
      ReadResource: async (req) => {
        if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
        return { new_state: (req as { current_state?: unknown }).current_state };
      },
    });
    const bound = await server.listen({ path: join(dir, `${name}.sock`) });
    assert.ok(!(bound instanceof Error), String(bound));
    const target: ChannelTarget = {
      network: "unix",
      address: bound.address,
      maxMessageBytes: 1 << 24,
      ...(tls ? { tls: { peerCert: Buffer.from(serverCert.certPem), key: Buffer.from(clientCert.keyPem), cert: Buffer.from(clientCert.certPem) } } : {}),
    };
    return { server, target };
  }

  for (const tls of [false, true]) {
    it(`${tls ? "with mutual TLS" : "in plaintext"}, large messages both ways and many calls at once`, async () => {
      const { server, target } = await echoServer(tls ? "tls" : "plain", tls);
      const channel = new UnaryChannel(target);
      try {
        const sizes = [0, 10, 16_384, 70_000, 1_000_000, ...Array.from({ length: 100 }, (_, i) => i * 37)];
        const states = sizes.map((n, i) => Buffer.from(Array.from({ length: n }, (_, j) => (i + j) % 256)));
        const results = await Promise.all(states.map((msgpack) => channel.call<ReadResponse>(read, { type_name: "t", current_state: { msgpack } })));
        results.forEach((r, i) => {
          assert.ok(r.ok, r.ok ? "" : r.failure.details);
          assert.ok(Buffer.from(r.value.new_state?.msgpack ?? []).equals(states[i]!), `call ${i} got its own state back`);
        });
      } finally {
        channel.close();
        server.close(0);
      }
    });
  }

  it("with mutual TLS, a client without the trusted certificate gets no answer", async () => {
    const { server, target } = await echoServer("stranger", true);
    const stranger = makePluginCertificate();
    const channel = new UnaryChannel({ ...target, tls: { ...target.tls!, key: Buffer.from(stranger.keyPem), cert: Buffer.from(stranger.certPem) } });
    try {
      const r = await channel.call(read, { type_name: "t" });
      assert.ok(!r.ok);
      assert.equal(r.failure.code, grpcStatus.unavailable);
    } finally {
      channel.close();
      server.close(0);
    }
  });

  it("a server gone mid-call fails the calls in flight, and a later call connects again", async () => {
    const { server, target } = await echoServer("gone", false, 10_000);
    const channel = new UnaryChannel(target);
    try {
      const inFlight = channel.call(read, { type_name: "t" });
      await new Promise((r) => setTimeout(r, 50));
      server.close(0);
      const r = await inFlight;
      assert.ok(!r.ok);
      assert.equal(r.failure.code, grpcStatus.unavailable);
      const again = await channel.call(read, { type_name: "t" });
      assert.ok(!again.ok, "nobody listens any more");
      assert.equal(again.failure.code, grpcStatus.unavailable);
    } finally {
      channel.close();
    }
  });
});

describe("plugin client unary channel against an impostor", () => {
  it("a server showing another certificate than the one announced gets no byte of the call, which fails", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cairn-unary-impostor-"));
    const announced = makePluginCertificate();
    const shown = makePluginCertificate();
    const client = makePluginCertificate();
    let received = 0;
    // A TLS server that holds a key, but not the announced certificate's, and asks for the client's.
    const impostor = createTlsServer({ key: shown.keyPem, cert: shown.certPem, requestCert: true, rejectUnauthorized: false, ALPNProtocols: ["h2"] }, (socket: TLSSocket) => {
      socket.on("data", (b: Buffer) => (received += b.length));
      socket.on("error", () => undefined);
    });
    await new Promise<void>((r) => impostor.listen(join(dir, "impostor.sock"), r));
    const channel = new UnaryChannel({
      network: "unix",
      address: join(dir, "impostor.sock"),
      maxMessageBytes: 1 << 24,
      tls: { peerCert: Buffer.from(announced.certPem), key: Buffer.from(client.keyPem), cert: Buffer.from(client.certPem) },
    });
    try {
      const r = await channel.call(service.ReadResource!, { type_name: "t", current_state: { msgpack: Buffer.from("a secret configuration") } });
      assert.ok(!r.ok, "the call must fail");
      assert.match(r.failure.details, /certificate other than the one it announced/);
      await new Promise((r) => setTimeout(r, 50));
      assert.equal(received, 0, "nothing may be written before the server has shown the announced certificate");
    } finally {
      channel.close();
      impostor.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
