// Cairn's use of an instance's opaque `private` field: the client token of the create that made the object,
// so a crashed apply's pending intent can be matched to the object later. Encoded as base64 JSON, the shape
// Terraform uses for provider private data.

import type { InstanceState } from "./model.js";

interface CairnPrivate {
  cairn_client_token?: string;
}

export function clientTokenOf(instance: InstanceState): string | undefined {
  if (!instance.private) return undefined;
  try {
    const decoded = JSON.parse(Buffer.from(instance.private, "base64").toString("utf8")) as CairnPrivate;
    return typeof decoded.cairn_client_token === "string" ? decoded.cairn_client_token : undefined;
  } catch {
    return undefined; // private data written by someone else: no token
  }
}

export function withClientToken(instance: InstanceState, token: string): InstanceState {
  const data: CairnPrivate = { cairn_client_token: token };
  return { ...instance, private: Buffer.from(JSON.stringify(data), "utf8").toString("base64") };
}
