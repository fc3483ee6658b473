/**
 * The engine's side of the analyzer gRPC protocol as `pulumi preview --policy-pack` drives it (Handshake →
 * GetAnalyzerInfo → Configure), over the pack's own grpc-js and stubs; a failure becomes one line.
 */
import { createRequire } from "module";
import type * as Grpc from "@grpc/grpc-js";
import type * as AnalyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { needsRemediation, readPolicyConfig, reconcilePolicyConfig } from "./config";
import { startPack } from "./pack";
import { encode, packMetadata, writeConfigure, writeHandshake, type Writer } from "./wire";

interface Responses {
  handshake: unknown;
  getAnalyzerInfo: AnalyzerPb.AnalyzerInfo;
  configure: unknown;
  configureStack: unknown;
  remediate: AnalyzerPb.RemediateResponse;
  analyze: AnalyzerPb.AnalyzeResponse;
  analyzeStack: AnalyzerPb.AnalyzeResponse;
}
type Method = keyof Responses;

export interface Analyzer {
  /** PulumiPolicy.yaml's `version`, reported instead of the pack's own. */
  versionOverride?: string;
  /** Whether the engine's `Remediate` pass can change anything: some resource policy runs at `remediate`. */
  remediate: boolean;
  /** One call, with the request's bytes or what writes them; `urn` names the resource in the error line. */
  call<M extends Method>(method: M, request: Uint8Array | ((w: Writer) => void), urn?: string): Promise<Responses[M]>;
  close(): Promise<void>;
}

/** gRPC's 4 MB default is too small for big stacks; the engine and the pack both allow 400 MB. */
const MAX_MESSAGE_BYTES = 400 * 1024 * 1024;
/** Calls in flight: registrations outpace the pack (100 workspaces would queue 1,868), and deadlines run from sending. */
const MAX_IN_FLIGHT = 64;
/** Per call; AnalyzeStack (the whole stack at once) has none: `--policy-timeout` bounds each stack's check. */
const CALL_DEADLINE_MS = 120_000;
/** How long a failed call waits for the pack's exit before reporting the transport error instead. */
const PACK_EXIT_GRACE_MS = 1500;

/** Reads the config first (a malformed file fails before a process starts), then starts and configures the pack. */
export async function startAnalyzer(packDir: string, configFile: string | undefined, startTimeoutMs: number): Promise<Analyzer> {
  const fileConfig = configFile ? readPolicyConfig(configFile) : {};
  const pack = await startPack(packDir, startTimeoutMs);
  const load = createRequire(pack.pulumiPackageJson);
  const grpc: typeof Grpc = load("@grpc/grpc-js");
  const service: Record<Method, Grpc.MethodDefinition<unknown, unknown>> = load("./proto/analyzer_grpc_pb.js").AnalyzerService;
  const client = new grpc.Client(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure(), {
    "grpc.max_receive_message_length": MAX_MESSAGE_BYTES,
    "grpc.max_send_message_length": MAX_MESSAGE_BYTES,
  });
  const send = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let slots = MAX_IN_FLIGHT;
  const waiting: Array<() => void> = [];
  const rpc = async (method: Method, request: Uint8Array): Promise<unknown> => {
    if (slots > 0) slots--;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await new Promise((resolve, reject) => {
        const deadline = method === "analyzeStack" ? Infinity : Date.now() + CALL_DEADLINE_MS;
        const { path, responseDeserialize } = service[method];
        client.makeUnaryRequest(path, send, responseDeserialize, request, new grpc.Metadata(), { deadline }, (error, response) =>
          error ? reject(error) : resolve(response),
        );
      });
    } finally {
      // A finished call hands its slot straight to the next waiting one.
      const next = waiting.shift();
      if (next) next();
      else slots++;
    }
  };

  const analyzer: Analyzer = {
    versionOverride: pack.versionOverride,
    remediate: false,
    async call<M extends Method>(method: M, request: Uint8Array | ((w: Writer) => void), urn?: string): Promise<Responses[M]> {
      try {
        return (await rpc(method, typeof request === "function" ? encode(request) : request)) as Responses[M];
      } catch (e) {
        const error = e as Grpc.ServiceError;
        // The Node SDK does not implement Handshake, which the engine tolerates.
        if (method === "handshake" && error.code === grpc.status.UNIMPLEMENTED) return undefined as Responses[M];
        // A dropped connection usually means the pack died: wait briefly for its exit, which says more.
        await Promise.race([pack.exited, new Promise((resolve) => setTimeout(resolve, PACK_EXIT_GRACE_MS).unref())]);
        // The Node server sends "<context>:\n<stack>": keep the context and the error line, drop the frames.
        const lines = String(error.details ?? error.message)
          .split("\n")
          .map((l) => l.trim())
          .filter((l) => l !== "" && !l.startsWith("at "));
        const what = `${method[0].toUpperCase()}${method.slice(1)}${urn ? `(${urn})` : ""}`;
        throw new Error(pack.exitSummary() ?? `policy pack ${what} failed: ${lines.slice(0, 2).join(" ")}`, { cause: e });
      }
    },
    async close() {
      client.close();
      await pack.kill();
    },
  };
  try {
    await analyzer.call("handshake", (w) => writeHandshake(w, pack.packDir));
    const metadata = packMetadata(await analyzer.call("getAnalyzerInfo", new Uint8Array()));
    const config = reconcilePolicyConfig(metadata, fileConfig, configFile ? `policy config ${configFile}` : "policy config");
    await analyzer.call("configure", (w) => writeConfigure(w, config));
    analyzer.remediate = needsRemediation(metadata, config);
    return analyzer;
  } catch (error) {
    await analyzer.close();
    throw error;
  }
}
