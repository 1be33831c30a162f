// A provider's private data as Cairn stores it in state: base64 of a JSON object, the shape Terraform uses.
// The key `cairn_client_token` holds the client token of the create that made the object; state/private.ts
// reads the same key (test/providers/private-data.test.ts keeps the two in agreement). Other keys belong to
// the provider that wrote them and are preserved.

const tokenKey = "cairn_client_token";

function decode(data: string | undefined): Record<string, unknown> {
  if (data === undefined || data === "") return {};
  try {
    const parsed: unknown = JSON.parse(Buffer.from(data, "base64").toString("utf8"));
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {}; // not Cairn's encoding: nothing we can read
  }
}

export function privateWithClientToken(token: string, existing?: string): string {
  const data = { ...decode(existing), [tokenKey]: token };
  return Buffer.from(JSON.stringify(data), "utf8").toString("base64");
}

export function clientTokenFromPrivate(data: string | undefined): string | undefined {
  const t = decode(data)[tokenKey];
  return typeof t === "string" ? t : undefined;
}
