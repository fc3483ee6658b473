/**
 * The engine side of the analyzer gRPC protocol, on the generated stubs shipped in the pack's own
 * `@pulumi/pulumi/proto`. Everything (stubs, google-protobuf, grpc-js) is loaded from that package's dependency
 * tree so messages pass the stubs' `instanceof` checks and the channel uses the same grpc-js instance.
 */
import { createRequire } from "module";
import type * as Grpc from "@grpc/grpc-js";
import type * as AnalyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import type * as AnalyzerGrpcPb from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as EmptyPb from "google-protobuf/google/protobuf/empty_pb";
import type * as StructPb from "google-protobuf/google/protobuf/struct_pb";
import { levelFromWire, severityFromWire, type WireDiagnostic, type WireRemediation } from "./diagnostics";
import type { EnforcementLevel, PackMetadata, PolicyConfigMap, PolicyMetadata } from "./policyConfig";
import type { WireResource, WireStackResource } from "./requests";

interface Stubs {
  grpc: typeof Grpc;
  pb: typeof AnalyzerPb;
  rpc: typeof AnalyzerGrpcPb;
  Empty: typeof EmptyPb.Empty;
  Struct: typeof StructPb.Struct;
}

/** Loads the stubs relative to `pulumiPackageJson` (the pack's `@pulumi/pulumi/package.json`). */
export function loadStubs(pulumiPackageJson: string): Stubs {
  const load = createRequire(pulumiPackageJson);
  return {
    grpc: load("@grpc/grpc-js"),
    pb: load("./proto/analyzer_pb.js"),
    rpc: load("./proto/analyzer_grpc_pb.js"),
    Empty: load("google-protobuf/google/protobuf/empty_pb.js").Empty,
    Struct: load("google-protobuf/google/protobuf/struct_pb.js").Struct,
  };
}

const WIRE_LEVEL: Record<EnforcementLevel, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };
/** gRPC's 4 MB default is too small for big stacks; the engine and the pack both allow 400 MB. */
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;
/** Per call; AnalyzeStack (the whole stack in one call) has none: `--policy-timeout` bounds each stack's check. */
const CALL_DEADLINE_MS = 120_000;

export interface StackIdentity {
  stack: string;
  project: string;
  organization: string;
  tags: Record<string, string>;
}

/** One channel to a running pack, with a promise per RPC and plain data in and out. */
export class AnalyzerConnection {
  private readonly client: AnalyzerGrpcPb.AnalyzerClient;
  private readonly structs = new WeakMap<Record<string, unknown>, StructPb.Struct>();

  constructor(
    private readonly stubs: Stubs,
    port: number,
  ) {
    this.client = new stubs.rpc.AnalyzerClient(`127.0.0.1:${port}`, stubs.grpc.credentials.createInsecure(), {
      "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
      "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
    });
  }

  /** Calls a unary method; rejects with the gRPC error (its `details` carry the pack's message). */
  private call<Req, Res>(method: string, request: Req, deadlineMs = CALL_DEADLINE_MS): Promise<Res> {
    type UnaryMethod = (
      request: Req,
      metadata: Grpc.Metadata,
      options: Grpc.CallOptions,
      callback: (error: Grpc.ServiceError | null, response: Res) => void,
    ) => void;
    const fn = (this.client as unknown as Record<string, UnaryMethod>)[method].bind(this.client);
    return new Promise<Res>((resolve, reject) => {
      fn(
        request,
        new this.stubs.grpc.Metadata(),
        { deadline: Date.now() + deadlineMs },
        (error: Grpc.ServiceError | null, response: Res) => (error ? reject(error) : resolve(response)),
      );
    });
  }

  /** The engine tries `Handshake` first; the Node SDK does not implement it, which the engine tolerates. */
  async handshake(packDir: string): Promise<void> {
    const request = new this.stubs.pb.AnalyzerHandshakeRequest();
    // No engine runs here: an address nobody listens on, as nothing in the Node pack dials it.
    request.setEngineAddress("127.0.0.1:0");
    request.setRootDirectory(packDir);
    request.setProgramDirectory(packDir);
    try {
      await this.call("handshake", request);
    } catch (error) {
      if ((error as Grpc.ServiceError).code !== this.stubs.grpc.status.UNIMPLEMENTED) throw error;
    }
  }

  async getAnalyzerInfo(): Promise<PackMetadata> {
    const info = await this.call<EmptyPb.Empty, AnalyzerPb.AnalyzerInfo>("getAnalyzerInfo", new this.stubs.Empty());
    const policies: PolicyMetadata[] = info.getPoliciesList().map((p) => {
      const policy: PolicyMetadata = {
        name: p.getName(),
        enforcementLevel: levelFromWire(p.getEnforcementlevel()),
        kind: p.getPolicyType() === 1 ? "resource" : p.getPolicyType() === 2 ? "stack" : "unknown",
      };
      const severity = severityFromWire(p.getSeverity());
      if (severity) policy.severity = severity;
      const schema = p.getConfigschema();
      if (schema) {
        policy.configSchema = {
          properties: (schema.getProperties()?.toJavaScript() ?? {}) as Record<string, Record<string, unknown>>,
          required: schema.getRequiredList(),
        };
      }
      return policy;
    });
    const initialConfig: PolicyConfigMap = {};
    info.getInitialconfigMap().forEach((config, name) => {
      // Like the engine: an entry without a level decodes as 0, i.e. advisory (proto3 default).
      initialConfig[name] = {
        enforcementLevel: levelFromWire(config.getEnforcementlevel()),
        properties: (config.getProperties()?.toJavaScript() ?? {}) as Record<string, unknown>,
      };
    });
    return { name: info.getName(), version: info.getVersion(), policies, initialConfig };
  }

  async configure(config: PolicyConfigMap): Promise<void> {
    const request = new this.stubs.pb.ConfigureAnalyzerRequest();
    const map = request.getPolicyconfigMap();
    for (const [name, entry] of Object.entries(config)) {
      const policyConfig = new this.stubs.pb.PolicyConfig();
      policyConfig.setEnforcementlevel(WIRE_LEVEL[entry.enforcementLevel ?? "advisory"] as AnalyzerPb.EnforcementLevel);
      // Always set properties: the Node server reads them unconditionally.
      policyConfig.setProperties(this.stubs.Struct.fromJavaScript(entry.properties as never));
      map.set(name, policyConfig);
    }
    await this.call("configure", request);
  }

  async configureStack(identity: StackIdentity): Promise<void> {
    const request = new this.stubs.pb.AnalyzerStackConfigureRequest();
    request.setStack(identity.stack);
    request.setProject(identity.project);
    request.setOrganization(identity.organization);
    request.setDryRun(true);
    const tags = request.getTagsMap();
    for (const [k, v] of Object.entries(identity.tags)) tags.set(k, v);
    await this.call("configureStack", request);
  }

  async remediate(resource: WireResource): Promise<WireRemediation[]> {
    const response = await this.call<AnalyzerPb.AnalyzeRequest, AnalyzerPb.RemediateResponse>("remediate", this.analyzeRequest(resource));
    return response.getRemediationsList().map((r) => {
      const remediation: WireRemediation = {
        policyName: r.getPolicyname(),
        policyPackName: r.getPolicypackname(),
        policyPackVersion: r.getPolicypackversion(),
        description: r.getDescription(),
        diagnostic: r.getDiagnostic(),
      };
      const properties = r.getProperties();
      if (properties) remediation.properties = properties.toJavaScript() as Record<string, unknown>;
      return remediation;
    });
  }

  async analyze(resource: WireResource): Promise<WireDiagnostic[]> {
    const response = await this.call<AnalyzerPb.AnalyzeRequest, AnalyzerPb.AnalyzeResponse>("analyze", this.analyzeRequest(resource));
    return response.getDiagnosticsList().map(plainDiagnostic);
  }

  /** One resource of `AnalyzeStack`, built as soon as its Analyze is done (its properties' Struct is reused). */
  stackResource(r: WireStackResource): AnalyzerPb.AnalyzerResource {
    const message = new this.stubs.pb.AnalyzerResource();
    message.setUrn(r.urn).setType(r.type).setName(r.name);
    message.setProperties(this.struct(r.properties));
    message.setOptions(this.options(r));
    if (r.provider) message.setProvider(this.provider(r.provider));
    message.setParent(r.parent);
    message.setDependenciesList(r.dependencies);
    const deps = message.getPropertydependenciesMap();
    for (const [key, urns] of Object.entries(r.propertyDependencies)) {
      deps.set(key, new this.stubs.pb.AnalyzerPropertyDependencies().setUrnsList(urns));
    }
    return message;
  }

  async analyzeStack(resources: AnalyzerPb.AnalyzerResource[]): Promise<WireDiagnostic[]> {
    const request = new this.stubs.pb.AnalyzeStackRequest();
    request.setResourcesList(resources);
    const response = await this.call<AnalyzerPb.AnalyzeStackRequest, AnalyzerPb.AnalyzeResponse>("analyzeStack", request, Infinity);
    return response.getDiagnosticsList().map(plainDiagnostic);
  }

  /** Properties as a protobuf Struct, built once per properties object (Analyze and AnalyzeStack send the same). */
  private struct(properties: Record<string, unknown>): StructPb.Struct {
    let struct = this.structs.get(properties);
    if (!struct) this.structs.set(properties, (struct = this.stubs.Struct.fromJavaScript(properties as never)));
    return struct;
  }

  close(): void {
    this.client.close();
  }

  private analyzeRequest(r: WireResource): AnalyzerPb.AnalyzeRequest {
    const request = new this.stubs.pb.AnalyzeRequest();
    request.setUrn(r.urn).setType(r.type).setName(r.name);
    request.setProperties(this.struct(r.properties));
    request.setOptions(this.options(r));
    if (r.provider) request.setProvider(this.provider(r.provider));
    return request;
  }

  /** The recorded options, as the engine's `marshalResourceOptions` sends them. */
  private options(r: WireResource): AnalyzerPb.AnalyzerResourceOptions {
    const o = r.options;
    const options = new this.stubs.pb.AnalyzerResourceOptions();
    options.setProtect(o.protect);
    options.setParent(o.parent);
    options.setIgnorechangesList(o.ignoreChanges ?? []);
    options.setDeletebeforereplace(o.deleteBeforeReplace ?? false);
    options.setDeletebeforereplacedefined(o.deleteBeforeReplace !== undefined);
    options.setAdditionalsecretoutputsList(o.additionalSecretOutputs ?? []);
    options.setAliasesList(o.aliases ?? []);
    const timeouts = new this.stubs.pb.AnalyzerResourceOptions.CustomTimeouts();
    if (o.customTimeouts) timeouts.setCreate(o.customTimeouts.create).setUpdate(o.customTimeouts.update).setDelete(o.customTimeouts.delete);
    options.setCustomtimeouts(timeouts);
    return options;
  }

  private provider(p: NonNullable<WireResource["provider"]>): AnalyzerPb.AnalyzerProviderResource {
    const provider = new this.stubs.pb.AnalyzerProviderResource();
    provider.setUrn(p.urn).setType(p.type).setName(p.name);
    provider.setProperties(this.stubs.Struct.fromJavaScript(p.properties as never));
    return provider;
  }
}

function plainDiagnostic(d: AnalyzerPb.AnalyzeDiagnostic): WireDiagnostic {
  return {
    policyName: d.getPolicyname(),
    policyPackName: d.getPolicypackname(),
    policyPackVersion: d.getPolicypackversion(),
    description: d.getDescription(),
    message: d.getMessage(),
    enforcementLevel: d.getEnforcementlevel(),
    urn: d.getUrn(),
    severity: d.getSeverity(),
  };
}
