// Runs a served core for the API benchmark in its own process (so client and server do not share a thread).
// SIGUSR2 makes it print (and reset) what the server saw since the last one: each request's time from its
// arrival to its response's end, and the event loop's delay (what a request waits while the loop is busy with
// something else: another request, a controller pass, a garbage collection) — so a client-side tail can be
// told apart from a server-side one — and the process's CPU time since start (`cpuMs`).
import { subscribe } from "node:diagnostics_channel";
import { createHistogram, monitorEventLoopDelay, performance } from "node:perf_hooks";
import type { IncomingMessage } from "node:http";
import { serveCluster } from "../../cluster/serve.js";

const started = new WeakMap<IncomingMessage, number>();
const serverTime = createHistogram();
subscribe("http.server.request.start", (m) => started.set((m as { request: IncomingMessage }).request, performance.now()));
subscribe("http.server.response.finish", (m) => {
  const t = started.get((m as { request: IncomingMessage }).request);
  if (t !== undefined) serverTime.record(Math.max(1, Math.round((performance.now() - t) * 1000)));
});
const loopDelay = monitorEventLoopDelay({ resolution: 2 });
loopDelay.enable();
// CPU time survives a loaded machine where wall-clock figures do not: the figure to compare changes by.
let cpuSince = process.cpuUsage();

const served = await serveCluster({ dataDir: process.argv[2]! });
process.stdout.write(`${JSON.stringify({ url: served.url, token: served.token, ca: served.ca })}\n`);
process.on("SIGUSR2", () => {
  const us = (h: { percentile(p: number): number; max: number }, p: number) => (p === 100 ? h.max : h.percentile(p)) / 1000;
  // monitorEventLoopDelay reports nanoseconds, the request histogram microseconds.
  const ns = (p: number) => (p === 100 ? loopDelay.max : loopDelay.percentile(p)) / 1e6;
  const cpu = process.cpuUsage(cpuSince);
  cpuSince = process.cpuUsage();
  const stats = {
    // Since start: what the etcd API benchmark reads (etcd-api.bench.ts).
    cpuMs: (cpuSince.user + cpuSince.system) / 1000,
    requests: serverTime.count,
    cpuPerRequest: (cpu.user + cpu.system) / 1000 / Math.max(1, serverTime.count),
    serverP50: us(serverTime, 50), serverP99: us(serverTime, 99), serverMax: us(serverTime, 100),
    loopDelayP99: ns(99), loopDelayMax: ns(100),
  };
  serverTime.reset();
  loopDelay.reset();
  process.stdout.write(`${JSON.stringify(stats)}\n`);
});
process.on("SIGTERM", () => {
  void served.close().then(() => process.exit(0));
});
