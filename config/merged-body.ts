// HCL's MergeBodies: several bodies seen as one, used for the `_` escaping block of resources (its arguments
// join the provider-specific body). An argument defined in two of them is an error.

import type { BodyContent, BodySchema, ContentAttribute, ContentBlock, SyntaxBody } from "../lang/body.js";
import { type Diagnostic, errorDiag } from "../lang/diagnostics.js";
import { rangeText } from "./names.js";

export function mergeBodies(...bodies: SyntaxBody[]): SyntaxBody {
  return new MergedBody(bodies);
}

function mergeAttrs(into: Map<string, ContentAttribute>, from: ReadonlyMap<string, ContentAttribute>, diags: Diagnostic[]): void {
  for (const [name, attr] of from) {
    const prev = into.get(name);
    if (prev !== undefined) {
      diags.push(
        errorDiag(
          "Duplicate argument",
          `Argument "${name}" was already set at ${rangeText(prev.nameRange)}. Each argument may be set only once.`,
          attr.nameRange,
        ),
      );
      continue;
    }
    into.set(name, attr);
  }
}

class MergedBody implements SyntaxBody {
  constructor(private readonly bodies: readonly SyntaxBody[]) {}

  content(schema: BodySchema): { content: BodyContent; diags: Diagnostic[] } {
    const { content, remain, diags } = this.partialContent(schema);
    // Anything left over in any part is unsupported: let each part report it against an empty schema.
    const leftover = remain.content({});
    return { content, diags: [...diags, ...leftover.diags] };
  }

  partialContent(schema: BodySchema): { content: BodyContent; remain: SyntaxBody; diags: Diagnostic[] } {
    const diags: Diagnostic[] = [];
    const attributes = new Map<string, ContentAttribute>();
    const blocks: ContentBlock[] = [];
    const remains: SyntaxBody[] = [];
    // A required attribute may be present in any one part, so check requiredness on the merge.
    const relaxed: BodySchema = { ...schema, attributes: (schema.attributes ?? []).map((a) => ({ name: a.name })) };
    for (const b of this.bodies) {
      const r = b.partialContent(relaxed);
      diags.push(...r.diags);
      mergeAttrs(attributes, r.content.attributes, diags);
      blocks.push(...r.content.blocks);
      remains.push(r.remain);
    }
    for (const a of schema.attributes ?? []) {
      if (a.required && !attributes.has(a.name)) {
        diags.push(
          errorDiag("Missing required argument", `The argument "${a.name}" is required, but no definition was found.`, this.missingItemRange()),
        );
      }
    }
    return { content: { attributes, blocks, missingItemRange: this.missingItemRange() }, remain: new MergedBody(remains), diags };
  }

  justAttributes(): { attributes: ReadonlyMap<string, ContentAttribute>; diags: Diagnostic[] } {
    const diags: Diagnostic[] = [];
    const attributes = new Map<string, ContentAttribute>();
    for (const b of this.bodies) {
      const r = b.justAttributes();
      diags.push(...r.diags);
      mergeAttrs(attributes, r.attributes, diags);
    }
    return { attributes, diags };
  }

  missingItemRange() {
    return this.bodies[0]!.missingItemRange();
  }
}
