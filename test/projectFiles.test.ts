/**
 * The files the Pulumi engine reads, checked against their documented formats
 * (https://www.pulumi.com/docs/iac/concepts/projects/project-file/, https://www.pulumi.com/docs/iac/using-pulumi/crossguard/
 * and the CLI's project validation: `workspace.Project.Validate` / `ValidateConfigValue`):
 * policies/PulumiPolicy.yaml, policies/package.json, Pulumi.yaml and every Pulumi.<stack>.yaml.
 * Stack files are globbed: whatever exists must be valid.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import { z } from "zod";

const root = path.join(__dirname, "..");
const projectName = "azure-ml-workspaces";

// --- formats -------------------------------------------------------------------------------------

const policyPackProject = z.strictObject({
  runtime: z.union([
    z.enum(["nodejs", "python", "opa"]),
    z.strictObject({ name: z.enum(["nodejs", "python", "opa"]), options: z.record(z.string(), z.unknown()).optional() }),
  ]),
  version: z.string().optional(),
  main: z.string().optional(),
  description: z.string().optional(),
  author: z.string().optional(),
  website: z.string().optional(),
  license: z.string().optional(),
});

const semver = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const packageJson = z.object({ name: z.string().min(1), version: z.string().regex(semver), main: z.string().min(1) });

const nodeRuntime = z.union([
  z.literal("nodejs"),
  z.strictObject({
    name: z.literal("nodejs"),
    options: z
      .strictObject({
        typescript: z.boolean().optional(),
        nodeargs: z.string().optional(),
        packagemanager: z.enum(["npm", "pnpm", "yarn"]).optional(),
      })
      .optional(),
  }),
]);

type ConfigType = "string" | "integer" | "boolean" | "array";
interface ItemsType {
  type: ConfigType;
  items?: ItemsType;
}
const simpleType = z.enum(["string", "integer", "boolean", "array"]);
const itemsType: z.ZodType<ItemsType> = z.lazy(() => z.strictObject({ type: simpleType, items: itemsType.optional() }));
const configDeclaration = z.strictObject({
  type: simpleType.optional(),
  description: z.string().optional(),
  secret: z.boolean().optional(),
  default: z.unknown().optional(),
  items: itemsType.optional(),
  value: z.unknown().optional(),
});
type ConfigDeclaration = z.infer<typeof configDeclaration>;

const pulumiProject = z.object({
  name: z.literal(projectName),
  runtime: nodeRuntime,
  description: z.string().optional(),
  main: z.string().optional(),
  stackConfigDir: z.string().optional(),
  backend: z.strictObject({ url: z.string() }).optional(),
  config: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), configDeclaration])).optional(),
});
type PulumiProject = z.infer<typeof pulumiProject>;

const stackFile = z.strictObject({
  config: z.record(z.string().regex(/^[^:\s]+:\S+$/, "config keys must be namespaced as ns:key"), z.unknown()).optional(),
  secretsprovider: z.string().optional(),
  encryptedkey: z.string().optional(),
  encryptionsalt: z.string().optional(),
  environment: z.unknown().optional(),
});

// --- validation (pure) -----------------------------------------------------------------------------

const isProjectKey = (key: string) => !key.includes(":") || key.startsWith(`${projectName}:`);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The CLI's ValidateConfigValue: stack scalars arrive as strings, values inside arrays keep their JSON type. */
function matchesType(type: ConfigType, items: ItemsType | undefined, value: unknown): boolean {
  switch (type) {
    case "string":
      return typeof value === "string";
    case "integer":
      return (typeof value === "number" && Number.isInteger(value)) || (typeof value === "string" && /^[+-]?\d+$/.test(value));
    case "boolean":
      return typeof value === "boolean" || value === "true" || value === "false";
    case "array":
      return Array.isArray(value) && items !== undefined && value.every((v) => matchesType(items.type, items.items, v));
  }
}

const asStackValue = (v: unknown) => (typeof v === "number" || typeof v === "boolean" ? String(v) : v);

/** One-line problems with a Pulumi.yaml `config:` block (project.go Validate). */
function projectConfigProblems(config: PulumiProject["config"] = {}): string[] {
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(config)) {
    if (!isObject(entry)) {
      continue; // a plain value
    }
    const decl = entry as ConfigDeclaration;
    if (decl.default !== undefined && decl.value !== undefined) {
      problems.push(`config '${key}': cannot have both 'default' and 'value'`);
    }
    if (!isProjectKey(key)) {
      if (decl.type || decl.items || decl.secret !== undefined)
        problems.push(`config '${key}': not namespaced by the project, so it must not declare a schema`);
      if (decl.default !== undefined) problems.push(`config '${key}': not namespaced by the project, so use 'value', not 'default'`);
      if (decl.value === undefined) problems.push(`config '${key}': not namespaced by the project, so it needs 'value'`);
      continue;
    }
    if (decl.type === "array" && !decl.items) {
      problems.push(`config '${key}': type array needs 'items'`);
    }
    if (decl.type && decl.default !== undefined && !matchesType(decl.type, decl.items, decl.default)) {
      problems.push(`config '${key}': default ${JSON.stringify(decl.default)} is not of type ${decl.type}`);
    }
  }
  return problems;
}

/** One-line problems with a stack file's values for keys that Pulumi.yaml declares with a type. */
function stackConfigProblems(project: PulumiProject, stackConfig: Record<string, unknown> = {}): string[] {
  const problems: string[] = [];
  for (const [key, entry] of Object.entries(project.config ?? {})) {
    if (!isObject(entry) || !(entry as ConfigDeclaration).type || !isProjectKey(key)) {
      continue;
    }
    const decl = entry as ConfigDeclaration;
    const fullKey = key.includes(":") ? key : `${projectName}:${key}`;
    const value = stackConfig[fullKey];
    if (value === undefined || (isObject(value) && "secure" in value)) {
      continue; // not set here, or encrypted
    }
    if (!matchesType(decl.type!, decl.items, asStackValue(value))) {
      problems.push(`'${fullKey}': value ${JSON.stringify(value)} is not of declared type ${decl.type}`);
    }
  }
  return problems;
}

function zodProblems(file: string, result: z.ZodSafeParseResult<unknown>): string[] {
  return result.success ? [] : result.error.issues.map((i) => `${file}: ${i.path.join(".") || "(root)"}: ${i.message}`);
}

const readYaml = (file: string) => parse(fs.readFileSync(file, "utf8")) as unknown;

// --- the files ------------------------------------------------------------------------------------

describe("policies/PulumiPolicy.yaml", () => {
  it("has a runtime and only documented keys", () => {
    expect(zodProblems("PulumiPolicy.yaml", policyPackProject.safeParse(readYaml(path.join(root, "policies/PulumiPolicy.yaml"))))).toEqual(
      [],
    );
  });
});

describe("policies/package.json", () => {
  it("has a name, a semver version and an existing main", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "policies/package.json"), "utf8"));
    expect(zodProblems("package.json", packageJson.safeParse(pkg))).toEqual([]);
    expect(fs.existsSync(path.join(root, "policies", pkg.main))).toBe(true);
  });
});

describe("Pulumi.yaml and stack files", () => {
  const project = readYaml(path.join(root, "Pulumi.yaml"));
  const parsed = pulumiProject.safeParse(project);

  it("is a nodejs project named azure-ml-workspaces with valid runtime options", () => {
    expect(zodProblems("Pulumi.yaml", parsed)).toEqual([]);
  });

  it("points main and stackConfigDir at existing paths", () => {
    const { main, stackConfigDir } = parsed.data!;
    expect(main && fs.existsSync(path.join(root, main))).toBeTruthy();
    expect(stackConfigDir && fs.statSync(path.join(root, stackConfigDir)).isDirectory()).toBeTruthy();
  });

  it("declares config the way the CLI accepts", () => {
    expect(projectConfigProblems(parsed.data!.config)).toEqual([]);
  });

  it("has stack files with documented keys, namespaced config and values of the declared types", () => {
    const dir = path.join(root, parsed.data!.stackConfigDir ?? ".");
    const stackFiles = fs.readdirSync(dir).filter((f) => /^Pulumi\.[^.]+\.ya?ml$/.test(f));
    const problems = stackFiles.flatMap((f) => {
      const doc = readYaml(path.join(dir, f)) ?? {};
      const result = stackFile.safeParse(doc);
      return [
        ...zodProblems(f, result),
        ...(result.success ? stackConfigProblems(parsed.data!, result.data.config).map((p) => `${f}: ${p}`) : []),
      ];
    });
    expect(problems).toEqual([]);
  });
});

describe("the checks reject what the engine rejects", () => {
  const project = (config: Record<string, unknown>) =>
    pulumiProject.parse({ name: projectName, runtime: "nodejs", config }) as PulumiProject;

  it("rejects a PulumiPolicy.yaml without runtime or with unknown keys", () => {
    expect(policyPackProject.safeParse({ description: "x" }).success).toBe(false);
    expect(policyPackProject.safeParse({ runtime: "nodejs", policies: [] }).success).toBe(false);
    expect(policyPackProject.safeParse({ runtime: { name: "nodejs", options: {} }, version: "1.0.0" }).success).toBe(true);
  });

  it("rejects bad runtime options and a wrong project name", () => {
    const base = { name: projectName, runtime: { name: "nodejs", options: { typescript: true } } };
    expect(pulumiProject.safeParse(base).success).toBe(true);
    expect(pulumiProject.safeParse({ ...base, runtime: { name: "nodejs", options: { packagemanager: "maven" } } }).success).toBe(false);
    expect(pulumiProject.safeParse({ ...base, runtime: { name: "nodejs", options: { typeScript: true } } }).success).toBe(false);
    expect(pulumiProject.safeParse({ ...base, name: "other" }).success).toBe(false);
  });

  it("rejects schemas and defaults on provider keys, and arrays without items", () => {
    expect(projectConfigProblems(project({ "azure-native:location": { default: "westeurope" } }).config)).toEqual([
      "config 'azure-native:location': not namespaced by the project, so use 'value', not 'default'",
      "config 'azure-native:location': not namespaced by the project, so it needs 'value'",
    ]);
    expect(projectConfigProblems(project({ "azure-native:location": { type: "string", value: "x" } }).config)).toHaveLength(1);
    expect(projectConfigProblems(project({ "azure-native:location": { value: "westeurope" }, location: "x" }).config)).toEqual([]);
    expect(projectConfigProblems(project({ tags: { type: "array" } }).config)).toEqual(["config 'tags': type array needs 'items'"]);
    expect(projectConfigProblems(project({ n: { type: "integer", default: "x" } }).config)).toHaveLength(1);
    expect(() => project({ n: { type: "object" } })).toThrow();
  });

  it("checks stack values against declared types like the CLI", () => {
    const p = project({
      count: { type: "integer" },
      enabled: { type: "boolean" },
      [`${projectName}:tags`]: { type: "array", items: { type: "string" } },
    });
    const key = (k: string) => `${projectName}:${k}`;
    expect(stackConfigProblems(p, { [key("count")]: 3, [key("enabled")]: "true", [key("tags")]: ["a"] })).toEqual([]);
    expect(stackConfigProblems(p, { [key("count")]: { secure: "v1:abc" } })).toEqual([]);
    expect(stackConfigProblems(p, { [key("count")]: 2.5, [key("enabled")]: "yes", [key("tags")]: [1] })).toHaveLength(3);
    expect(stackFile.safeParse({ config: { location: "x" } }).success).toBe(false);
    expect(stackFile.safeParse({ config: {}, stack: "dev" }).success).toBe(false);
  });
});
