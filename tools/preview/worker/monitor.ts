/**
 * The program's own @pulumi/pulumi `MockMonitor` (URNs, `getResource`, features as for a unit test), with handlers that
 * record every request the engine would receive (registrations, reads, the stack's outputs) and answer from the fakes.
 */
import type { FakeResourceArgs, FakeResourceResult } from "./fakes";
import type { ReadResource, RecordedResource } from "../shared/types";
import { engineOptions, recordedOptions, type Transformable, type TransformModules, Transforms } from "./transforms";
import { decodeProperties, decodeRecorded, type Props } from "./wire";

/* eslint-disable @typescript-eslint/no-explicit-any -- protobuf requests come from the program's runtime, untyped. */

type Callback = (err: Error | null, response?: unknown) => void;

/** What answers the program's requests: fake provider results, possibly asking the host (stack references, lookups). */
export interface FakeBackend {
  newResource(args: FakeResourceArgs): Promise<FakeResourceResult>;
  /** An invoke's result; undefined when it is unknown in preview. */
  call(token: string, inputs: Props): Promise<Props | undefined>;
}

/** What one stack's program sent, in arrival order; `onRecord` hears of each registration once it is recorded. */
export interface Recording {
  resources: RecordedResource[];
  reads: ReadResource[];
  stackUrn?: string;
  /** The stack's outputs in wire form (its last RegisterResourceOutputs). */
  stackOutputs: Props;
  onRecord(record: RecordedResource): void;
}

/** Records in arrival order though transforms finish out of order; `settle(seq, undefined)`: it failed unrecorded. */
function arrivalOrder(recording: Recording) {
  const ready = new Map<number, RecordedResource | undefined>();
  let reserved = 0;
  let next = 0;
  return {
    reserve: () => reserved++,
    settle(seq: number, record: RecordedResource | undefined): void {
      if (seq < next || ready.has(seq)) return;
      ready.set(seq, record);
      for (; ready.has(next); next++) {
        const settled = ready.get(next);
        ready.delete(next);
        if (!settled) continue;
        recording.resources.push(settled);
        recording.onRecord(settled);
      }
    },
  };
}

/** The resource's own aliases as URNs (children's inherited aliases are derived from their parents' later). */
function aliasUrns(req: any, monitor: any): string[] {
  const specs: string[] = req.getAliasesList().map((alias: any) => {
    if (alias.getUrn()) return alias.getUrn();
    const spec = alias.getSpec();
    const parent = spec.getNoparent() ? "" : spec.getParenturn() || req.getParent();
    return monitor.newUrn(parent, spec.getType() || req.getType(), spec.getName() || req.getName());
  });
  // Without the aliasSpecs feature the SDK sends aliases it resolved itself.
  return [...specs, ...req.getAliasurnsList()];
}

/** gRPC-style error: the SDK reports `err.details` for failed invokes. */
function rpcError(err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  return Object.assign(new Error(message), { details: message });
}

export function installRecordingMonitor(sdk: NodeRequire, backend: FakeBackend, recording: Recording): void {
  const modules: TransformModules = {
    resproto: sdk("./proto/resource_pb"),
    callbackProto: sdk("./proto/callback_pb"),
    Struct: sdk("google-protobuf/google/protobuf/struct_pb").Struct,
    callbacks: () => sdk("./runtime/state").getStore().callbacks,
  };
  const { resproto, Struct } = modules;
  const transforms = new Transforms(() => modules);
  const order = arrivalOrder(recording);
  const { MockMonitor } = sdk("./runtime/mocks");
  const { invoke, registerResourceOutputs } = MockMonitor.prototype;

  /** Keeps a state for `getResource` and answers with it; the SDK only calls `toJavaScript()` on it, so no Struct is built. */
  function answer(monitor: any, response: any, getter: string, urn: string, { id, state }: FakeResourceResult): unknown {
    monitor.resources.set(urn, { urn, id: id ?? null, state });
    return Object.assign(response.setUrn(urn), { [getter]: () => ({ toJavaScript: () => state }) });
  }

  Object.assign(MockMonitor.prototype, {
    async registerResource(this: any, req: any, callback: Callback): Promise<void> {
      const [type, name, custom, parent] = [req.getType(), req.getName(), req.getCustom(), req.getParent()];
      const urn = this.newUrn(parent, type, name);
      if (type === "pulumi:pulumi:Stack" && !parent) recording.stackUrn = urn;
      const seq = order.reserve();
      try {
        let reg: Transformable = { props: req.getObject()?.toJavaScript() ?? {}, opts: engineOptions(req, resproto) };
        let dependencies: string[] = req.getDependenciesList();
        let propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps: any, key: string) => (propertyDependencies[key] = deps.getUrnsList()));
        const own = req.getTransformsList();
        const callbacks = transforms.collect(urn, parent, own);
        if (callbacks.length > 0) reg = await transforms.run(callbacks, req, reg, own.length > 0 ? propertyDependencies : undefined);
        const decoded = decodeRecorded(reg.props);
        if (own.length > 0) {
          // The engine rebuilds the dependencies from the output values the transforms returned, plus `dependsOn`.
          propertyDependencies = decoded.dependencies;
          dependencies = [...new Set([...reg.opts.getDependsOnList(), ...Object.values(propertyDependencies).flat()])];
        }
        const [provider, aliases, position] = [reg.opts.getProvider(), aliasUrns(req, this), req.getSourceposition()];
        const record: RecordedResource = {
          urn,
          type,
          name,
          parent: parent || null,
          custom,
          protect: reg.opts.getProtect(),
          ...(provider ? { provider } : {}),
          dependencies,
          propertyDependencies,
          inputs: decoded.values,
          options: recordedOptions(reg.opts, req),
          ...(aliases.length > 0 ? { aliases } : {}),
          ...(position?.getUri() && position.getLine() > 0 ? { sourcePosition: { uri: position.getUri(), line: position.getLine() } } : {}),
          ...(decoded.secrets ? { secretInputs: decoded.secrets } : {}),
        };
        order.settle(seq, record);
        const inputs = decodeProperties(reg.props, "plain");
        const result = await backend.newResource({ type, name, urn, inputs, custom, id: req.getImportid() || undefined });
        if (custom && result.id !== undefined) record.id = result.id;
        callback(null, answer(this, new resproto.RegisterResourceResponse().setId(result.id ?? ""), "getObject", urn, result));
      } catch (err) {
        order.settle(seq, undefined);
        callback(rpcError(err));
      }
    },

    async readResource(this: any, req: any, callback: Callback): Promise<void> {
      const [type, name, id, parent] = [req.getType(), req.getName(), req.getId(), req.getParent()];
      const urn = this.newUrn(parent, type, name);
      recording.reads.push({ urn, type, name, id, parent: parent || null });
      try {
        const inputs = decodeProperties(req.getProperties()?.toJavaScript() ?? {}, "plain");
        const result = await backend.newResource({ type, name, urn, inputs, custom: true, id });
        callback(null, answer(this, new resproto.ReadResourceResponse(), "getProperties", urn, result));
      } catch (err) {
        callback(rpcError(err));
      }
    },

    async invoke(this: any, req: any, callback: Callback): Promise<void> {
      if (req.getTok() === "pulumi:pulumi:getResource") return invoke.call(this, req, callback);
      try {
        const args = await transforms.transformInvoke(req, req.getArgs()?.toJavaScript() ?? {});
        const result = await backend.call(req.getTok(), decodeProperties(args, "plain"));
        const response = new resproto.ResourceInvokeResponse();
        // The SDK turns an unknown response into an unknown Output (`invokeOutput`) or an empty result (`invoke`).
        if (result === undefined) response.setUnknown(true);
        else response.setReturn(Struct.fromJavaScript(JSON.parse(JSON.stringify(result))));
        callback(null, response);
      } catch (err) {
        callback(rpcError(err));
      }
    },

    registerStackTransform(req: any, callback: Callback): void {
      transforms.stack.push(req);
      callback(null, {});
    },

    registerStackInvokeTransform(req: any, callback: Callback): void {
      transforms.invoke.push(req);
      callback(null, {});
    },

    registerResourceOutputs(this: any, req: any, callback: Callback): void {
      if (req.getUrn() === recording.stackUrn) recording.stackOutputs = req.getOutputs()?.toJavaScript() ?? {};
      registerResourceOutputs.call(this, req, callback);
    },
  });
}
