import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findRepoRoot, loadProject, relativePath, resolveProgramEntry } from "../../../tools/preview/host/project";

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
