// What each cluster_* resource type implements. The provider (provider.ts) does the Value <-> plain
// conversion, the lifecycle checks and the diagnostics plumbing; a resource type only maps between its
// attributes and cluster objects.
import type { ClusterClient } from "../../cluster/api/client.js";
import type { Diagnostic } from "../../lang/diagnostics.js";
import type { Schema } from "../schema.js";
import type { PlainObject } from "./plain.js";
import type { PlanPicture } from "./plan-picture.js";

export interface ClusterSession {
  readonly client: ClusterClient;
  /** Resolves once the embedded core reached a fixed point; a no-op when served (the server reconciles). */
  settle(): Promise<void>;
  /**
   * True when nothing but this process can change the cluster right now (embedded core, this process runs
   * the controllers, and it is idle): a pod unschedulable now stays unschedulable, so waiting is pointless.
   */
  isQuiescent(): boolean;
}

export interface PlanInput {
  /** Null for a create. */
  readonly prior: PlainObject | null;
  /** The proposed new state; `undefined` attribute values are unknown. */
  readonly proposed: PlainObject;
  /** The configuration as evaluated; `null` attributes are unset, `undefined` ones unknown. */
  readonly config: PlainObject;
  readonly picture: PlanPicture;
  readonly session: ClusterSession;
  /** The resource instance's address (for conflicts between two resources); undefined from older callers. */
  readonly address?: string;
}

export interface PlanOutput {
  readonly planned: PlainObject;
  /** Attribute names whose change needs a replacement beyond the schema's forcesReplacement ones. */
  readonly requiresReplace?: string[];
  readonly diagnostics?: Diagnostic[];
}

export interface ApplyOutput {
  /** The new state; undefined when the object could not be made (diagnostics say why). */
  readonly state?: PlainObject;
  readonly diagnostics?: Diagnostic[];
}

export interface ResourceType {
  readonly typeName: string;
  readonly schema: Schema;
  /** Static checks on configuration (unknown values are `undefined` and must be skipped). */
  validate(config: PlainObject): Diagnostic[];
  plan(input: PlanInput): Promise<PlanOutput>;
  /** Told about a planned delete (the placement check's picture drops deleted nodes). */
  planDelete?(prior: PlainObject, picture: PlanPicture): void;
  create(s: ClusterSession, planned: PlainObject, clientToken: string): Promise<ApplyOutput>;
  update(s: ClusterSession, prior: PlainObject, planned: PlainObject): Promise<ApplyOutput>;
  delete(s: ClusterSession, prior: PlainObject): Promise<void>;
  /** The object as it is now, or null when gone. `prior` carries the identity (and the form of empty values). */
  read(s: ClusterSession, prior: PlainObject): Promise<PlainObject | null>;
  /** The identity attributes an import ID stands for (read fills in the rest); a string is an error message. */
  parseImportId(id: string): PlainObject | string;
  /** The object created with this client token, as state, if any. */
  findByClientToken(s: ClusterSession, token: string): Promise<PlainObject | null>;
}

export const CLIENT_TOKEN_ANNOTATION = "cairn.dev/client-token";
export const MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
export const ZONE_LABEL = "topology.kubernetes.io/zone";
export const HOSTNAME_LABEL = "kubernetes.io/hostname";
