// A JSON body read through a schema (HCL's json/structure.go). JSON cannot say by itself whether a property
// is an argument or a block, so the schema decides: a property named like a schema attribute is an
// attribute; one named like a block type is one or more blocks, with one level of nested object per label
// and arrays for repeated blocks. The "//" property is a comment. A root array of objects is merged.

import { errorDiag, type Diagnostic } from "../diagnostics.js";
import type { Range } from "../pos.js";
import type {
  BlockHeaderSchema,
  BodyContent,
  BodySchema,
  ContentAttribute,
  ContentBlock,
  SyntaxBody,
} from "../body.js";
import { didYouMean } from "../suggest.js";
import { exprForJson } from "./expr.js";
import { attrRange, startRangeOf, type JsonNode, type JsonObjectAttr } from "./nodes.js";
import { rangeString } from "../pos.js";

const COMMENT_PROPERTY = "//";

export class JsonBody implements SyntaxBody {
  /** `hidden` holds names already taken by an earlier partialContent(). */
  constructor(
    readonly value: JsonNode,
    private readonly hidden: ReadonlySet<string> = new Set(),
  ) {}

  content(schema: BodySchema): { content: BodyContent; diags: Diagnostic[] } {
    const { content, remain, diags } = this.partialContentImpl(schema);
    const hidden = remain.hidden;
    const suggestions: string[] = [];
    for (const a of schema.attributes ?? []) if (!hidden.has(a.name)) suggestions.push(a.name);
    for (const b of schema.blocks ?? []) suggestions.push(b.type);
    // partialContentImpl already reported a mistyped body (HCL reports it twice); collect quietly here.
    for (const attr of collectDeepAttrs(this.value, undefined, [])) {
      if (attr.name === COMMENT_PROPERTY || hidden.has(attr.name)) continue;
      diags.push(
        errorDiag(
          "Extraneous JSON object property",
          `No argument or block type is named ${JSON.stringify(attr.name)}.${didYouMean(attr.name, suggestions)}`,
          attr.nameRange,
          attr.nameRange,
        ),
      );
    }
    return { content, diags };
  }

  partialContent(schema: BodySchema): { content: BodyContent; remain: SyntaxBody; diags: Diagnostic[] } {
    return this.partialContentImpl(schema);
  }

  private partialContentImpl(schema: BodySchema): { content: BodyContent; remain: JsonBody; diags: Diagnostic[] } {
    const diags: Diagnostic[] = [];
    const jsonAttrs = collectDeepAttrs(this.value, undefined, diags);
    const used = new Set(this.hidden);
    const attributes = new Map<string, ContentAttribute>();
    const blocks: ContentBlock[] = [];
    const attrSchemas = new Set((schema.attributes ?? []).map((a) => a.name));
    const blockSchemas = new Map<string, BlockHeaderSchema>((schema.blocks ?? []).map((b) => [b.type, b]));

    for (const jsonAttr of jsonAttrs) {
      const name = jsonAttr.name;
      if (this.hidden.has(name)) continue;
      if (attrSchemas.has(name)) {
        const existing = attributes.get(name);
        if (existing !== undefined) {
          diags.push(
            errorDiag(
              "Duplicate argument",
              `The argument ${JSON.stringify(name)} was already set at ${rangeString(existing.range)}.`,
              jsonAttr.nameRange,
              jsonAttr.nameRange,
            ),
          );
          continue;
        }
        attributes.set(name, contentAttribute(jsonAttr, diags));
        used.add(name);
      } else {
        const blockSchema = blockSchemas.get(name);
        if (blockSchema === undefined) continue;
        unpackBlock(jsonAttr.value, blockSchema.type, jsonAttr.nameRange, blockSchema.labelNames ?? [], [], [], blocks, diags);
        used.add(name);
      }
    }

    const missingItemRange = this.missingItemRange();
    for (const a of schema.attributes ?? []) {
      if (a.required === true && !attributes.has(a.name)) {
        diags.push(
          errorDiag(
            "Missing required argument",
            `The argument ${JSON.stringify(a.name)} is required, but no definition was found.`,
            missingItemRange,
          ),
        );
      }
    }
    return { content: { attributes, blocks, missingItemRange }, remain: new JsonBody(this.value, used), diags };
  }

  justAttributes(): { attributes: ReadonlyMap<string, ContentAttribute>; diags: Diagnostic[] } {
    const diags: Diagnostic[] = [];
    const attributes = new Map<string, ContentAttribute>();
    if (this.value.kind !== "object") {
      diags.push(
        errorDiag(
          "Incorrect JSON value type",
          "A JSON object is required here, setting the arguments for this block.",
          startRangeOf(this.value),
        ),
      );
      return { attributes, diags };
    }
    for (const jsonAttr of this.value.attrs) {
      const name = jsonAttr.name;
      if (name === COMMENT_PROPERTY || this.hidden.has(name)) continue;
      const existing = attributes.get(name);
      if (existing !== undefined) {
        diags.push(
          errorDiag(
            "Duplicate attribute definition",
            `The argument ${JSON.stringify(name)} was already set at ${rangeString(existing.range)}.`,
            jsonAttr.nameRange,
          ),
        );
        continue;
      }
      attributes.set(name, contentAttribute(jsonAttr, diags));
    }
    return { attributes, diags };
  }

  missingItemRange(): Range {
    switch (this.value.kind) {
      case "object":
        return this.value.closeRange;
      case "array":
        return this.value.openRange;
      default:
        return startRangeOf(this.value);
    }
  }
}

function contentAttribute(jsonAttr: JsonObjectAttr, diags: Diagnostic[]): ContentAttribute {
  const built = exprForJson(jsonAttr.value);
  diags.push(...built.diags);
  return { name: jsonAttr.name, expr: built.expr, range: attrRange(jsonAttr), nameRange: jsonAttr.nameRange };
}

/**
 * The properties of an object, or of every object in an array (repeated blocks and split bodies).
 * `labelName` is set while unpacking block labels, for the wording of type errors.
 */
function collectDeepAttrs(v: JsonNode, labelName: string | undefined, diags: Diagnostic[]): JsonObjectAttr[] {
  switch (v.kind) {
    case "null":
      return [];
    case "object":
      return [...v.attrs];
    case "array": {
      const attrs: JsonObjectAttr[] = [];
      for (const ev of v.values) {
        if (ev.kind === "object") {
          attrs.push(...ev.attrs);
          continue;
        }
        const detail =
          labelName !== undefined
            ? `A JSON object is required here, to specify ${labelName} labels for this block.`
            : "A JSON object is required here, to define arguments and child blocks.";
        diags.push(errorDiag("Incorrect JSON value type", detail, startRangeOf(ev)));
      }
      return attrs;
    }
    default: {
      const detail =
        labelName !== undefined
          ? `Either a JSON object or JSON array of objects is required here, to specify ${labelName} labels for this block.`
          : "Either a JSON object or JSON array of objects is required here, to define arguments and child blocks.";
      diags.push(errorDiag("Incorrect JSON value type", detail, startRangeOf(v)));
      return [];
    }
  }
}

/** One level of object per remaining label; then an object is one block, an array is one block per element. */
function unpackBlock(
  v: JsonNode,
  typeName: string,
  typeRange: Range,
  labelsLeft: readonly string[],
  labelsUsed: readonly string[],
  labelRanges: readonly Range[],
  blocks: ContentBlock[],
  diags: Diagnostic[],
): void {
  if (labelsLeft.length > 0) {
    const labelName = labelsLeft[0]!;
    const props = collectDeepAttrs(v, labelName, diags);
    if (props.length === 0) {
      diags.push(
        errorDiag(
          "Missing block label",
          `At least one object property is required, whose name represents the ${typeName} block's ${labelName}.`,
          startRangeOf(v),
        ),
      );
      return;
    }
    for (const p of props) {
      unpackBlock(p.value, typeName, typeRange, labelsLeft.slice(1), [...labelsUsed, p.name], [...labelRanges, p.nameRange], blocks, diags);
    }
    return;
  }
  switch (v.kind) {
    case "null":
      return;
    case "object":
      blocks.push({ type: typeName, labels: labelsUsed, body: new JsonBody(v), defRange: v.openRange, typeRange, labelRanges });
      return;
    case "array":
      // Each element becomes a block; a mistyped element is reported when its content is requested.
      for (const av of v.values) {
        blocks.push({ type: typeName, labels: labelsUsed, body: new JsonBody(av), defRange: v.openRange, typeRange, labelRanges });
      }
      return;
    default:
      diags.push(
        errorDiag(
          "Incorrect JSON value type",
          `Either a JSON object or a JSON array is required, representing the contents of one or more ${JSON.stringify(typeName)} blocks.`,
          startRangeOf(v),
        ),
      );
  }
}
