/**
 * The files of a scratch Pulumi TypeScript program that consumes the packed package the way a platform team would:
 * by package name, with the typed exports of both entry points.
 */
export const CONSUMER_PROJECT = "pack-consumer";

/** Every component the package promises at its root. */
export const ROOT_COMPONENTS = [
  "Workspace",
  "Hub",
  "Project",
  "SharedResources",
  "AssociatedResources",
  "Datastores",
  "EntraGroups",
  "CustomRoles",
  "RoleBindings",
  "WorkspaceBudget",
  "UsageWorkbook",
] as const;

const INDEX_TS = `import { ${ROOT_COMPONENTS.join(", ")}, type WorkspaceArgs } from "azure-ml-workspaces";
import { allPolicies, defaultStoragePolicies, packName } from "azure-ml-workspaces/policies";

const args: WorkspaceArgs = { resourceGroupName: "rg-consumer", location: "westeurope", protect: false };
const workspace = new Workspace("consumer", args);
const hub = new Hub("consumer-hub", { resourceGroupName: "rg-consumer", protect: false });
new Project("consumer-prj", { hubResourceId: hub.hubId, location: hub.location, resourceGroupName: "rg-consumer", protect: false });

/** Never called: compiles only while the Args are typed (an untyped \`any\` would make the directive unused). */
export function typedArgs(): void {
  // @ts-expect-error resourceGroupName is required
  new Workspace("untyped", { location: "westeurope" });
}

export const studioUrl = workspace.studioUrl;
/** Where Node found the package: the unpacked tarball's build, not the repository's sources. */
export const resolvedFrom = require.resolve("azure-ml-workspaces");
export const components = [${ROOT_COMPONENTS.join(", ")}].map((component) => component.name);
export const policies = { pack: packName, all: allPolicies.map((policy) => policy.name), defaultStorage: defaultStoragePolicies.length };
`;

export const CONSUMER_FILES: Record<string, string> = {
  // Its own package.json, as any program has: without one, Node would resolve "azure-ml-workspaces" from inside the
  // repo as a self-reference to the repo's own build instead of the unpacked tarball.
  "package.json": JSON.stringify({ name: CONSUMER_PROJECT, private: true }, null, 2),
  "Pulumi.yaml": `name: ${CONSUMER_PROJECT}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\n`,
  "Pulumi.dev.yaml": "config:\n  azure-native:location: westeurope\n",
  "tsconfig.json": JSON.stringify(
    {
      compilerOptions: {
        target: "ES2022",
        // No DOM: the package's declarations need only the language and Node's types (and tsc parses less).
        lib: ["ES2022"],
        module: "node16",
        moduleResolution: "node16",
        strict: true,
        skipLibCheck: true,
        types: ["node"],
        noEmit: true,
      },
      files: ["index.ts"],
    },
    null,
    2,
  ),
  "index.ts": INDEX_TS,
};
