import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  buildConfigEnv,
  findRepoRoot,
  loadProject,
  qualifyKey,
  relativePath,
  resolveProgramEntry,
} from "../../../tools/preview/host/project";
import { UNKNOWN_VALUE } from "../../../tools/preview/shared/types";

/** A throwaway project tree: `{ "a/b.ts": "..." }`. */
function tree(files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "preview-project-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

const roots: string[] = [];
const make = (files: Record<string, string>) => {
  const root = tree(files);
  roots.push(root);
  return root;
};
afterAll(() => roots.forEach((r) => fs.rmSync(r, { recursive: true, force: true })));

describe("loadProject", () => {
  it("reads name, main (a file), runtime options and the stacks next to Pulumi.yaml", () => {
    const root = make({
      "Pulumi.yaml":
        "name: demo\nruntime:\n  name: nodejs\n  options:\n    typescript: false\n    nodeargs: --max-old-space-size=4096 --trace-warnings\nmain: src/main.js\nconfig:\n  size: S\n",
      "src/main.js": "",
      "Pulumi.prod.yaml": "",
      "Pulumi.dev.yaml": "",
    });
    const project = loadProject(root);
    expect(project).toMatchObject({
      name: "demo",
      dir: root,
      programFile: path.join(root, "src/main.js"),
      stackConfigDir: root,
      typescript: false,
      nodeArgs: ["--max-old-space-size=4096", "--trace-warnings"],
      config: { size: "S" },
      stacks: ["dev", "prod"],
    });
  });

  it("resolves main as a directory through its package.json main, and honours stackConfigDir", () => {
    const root = make({
      "Pulumi.yaml": "name: demo\nruntime: nodejs\nmain: app/\nstackConfigDir: stacks\n",
      "app/package.json": JSON.stringify({ main: "lib/entry" }),
      "app/lib/entry.ts": "",
      "app/index.ts": "",
      "stacks/Pulumi.team-a.yaml": "",
      "stacks/Pulumi.team-b.yml": "",
      "stacks/notes.yaml": "",
    });
    const project = loadProject(root);
    expect(project.programFile).toBe(path.join(root, "app/lib/entry.ts"));
    expect(project.stackConfigDir).toBe(path.join(root, "stacks"));
    expect(project.stacks).toEqual(["team-a", "team-b"]);
  });

  it("defaults main to the project directory: index.js before index.ts, like require", () => {
    const root = make({ "Pulumi.yaml": "name: demo\nruntime: nodejs\n", "index.ts": "" });
    expect(loadProject(root).programFile).toBe(path.join(root, "index.ts"));
    fs.writeFileSync(path.join(root, "index.js"), "");
    expect(resolveProgramEntry(root)).toBe(path.join(root, "index.js"));
  });

  it("fails one line for a missing Pulumi.yaml, another runtime, a missing name or entry point", () => {
    expect(() => loadProject(make({}))).toThrow(/^no Pulumi\.yaml in /);
    expect(() => loadProject(make({ "Pulumi.yaml": "name: x\nruntime: python\n" }))).toThrow(
      "Pulumi.yaml: 'runtime': 'python' is not supported (nodejs only)",
    );
    expect(() => loadProject(make({ "Pulumi.yaml": "runtime: nodejs\n" }))).toThrow(/^Pulumi\.yaml: 'name': /);
    expect(() => loadProject(make({ "Pulumi.yaml": "name: x\nruntime: nodejs\nmain: nowhere/\n" }))).toThrow(
      "Pulumi.yaml: 'main': nowhere/ has no entry point (file, package.json main, index.js or index.ts)",
    );
    expect(() => loadProject(make({ "Pulumi.yaml": "name: x\nruntime: nodejs\nstackConfigDir: nope\n", "index.ts": "" }))).toThrow(
      /'stackConfigDir': .* is not a directory/,
    );
  });
});

describe("paths for reports", () => {
  it("finds the enclosing git checkout and writes forward-slash relative paths", () => {
    const root = make({ ".git/HEAD": "", "p/Pulumi.yaml": "" });
    expect(findRepoRoot(path.join(root, "p"), "/fallback")).toBe(root);
    expect(findRepoRoot(os.tmpdir(), "/fallback")).toBe("/fallback");
    expect(relativePath(root, path.join(root, "p", "Pulumi.dev.yaml"))).toBe("p/Pulumi.dev.yaml");
  });
});

const parse = (env: { PULUMI_CONFIG: string; PULUMI_CONFIG_SECRET_KEYS: string }) => ({
  config: JSON.parse(env.PULUMI_CONFIG) as Record<string, string>,
  secretKeys: JSON.parse(env.PULUMI_CONFIG_SECRET_KEYS) as string[],
});

describe("buildConfigEnv", () => {
  it("namespaces bare keys with the project and keeps namespaced keys", () => {
    expect(qualifyKey("proj", "region")).toBe("proj:region");
    expect(qualifyKey("proj", "azure-native:location")).toBe("azure-native:location");
    const { config } = parse(
      buildConfigEnv("proj", {}, { region: "westeurope", "azure-native:location": "northeurope", "proj:size": "S" }),
    );
    expect(config).toEqual({ "proj:region": "westeurope", "azure-native:location": "northeurope", "proj:size": "S" });
  });

  it("passes strings as they are and JSON-stringifies every other value", () => {
    const { config } = parse(buildConfigEnv("p", {}, { count: 3, on: true, tags: { owner: "me" }, list: ["a", 1], text: "3" }));
    expect(config).toEqual({ "p:count": "3", "p:on": "true", "p:tags": '{"owner":"me"}', "p:list": '["a",1]', "p:text": "3" });
  });

  it("marks the stack file's secure keys secret and leaves their unknown values unchecked", () => {
    const env = buildConfigEnv("p", { count: { type: "integer" } }, { count: UNKNOWN_VALUE, plain: "x" }, ["p:count"]);
    const { config, secretKeys } = parse(env);
    expect(config["p:count"]).toBe(UNKNOWN_VALUE);
    expect(secretKeys).toEqual(["p:count"]);
  });

  it("applies Pulumi.yaml defaults and values, which the stack file overrides", () => {
    const project = {
      size: { type: "string", default: "S" },
      replicas: { type: "integer", default: 1 },
      "azure-native:location": { value: "westeurope" },
      token: { type: "string", secret: true, default: "t" },
      plainDefault: "abc",
    };
    const { config, secretKeys } = parse(buildConfigEnv("p", project, { size: "L" }));
    expect(config).toEqual({
      "p:size": "L",
      "p:replicas": "1",
      "azure-native:location": "westeurope",
      "p:token": "t",
      "p:plainDefault": "abc",
    });
    expect(secretKeys).toEqual(["p:token"]);
  });

  it("fails one line naming the key when a value has the wrong declared type", () => {
    expect(() => buildConfigEnv("p", { replicas: { type: "integer" } }, { replicas: "three" })).toThrow(
      new Error(`config 'p:replicas' must be of type integer, got "three"`),
    );
    expect(() => buildConfigEnv("p", { flags: { type: "array" } }, { flags: "a,b" })).toThrow("config 'p:flags' must be of type array");
    expect(() => buildConfigEnv("p", { on: { type: "boolean" } }, { on: "yes" })).toThrow("config 'p:on' must be of type boolean");
    expect(() => buildConfigEnv("p", { on: { type: "boolean" }, n: { type: "integer" } }, { on: "true", n: "12" })).not.toThrow();
  });

  it("fails when a declared key without a default is unset, or a declared type is unknown", () => {
    expect(() => buildConfigEnv("p", { workspace: { type: "string", description: "d" } }, {})).toThrow(
      new Error("missing configuration value 'p:workspace' (declared in Pulumi.yaml without a default)"),
    );
    expect(() => buildConfigEnv("p", { x: { type: "float", default: 1 } }, {})).toThrow(
      "Pulumi.yaml: 'config.x.type': 'float' is not one of",
    );
  });
});
