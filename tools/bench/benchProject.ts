/**
 * Writes the generated stacks as a Pulumi project in a temp directory whose `main` is this repo's `stacks/` program
 * (like `test/stacks/program/Pulumi.yaml`), with the repo's runtime options and compiler options, so the program
 * runs exactly as it does for the bundled stacks.
 */
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse, stringify } from "yaml";
import { RawStackConfig, stackFileYaml } from "./configGen";

export const REPO_ROOT = path.resolve(__dirname, "../..");

export interface BenchProject {
  dir: string;
  remove(): void;
}

/**
 * `stacks`: stack name → raw config. The directory is named after the files' content: the preview's transpile cache
 * keys on compiler options that hold the tsconfig's path, so the same project in the same place loads from the
 * cache on the next run too.
 */
export function writeBenchProject(stacks: Record<string, RawStackConfig>): BenchProject {
  const repoProject = parse(fs.readFileSync(path.join(REPO_ROOT, "Pulumi.yaml"), "utf8")) as Record<string, unknown>;
  const project = {
    name: repoProject.name,
    runtime: repoProject.runtime,
    main: path.join(REPO_ROOT, "stacks") + path.sep,
    stackConfigDir: ".",
  };
  const files: Record<string, string> = {
    "Pulumi.yaml": stringify(project),
    // The language host compiles with the tsconfig of the project directory and reads its compilerOptions without
    // following `extends`: copy the repo's file, so the program compiles as it does for the bundled stacks.
    "tsconfig.json": fs.readFileSync(path.join(REPO_ROOT, "tsconfig.json"), "utf8"),
  };
  for (const [stack, config] of Object.entries(stacks)) files[`Pulumi.${stack}.yaml`] = stackFileYaml(config);

  const hash = createHash("sha256");
  for (const [name, text] of Object.entries(files)) hash.update(name).update("\0").update(text).update("\0");
  const dir = path.join(os.tmpdir(), `aml-bench-${hash.digest("hex").slice(0, 12)}`);
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
