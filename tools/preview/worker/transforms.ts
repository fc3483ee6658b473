/**
 * Options and transforms as the engine's resource monitor handles them (pulumi/pulumi `source_eval.go`): options become
 * a `TransformResourceOptions`, then the resource's own, its ancestors' and the stack's transforms run in turn through
 * the program's callback server, and their result is what the engine (and a pack) sees. The mock runtime never runs them.
 */
import { type ResourceOptions, UNKNOWN_VALUE } from "../shared/types";
import { OUTPUT_VALUE_SIG, type Props, SECRET_SIG, SIG_KEY } from "./wire";

/* eslint-disable @typescript-eslint/no-explicit-any -- protobuf messages come from the program's runtime, untyped. */

type Dependencies = Record<string, string[]>;

/** The program's @pulumi/pulumi pieces transforms need; `callbacks` is its callback server (the SDK's `CallbackServer`). */
export interface TransformModules {
  resproto: any;
  callbackProto: any;
  Struct: { fromJavaScript(value: Props): any };
  callbacks(): { invoke(call: { request: unknown }, done: (err: any, reply?: any) => void): void };
}

/** The options the engine builds from a RegisterResource request, before transforms. */
export function engineOptions(req: any, resproto: any): any {
  const opts = new resproto.TransformResourceOptions();
  opts.setDependsOnList(req.getDependenciesList());
  if (req.hasProtect()) opts.setProtect(req.getProtect());
  opts.setIgnoreChangesList(req.getIgnorechangesList());
  opts.setReplaceOnChangesList(req.getReplaceonchangesList());
  opts.setVersion(req.getVersion());
  opts.setAliasesList(req.getAliasesList());
  opts.setProvider(req.getProvider());
  req.getProvidersMap().forEach((ref: string, pkg: string) => opts.getProvidersMap().set(pkg, ref));
  if (req.hasCustomtimeouts()) opts.setCustomTimeouts(req.getCustomtimeouts());
  opts.setPluginDownloadUrl(req.getPlugindownloadurl());
  if (req.hasRetainondelete()) opts.setRetainOnDelete(req.getRetainondelete());
  opts.setDeletedWith(req.getDeletedwith());
  if (req.getDeletebeforereplacedefined() || req.getDeletebeforereplace()) opts.setDeleteBeforeReplace(req.getDeletebeforereplace());
  opts.setAdditionalSecretOutputsList(req.getAdditionalsecretoutputsList());
  opts.setReplaceWithList(req.getReplaceWithList());
  return opts;
}

/** Only the fields that are set: no undefined, "", empty list or empty object (false stays: it was set). */
function setOnly<T extends object>(fields: T): T {
  const empty = (v: unknown) => v === undefined || v === "" || (typeof v === "object" && v !== null && Object.keys(v).length === 0);
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => !empty(v))) as T;
}

/** The options set on a registration, for the report (`req` adds what transforms cannot change). */
export function recordedOptions(opts: any, req: any): ResourceOptions {
  const timeouts = opts.getCustomTimeouts();
  return setOnly<ResourceOptions>({
    protect: opts.hasProtect() ? opts.getProtect() : undefined,
    deleteBeforeReplace: opts.hasDeleteBeforeReplace() ? opts.getDeleteBeforeReplace() : undefined,
    retainOnDelete: opts.hasRetainOnDelete() ? opts.getRetainOnDelete() : undefined,
    ignoreChanges: opts.getIgnoreChangesList(),
    replaceOnChanges: opts.getReplaceOnChangesList(),
    additionalSecretOutputs: opts.getAdditionalSecretOutputsList(),
    replaceWith: opts.getReplaceWithList(),
    hideDiffs: req.getHidediffsList(),
    customTimeouts: timeouts && setOnly({ create: timeouts.getCreate(), update: timeouts.getUpdate(), delete: timeouts.getDelete() }),
    aliases: opts.getAliasesList().map((alias: any) => {
      if (alias.hasUrn()) return { urn: alias.getUrn() };
      const spec = alias.getSpec();
      const fields = { name: spec.getName(), type: spec.getType(), stack: spec.getStack(), project: spec.getProject() };
      return setOnly({ ...fields, parentUrn: spec.getParenturn(), noParent: spec.getNoparent() || undefined });
    }),
    deletedWith: opts.getDeletedWith(),
    import: req.getImportid(),
    version: opts.getVersion(),
    pluginDownloadURL: opts.getPluginDownloadUrl(),
  });
}

/** A registration's inputs (wire form) and options (`TransformResourceOptions`), as transforms see and change them. */
export type Transformable = { props: Props; opts: any };

export class Transforms {
  /** `registerResourceTransform` and `registerInvokeTransform` callbacks, in registration order. */
  readonly stack: any[] = [];
  readonly invoke: any[] = [];
  /** Each resource's own transforms (which also apply to its descendants), and its parent while any exist. */
  private readonly own = new Map<string, any[]>();
  private readonly parents = new Map<string, string>();

  constructor(private readonly modules: () => TransformModules) {}

  /** The transforms for a registration, in the engine's order: its own, each ancestor's, the stack's. */
  collect(urn: string, parent: string, own: any[]): any[] {
    if (this.own.size === 0 && own.length === 0) return this.stack;
    if (own.length > 0) this.own.set(urn, own);
    if (parent) this.parents.set(urn, parent);
    const chain = [...own];
    for (let at = parent; at; at = this.parents.get(at) ?? "") chain.push(...(this.own.get(at) ?? []));
    return [...chain, ...this.stack];
  }

  /** Runs `callbacks` over a registration; with `propertyDependencies` (own transforms) inputs go as output values carrying them. */
  async run(callbacks: any[], req: any, reg: Transformable, propertyDependencies?: Dependencies): Promise<Transformable> {
    let { props, opts } = reg;
    const { resproto, Struct } = this.modules();
    if (propertyDependencies) props = withDependencies(props, propertyDependencies);
    for (const callback of callbacks) {
      const request = new resproto.TransformRequest().setType(req.getType()).setName(req.getName()).setCustom(req.getCustom());
      request.setParent(req.getParent()).setProperties(Struct.fromJavaScript(props)).setOptions(opts);
      const response = await this.call(callback, request, resproto.TransformResponse);
      props = response.getProperties()?.toJavaScript() ?? props;
      opts = response.getOptions() ?? opts;
    }
    return { props, opts };
  }

  /** An invoke's arguments (wire form) after the stack's invoke transforms. */
  async transformInvoke(req: any, args: Props): Promise<Props> {
    if (this.invoke.length === 0) return args;
    const { resproto, Struct } = this.modules();
    let opts = new resproto.TransformInvokeOptions().setProvider(req.getProvider()).setVersion(req.getVersion());
    opts.setPluginDownloadUrl(req.getPlugindownloadurl());
    for (const callback of this.invoke) {
      const request = new resproto.TransformInvokeRequest().setToken(req.getTok()).setArgs(Struct.fromJavaScript(args)).setOptions(opts);
      const response = await this.call(callback, request, resproto.TransformInvokeResponse);
      args = response.getArgs()?.toJavaScript() ?? args;
      opts = response.getOptions() ?? opts;
    }
    return args;
  }

  /** One callback, through the callback server's own handler (in this process: no gRPC round trip). */
  private async call(callback: any, request: any, responseType: any): Promise<any> {
    const { callbackProto, callbacks } = this.modules();
    const invoke = new callbackProto.CallbackInvokeRequest().setToken(callback.getToken()).setRequest(request.serializeBinary());
    const reply = await new Promise<any>((resolve, reject) =>
      callbacks().invoke({ request: invoke }, (err, res) => (err ? reject(new Error(err.details || err.message)) : resolve(res))),
    );
    return responseType.deserializeBinary(reply.getResponse_asU8());
  }
}

/** Top-level inputs with dependencies become output values carrying them (the engine's UpgradeToOutputValues). */
function withDependencies(props: Props, propertyDependencies: Dependencies): Props {
  const out: Props = { ...props };
  for (const [key, dependencies] of Object.entries(propertyDependencies)) {
    if (!(key in props) || dependencies.length === 0) continue;
    const secret = (props[key] as Props | null)?.[SIG_KEY] === SECRET_SIG;
    const value = secret ? (props[key] as Props).value : props[key];
    out[key] = { [SIG_KEY]: OUTPUT_VALUE_SIG, ...(value === UNKNOWN_VALUE ? {} : { value }), ...(secret ? { secret } : {}), dependencies };
  }
  return out;
}
