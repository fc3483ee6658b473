import { PolicyPack } from "@pulumi/policy";
import { allPolicies, packName } from "./policies";

// The only PolicyPack in the project: constructing it starts the analyzer gRPC server (run by the
// Pulumi CLI via `pulumi preview --policy-pack policies`). Tests import ./policies instead.
new PolicyPack(packName, {
    displayName: "Azure ML workspaces",
    description: "Default-storage rules and a security baseline for Azure Machine Learning workspaces, hubs and projects.",
    enforcementLevel: "advisory",
    policies: allPolicies,
});
