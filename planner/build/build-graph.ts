// The configuration graph the plan walk (and `cairn graph`) uses: an ordered list of small transformers,
// validated at the end (a cycle is a "Cycle" diagnostic naming every member with its range).

import type { ConfigModule } from "../../config/model.js";
import { buildGraph, type BuiltGraph } from "../graph/transform.js";
import type { GraphTransformer } from "../graph/transform.js";
import type { StateFile } from "../../state/model.js";
import { describeNode, type GraphNode } from "../eval/nodes.js";
import type { ProviderSet } from "../eval/providers.js";
import type { Targeting } from "../eval/targeting.js";
import type { ChildModuleConfig } from "../eval/module-configs.js";
import { ConfigNodesTransformer } from "./transform-config-nodes.js";
import { OrphanResourcesTransformer } from "./transform-orphans.js";
import { ModuleExpansionTransformer } from "./transform-module-expansion.js";
import { ProviderTransformer } from "./transform-providers.js";
import { ReferenceTransformer } from "./transform-references.js";
import { DependsOnTransformer } from "./transform-depends-on.js";
import { ModuleDependsOnTransformer } from "./transform-module-depends-on.js";
import { TargetsTransformer } from "./transform-targets.js";

export interface GraphInputs {
  readonly module: ConfigModule;
  readonly state?: StateFile;
  readonly providers: ProviderSet;
  readonly targeting?: Targeting;
  /** Child modules (module tree nodes other than the root). */
  readonly children?: readonly ChildModuleConfig[];
}

export function configGraphTransformers(input: GraphInputs): GraphTransformer<GraphNode>[] {
  const list: GraphTransformer<GraphNode>[] = [
    new ConfigNodesTransformer(input.module, input.children),
    new OrphanResourcesTransformer(input.state),
    new ProviderTransformer(input.module, input.children),
    new ModuleExpansionTransformer(input.children ?? []),
    new ReferenceTransformer(input.providers),
    new DependsOnTransformer(),
    new ModuleDependsOnTransformer(input.children ?? []),
  ];
  if (input.targeting) list.push(new TargetsTransformer(input.targeting));
  return list;
}

export function buildConfigGraph(input: GraphInputs): BuiltGraph<GraphNode> {
  return buildGraph(configGraphTransformers(input), { describe: describeNode });
}
