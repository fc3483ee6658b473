/**
 * The harness must classify outcomes exactly like `@pulumi/policy`'s server. Its Analyze and
 * AnalyzeStack handlers are exported (internally), so this test feeds the same fixtures to both,
 * as real protobuf requests, and compares diagnostics and not-applicable reasons. No server is started.
 */
import { Policy, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { allPolicies } from "../../policies/policies";
import { isStackPolicy, packName, packVersion, resource, ResourceFixture, runResourcePolicy, runStackPolicy } from "./harness";
import { armId, project, storageAccount, types, unknown, unknownObject, workspace } from "./fixtures";

const analyzer = require("@pulumi/pulumi/proto/analyzer_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");
const server = require("@pulumi/policy/server");

const levels = ["advisory", "mandatory", "disabled", "remediate"];

function options() {
    const o = new analyzer.AnalyzerResourceOptions();
    o.setProtect(false);
    o.setIgnorechangesList([]);
    o.setAliasesList([]);
    o.setAdditionalsecretoutputsList([]);
    return o;
}

function analyzeRequest(r: ResourceFixture) {
    const req = new analyzer.AnalyzeRequest();
    req.setType(r.type);
    req.setUrn(r.urn);
    req.setName(r.name);
    req.setProperties(Struct.fromJavaScript(r.props));
    req.setOptions(options());
    return req;
}

function stackRequest(fixtures: ResourceFixture[]) {
    const req = new analyzer.AnalyzeStackRequest();
    req.setResourcesList(
        fixtures.map((r) => {
            const res = new analyzer.AnalyzerResource();
            res.setType(r.type);
            res.setUrn(r.urn);
            res.setName(r.name);
            res.setProperties(Struct.fromJavaScript(r.props));
            res.setOptions(options());
            if (r.parent) {
                res.setParent(r.parent);
            }
            res.setDependenciesList(r.dependencies ?? []);
            for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
                const deps = new analyzer.AnalyzerPropertyDependencies();
                deps.setUrnsList(urns);
                res.getPropertydependenciesMap().set(key, deps);
            }
            return res;
        }),
    );
    return req;
}

/** Calls one of the server's RPC handlers and normalizes its response. */
function callServer(
    make: (...a: unknown[]) => (call: unknown, callback: (err: Error | null, resp: any) => void) => void,
    policy: Policy,
    request: unknown,
) {
    const rpc = make(packName, packVersion, "advisory", [policy]);
    return new Promise((resolve, reject) =>
        rpc({ request }, (err: Error | null, resp: any) => {
            if (err) {
                return reject(err);
            }
            const diags = resp.getDiagnosticsList().map((d: any) => ({
                message: d.getMessage(),
                urn: d.getUrn() || undefined,
                enforcementLevel: levels[d.getEnforcementlevel()],
            }));
            resolve({
                diagnostics: diags.sort((a: any, b: any) => a.message.localeCompare(b.message)),
                notApplicable: resp.getNotApplicableList().map((n: any) => n.getReason()),
            });
        }),
    );
}

function fromHarness(outcome: Awaited<ReturnType<typeof runStackPolicy>>) {
    const diags = [...outcome.violations, ...outcome.unknowns].map((d) => ({
        message: d.message,
        urn: d.urn,
        enforcementLevel: d.enforcementLevel,
    }));
    return {
        diagnostics: diags.sort((a, b) => a.message.localeCompare(b.message)),
        notApplicable: outcome.notApplicable,
    };
}

// A stack with compliant, violating, unverifiable and unknown parts.
const premium = storageAccount("stpremium", { sku: { name: "Premium_LRS" }, minimumTlsVersion: "TLS1_0", id: unknown });
const lake = storageAccount("stlake", { isHnsEnabled: true, allowBlobPublicAccess: true, tags: { owner: "x" } });
const unknownSku = storageAccount("stunknown", { sku: unknownObject, enableHttpsTrafficOnly: unknown });
const hub = workspace("hub", { kind: "Hub", publicNetworkAccess: "Enabled" }, premium);
const external = workspace("external", { storageAccount: armId("Microsoft.Storage/storageAccounts", "ext"), identity: { type: "None" } });
const fixtures: ResourceFixture[] = [
    premium,
    lake,
    unknownSku,
    hub,
    external,
    workspace("ws-unknown", { managedNetwork: unknownObject }, unknownSku),
    workspace("ws-lake", {}, lake),
    project("proj", hub, { keyVault: unknown }),
    resource(types.vault, "kv", { properties: { enableRbacAuthorization: false } }),
    resource(types.registry, "acr", { adminUserEnabled: true }),
    resource(types.appInsights, "ai", { workspaceResourceId: unknown }),
    resource(types.roleAssignment, "ra", { scope: unknown, principalType: "User" }, { propertyDependencies: { scope: [hub] } }),
];

describe("harness parity with the @pulumi/policy server", () => {
    const resourcePolicies = allPolicies.filter((p) => !isStackPolicy(p)) as ResourceValidationPolicy[];
    const stackPolicies = allPolicies.filter(isStackPolicy) as StackValidationPolicy[];

    it.each(resourcePolicies.map((p) => [p.name, p] as const))("Analyze: %s", async (_name, policy) => {
        for (const r of fixtures) {
            const expected = await callServer(server.makeAnalyzeRpcFun, policy, analyzeRequest(r));
            expect(fromHarness(await runResourcePolicy(policy, r))).toEqual(expected);
        }
    });

    it.each(stackPolicies.map((p) => [p.name, p] as const))("AnalyzeStack: %s", async (_name, policy) => {
        for (const subset of [fixtures, fixtures.slice(0, 3), fixtures.slice(3)]) {
            const expected = await callServer(server.makeAnalyzeStackRpcFun, policy, stackRequest(subset));
            expect(fromHarness(await runStackPolicy(policy, subset))).toEqual(expected);
        }
    });

    it("really produced violations, unknowns and not-applicable outcomes", async () => {
        const outcomes = await Promise.all(
            allPolicies.map((p) =>
                isStackPolicy(p)
                    ? runStackPolicy(p, fixtures)
                    : Promise.all(fixtures.map((r) => runResourcePolicy(p as ResourceValidationPolicy, r))),
            ),
        );
        const statuses = new Set(outcomes.flat().map((o) => o.status));
        expect([...statuses].sort()).toEqual(["advisory-unknown", "not-applicable", "passed", "violation"]);
    });
});
