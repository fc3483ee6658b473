/**
 * Pulumi project discovery: `Pulumi.yaml` (name, main, stackConfigDir, runtime options, project config) and the
 * stacks (`Pulumi.<stack>.yaml` files in the stack config dir).
 */
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { firstLine } from "../shared/messages";
import { splitNodeArgs } from "./projectPeek";

/** A bad project, stack or config file: the message is one line naming the file and key. */
export class PreviewInputError extends Error {}

const runtimeOptionsSchema = z.looseObject({
  typescript: z.boolean().optional(),
  nodeargs: z.string().optional(),
});

const projectFileSchema = z.looseObject({
  name: z.string().min(1),
  runtime: z.union([z.string(), z.looseObject({ name: z.string(), options: runtimeOptionsSchema.optional() })]),
  main: z.string().optional(),
  stackConfigDir: z.string().optional(),
  config: z.record(z.string(), z.unknown()).nullish(),
});

export interface PulumiProject {
  name: string;
  /** Absolute directory of Pulumi.yaml. */
  dir: string;
  projectFile: string;
  /** Absolute path of the program's entry file. */
  programFile: string;
  /** Absolute directory of the `Pulumi.<stack>.yaml` files. */
  stackConfigDir: string;
  /** Whether the program runs through ts-node (`runtime.options.typescript`, default true). */
  typescript: boolean;
  /** `runtime.options.nodeargs`, split. */
  nodeArgs: string[];
  /** Project-level `config:` declarations, as written. */
  config: Record<string, unknown>;
  /** Stack names, sorted. */
  stacks: string[];
}

/** Parses YAML into a value checked by `schema`; errors name the file and the key. */
export function parseYamlFile<T>(file: string, text: string, schema: z.ZodType<T>): T {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (err) {
    throw new PreviewInputError(`${path.basename(file)}: ${firstLine((err as Error).message)}`);
  }
  const result = schema.safeParse(data ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length > 0 ? `'${issue.path.join(".")}'` : "document";
    throw new PreviewInputError(`${path.basename(file)}: ${where}: ${issue.message}`);
  }
  return result.data;
}

function readTextFile(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (err) {
    throw new PreviewInputError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** Finds `Pulumi.yaml` (or `.yml`) in `dir`. */
export function findProjectFile(dir: string): string {
  for (const candidate of ["Pulumi.yaml", "Pulumi.yml"]) {
    const file = path.join(dir, candidate);
    if (fs.existsSync(file)) return file;
  }
  throw new PreviewInputError(`no Pulumi.yaml in ${dir}`);
}

export function loadProject(cwd: string): PulumiProject {
  const projectFile = findProjectFile(path.resolve(cwd));
  const dir = path.dirname(projectFile);
  const file = parseYamlFile(projectFile, readTextFile(projectFile), projectFileSchema);
  const runtimeName = typeof file.runtime === "string" ? file.runtime : file.runtime.name;
  if (runtimeName !== "nodejs") throw new PreviewInputError(`Pulumi.yaml: 'runtime': '${runtimeName}' is not supported (nodejs only)`);
  const options = typeof file.runtime === "string" ? {} : (file.runtime.options ?? {});
  const stackConfigDir = path.resolve(dir, file.stackConfigDir ?? ".");
  return {
    name: file.name,
    dir,
    projectFile,
    programFile: resolveProgramEntry(dir, file.main),
    stackConfigDir,
    typescript: options.typescript ?? true,
    nodeArgs: splitNodeArgs(options.nodeargs),
    config: file.config ?? {},
    stacks: listStacks(stackConfigDir),
  };
}

/** `main` (file or directory, relative to Pulumi.yaml) resolved the way `require` resolves it. */
export function resolveProgramEntry(projectDir: string, main?: string): string {
  const base = path.resolve(projectDir, main ?? ".");
  const entry = resolveAsFile(base) ?? resolveAsDirectory(base);
  if (!entry)
    throw new PreviewInputError(`Pulumi.yaml: 'main': ${main ?? "."} has no entry point (file, package.json main, index.js or index.ts)`);
  return entry;
}

const isFile = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.isFile() === true;

function resolveAsFile(base: string): string | undefined {
  return [base, `${base}.js`, `${base}.ts`].find(isFile);
}

function resolveAsDirectory(dir: string): string | undefined {
  if (fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory() !== true) return undefined;
  const manifest = path.join(dir, "package.json");
  if (isFile(manifest)) {
    let main: unknown;
    try {
      main = JSON.parse(fs.readFileSync(manifest, "utf8")).main;
    } catch {
      throw new PreviewInputError(`${manifest}: not valid JSON`);
    }
    if (typeof main === "string") {
      const target = path.resolve(dir, main);
      const entry = resolveAsFile(target) ?? [path.join(target, "index.js"), path.join(target, "index.ts")].find(isFile);
      if (entry) return entry;
    }
  }
  return [path.join(dir, "index.js"), path.join(dir, "index.ts")].find(isFile);
}

const STACK_FILE = /^Pulumi\.(.+)\.ya?ml$/;

export function listStacks(stackConfigDir: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(stackConfigDir);
  } catch {
    throw new PreviewInputError(`Pulumi.yaml: 'stackConfigDir': ${stackConfigDir} is not a directory`);
  }
  const stacks = names.map((n) => STACK_FILE.exec(n)?.[1]).filter((s): s is string => s !== undefined);
  return [...new Set(stacks)].sort();
}

export function stackConfigFile(project: PulumiProject, stack: string): string {
  const yaml = path.join(project.stackConfigDir, `Pulumi.${stack}.yaml`);
  return fs.existsSync(yaml) ? yaml : path.join(project.stackConfigDir, `Pulumi.${stack}.yml`);
}

/** The enclosing git checkout (for repo-relative paths in reports), else `fallback`. */
export function findRepoRoot(dir: string, fallback: string): string {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    if (fs.existsSync(path.join(at, ".git"))) return at;
    if (path.dirname(at) === at) return fallback;
  }
}

/** `file` relative to `root`, with forward slashes. */
export function relativePath(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join("/");
}
