/**
 * The offline policy check: runs the real policy pack as its own process and drives it over the analyzer gRPC
 * protocol the way the Pulumi engine does during `pulumi preview --policy-pack DIR [--policy-pack-config FILE]`:
 * Handshake → GetAnalyzerInfo → Configure, then per stack ConfigureStack → (Remediate →) Analyze for every
 * registration → AnalyzeStack.
 */
import * as fs from "fs";
import * as path from "path";
import type { Remediation, StackResult, Violation } from "../types";
import { applyRemediations, resourceViolations, stackViolations, type PackIdentity } from "./diagnostics";
import { mapConcurrent } from "./mapConcurrent";
import { startPackProcess, type PackProcess } from "./packProcess";
import { needsRemediation, parsePolicyConfig, reconcilePolicyConfig, type PackMetadata, type PolicyConfigMap } from "./policyConfig";
import { AnalyzerConnection, loadStubs } from "./protocol";
import { analyzeRequests, stackResources, type WireResource } from "./requests";

export interface PolicyCheckOptions {
  packDir: string;
  policyConfigFile?: string;
  /** Type-check the pack with ts-node exactly like the CLI (seconds slower). Default: env PREVIEW_POLICY_TYPECHECK=1. */
  typeCheck?: boolean;
  /** How long the pack may take to print its port. Default 60 s. */
  startTimeoutMs?: number;
}

export interface PolicyCheck {
  checkStack(stack: StackResult): Promise<{ violations: Violation[]; remediations: Remediation[] }>;
  close(): Promise<void>;
}

/** The local backend's organization, which the engine sends when there is no cloud backend. */
const ORGANIZATION = "organization";
/** Requests in flight at once: enough to keep the pack busy without queuing thousands of calls in grpc-js. */
const MAX_IN_FLIGHT = 64;

/** Starts the pack once; call `checkStack` per stack and `close` at the end (also after errors). */
export async function startPolicyCheck(opts: PolicyCheckOptions): Promise<PolicyCheck> {
  // Read the config first: a malformed file should fail before a process is started.
  const configFile = opts.policyConfigFile;
  const fileConfig: PolicyConfigMap = configFile ? parsePolicyConfig(readConfigFile(configFile), configFile) : {};

  const packProcess = await startPackProcess({
    packDir: opts.packDir,
    typeCheck: opts.typeCheck ?? process.env.PREVIEW_POLICY_TYPECHECK === "1",
    startTimeoutMs: opts.startTimeoutMs ?? 60_000,
  });
  let connection: AnalyzerConnection | undefined;
  try {
    connection = new AnalyzerConnection(loadStubs(packProcess.pulumiPackageJson), packProcess.port);
    const conn = connection;
    const packDir = path.resolve(opts.packDir);
    await explain(packProcess, "Handshake", () => conn.handshake(packDir));
    const pack = await explain(packProcess, "GetAnalyzerInfo", () => conn.getAnalyzerInfo());
    const config = reconcilePolicyConfig(pack, fileConfig, configFile ? `policy config ${configFile}` : "policy config");
    await explain(packProcess, "Configure", () => conn.configure(config));
    return new RunningPolicyCheck(conn, packProcess, pack, needsRemediation(pack, config));
  } catch (error) {
    connection?.close();
    await packProcess.kill();
    throw error;
  }
}

function readConfigFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new Error(`policy config ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

/** Runs one RPC; turns a failure into one line, preferring "the pack died" over the transport error it causes. */
async function explain<T>(pack: PackProcess, method: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const died = pack.exitSummary();
    if (died) throw new Error(died);
    const details = String((error as { details?: string }).details ?? (error as Error).message);
    // The Node server sends "<context>:\n<stack>": keep the context and the error line, drop the frames.
    const lines = details.split("\n").map((l) => l.trim()).filter((l) => l !== "" && !l.startsWith("at "));
    throw new Error(`policy pack ${method} failed: ${lines.slice(0, 2).join(" ")}`);
  }
}

class RunningPolicyCheck implements PolicyCheck {
  /** The pack keeps stack tags in a process-wide variable, so stacks are checked one after another. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private readonly identity: PackIdentity;

  constructor(
    private readonly connection: AnalyzerConnection,
    private readonly packProcess: PackProcess,
    /** The pack's name, version and policies, as `GetAnalyzerInfo` reported them. */
    readonly pack: PackMetadata,
    private readonly remediate: boolean,
  ) {
    this.identity = { versionOverride: packProcess.versionOverride };
  }

  checkStack(stack: StackResult): Promise<{ violations: Violation[]; remediations: Remediation[] }> {
    if (this.closed) return Promise.reject(new Error("policy check is closed"));
    const result = this.queue.then(() => this.runStack(stack));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async runStack(stack: StackResult): Promise<{ violations: Violation[]; remediations: Remediation[] }> {
    const conn = this.connection;
    const pack = this.packProcess;
    await explain(pack, "ConfigureStack", () => conn.configureStack({
      stack: stack.stack,
      project: stack.project,
      organization: ORGANIZATION,
      // The tags the local backend gives every stack of a Node.js project.
      tags: { "pulumi:project": stack.project, "pulumi:runtime": "nodejs" },
    }));

    const requests = analyzeRequests(stack);
    const perResource = await mapConcurrent(requests, MAX_IN_FLIGHT, (request) => this.analyzeOne(request));
    const violations = perResource.flatMap((r) => r.violations);
    const remediations = perResource.flatMap((r) => r.remediations);

    const resources = stackResources(stack, perResource.map((r) => r.request));
    const diagnostics = await explain(pack, "AnalyzeStack", () => conn.analyzeStack(resources));
    violations.push(...stackViolations(diagnostics, new Set(stack.resources.map((r) => r.urn)), this.identity));
    return { violations, remediations };
  }

  /** Remediate (when some policy runs at `remediate`), then Analyze the possibly rewritten inputs. */
  private async analyzeOne(request: WireResource): Promise<{ request: WireResource; violations: Violation[]; remediations: Remediation[] }> {
    const conn = this.connection;
    const violations: Violation[] = [];
    let remediations: Remediation[] = [];
    if (this.remediate) {
      const results = await explain(this.packProcess, `Remediate(${request.urn})`, () => conn.remediate(request));
      const outcome = applyRemediations(results, request.urn, this.identity);
      if (outcome.properties) request = { ...request, properties: outcome.properties };
      violations.push(...outcome.violations);
      remediations = outcome.remediations;
    }
    const diagnostics = await explain(this.packProcess, `Analyze(${request.urn})`, () => conn.analyze(request));
    violations.push(...resourceViolations(diagnostics, request.urn, this.identity));
    return { request, violations, remediations };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.connection.close();
    await this.packProcess.kill();
  }
}
