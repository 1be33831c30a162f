// The plugin's unary server (providers/plugin/unary-server.ts) against a real grpc-js client on a Unix socket:
// answers decode, a method it does not serve is UNIMPLEMENTED, a handler's status and message arrive as
// grpc-js's client reads them (the message percent-encoded on the wire), a request over the message limit is
// refused, and with mutual TLS only the client holding the trusted certificate gets through.

import * as grpc from "@grpc/grpc-js";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { makePluginCertificate } from "../../../providers/plugin/certificate.js";
import { pluginService } from "../../../providers/plugin/services.js";
import { CallStatus, UnaryServer } from "../../../providers/plugin/unary-server.js";

const service = pluginService("provider6");
const Client = grpc.makeGenericClientConstructor(service, "Provider");

type Outcome = { ok: true; value: { resources?: { type_name: string }[] } } | { ok: false; code: number; details: string };

function callOn(client: grpc.Client, method: string, req: object): Promise<Outcome> {
  return new Promise((resolve) => {
    (client as unknown as Record<string, (r: object, cb: (err: grpc.ServiceError | null, v: unknown) => void) => void>)[method]!(req, (err, v) =>
      resolve(err ? { ok: false, code: err.code, details: err.details } : { ok: true, value: v as { resources?: { type_name: string }[] } }),
    );
  });
}

describe("plugin unary server", () => {
  let dir: string;
  let server: UnaryServer;
  let client: grpc.Client;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "cairn-unary-server-"));
    server = new UnaryServer({ maxMessageBytes: 256 });
    server.addService(service, {
      GetMetadata: async () => ({ resources: [{ type_name: "a" }, { type_name: "b" }] }),
      ValidateResourceConfig: async (req) => {
        throw new CallStatus(grpc.status.FAILED_PRECONDITION, `not configured: 100% sure (${(req as { type_name: string }).type_name})`);
      },
      StopProvider: async () => {
        throw new Error("a bug");
      },
    });
    const bound = await server.listen({ path: join(dir, "plugin.sock") });
    assert.ok(!(bound instanceof Error), String(bound));
    client = new Client(`unix:${join(dir, "plugin.sock")}`, grpc.credentials.createInsecure());
  });

  after(() => {
    client.close();
    server.close(0);
    rmSync(dir, { recursive: true, force: true });
  });

  const cases: { name: string; method: string; req: object; expect: { ok: true; resources: string[] } | { ok: false; code: number; details: RegExp } }[] = [
    { name: "an answer decodes", method: "GetMetadata", req: {}, expect: { ok: true, resources: ["a", "b"] } },
    { name: "a method not served is UNIMPLEMENTED", method: "GetProviderSchema", req: {}, expect: { ok: false, code: grpc.status.UNIMPLEMENTED, details: /GetProviderSchema/ } },
    {
      name: "a handler's status and message arrive",
      method: "ValidateResourceConfig",
      req: { type_name: "ns_ü" },
      expect: { ok: false, code: grpc.status.FAILED_PRECONDITION, details: /^not configured: 100% sure \(ns_ü\)$/ },
    },
    { name: "a handler's exception is UNKNOWN", method: "StopProvider", req: {}, expect: { ok: false, code: grpc.status.UNKNOWN, details: /^a bug$/ } },
    {
      name: "a request over the message limit is refused",
      method: "ValidateResourceConfig",
      req: { type_name: "x".repeat(1000) },
      expect: { ok: false, code: grpc.status.RESOURCE_EXHAUSTED, details: /larger than the limit of 256 bytes/ },
    },
  ];

  for (const c of cases) {
    it(c.name, async () => {
      const r = await callOn(client, c.method, c.req);
      if (c.expect.ok) {
        assert.ok(r.ok, r.ok ? "" : r.details);
        assert.deepEqual((r.value.resources ?? []).map((x) => x.type_name), c.expect.resources);
      } else {
        assert.ok(!r.ok, "the call should have failed");
        assert.equal(r.code, c.expect.code);
        assert.match(r.details, c.expect.details);
      }
    });
  }

  it("with mutual TLS serves only the client holding the trusted certificate", async () => {
    const serverCert = makePluginCertificate();
    const trusted = makePluginCertificate();
    const stranger = makePluginCertificate();
    const tlsServer = new UnaryServer({ maxMessageBytes: 1 << 20, tls: { key: serverCert.keyPem, cert: serverCert.certPem, clientCert: trusted.certPem } });
    tlsServer.addService(service, { GetMetadata: async () => ({ resources: [{ type_name: "tls" }] }) });
    const socket = join(dir, "tls.sock");
    const bound = await tlsServer.listen({ path: socket });
    assert.ok(!(bound instanceof Error), String(bound));
    const connect = (who: typeof trusted): grpc.Client =>
      new Client(`unix:${socket}`, grpc.credentials.createSsl(Buffer.from(serverCert.certPem), Buffer.from(who.keyPem), Buffer.from(who.certPem)), { "grpc.ssl_target_name_override": "localhost" });
    const good = connect(trusted);
    const bad = connect(stranger);
    try {
      const ok = await callOn(good, "GetMetadata", {});
      assert.ok(ok.ok, ok.ok ? "" : ok.details);
      assert.deepEqual(ok.value.resources?.map((x) => x.type_name), ["tls"]);
      const refused = await callOn(bad, "GetMetadata", {});
      assert.ok(!refused.ok, "a client with an untrusted certificate must not get an answer");
      assert.equal(refused.code, grpc.status.UNAVAILABLE);
    } finally {
      good.close();
      bad.close();
      tlsServer.close(0);
    }
  });
});
