import * as pulumi from "@pulumi/pulumi";

/**
 * Resource options of a component's children: what the caller asked for on the component, then the package's default
 * for the child's class. Pulumi passes `protect` and providers down through `parent` by itself
 * (docs/azure-rules/data-protection.md AZ-DATA-06); this module adds the per-class defaults and forwards the options
 * the SDK does not pass to children (`retainOnDelete`, `deletedWith`, `ignoreChanges`).
 */

/** What a child resource is, for its lifecycle defaults. */
export type ResourceClass =
  | "resourceGroup"
  | "storageAccount"
  | "blobContainer"
  | "keyVault"
  | "logAnalytics"
  | "containerRegistry"
  | "workspace"
  /** Settings and pointers that hold no data (diagnostic settings, role assignments, locks, datastores, ...). */
  | "config";

export interface ClassDefaults {
  /** `protect`: Pulumi refuses to delete or replace the resource. */
  readonly protect: boolean;
  /** `retainOnDelete`: deleting the Pulumi resource leaves the Azure resource (and its data) in place. */
  readonly retainOnDelete: boolean;
  /** Why, in one line (docs and the config reference show it). */
  readonly why: string;
}

/** docs/azure-rules/data-protection.md AZ-DATA-04, AZ-DATA-05 */
export const CLASS_DEFAULTS: Readonly<Record<ResourceClass, ClassDefaults>> = {
  resourceGroup: { protect: true, retainOnDelete: false, why: "deleting it deletes everything in it" },
  storageAccount: { protect: true, retainOnDelete: false, why: "deleting it deletes every blob; soft delete does not survive it" },
  blobContainer: {
    protect: true,
    retainOnDelete: true,
    why: "a datastore's data: dropping the entry (or renaming the container) keeps the old container and its blobs",
  },
  keyVault: {
    protect: true,
    retainOnDelete: false,
    why: "holds the workspace's secrets; soft delete and purge protection keep it 90 days",
  },
  logAnalytics: { protect: true, retainOnDelete: false, why: "holds the logs and the usage history" },
  containerRegistry: { protect: true, retainOnDelete: false, why: "holds the environment images; no soft delete" },
  workspace: { protect: true, retainOnDelete: false, why: "holds experiments, models and registered assets" },
  config: { protect: false, retainOnDelete: false, why: "holds no data; replaced freely" },
};

export const STATEFUL_CLASSES = (Object.keys(CLASS_DEFAULTS) as ResourceClass[]).filter((c) => CLASS_DEFAULTS[c].protect);

/** The options a component passes on to every child: those of its caller the SDK does not inherit through `parent`. */
export type ForwardedOptions = Pick<pulumi.CustomResourceOptions, "retainOnDelete" | "deletedWith" | "ignoreChanges">;

export function forwardedOptions(opts: pulumi.ResourceOptions | undefined): ForwardedOptions {
  const forwarded: ForwardedOptions = {};
  if (opts?.retainOnDelete !== undefined) forwarded.retainOnDelete = opts.retainOnDelete;
  if (opts?.deletedWith !== undefined) forwarded.deletedWith = opts.deletedWith;
  if (opts?.ignoreChanges?.length) forwarded.ignoreChanges = [...opts.ignoreChanges];
  return forwarded;
}

/** `protect` as set on the component or inherited from its ancestors (undefined when nobody set it). */
function inheritedProtect(owner: pulumi.Resource): boolean | undefined {
  // The SDK keeps the resolved value on the resource; an explicit caller value must win over the class default.
  return (owner as unknown as { __protect?: boolean }).__protect;
}

/**
 * Options for a child of `owner`: `parent`, the forwarded caller options, and for a stateful class `protect` (the
 * caller's explicit value, else `protectArg`, else the class default) and its `retainOnDelete` default.
 */
export function childOptions(
  owner: pulumi.Resource,
  opts: pulumi.ResourceOptions | undefined,
  cls: ResourceClass = "config",
  protectArg?: boolean,
): pulumi.CustomResourceOptions {
  const defaults = CLASS_DEFAULTS[cls];
  const child: pulumi.CustomResourceOptions = { parent: owner, ...forwardedOptions(opts) };
  if (defaults.protect) child.protect = inheritedProtect(owner) ?? protectArg ?? true;
  if (defaults.retainOnDelete && child.retainOnDelete === undefined) child.retainOnDelete = true;
  return child;
}

/** Options for a nested component: `parent` and the forwarded caller options (protect and providers flow by `parent`). */
export function componentChildOptions(
  owner: pulumi.ComponentResource,
  opts: pulumi.ResourceOptions | undefined,
): pulumi.ComponentResourceOptions {
  return { parent: owner, ...forwardedOptions(opts) };
}

/** `opts` with `paths` added to the caller's `ignoreChanges`. */
export function withIgnoreChanges(opts: pulumi.CustomResourceOptions, paths: string[]): pulumi.CustomResourceOptions {
  return { ...opts, ignoreChanges: [...(opts.ignoreChanges ?? []), ...paths] };
}
