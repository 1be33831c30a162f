// A TestThingCloud whose objects live in a JSON-lines file (one line per create/update and per delete), so a
// process can be killed mid-apply and another can see exactly what the "remote system" holds.

import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { jsonTextToValue, valueToJSONText } from "../../../lang/values/json.js";
import { impliedType } from "../../../providers/schema.js";
import { TestThingCloud, type CloudObject } from "../../providers/support/test-thing-cloud.js";
import { testThingSchema } from "../../providers/support/test-thing-schema.js";

interface Line {
  readonly op: "put" | "delete";
  readonly id: string;
  readonly token?: string;
  readonly state?: string;
}

export function readCloudLines(path: string): Line[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as Line];
      } catch {
        return []; // a torn last line from a killed process
      }
    });
}

export class FileThingCloud extends TestThingCloud {
  private loading = true;
  constructor(private readonly path: string) {
    super();
    const t = impliedType(testThingSchema.block);
    for (const l of readCloudLines(path)) {
      if (l.op === "delete") super.delete(l.id);
      else {
        const v = jsonTextToValue(l.state!, t);
        if (v.ok) super.put({ id: l.id, state: v.value, clientToken: l.token ?? "" });
      }
    }
    this.loading = false;
  }

  override newId(): string {
    return `thing-${randomUUID().slice(0, 8)}`;
  }

  override put(obj: CloudObject): void {
    super.put(obj);
    if (this.loading) return;
    const text = valueToJSONText(obj.state);
    appendFileSync(this.path, JSON.stringify({ op: "put", id: obj.id, token: obj.clientToken, state: text.ok ? text.text : "null" }) + "\n");
  }

  override delete(id: string): boolean {
    const had = super.delete(id);
    if (!this.loading) appendFileSync(this.path, JSON.stringify({ op: "delete", id }) + "\n");
    return had;
  }
}
