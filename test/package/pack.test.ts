/**
 * `npm pack` of dist/ as the prepack script builds it (tsconfig.build.json) yields a package a Pulumi program can use
 * by name: the tarball is unpacked into <repo>/.scratch/package-test/node_modules (gitignored; its own dependencies
 * resolve to the repo's node_modules, so no network), then a scratch TypeScript program importing "azure-ml-workspaces"
 * and "azure-ml-workspaces/policies" is type-checked with tsc against the tarball's .d.ts and previewed offline.
 * The build is the prepack one made incremental (its state and output kept under node_modules/.cache, outputs of
 * sources it no longer builds removed), copied to dist/; then one pack without scripts, one tsc and one preview (the
 * last two in parallel; the preview through its `main` in this process, with a real stack worker). Either tsc is
 * skipped while every file it read reads the same as at its last success (programInputs).
 */
import { execFile } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { builtinModules } from "module";
import { REPO_ROOT, type CliRun } from "../previewCli";
import { previewJsonInProcess } from "../tools/preview/inProcess";
import type { StackResult } from "../../tools/preview/shared/types";
import { CONSUMER_FILES, ROOT_COMPONENTS } from "./consumerProgram";

const SCRATCH = path.join(REPO_ROOT, ".scratch/package-test");
const BUILTIN = new Set(builtinModules);
const INSTALLED = path.join(SCRATCH, "node_modules/azure-ml-workspaces");
const TSC = path.join(REPO_ROOT, "node_modules/typescript/bin/tsc");
const CACHE = path.join(REPO_ROOT, "node_modules/.cache/pack-test");
const BUILD_INFO = path.join(CACHE, "build.tsbuildinfo");
const BUILT = path.join(CACHE, "dist");
const BUILD_STAMP = path.join(CACHE, "build.inputs");
const CONSUMER_INFO = path.join(CACHE, "consumer.tsbuildinfo");
const CONSUMER_STAMP = path.join(CACHE, "consumer.inputs");

function run(command: string, args: string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === "number" ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/**
 * What the program a build info describes read, by content: the compiler, the lockfile, `configs` and every file of
 * the program (the build info lists them); undefined without a build info. A compile whose inputs all read as at its
 * last success is not run again: even with nothing to do, an incremental tsc parses its whole program (for the build
 * about 1,600 files, 27 MB), and with the same inputs tsc gives the same answer.
 */
function programInputs(buildInfo: string, configs: string[]): string | undefined {
  if (!fs.existsSync(buildInfo)) return undefined;
  const { fileNames } = JSON.parse(fs.readFileSync(buildInfo, "utf8")) as { fileNames: string[] };
  const hash = createHash("sha256").update(ts.version);
  const files = [path.join(REPO_ROOT, "package-lock.json"), ...configs, ...fileNames.map((f) => path.resolve(path.dirname(buildInfo), f))];
  for (const file of files) hash.update(`\0${file}\0`).update(fs.existsSync(file) ? fs.readFileSync(file) : "\0missing");
  return hash.digest("hex");
}

/** `compile()` unless `stamp` holds the inputs of its last success (a clean exit with no output); then its result. */
async function unlessUnchanged(stamp: string, inputs: () => string | undefined, compile: () => Promise<CliRun>): Promise<CliRun> {
  const last = fs.existsSync(stamp) ? fs.readFileSync(stamp, "utf8") : undefined;
  if (last !== undefined && last === inputs()) return { code: 0, stdout: "", stderr: "" };
  fs.rmSync(stamp, { force: true });
  const result = await compile();
  const digest = result.code === 0 && result.stdout + result.stderr === "" ? inputs() : undefined;
  if (digest !== undefined) fs.writeFileSync(stamp, digest);
  return result;
}

/**
 * `tsc -p tsconfig.build.json` (the prepack build) into BUILT, incremental, unless its inputs are those of the last
 * build; then dist/ replaced by a copy of BUILT less the outputs of files the build no longer compiles (tsc keeps
 * those, the build script starts from an empty dist/).
 */
async function build(): Promise<void> {
  if (!fs.existsSync(BUILT)) fs.rmSync(BUILD_INFO, { force: true });
  const args = ["-p", "tsconfig.build.json", "--incremental", "--tsBuildInfoFile", BUILD_INFO, "--outDir", BUILT];
  const configs = ["tsconfig.json", "tsconfig.build.json"].map((f) => path.join(REPO_ROOT, f));
  const inputs = () => (fs.existsSync(BUILT) ? programInputs(BUILD_INFO, configs) : undefined);
  const tscRun = await unlessUnchanged(BUILD_STAMP, inputs, () => run(process.execPath, [TSC, ...args], REPO_ROOT));
  if (tscRun.code !== 0) throw new Error(`build failed: ${tscRun.stdout}${tscRun.stderr}`);
  const sources = (JSON.parse(fs.readFileSync(BUILD_INFO, "utf8")) as { fileNames: string[] }).fileNames
    .map((f) => path.relative(REPO_ROOT, path.resolve(CACHE, f)))
    .filter((f) => !f.startsWith("node_modules") && !f.endsWith(".d.ts"));
  const outputs = new Set(sources.flatMap((f) => (f.endsWith(".ts") ? [f.replace(/\.ts$/, ".js"), f.replace(/\.ts$/, ".d.ts")] : [f])));
  for (const file of fs.readdirSync(BUILT, { recursive: true, encoding: "utf8" })) {
    const full = path.join(BUILT, file);
    if (fs.statSync(full).isFile() && !outputs.has(file)) fs.rmSync(full);
  }
  fs.rmSync(path.join(REPO_ROOT, "dist"), { recursive: true, force: true });
  fs.cpSync(BUILT, path.join(REPO_ROOT, "dist"), { recursive: true });
}

let packed: { filename: string; files: { path: string }[] };
let tsc: CliRun;
let preview: CliRun;
let stack: StackResult;

beforeAll(async () => {
  const destination = fs.mkdtempSync(path.join(os.tmpdir(), "aml-pack-"));
  await build();
  const pack = await run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", destination], REPO_ROOT);
  if (pack.code !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
  [packed] = JSON.parse(pack.stdout);

  fs.rmSync(SCRATCH, { recursive: true, force: true });
  fs.mkdirSync(INSTALLED, { recursive: true });
  const untar = await run("tar", ["-xzf", path.join(destination, packed.filename), "-C", INSTALLED, "--strip-components=1"], REPO_ROOT);
  if (untar.code !== 0) throw new Error(`tar failed: ${untar.stderr}`);
  fs.rmSync(destination, { recursive: true, force: true });
  for (const [file, text] of Object.entries(CONSUMER_FILES)) fs.writeFileSync(path.join(SCRATCH, file), text);

  let json: { result: { stacks: StackResult[] } };
  [tsc, json] = await Promise.all([
    unlessUnchanged(
      CONSUMER_STAMP,
      () =>
        programInputs(
          CONSUMER_INFO,
          ["package.json", "tsconfig.json", "node_modules/azure-ml-workspaces/package.json"].map((f) => path.join(SCRATCH, f)),
        ),
      () => run(process.execPath, [TSC, "-p", SCRATCH, "--incremental", "--tsBuildInfoFile", CONSUMER_INFO], SCRATCH),
    ),
    previewJsonInProcess(["--cwd", SCRATCH, "--stack", "dev", "--no-policy"]).then(({ run: r, result }) => {
      preview = r;
      return { result };
    }),
  ]);
  stack = json.result.stacks[0];
}, 180_000);

describe("npm pack", () => {
  it("ships compiled JavaScript with declarations, and no TypeScript sources or tests", () => {
    const files = packed.files.map((f) => f.path);
    for (const entry of [
      "dist/components/index.js",
      "dist/components/index.d.ts",
      "dist/policies/policies.js",
      "dist/policies/policies.d.ts",
    ]) {
      expect(files).toContain(entry);
    }
    expect(files).toEqual(
      expect.arrayContaining(["package.json", "README.md", "CHANGELOG.md", "docs/config-reference.md", "docs/policy-reference.md"]),
    );
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    expect(files.filter((f) => /^(test|stacks|tools|examples)\//.test(f) || f === "dist/policies/index.js")).toEqual([]);
  });

  it("is built by its prepack script with the build this test runs: tsc -p tsconfig.build.json into an empty dist/", () => {
    const { scripts } = JSON.parse(fs.readFileSync(path.join(INSTALLED, "package.json"), "utf8"));
    expect(scripts.prepack).toBe("npm run build");
    expect(scripts.build).toBe(`node -e "require('fs').rmSync('dist', { recursive: true, force: true })" && tsc -p tsconfig.build.json`);
  });

  it("is publishable: a LICENSE with the license package.json names, no `private`, the stack file schema", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(INSTALLED, "package.json"), "utf8"));
    expect(manifest.private).toBeUndefined();
    expect(manifest.license).toBe("Apache-2.0");
    expect(fs.readFileSync(path.join(INSTALLED, "LICENSE"), "utf8")).toMatch(/Apache License\s+Version 2\.0, January 2004/);
    expect(packed.files.map((f) => f.path)).toEqual(expect.arrayContaining(["LICENSE", "schema/stack-config.schema.json"]));
  });

  it("ships declarations that import no zod types", () => {
    const declarations = packed.files.map((f) => f.path).filter((f) => f.endsWith(".d.ts"));
    expect(declarations.length).toBeGreaterThan(10);
    const withZod = declarations.filter((f) => /["']zod["'/]/.test(fs.readFileSync(path.join(INSTALLED, f), "utf8")));
    expect(withZod).toEqual([]);
  });

  it("depends on exactly the packages its compiled JavaScript requires", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(INSTALLED, "package.json"), "utf8"));
    const required = new Set<string>();
    for (const file of packed.files.map((f) => f.path).filter((f) => f.endsWith(".js"))) {
      const text = fs.readFileSync(path.join(INSTALLED, file), "utf8");
      for (const [, spec] of text.matchAll(/require\("([^".][^"]*)"\)/g)) {
        const name = spec.startsWith("@") ? spec.split("/").slice(0, 2).join("/") : spec.split("/")[0];
        if (!BUILTIN.has(name.replace(/^node:/, ""))) required.add(name);
      }
    }
    const declared = [...Object.keys(manifest.dependencies), ...Object.keys(manifest.peerDependencies ?? {})];
    expect([...required].filter((name) => !declared.includes(name))).toEqual([]);
    expect(Object.keys(manifest.dependencies).filter((name) => !required.has(name))).toEqual([]);
  });

  it("declares the Pulumi SDKs as caret ranges and @pulumi/policy as an optional peer", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(INSTALLED, "package.json"), "utf8"));
    for (const sdk of ["@pulumi/pulumi", "@pulumi/azure-native", "@pulumi/azuread"]) {
      expect(manifest.dependencies[sdk] ?? manifest.peerDependencies[sdk]).toMatch(/^\^\d/);
    }
    expect(manifest.peerDependencies["@pulumi/policy"]).toMatch(/^\^\d/);
    expect(manifest.peerDependenciesMeta["@pulumi/policy"]).toEqual({ optional: true });
  });
});

describe("a program using the packed package", () => {
  it("type-checks against the tarball's declarations (node16 resolution, through `exports`)", () => {
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.code).toBe(0);
  });

  it.each(["node10", "node16"] as const)("resolves both entry points to the tarball's .d.ts with moduleResolution %s", (mode) => {
    const options: ts.CompilerOptions =
      mode === "node10"
        ? { moduleResolution: ts.ModuleResolutionKind.Node10, module: ts.ModuleKind.CommonJS }
        : { moduleResolution: ts.ModuleResolutionKind.Node16, module: ts.ModuleKind.Node16 };
    const resolve = (name: string) =>
      ts.resolveModuleName(name, path.join(SCRATCH, "index.ts"), options, ts.sys).resolvedModule?.resolvedFileName;
    expect(resolve("azure-ml-workspaces")).toBe(path.join(INSTALLED, "dist/components/index.d.ts"));
    expect(resolve("azure-ml-workspaces/policies")).toBe(path.join(INSTALLED, "dist/policies/policies.d.ts"));
  });

  it("previews offline with the components' resources", () => {
    expect(preview.stderr).not.toMatch(/error:/);
    expect(preview.code).toBe(0);
    const types = new Set(stack.resources.map((r) => r.type));
    for (const type of [
      "azure-ml-workspaces:ml:Workspace",
      "azure-ml-workspaces:ml:Hub",
      "azure-ml-workspaces:ml:Project",
      "azure-native:storage:StorageAccount",
    ]) {
      expect(types).toContain(type);
    }
    expect(stack.resources.filter((r) => r.type === "azure-native:machinelearningservices:Workspace")).toHaveLength(3);
  });

  it("loads every root component and the policies from the package at run time", () => {
    expect(stack.outputs.components).toEqual([...ROOT_COMPONENTS]);
    const policies = stack.outputs.policies as { pack: string; all: string[]; defaultStorage: number };
    expect(policies.pack).toBe("azure-ml-workspaces");
    expect(policies.all).toContain("aml-default-storage-not-premium");
    expect(policies.defaultStorage).toBe(4);
  });

  it("runs the compiled JavaScript of the tarball, not the repository's sources", () => {
    expect(stack.outputs.resolvedFrom).toBe(path.join(INSTALLED, "dist/components/index.js"));
  });
});
