/**
 * No policy may throw on arbitrary inputs: missing keys, wrong types, nulls and preview unknowns.
 * The harness rethrows anything that is not UnknownValueError / notApplicable, so a property holds
 * when every run completes.
 */
import fc from "fast-check";
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { allPolicies } from "../../policies/policies";
import { isStackPolicy, resource, ResourceFixture, runRemediation, runResourcePolicy, runStackPolicy } from "./harness";
import { types, unknownSentinels } from "./fixtures";

const interestingKeys = [
    "kind",
    "sku",
    "name",
    "isHnsEnabled",
    "storageAccount",
    "keyVault",
    "applicationInsights",
    "containerRegistry",
    "managedNetwork",
    "isolationMode",
    "identity",
    "type",
    "publicNetworkAccess",
    "properties",
    "enablePurgeProtection",
    "enableRbacAuthorization",
    "adminUserEnabled",
    "workspaceResourceId",
    "enableHttpsTrafficOnly",
    "minimumTlsVersion",
    "allowBlobPublicAccess",
    "tags",
    "scope",
    "principalType",
    "workspaceHubConfig",
    "hubResourceId",
];
const interestingStrings = [
    "Premium_LRS",
    "PremiumV2_ZRS",
    "Standard_LRS",
    "BlobStorage",
    "StorageV2",
    "Hub",
    "Project",
    "Default",
    "None",
    "Disabled",
    "Enabled",
    "TLS1_0",
    "TLS1_2",
    "User",
    "Group",
    "SystemAssigned",
    "",
    "/subscriptions/s/resourceGroups/rg/providers/Microsoft.MachineLearningServices/workspaces/w",
];

const leaf = fc.oneof(
    fc.constantFrom(...unknownSentinels),
    fc.constantFrom(...interestingStrings),
    fc.string(),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    fc.constant(null),
);
const key = fc.oneof(fc.constantFrom(...interestingKeys), fc.string({ maxLength: 8 }));
const { value } = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, tie("array"), tie("object")),
    array: fc.array(tie("value"), { maxLength: 4 }),
    object: fc.dictionary(key, tie("value"), { maxKeys: 6 }),
}));
const bag = fc.dictionary(key, value, { maxKeys: 10 }) as fc.Arbitrary<Record<string, unknown>>;
const type = fc.oneof(fc.constantFrom(...Object.values(types)), fc.string());
const config = fc.oneof(
    fc.constant(undefined),
    fc.constantFrom("advisory", "mandatory", "remediate"),
    fc.record({ requiredTags: value, allowedPrincipalTypes: value }, { requiredKeys: [] }),
    fc.record({ requiredTags: fc.array(fc.string()), enforcementLevel: fc.constant("remediate") }),
) as fc.Arbitrary<never>;

const resourcePolicies = allPolicies.filter((p) => !isStackPolicy(p)) as ResourceValidationPolicy[];
const stackPolicies = allPolicies.filter(isStackPolicy) as StackValidationPolicy[];

// Stacks lean towards what the stack policies inspect, so the interesting paths are actually reached.
const stackType = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(types.storage, types.workspace, types.roleAssignment) },
    { weight: 1, arbitrary: type },
);
const linkKey = fc.oneof({ weight: 3, arbitrary: fc.constantFrom("storageAccount", "scope") }, { weight: 1, arbitrary: key });

/** Resources with random types and props, wired by random parent / dependency / property-dependency links. */
const stack = fc
    .array(fc.record({ type: stackType, props: bag }), { minLength: 1, maxLength: 8 })
    .chain((items) =>
        fc.tuple(
            fc.constant(items),
            fc.array(
                fc.record({
                    parent: fc.option(fc.nat(items.length)),
                    links: fc.dictionary(linkKey, fc.array(fc.nat(items.length), { maxLength: 3 }), { maxKeys: 3 }),
                }),
                { minLength: items.length, maxLength: items.length },
            ),
        ),
    )
    .map(([items, wiring]) => {
        const fixtures = items.map((item, i) => resource(item.type, `r${i}`, item.props));
        // Index items.length points outside the stack: a dangling URN the server drops.
        const urn = (i: number) => fixtures[i]?.urn ?? "urn:pulumi:dev::other::x::gone";
        return fixtures.map((f, i): ResourceFixture => {
            const propertyDependencies = Object.fromEntries(Object.entries(wiring[i].links).map(([k, targets]) => [k, targets.map(urn)]));
            return {
                ...f,
                parent: wiring[i].parent === null ? undefined : urn(wiring[i].parent!),
                dependencies: Object.values(propertyDependencies).flat(),
                propertyDependencies,
            };
        });
    });

describe("policies never throw", () => {
    it("resource policies and remediations on arbitrary inputs", async () => {
        await fc.assert(
            fc.asyncProperty(type, bag, config, async (t, props, cfg) => {
                for (const policy of resourcePolicies) {
                    const r = resource(t, "r", props);
                    await runResourcePolicy(policy, r, { config: cfg });
                    await runRemediation(policy, r, { config: "remediate" });
                }
            }),
            { numRuns: 300 },
        );
    });

    it("resource policies on their own types with arbitrary props", async () => {
        const owned = fc.constantFrom(types.storage, types.workspace, types.vault, types.registry, types.appInsights);
        await fc.assert(
            fc.asyncProperty(owned, bag, async (t, props) => {
                for (const policy of resourcePolicies) {
                    await runResourcePolicy(policy, resource(t, "r", props), { config: { requiredTags: ["owner"] } });
                    await runRemediation(policy, resource(t, "r", props), { config: "remediate" });
                }
            }),
            { numRuns: 300 },
        );
    });

    it("stack policies on arbitrary stacks", async () => {
        await fc.assert(
            fc.asyncProperty(stack, config, async (fixtures, cfg) => {
                for (const policy of stackPolicies) {
                    await runStackPolicy(policy, fixtures, { config: cfg });
                }
            }),
            { numRuns: 300 },
        );
    });
});
