// A fetch-like request to a served core over TLS, trusting its CA (Node's fetch cannot take a CA per call).
import { request } from "node:https";

export interface HttpsReply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

export function httpsRequest(url: string, ca: string, init: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}): Promise<HttpsReply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method ?? "GET", headers: init.headers, ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString("utf8") }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

/** The first bytes of a streaming response (a watch), then the connection is dropped. */
export function httpsFirstChunk(url: string, ca: string, headers: Record<string, string>, until: (text: string) => boolean): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, ca }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => {
        text += c;
        if (until(text)) {
          resolve({ status: res.statusCode ?? 0, text });
          req.destroy();
        }
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", (e) => reject(e));
    req.end();
  });
}
