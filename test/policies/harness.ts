/**
 * In-process harness for the policy pack that does what `@pulumi/policy`'s server
 * (https://github.com/pulumi/pulumi-policy/blob/v1.21.0/sdk/nodejs/policy/server.ts) does around a policy,
 * without starting it:
 * - props proxied by `unknownCheckingProxy` (remediation: inside `secretsPreservingProxy`), fresh per call;
 * - `stackTags`, `isType`/`asType` via `__pulumiType`, a throwing `notApplicable`;
 * - `getConfig()` = the policy's config without `enforcementLevel`, with configSchema defaults merged
 *   (the CLI applies them before `Configure`);
 * - stack resources resolved by URN (parent, dependencies, propertyDependencies; unknown URNs dropped);
 * - outcomes classified like the server: violations, not-applicable reasons, and the advisory
 *   "can't run policy … during preview" on UnknownValueError. Any other error propagates (a policy bug).
 * test/policies/harness.test.ts checks it against the server's own RPC functions.
 */
import {
    EnforcementLevel,
    Policy,
    PolicyResource,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationPolicy,
    unknownCheckingProxy,
    UnknownValueError,
} from "@pulumi/policy";
import { secretsPreservingProxy } from "@pulumi/policy/secret";
import {
    configFor,
    copy,
    isTypeOf,
    levelOf,
    NotApplicableError,
    opts,
    packName,
    packVersion,
    plain,
    PolicyConfig,
    pulumiTypeOf,
    ResourceFixture,
    throwNotApplicable,
} from "./harnessSupport";

export { configFor, packEnforcementLevel, packName, packVersion, resource } from "./harnessSupport";
export type { PolicyConfig, ResourceFixture } from "./harnessSupport";

// Internal to @pulumi/policy (no typings): the server serializes remediation results with it.
const { serializeProperties } = require("@pulumi/policy/deserialize") as {
    serializeProperties(props: unknown): Promise<Record<string, unknown>>;
};

export interface RunOptions {
    /** This policy's entry of a policy-config file. */
    config?: PolicyConfig;
    stackTags?: Record<string, string>;
}

export interface Diagnostic {
    policyName: string;
    message: string;
    urn?: string;
    enforcementLevel: EnforcementLevel;
    severity?: string;
}

export type Status = "disabled" | "violation" | "advisory-unknown" | "not-applicable" | "passed";

export interface Outcome {
    status: Status;
    /** reportViolation calls, with the server's "description\nmessage" text. */
    violations: Diagnostic[];
    /** The advisory the server emits when a policy reads an unknown value. */
    unknowns: Diagnostic[];
    notApplicable: string[];
}

class Collector {
    readonly violations: Diagnostic[] = [];
    readonly unknowns: Diagnostic[] = [];
    readonly notApplicable: string[] = [];
    constructor(
        private readonly policy: Policy,
        private readonly level: EnforcementLevel,
    ) {}

    report = (message: string, urn?: string) => {
        const text = message ? `${this.policy.description}\n${message}` : this.policy.description;
        this.violations.push({
            policyName: this.policy.name,
            message: text,
            urn,
            enforcementLevel: this.level,
            severity: this.policy.severity,
        });
    };

    /** The server's catch block: unknown → advisory, notApplicable → reason, anything else → a policy bug. */
    async run(body: () => unknown, what = "policy"): Promise<void> {
        try {
            await Promise.resolve(body());
        } catch (e) {
            if (e instanceof UnknownValueError) {
                this.unknowns.push({
                    policyName: this.policy.name,
                    message: `can't run ${what} '${this.policy.name}' from policy pack '${packName}@v${packVersion}' during preview: ${(e as Error).message}`,
                    enforcementLevel: "advisory",
                    severity: this.policy.severity,
                });
            } else if (e instanceof NotApplicableError) {
                this.notApplicable.push(e.reason ?? "");
            } else {
                throw e;
            }
        }
    }

    outcome(): Outcome {
        const status: Status = this.violations.length
            ? "violation"
            : this.unknowns.length
              ? "advisory-unknown"
              : this.notApplicable.length
                ? "not-applicable"
                : "passed";
        return { status, violations: this.violations, unknowns: this.unknowns, notApplicable: this.notApplicable };
    }
}

const disabled: Outcome = { status: "disabled", violations: [], unknowns: [], notApplicable: [] };

function resourceArgs(r: ResourceFixture, props: Record<string, unknown>, policy: Policy, options: RunOptions): ResourceValidationArgs {
    return {
        type: r.type,
        props,
        urn: r.urn,
        name: r.name,
        opts: opts(r),
        stackTags: new Map(Object.entries(options.stackTags ?? {})),
        isType: (c) => isTypeOf(r.type, c),
        asType: ((c: unknown) => (isTypeOf(r.type, c) ? props : undefined)) as ResourceValidationArgs["asType"],
        getConfig: <T extends object>() => configFor(policy, options.config) as T,
        notApplicable: throwNotApplicable,
    };
}

/** The Analyze RPC for one policy and one resource (inputs). */
export async function runResourcePolicy(policy: ResourceValidationPolicy, r: ResourceFixture, options: RunOptions = {}): Promise<Outcome> {
    let level = levelOf(policy, options.config);
    if (level === "disabled" || !policy.validateResource) {
        return level === "disabled"
            ? disabled
            : { ...disabled, status: "not-applicable", notApplicable: ["Policy does not implement validateResource"] };
    }
    level = level === "remediate" ? "mandatory" : level;
    const collector = new Collector(policy, level);
    const token = Array.isArray(policy.validateResource) ? undefined : pulumiTypeOf(policy.validateResource);
    if (token && token !== r.type) {
        collector.notApplicable.push(`Policy only applies to resources of type '${token}'`);
        return collector.outcome();
    }
    for (const validate of [policy.validateResource].flat()) {
        const props = unknownCheckingProxy(plain(copy(r.props)));
        await collector.run(() => validate(resourceArgs(r, props, policy, options), collector.report));
    }
    return collector.outcome();
}

export interface RemediationOutcome {
    status: "skipped" | "not-applicable" | "unchanged" | "remediated" | "advisory-unknown";
    /** Serialized like the server's response (secrets as signature objects, unknowns as sentinels). */
    props?: Record<string, unknown>;
    diagnostic?: string;
    notApplicable?: string;
}

/** The Remediate RPC for one policy: runs only at level `remediate`. */
export async function runRemediation(
    policy: ResourceValidationPolicy,
    r: ResourceFixture,
    options: RunOptions = {},
): Promise<RemediationOutcome> {
    if (levelOf(policy, options.config) !== "remediate") {
        return { status: "skipped" };
    }
    const remediate = policy.remediateResource;
    if (!remediate) {
        return { status: "not-applicable", notApplicable: "Policy does not implement remediateResource" };
    }
    const token = pulumiTypeOf(remediate);
    if (token && token !== r.type) {
        return { status: "not-applicable", notApplicable: `Policy only applies to resources of type '${token}'` };
    }
    const props = unknownCheckingProxy(secretsPreservingProxy(copy(r.props)));
    try {
        const result = await Promise.resolve(remediate(resourceArgs(r, props, policy, options)));
        return result ? { status: "remediated", props: await serializeProperties(result) } : { status: "unchanged" };
    } catch (e) {
        if (e instanceof UnknownValueError) {
            return {
                status: "advisory-unknown",
                diagnostic: `can't run remediation '${policy.name}' during preview: ${(e as Error).message}`,
            };
        }
        if (e instanceof NotApplicableError) {
            return { status: "not-applicable", notApplicable: e.reason };
        }
        throw e;
    }
}

/** PolicyResources as the server builds them for AnalyzeStack (outputs). */
export function stackResources(fixtures: readonly ResourceFixture[]): PolicyResource[] {
    const built = fixtures.map((r) => {
        const props = unknownCheckingProxy(plain(copy(r.props)));
        const policyResource: PolicyResource = {
            type: r.type,
            props,
            urn: r.urn,
            name: r.name,
            opts: opts(r),
            dependencies: [],
            propertyDependencies: {},
            isType: (c) => isTypeOf(r.type, c),
            asType: ((c: unknown) => (isTypeOf(r.type, c) ? props : undefined)) as PolicyResource["asType"],
        };
        return { policyResource, fixture: r };
    });
    const byUrn = new Map(built.map((b) => [b.policyResource.urn, b.policyResource]));
    const resolve = (urns: readonly string[] = []) => urns.map((u) => byUrn.get(u)).filter((x): x is PolicyResource => x !== undefined);
    for (const { policyResource, fixture } of built) {
        const parent = fixture.parent ? byUrn.get(fixture.parent) : undefined;
        if (parent) {
            policyResource.parent = parent;
        }
        policyResource.dependencies = resolve(fixture.dependencies);
        for (const [key, urns] of Object.entries(fixture.propertyDependencies ?? {})) {
            policyResource.propertyDependencies[key] = resolve(urns);
        }
    }
    return built.map((b) => b.policyResource);
}

/** The AnalyzeStack RPC for one policy. */
export async function runStackPolicy(
    policy: StackValidationPolicy,
    fixtures: readonly ResourceFixture[],
    options: RunOptions = {},
): Promise<Outcome> {
    let level = levelOf(policy, options.config);
    if (level === "disabled") {
        return disabled;
    }
    level = level === "remediate" ? "mandatory" : level;
    const collector = new Collector(policy, level);
    const token = pulumiTypeOf(policy.validateStack);
    if (token && !fixtures.some((r) => r.type === token)) {
        collector.notApplicable.push(`Policy only applies to resources of type '${token}'`);
        return collector.outcome();
    }
    await collector.run(() =>
        policy.validateStack(
            {
                resources: stackResources(fixtures),
                stackTags: new Map(Object.entries(options.stackTags ?? {})),
                getConfig: <T extends object>() => configFor(policy, options.config) as T,
                notApplicable: throwNotApplicable,
            },
            collector.report,
        ),
    );
    return collector.outcome();
}

export function isStackPolicy(policy: Policy): policy is StackValidationPolicy {
    return typeof (policy as StackValidationPolicy).validateStack === "function";
}
