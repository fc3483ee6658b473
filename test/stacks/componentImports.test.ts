import * as fs from "fs";
import * as path from "path";

/** The program reaches the components through their public API (`components/index.ts`), or for the config model's
 * schemas and rules through `components/internal.ts`; never through a component's own module. */
const ROOT = path.join(__dirname, "../..");
const COMPONENTS = path.join(ROOT, "components");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** Every relative module specifier of a file's imports and re-exports, resolved to a path without extension. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  return [...text.matchAll(/(?:import|export)\s[^;]*?from\s+"(\.[^"]+)"/g)].map((m) => path.resolve(path.dirname(file), m[1]));
}

it("imports components only through components/index.ts or components/internal.ts from stacks/", () => {
  const allowed = new Set([COMPONENTS, path.join(COMPONENTS, "index"), path.join(COMPONENTS, "internal")]);
  const stray = sourceFiles(path.join(ROOT, "stacks")).flatMap((file) =>
    importsOf(file)
      .filter((target) => target.startsWith(COMPONENTS) && !allowed.has(target))
      .map((target) => `${path.relative(ROOT, file)} -> ${path.relative(ROOT, target)}`),
  );
  expect(stray).toEqual([]);
});

it("builds the program's components from the public API only", () => {
  const program = importsOf(path.join(ROOT, "stacks/program.ts")).filter((target) => target.startsWith(COMPONENTS));
  expect(program).toEqual([COMPONENTS]);
});

it("lists the public API name by name", () => {
  const index = fs.readFileSync(path.join(COMPONENTS, "index.ts"), "utf8");
  expect(index).not.toMatch(/export\s+\*/);
  // zod schemas stay internal: the declarations would otherwise expose zod's types.
  expect(index).not.toMatch(/\w+Schema\b/);
});
