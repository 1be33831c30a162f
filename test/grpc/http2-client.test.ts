// Cairn's HTTP/2 client connection (grpc/http2-client.ts) against a real peer, a node:http2 (nghttp2) server
// on a Unix socket: the headers it sends (Huffman-coded, indexed in its dynamic table, evicted) decode; data
// larger than a frame and than the default windows goes both ways under the peer's settings; many streams
// share a connection whose peer allows only a few at once; and a stream reset, a GOAWAY, the peer closing the
// connection mid-call and a PING each end as they should.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Http2Server, type Http2Session, type ServerHttp2Stream, type Settings } from "node:http2";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { connectHttp2, encodeHeaders, type HeaderList, type Http2ClientConnection, type StreamProblem } from "../../grpc/http2-client.js";

interface Outcome {
  readonly headers: HeaderList[];
  readonly body: Buffer;
  readonly problem?: StreamProblem;
}

function exchange(connection: Http2ClientConnection, path: string, body: Buffer, extra: [string, string][] = []): Promise<Outcome> {
  return new Promise((resolve) => {
    const headers: HeaderList[] = [];
    const chunks: Buffer[] = [];
    const block = encodeHeaders([[":method", "POST"], [":scheme", "http"], [":path", path], [":authority", "localhost"], ...extra]);
    connection.request(block, body, {
      headers: (h) => headers.push(h),
      data: (c) => chunks.push(Buffer.from(c)),
      closed: (problem) => resolve({ headers, body: Buffer.concat(chunks), ...(problem ? { problem } : {}) }),
    });
  });
}

function value(h: HeaderList | undefined, name: string): string | undefined {
  return h?.find(([n]) => n === name)?.[1];
}

type Handler = (stream: ServerHttp2Stream, body: Buffer, session: Http2Session) => void;

describe("HTTP/2 client connection against node:http2", () => {
  let dir: string;
  const servers: Http2Server[] = [];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), "cairn-h2-"));
  });
  after(() => {
    for (const s of servers) s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** A server whose every stream reads its whole request and then goes to `handler`. */
  async function serve(handler: Handler, settings: Settings = {}): Promise<string> {
    const path = join(dir, `s${servers.length}.sock`);
    const server = createServer({ settings });
    server.on("stream", (stream, _headers) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("error", () => undefined);
      stream.on("end", () => handler(stream, Buffer.concat(chunks), stream.session!));
    });
    server.on("session", (s) => s.on("error", () => undefined));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(path, resolve));
    return path;
  }

  const echo: Handler = (stream, body) => {
    // A stream the client cancelled, or the connection gave up, has nobody to answer.
    if (stream.destroyed || stream.closed) return;
    stream.respond({ ":status": 200, "content-type": "application/grpc" }, { waitForTrailers: true });
    stream.once("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0", "x-length": String(body.length) }));
    stream.end(body);
  };

  it("decodes what nghttp2 sends: Huffman-coded, indexed, evicted headers and trailers", async () => {
    // Values long enough that the 4,096-octet table turns over many times, some repeated so they are indexed.
    let n = 0;
    const path = await serve((stream) => {
      const i = n++;
      stream.respond({ ":status": 200, "x-turn": `turn ${i % 3}`, "x-big": `${"v".repeat(300)}-${i}`, "x-text": "Hello, world! ~ [] {} ÿ" }, { waitForTrailers: true });
      stream.once("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0", "grpc-message": `done ${i}` }));
      stream.end(Buffer.from(`body ${i}`));
    });
    const connection = connectHttp2({ path });
    try {
      for (let i = 0; i < 40; i++) {
        const r = await exchange(connection, "/t", Buffer.alloc(0));
        assert.equal(r.problem, undefined);
        assert.equal(value(r.headers[0], ":status"), "200");
        assert.equal(value(r.headers[0], "x-turn"), `turn ${i % 3}`);
        assert.equal(value(r.headers[0], "x-big"), `${"v".repeat(300)}-${i}`);
        // node:http2 sends a header's characters as latin1 octets; they come back as they were.
        assert.equal(value(r.headers[0], "x-text"), "Hello, world! ~ [] {} ÿ");
        assert.equal(value(r.headers[1], "grpc-message"), `done ${i}`);
        assert.equal(r.body.toString(), `body ${i}`);
      }
    } finally {
      connection.close();
    }
  });

  const sizes: { name: string; request: number; settings: Settings }[] = [
    { name: "messages over 64 KB and over the frame size go both ways", request: 300_000, settings: {} },
    { name: "a peer's small window holds request data until its WINDOW_UPDATE", request: 200_000, settings: { initialWindowSize: 1000 } },
    { name: "a peer's larger frame size is used", request: 100_000, settings: { maxFrameSize: 65_536 } },
  ];
  for (const c of sizes) {
    it(c.name, async () => {
      const path = await serve(echo, c.settings);
      const connection = connectHttp2({ path });
      try {
        const request = Buffer.from(Array.from({ length: c.request }, (_, i) => i % 251));
        const results = await Promise.all([exchange(connection, "/echo", request), exchange(connection, "/echo", request.subarray(0, 70_000))]);
        assert.equal(results[0].problem, undefined);
        assert.ok(results[0].body.equals(request), "the echo is the request");
        assert.equal(value(results[0].headers[1], "x-length"), String(c.request));
        assert.ok(results[1].body.equals(request.subarray(0, 70_000)));
      } finally {
        connection.close();
      }
    });
  }

  it("many streams at once, more than the peer's MAX_CONCURRENT_STREAMS, each get their own answer", async () => {
    const path = await serve((stream, body) => setTimeout(() => echo(stream, body, stream.session!), body[0]! % 3), { maxConcurrentStreams: 4 });
    const connection = connectHttp2({ path });
    try {
      const results = await Promise.all(Array.from({ length: 300 }, (_, i) => exchange(connection, "/echo", Buffer.from([i % 256, i >> 8]))));
      results.forEach((r, i) => assert.deepEqual([...r.body], [i % 256, i >> 8]));
    } finally {
      connection.close();
    }
  });

  const endings: { name: string; handler: Handler; expect: RegExp; resetCode?: number }[] = [
    { name: "a stream reset by the peer fails with its code", handler: (stream) => stream.close(2), expect: /reset \(HTTP\/2 error 2\)/, resetCode: 2 },
    { name: "the peer closing the connection mid-call fails the call", handler: (_s, _b, session) => session.destroy(), expect: /closed/ },
  ];
  for (const c of endings) {
    it(c.name, async () => {
      const path = await serve(c.handler);
      const connection = connectHttp2({ path });
      const r = await exchange(connection, "/x", Buffer.from("hi"));
      assert.ok(r.problem, "the stream must not end normally");
      assert.match(r.problem.message, c.expect);
      if (c.resetCode !== undefined) assert.equal(r.problem.resetCode, c.resetCode);
      assert.equal(connection.usable, c.resetCode !== undefined, "only a reset stream leaves the connection usable");
      connection.close();
    });
  }

  it("a GOAWAY fails the streams above its last stream id, and the ones below finish", async () => {
    const path = await serve((stream, body, session) => {
      if (body.toString() === "first") {
        session.goaway(0, 1, Buffer.alloc(0));
        echo(stream, body, session);
      } else {
        // Answered late, so that a client that missed the GOAWAY would see an answer, not wait for ever.
        setTimeout(() => echo(stream, body, session), 200);
      }
    });
    const connection = connectHttp2({ path });
    const [first, second] = await Promise.all([exchange(connection, "/x", Buffer.from("first")), exchange(connection, "/x", Buffer.from("second"))]);
    assert.equal(first.body.toString(), "first");
    assert.match(second.problem?.message ?? "", /going away/);
    assert.equal(connection.usable, false);
    const third = await exchange(connection, "/x", Buffer.from("third"));
    assert.ok(third.problem !== undefined, "a connection going away takes no new streams");
    connection.close();
  });

  it("answers the peer's PING, and a closed connection refuses new streams", async () => {
    let pinged: Promise<boolean> | undefined;
    const path = await serve((stream, body, session) => {
      pinged = new Promise((resolve) => session.ping((err) => resolve(err === null)));
      echo(stream, body, session);
    });
    const connection = connectHttp2({ path });
    await exchange(connection, "/x", Buffer.from("a"));
    assert.equal(await pinged, true);
    connection.close();
    assert.equal(connection.usable, false);
    const r = await exchange(connection, "/x", Buffer.from("a"));
    assert.match(r.problem?.message ?? "", /closed/);
  });

  it("a request larger than the peer's windows can be cancelled while it waits", async () => {
    const path = await serve(echo, { initialWindowSize: 100 });
    const connection = connectHttp2({ path });
    try {
      let closed = false;
      const block = encodeHeaders([[":method", "POST"], [":scheme", "http"], [":path", "/x"], [":authority", "localhost"]]);
      const stream = connection.request(block, Buffer.alloc(1 << 20), { headers: () => undefined, data: () => undefined, closed: () => (closed = true) });
      stream.cancel();
      const r = await exchange(connection, "/echo", Buffer.from("after"));
      assert.equal(r.body.toString(), "after");
      assert.equal(closed, false, "a cancelled stream reports nothing more");
    } finally {
      connection.close();
    }
  });
});
