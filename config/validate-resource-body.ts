// Validating a resource (or data source, or provider) body against the provider's schema: unknown
// arguments and block types (computed-only attributes included), missing required arguments, block counts. `dynamic` blocks are accepted for any nested block type; their content is checked against that
// block's schema, and their count is only known after expansion. Iterative over nesting.

import type { SyntaxBody } from "../lang/body.js";
import { type Diagnostic, errorDiag } from "../lang/diagnostics.js";
import type { Expression } from "../lang/syntax/ast.js";
import { type BlockSpec, bodySchemaFor } from "./schema.js";

export interface BodyValidation {
  readonly diags: Diagnostic[];
  /** Every argument expression found, for reference validation of bodies whose syntax needs a schema (JSON). */
  readonly expressions: Expression[];
}

export function validateResourceBody(body: SyntaxBody, spec: BlockSpec): BodyValidation {
  const diags: Diagnostic[] = [];
  const expressions: Expression[] = [];
  const work: { body: SyntaxBody; spec: BlockSpec }[] = [{ body, spec }];
  while (work.length > 0) {
    const { body: b, spec: s } = work.pop()!;
    const schema = bodySchemaFor(s);
    const blocks = schema.blocks ?? [];
    const withDynamic = { ...schema, blocks: [...blocks, { type: "dynamic", labelNames: ["type"] }] };
    const { content, diags: d } = b.content(withDynamic);
    diags.push(...d);
    // Computed-only attributes are not in the decoding schema, so setting one is "Unsupported argument".
    for (const attr of content.attributes.values()) expressions.push(attr.expr);
    const counts = new Map<string, number>();
    for (const blk of content.blocks) {
      if (blk.type === "dynamic") {
        const target = blk.labels[0]!;
        const nested = s.blocks?.[target];
        if (nested === undefined) {
          diags.push(
            errorDiag("Unsupported block type", `Blocks of type "${target}" are not expected here.`, blk.labelRanges[0]),
          );
          continue;
        }
        const dyn = blk.body.content({
          attributes: [{ name: "for_each", required: true }, { name: "iterator" }, { name: "labels" }],
          blocks: [{ type: "content" }],
        });
        diags.push(...dyn.diags);
        for (const a of dyn.content.attributes.values()) expressions.push(a.expr);
        const contents = dyn.content.blocks;
        if (contents.length !== 1) {
          diags.push(
            errorDiag(
              contents.length === 0 ? "Missing content block" : "Extraneous content block",
              contents.length === 0
                ? "A dynamic block must have a nested block of type \"content\" to describe the body of each generated block."
                : "Only one \"content\" block is allowed in a dynamic block.",
              blk.defRange,
            ),
          );
        }
        for (const c of contents) work.push({ body: c.body, spec: nested.block });
        // Expansion may produce any number of blocks: counts are checked after expansion.
        counts.set(target, Infinity);
        continue;
      }
      counts.set(blk.type, (counts.get(blk.type) ?? 0) + 1);
      const nested = s.blocks?.[blk.type];
      if (nested === undefined) continue;
      if ((nested.nesting === "single" || nested.nesting === "group") && counts.get(blk.type)! > 1) {
        diags.push(errorDiag("Too many blocks", `No more than 1 "${blk.type}" blocks are allowed`, blk.defRange));
      }
      work.push({ body: blk.body, spec: nested.block });
    }
    for (const [type, nested] of Object.entries(s.blocks ?? {})) {
      const n = counts.get(type) ?? 0;
      if (n === Infinity) continue;
      const min = nested.minItems ?? 0;
      if (n < min) {
        diags.push(
          errorDiag(
            n === 0 && min === 1 ? "Missing required block" : "Insufficient blocks",
            n === 0 && min === 1 ? `At least 1 "${type}" blocks are required.` : `At least ${min} "${type}" blocks are required.`,
            content.missingItemRange,
          ),
        );
      }
      if (nested.maxItems !== undefined && n > nested.maxItems) {
        diags.push(errorDiag("Too many blocks", `No more than ${nested.maxItems} "${type}" blocks are allowed`, content.missingItemRange));
      }
    }
  }
  return { diags, expressions };
}

