/** The pack as a whole: names, levels, config schemas, type tokens, index.ts and the README table. */
import * as fs from "fs";
import * as path from "path";
import { allPolicies, packName } from "../../policies/policies";
import * as resourceTypes from "../../policies/lib/resourceTypes";
import { packVersion } from "./harness";

jest.mock("@pulumi/policy", () => ({ ...jest.requireActual("@pulumi/policy"), PolicyPack: jest.fn() }));

const policiesDir = path.join(__dirname, "../../policies");

describe("policy pack", () => {
    it("has unique aml- kebab-case names and the pack name the CLI accepts", () => {
        const names = allPolicies.map((p) => p.name);
        expect(new Set(names).size).toBe(names.length);
        for (const name of names) {
            expect(name).toMatch(/^aml-[a-z0-9]+(-[a-z0-9]+)*$/);
        }
        expect(packName).toBe("azure-ml-workspaces");
        expect(packName).toMatch(/^[a-zA-Z0-9-_.]{1,100}$/);
    });

    it("has exactly the mandatory policies of the contract; everything else is advisory by default", () => {
        const mandatory = allPolicies
            .filter((p) => p.enforcementLevel === "mandatory")
            .map((p) => p.name)
            .sort();
        expect(mandatory).toEqual([
            "aml-custom-role-guard-operations",
            "aml-custom-role-scope-root",
            "aml-custom-role-wildcard",
            "aml-default-storage-no-hns",
            "aml-default-storage-not-premium",
            "aml-default-storage-supported-kind",
            "aml-privileged-role-broad-scope",
            "aml-project-no-associated-resources",
        ]);
        for (const p of allPolicies.filter((p) => p.enforcementLevel !== "mandatory")) {
            expect([undefined, "advisory"]).toContain(p.enforcementLevel);
        }
    });

    it("declares config schemas only where there is config, never for enforcementLevel", () => {
        const withSchema = allPolicies
            .filter((p) => p.configSchema)
            .map((p) => p.name)
            .sort();
        expect(withSchema).toEqual(["aml-compute-cluster-scale-to-zero", "aml-required-tags", "aml-role-assignment-groups"]);
        for (const p of allPolicies) {
            expect(p.configSchema?.properties ?? {}).not.toHaveProperty("enforcementLevel");
            expect(p.configSchema?.required ?? []).not.toContain("enforcementLevel");
            expect(p.description.length).toBeGreaterThan(20);
            expect(p.severity).toBeDefined();
        }
    });

    it("uses the exact type tokens of the azure-native classes", () => {
        const classes: Record<string, { __pulumiType: string }> = {
            StorageAccount: require("@pulumi/azure-native/storage").StorageAccount,
            MlWorkspace: require("@pulumi/azure-native/machinelearningservices").Workspace,
            KeyVault: require("@pulumi/azure-native/keyvault").Vault,
            ContainerRegistry: require("@pulumi/azure-native/containerregistry").Registry,
            AppInsightsComponent: require("@pulumi/azure-native/applicationinsights").Component,
            RoleAssignment: require("@pulumi/azure-native/authorization").RoleAssignment,
        };
        for (const [name, cls] of Object.entries(classes)) {
            expect((resourceTypes as unknown as Record<string, { __pulumiType: string }>)[name].__pulumiType).toBe(cls.__pulumiType);
        }
        expect(resourceTypes.knownTaggableTypes.has(require("@pulumi/azure-native/operationalinsights").Workspace.__pulumiType)).toBe(true);
    });

    it("index.ts builds the one PolicyPack from allPolicies", () => {
        const { PolicyPack } = require("@pulumi/policy") as { PolicyPack: jest.Mock };
        require("../../policies/index");
        expect(PolicyPack).toHaveBeenCalledTimes(1);
        const [name, args] = PolicyPack.mock.calls[0];
        expect(name).toBe("azure-ml-workspaces");
        expect(args.policies.map((p: { name: string }) => p.name)).toEqual(allPolicies.map((p) => p.name));
        expect(args.enforcementLevel).toBe("advisory");
    });

    it("version in package.json matches what the harness reports", () => {
        expect(JSON.parse(fs.readFileSync(path.join(policiesDir, "package.json"), "utf8")).version).toBe(packVersion);
    });

    it("README lists every policy with its default level", () => {
        const readme = fs.readFileSync(path.join(policiesDir, "README.md"), "utf8");
        const rows = new Map([...readme.matchAll(/^\|\s*`(aml-[a-z0-9-]+)`\s*\|\s*(\w+)\s*\|/gm)].map((m) => [m[1], m[2]]));
        expect([...rows.keys()].sort()).toEqual(allPolicies.map((p) => p.name).sort());
        for (const p of allPolicies) {
            expect(rows.get(p.name)).toBe(p.enforcementLevel ?? "advisory");
        }
    });
});
