/**
 * A resource monitor for @pulumi/pulumi's mock runtime that records every request the engine would receive
 * (RegisterResource, ReadResource, the stack's RegisterResourceOutputs) and answers from the fakes.
 *
 * It subclasses the program's own `MockMonitor` (loaded from the program's @pulumi/pulumi) so URNs, the
 * `getResource` invoke and feature negotiation behave exactly like `pulumi.runtime.setMocks`.
 */
import type { FakeResourceArgs, FakeResourceResult } from "./fakes";
import { engineOptions, recordedOptions, type Registration, type TransformModules, TransformRunner } from "./transforms";
import type { ReadResource, RecordedResource } from "../shared/types";
import { decodeWireProperties, PLAIN, RECORD, secretInputs, toWire } from "./wire";

type Props = Record<string, unknown>;
type Callback = (err: Error | null, response?: unknown) => void;

/** The pieces of the program's @pulumi/pulumi the monitor needs (all resolved from the program's directory). */
export interface PulumiModules {
  MockMonitor: new (mocks: unknown) => MockMonitorBase;
  resproto: {
    RegisterResourceResponse: new () => ProtoMessage;
    ReadResourceResponse: new () => ProtoMessage;
    ResourceInvokeResponse: new () => ProtoMessage;
    TransformResourceOptions: new () => ProtoMessage;
  };
  Struct: { fromJavaScript(value: Props): unknown };
  /** Loaded only when a program uses transforms. */
  transformModules(): TransformModules;
}

interface ProtoMessage {
  [setter: string]: (value: unknown) => unknown;
}

interface MockMonitorBase {
  resources: Map<string, { urn: string; id: string | null; state: unknown }>;
  newUrn(parent: string, type: string, name: string): string;
  invoke(req: unknown, callback: Callback): Promise<void>;
  registerResourceOutputs(req: unknown, callback: Callback): void;
}

/** What answers the program's requests: fake provider results, possibly asking the CLI (stack references, lookups). */
export interface FakeBackend {
  newResource(args: FakeResourceArgs): Promise<FakeResourceResult>;
  /** An invoke's result; undefined when it is unknown in preview. */
  call(token: string, inputs: Props): Promise<Props | undefined>;
}

/** What one stack's program sent, in arrival order. */
export class StackRecording {
  readonly resources: RecordedResource[] = [];
  readonly reads: ReadResource[] = [];
  stackUrn: string | undefined;
  /** The stack's outputs in wire form (last RegisterResourceOutputs on the stack URN). */
  stackOutputs: Props = {};
  /** Told of each registration as it is recorded. */
  onRecord?: (record: RecordedResource) => void;
}

/**
 * Keeps the recording in the order registrations arrived although transforms (which wait on the program's callback
 * server) finish out of order; without transforms each record goes out at once.
 */
class RecordOrder {
  private next = 0;
  private emitted = 0;
  private readonly ready = new Map<number, RecordedResource | undefined>();

  constructor(private readonly recording: StackRecording) {}

  reserve(): number {
    return this.next++;
  }

  /** `record` undefined: the registration failed before it was recorded. */
  emit(seq: number, record: RecordedResource | undefined): void {
    this.ready.set(seq, record);
    while (this.ready.has(this.emitted)) {
      const next = this.ready.get(this.emitted);
      this.ready.delete(this.emitted++);
      if (next) {
        this.recording.resources.push(next);
        this.recording.onRecord?.(next);
      }
    }
  }
}

/* eslint-disable @typescript-eslint/no-explicit-any -- protobuf requests come from the program's runtime, untyped. */
function propertyDependencies(req: any): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((deps: any, key: string) => {
    out[key] = deps.getUrnsList();
  });
  return out;
}

/** The resource's own aliases as URNs (children's inherited aliases are derived from their parents' later). */
function aliasesOf(req: any, newUrn: (parent: string, type: string, name: string) => string): { aliases?: string[] } {
  const specs: string[] = (req.getAliasesList?.() ?? []).map((alias: any) => {
    if (alias.getUrn()) return alias.getUrn();
    const spec = alias.getSpec();
    const parent = spec.getNoparent() ? "" : spec.getParenturn() || req.getParent();
    return newUrn(parent, spec.getType() || req.getType(), spec.getName() || req.getName());
  });
  // Without the aliasSpecs feature the SDK sends aliases it resolved itself.
  const aliases = [...specs, ...(req.getAliasurnsList?.() ?? [])];
  return aliases.length ? { aliases } : {};
}

/** The SDK's `sourcePosition` of the registration (sent when it captured a stack trace). */
function sourcePosition(req: any): Pick<RecordedResource, "sourcePosition"> {
  const pos = req.getSourceposition?.();
  const uri: string = pos?.getUri?.() ?? "";
  const line: number = pos?.getLine?.() ?? 0;
  return uri !== "" && line > 0 ? { sourcePosition: { uri, line } } : {};
}

/** gRPC-style error: the SDK reports `err.details` for failed invokes. */
function rpcError(err: unknown): Error {
  const message = err instanceof Error ? err.message : String(err);
  return Object.assign(new Error(message), { details: message });
}

export function createRecordingMonitor(pulumi: PulumiModules, backend: FakeBackend, recording: StackRecording): unknown {
  const { resproto, Struct } = pulumi;
  const mocks = {
    newResource: (a: any) => backend.newResource({ ...a, urn: a.urn ?? "", inputs: a.inputs ?? {} }),
    call: (a: any) => backend.call(a.token, a.inputs ?? {}),
  };

  const transforms = new TransformRunner(pulumi.transformModules);
  const order = new RecordOrder(recording);

  class RecordingMonitor extends pulumi.MockMonitor {
    async registerResource(req: any, callback: Callback): Promise<void> {
      const type: string = req.getType();
      const name: string = req.getName();
      const custom: boolean = req.getCustom();
      const parent: string = req.getParent();
      const urn = this.newUrn(parent, type, name);
      if (type === "pulumi:pulumi:Stack" && !parent) recording.stackUrn = urn;
      const seq = order.reserve();
      let record: RecordedResource | undefined;
      try {
        let reg: Registration = {
          type,
          name,
          custom,
          parent,
          props: req.getObject()?.toJavaScript() ?? {},
          opts: engineOptions(req, resproto),
          dependencies: req.getDependenciesList(),
          propertyDependencies: propertyDependencies(req),
        };
        const own = req.getTransformsList();
        const callbacks = transforms.collect(urn, parent, own);
        if (callbacks.length > 0) reg = await transforms.run(callbacks, own.length > 0, reg);
        record = {
          urn,
          type,
          name,
          parent: parent || null,
          custom,
          protect: reg.opts.getProtect(),
          ...(reg.opts.getProvider() ? { provider: reg.opts.getProvider() } : {}),
          dependencies: reg.dependencies,
          propertyDependencies: reg.propertyDependencies,
          inputs: decodeWireProperties(reg.props, RECORD),
          options: recordedOptions(reg.opts, req),
          ...aliasesOf(req, (p: string, t: string, n: string) => this.newUrn(p, t, n)),
          ...sourcePosition(req),
        };
        const secrets = secretInputs(reg.props);
        if (secrets) record.secretInputs = secrets;
        order.emit(seq, record);
        const inputs = decodeWireProperties(reg.props, PLAIN);
        const result = await backend.newResource({ type, name, urn, inputs, custom, id: req.getImportid() || undefined });
        if (custom && result.id !== undefined) record.id = result.id;
        const state = toWire(result.state) as Props;
        this.resources.set(urn, { urn, id: result.id ?? null, state });
        const response = new resproto.RegisterResourceResponse();
        response.setUrn(urn);
        response.setId(result.id ?? "");
        response.setObject(Struct.fromJavaScript(state));
        callback(null, response);
      } catch (err) {
        if (!record) order.emit(seq, undefined);
        callback(rpcError(err));
      }
    }

    registerStackTransform(req: any, callback: Callback): void {
      transforms.addStackTransform(req);
      callback(null, {});
    }

    registerStackInvokeTransform(req: any, callback: Callback): void {
      transforms.addStackInvokeTransform(req);
      callback(null, {});
    }

    async readResource(req: any, callback: Callback): Promise<void> {
      const type: string = req.getType();
      const name: string = req.getName();
      const urn = this.newUrn(req.getParent(), type, name);
      recording.reads.push({ urn, type, name, id: req.getId(), parent: req.getParent() || null });
      try {
        const inputs = decodeWireProperties(req.getProperties()?.toJavaScript() ?? {}, PLAIN);
        const result = await backend.newResource({ type, name, urn, inputs, custom: true, id: req.getId() });
        const state = toWire(result.state) as Props;
        this.resources.set(urn, { urn, id: result.id ?? null, state });
        const response = new resproto.ReadResourceResponse();
        response.setUrn(urn);
        response.setProperties(Struct.fromJavaScript(state));
        callback(null, response);
      } catch (err) {
        callback(rpcError(err));
      }
    }

    async invoke(req: any, callback: Callback): Promise<void> {
      const token: string = req.getTok();
      if (token === "pulumi:pulumi:getResource") return super.invoke(req, callback);
      try {
        const args = await transforms.transformInvoke(req, req.getArgs()?.toJavaScript() ?? {});
        const result = await backend.call(token, decodeWireProperties(args, PLAIN));
        const response = new resproto.ResourceInvokeResponse();
        // The SDK turns an unknown response into an unknown Output (`invokeOutput`) or an empty result (`invoke`).
        if (result === undefined) response.setUnknown(true);
        else response.setReturn(Struct.fromJavaScript(toWire(result) as Props));
        callback(null, response);
      } catch (err) {
        callback(rpcError(err));
      }
    }

    registerResourceOutputs(req: any, callback: Callback): void {
      if (req.getUrn() === recording.stackUrn) recording.stackOutputs = req.getOutputs()?.toJavaScript() ?? {};
      super.registerResourceOutputs(req, callback);
    }
  }

  return new RecordingMonitor(mocks);
}
