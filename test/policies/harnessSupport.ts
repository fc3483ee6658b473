/**
 * What the @pulumi/policy server does around a policy call, rebuilt for the in-process harness:
 * fixtures and URNs, per-call deserialization (fresh copies, secrets), type checks via `__pulumiType`,
 * enforcement levels and config. See harness.ts for the runners.
 */
import { EnforcementLevel, Policy, Secret } from "@pulumi/policy";

export const packName = "azure-ml-workspaces";
export const packVersion = "0.1.0";
export const packEnforcementLevel: EnforcementLevel = "advisory";

export type PolicyConfig = EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>);

export interface ResourceFixture {
    type: string;
    name: string;
    urn: string;
    props: Record<string, unknown>;
    parent?: string;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    /** The `protect` resource option. Defaults to false. */
    protect?: boolean;
}

type Link = string | ResourceFixture;
const urnOf = (link: Link) => (typeof link === "string" ? link : link.urn);

/** A resource of a stack `dev` of this project; links may be fixtures or URNs (dangling URNs are dropped). */
export function resource(
    type: string,
    name: string,
    props: Record<string, unknown>,
    links: { parent?: Link; dependencies?: Link[]; propertyDependencies?: Record<string, Link[]> } = {},
): ResourceFixture {
    const propertyDependencies = Object.fromEntries(Object.entries(links.propertyDependencies ?? {}).map(([k, v]) => [k, v.map(urnOf)]));
    const dependencies = [...new Set([...(links.dependencies ?? []).map(urnOf), ...Object.values(propertyDependencies).flat()])];
    return {
        type,
        name,
        urn: `urn:pulumi:dev::azure-ml-workspaces::${type}::${name}`,
        props,
        parent: links.parent === undefined ? undefined : urnOf(links.parent),
        dependencies,
        propertyDependencies,
    };
}

export class NotApplicableError extends Error {
    constructor(readonly reason?: string) {
        super(reason ?? "Policy does not apply");
    }
}
export const throwNotApplicable = (reason?: string): never => {
    throw new NotApplicableError(reason);
};

export function levelOf(policy: Policy, config?: PolicyConfig): EnforcementLevel {
    const configured = typeof config === "string" ? config : config?.enforcementLevel;
    return configured || policy.enforcementLevel || packEnforcementLevel;
}

/** getConfig(): schema defaults, then the configured properties, never enforcementLevel. */
export function configFor(policy: Policy, config?: PolicyConfig): Record<string, unknown> {
    const defaults = Object.fromEntries(
        Object.entries(policy.configSchema?.properties ?? {})
            .filter(([, schema]) => typeof schema === "object" && schema.default !== undefined)
            .map(([key, schema]) => [key, structuredClone((schema as { default: unknown }).default)]),
    );
    const { enforcementLevel: _level, ...props } = typeof config === "object" ? config : {};
    return { ...defaults, ...props };
}

export const pulumiTypeOf = (o: unknown): string | undefined => {
    const t = (o as { __pulumiType?: unknown } | undefined)?.__pulumiType;
    return typeof t === "string" && t.length > 0 ? t : undefined;
};

export function isTypeOf(type: string, resourceClass: unknown): boolean {
    const token = pulumiTypeOf(resourceClass);
    if (token) {
        return type === token;
    }
    const isInstance = (resourceClass as { isInstance?: unknown }).isInstance;
    return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

/** Deep copy that keeps Secret wrappers, like a fresh deserialization of the request. */
export function copy(value: unknown): unknown {
    if (value instanceof Secret) {
        return new Secret(copy(value.value));
    }
    if (Array.isArray(value)) {
        return value.map(copy);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(
            Object.entries(value)
                .filter(([, v]) => v !== undefined)
                .map(([k, v]) => [k, copy(v)]),
        );
    }
    return value;
}
/** What a policy sees: secrets unwrapped (the server deserializes them to plain values outside remediation). */
export function plain(value: unknown): unknown {
    if (value instanceof Secret) {
        return plain(value.value);
    }
    if (Array.isArray(value)) {
        return value.map(plain);
    }
    if (typeof value === "object" && value !== null) {
        return Object.fromEntries(
            Object.entries(value)
                .filter(([, v]) => v !== undefined)
                .map(([k, v]) => [k, plain(v)]),
        );
    }
    return value;
}

export const opts = (r: ResourceFixture) => ({
    protect: r.protect ?? false,
    ignoreChanges: [],
    aliases: [],
    additionalSecretOutputs: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    ...(r.parent ? { parent: r.parent } : {}),
});
