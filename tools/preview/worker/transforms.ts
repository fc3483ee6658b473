/**
 * Resource options and transforms as the engine's resource monitor handles them (pulumi/pulumi
 * `pkg/resource/deploy/source_eval.go`, RegisterResource): the request's options become a `TransformResourceOptions`,
 * then the resource's own `transforms`, its ancestors' and the stack's (`registerResourceTransform`) run in that order,
 * each called through the program's callback server exactly as the engine calls it, and what they return is what the
 * engine (and a policy pack) sees. The mock runtime only lists transforms; it never runs them.
 */
import { type ResourceOptions, UNKNOWN_VALUE } from "../shared/types";
import { OUTPUT_VALUE_SIG, SECRET_SIG, SIG_KEY } from "./wire";

/* eslint-disable @typescript-eslint/no-explicit-any -- protobuf messages come from the program's runtime, untyped. */

type Props = Record<string, unknown>;

/** The pieces of the program's @pulumi/pulumi transforms need. */
export interface TransformModules {
  resproto: any;
  callbackProto: any;
  CallbacksClient: new (target: string, credentials: unknown) => any;
  grpc: any;
  Struct: { fromJavaScript(value: Props): any };
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

/** The options set on a registration, for the report (`req` adds what transforms cannot change). */
export function recordedOptions(opts: any, req: any): ResourceOptions {
  const out: ResourceOptions = {};
  const lists: [keyof ResourceOptions, string[]][] = [
    ["ignoreChanges", opts.getIgnoreChangesList()],
    ["replaceOnChanges", opts.getReplaceOnChangesList()],
    ["additionalSecretOutputs", opts.getAdditionalSecretOutputsList()],
    ["replaceWith", opts.getReplaceWithList()],
    ["hideDiffs", req.getHidediffsList()],
  ];
  const strings: [keyof ResourceOptions, string][] = [
    ["deletedWith", opts.getDeletedWith()],
    ["import", req.getImportid()],
    ["version", opts.getVersion()],
    ["pluginDownloadURL", opts.getPluginDownloadUrl()],
  ];
  if (opts.hasProtect()) out.protect = opts.getProtect();
  if (opts.hasDeleteBeforeReplace()) out.deleteBeforeReplace = opts.getDeleteBeforeReplace();
  if (opts.hasRetainOnDelete()) out.retainOnDelete = opts.getRetainOnDelete();
  for (const [key, value] of lists) if (value.length > 0) Object.assign(out, { [key]: [...value] });
  for (const [key, value] of strings) if (value) Object.assign(out, { [key]: value });
  const timeouts = opts.getCustomTimeouts();
  if (timeouts && (timeouts.getCreate() || timeouts.getUpdate() || timeouts.getDelete())) {
    out.customTimeouts = Object.fromEntries(
      [
        ["create", timeouts.getCreate()],
        ["update", timeouts.getUpdate()],
        ["delete", timeouts.getDelete()],
      ].filter(([, v]) => v),
    );
  }
  const aliases = opts.getAliasesList().map(aliasSpec);
  if (aliases.length > 0) out.aliases = aliases;
  return out;
}

/** An `Alias` message as `{ urn }` or its spec, without empty fields. */
function aliasSpec(alias: any): Props {
  if (alias.hasUrn()) return { urn: alias.getUrn() };
  const spec = alias.getSpec();
  const fields: [string, unknown][] = [
    ["name", spec?.getName()],
    ["type", spec?.getType()],
    ["stack", spec?.getStack()],
    ["project", spec?.getProject()],
    ["parentUrn", spec?.getParenturn()],
    ["noParent", spec?.getNoparent()],
  ];
  return Object.fromEntries(fields.filter(([, v]) => v !== "" && v !== false && v !== undefined));
}

/** A registration as transforms see it and change it. */
export interface Registration {
  type: string;
  name: string;
  custom: boolean;
  parent: string;
  /** Inputs in wire form. */
  props: Props;
  /** `TransformResourceOptions`. */
  opts: any;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
}

export class TransformRunner {
  private readonly stackTransforms: any[] = [];
  private readonly invokeTransforms: any[] = [];
  /** Each resource's own transforms, which also apply to its descendants. */
  private readonly own = new Map<string, any[]>();
  private readonly parents = new Map<string, string>();
  private readonly clients = new Map<string, any>();

  constructor(private readonly modules: () => TransformModules) {}

  addStackTransform(callback: any): void {
    this.stackTransforms.push(callback);
  }

  addStackInvokeTransform(callback: any): void {
    this.invokeTransforms.push(callback);
  }

  /** An invoke's arguments (wire form) after the stack's invoke transforms (`registerInvokeTransform`). */
  async transformInvoke(req: any, args: Props): Promise<Props> {
    if (this.invokeTransforms.length === 0) return args;
    const m = this.modules();
    let opts = new m.resproto.TransformInvokeOptions();
    opts.setProvider(req.getProvider()).setVersion(req.getVersion()).setPluginDownloadUrl(req.getPlugindownloadurl());
    for (const callback of this.invokeTransforms) {
      const request = new m.resproto.TransformInvokeRequest();
      request.setToken(req.getTok()).setArgs(m.Struct.fromJavaScript(args)).setOptions(opts);
      const response = m.resproto.TransformInvokeResponse.deserializeBinary(await this.call(callback, request.serializeBinary()));
      args = response.getArgs()?.toJavaScript() ?? args;
      opts = response.getOptions() ?? opts;
    }
    return args;
  }

  /** The transforms for a registration, in the engine's order: its own, each ancestor's, the stack's. */
  collect(urn: string, parent: string, own: any[]): any[] {
    if (this.own.size === 0 && own.length === 0) return this.stackTransforms;
    if (own.length > 0) this.own.set(urn, own);
    if (parent) this.parents.set(urn, parent);
    const chain = [...own];
    for (let at = parent; at; at = this.parents.get(at) ?? "") chain.push(...(this.own.get(at) ?? []));
    return [...chain, ...this.stackTransforms];
  }

  /**
   * Runs `callbacks` over a registration. With transforms of its own, the engine hands the inputs over as output
   * values carrying their dependencies and rebuilds the dependencies from what comes back (plus `dependsOn`).
   */
  async run(callbacks: any[], hasOwn: boolean, reg: Registration): Promise<Registration> {
    const m = this.modules();
    let props = hasOwn ? withDependencies(reg.props, reg.propertyDependencies) : reg.props;
    let opts = reg.opts;
    for (const callback of callbacks) {
      const request = new m.resproto.TransformRequest();
      request.setType(reg.type).setName(reg.name).setCustom(reg.custom).setParent(reg.parent);
      request.setProperties(m.Struct.fromJavaScript(props)).setOptions(opts);
      const invoke = new m.callbackProto.CallbackInvokeRequest();
      invoke.setToken(callback.getToken()).setRequest(request.serializeBinary());
      const reply: any = await new Promise((resolve, reject) =>
        this.client(callback.getTarget()).invoke(invoke, (err: any, res: any) =>
          err ? reject(new Error(err.details || err.message)) : resolve(res),
        ),
      );
      const response = m.resproto.TransformResponse.deserializeBinary(reply.getResponse_asU8());
      props = response.getProperties()?.toJavaScript() ?? props;
      opts = response.getOptions() ?? opts;
    }
    if (!hasOwn) return { ...reg, props, opts };
    const propertyDependencies = Object.fromEntries(Object.keys(props).map((key) => [key, [...outputDependencies(props[key])]]));
    const dependencies = new Set<string>(opts.getDependsOnList());
    for (const deps of Object.values(propertyDependencies)) deps.forEach((d) => dependencies.add(d));
    return { ...reg, props, opts, dependencies: [...dependencies], propertyDependencies };
  }

  /** Calls a callback of the program's callback server, as the engine does. */
  private async call(callback: any, request: Uint8Array): Promise<Uint8Array> {
    const invoke = new (this.modules().callbackProto.CallbackInvokeRequest)();
    invoke.setToken(callback.getToken()).setRequest(request);
    const reply: any = await new Promise((resolve, reject) =>
      this.client(callback.getTarget()).invoke(invoke, (err: any, res: any) =>
        err ? reject(new Error(err.details || err.message)) : resolve(res),
      ),
    );
    return reply.getResponse_asU8();
  }

  private client(target: string): any {
    let client = this.clients.get(target);
    if (!client) {
      const m = this.modules();
      client = new m.CallbacksClient(target, m.grpc.credentials.createInsecure());
      this.clients.set(target, client);
    }
    return client;
  }
}

/** Top-level inputs with dependencies become output values carrying them (the engine's UpgradeToOutputValues). */
function withDependencies(props: Props, propertyDependencies: Record<string, string[]>): Props {
  const out: Props = {};
  for (const [key, value] of Object.entries(props)) {
    const deps = propertyDependencies[key] ?? [];
    if (deps.length === 0) {
      out[key] = value;
      continue;
    }
    const isSecret = typeof value === "object" && value !== null && (value as Props)[SIG_KEY] === SECRET_SIG;
    const inner = isSecret ? (value as Props).value : value;
    const known = inner !== UNKNOWN_VALUE;
    out[key] = {
      [SIG_KEY]: OUTPUT_VALUE_SIG,
      ...(known ? { value: inner } : {}),
      ...(isSecret ? { secret: true } : {}),
      dependencies: deps,
    };
  }
  return out;
}

/** The dependencies of every output value inside a wire value. */
function outputDependencies(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => outputDependencies(v, found));
  else if (typeof value === "object" && value !== null) {
    const obj = value as Props;
    if (obj[SIG_KEY] === OUTPUT_VALUE_SIG && Array.isArray(obj.dependencies)) obj.dependencies.forEach((d) => found.add(String(d)));
    Object.values(obj).forEach((v) => outputDependencies(v, found));
  }
  return found;
}
