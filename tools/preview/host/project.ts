/** The checked project as the Pulumi CLI reads it (`Pulumi.yaml`, `Pulumi.<stack>.yaml`), and each stack's job for a worker. */
import * as fs from "fs";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { LOCAL_ORGANIZATION, type WorkerJob } from "../shared/ipc";
import { firstLine, isObject } from "../shared/messages";
import { UNKNOWN_VALUE } from "../shared/types";
import { readStackFile } from "./stackFile";

/** The project: its absolute directory and entry file, runtime options, `config:` as written, sorted stacks' files. */
export type PulumiProject = ReturnType<typeof loadProject>;

const isFile = (p: string) => fs.statSync(p, { throwIfNoEntry: false })?.isFile() === true;

export function loadProject(cwd: string) {
  const file = ["Pulumi.yaml", "Pulumi.yml"].map((name) => path.join(path.resolve(cwd), name)).find((f) => fs.existsSync(f));
  if (!file) throw new Error(`no Pulumi.yaml in ${path.resolve(cwd)}`);
  const dir = path.dirname(file);
  function fail(key: string, what: string): never {
    throw new Error(`${path.basename(file!)}: ${key}: ${what}`);
  }
  let data: unknown;
  try {
    data = parseYaml(fs.readFileSync(file, "utf8")) ?? {};
  } catch (err) {
    return fail("document", firstLine((err as Error).message));
  }
  if (!isObject(data)) return fail("document", "must be a mapping");
  const runtime = typeof data.runtime === "string" ? { name: data.runtime } : data.runtime;
  const options = isObject(runtime) && isObject(runtime.options) ? runtime.options : {};
  const optional = (key: string, value: unknown, type: string) =>
    value === undefined || typeof value === type || fail(`'${key}'`, `must be a ${type}`);
  if (typeof data.name !== "string" || data.name === "") fail("'name'", "must be a non-empty string");
  if (!isObject(runtime) || typeof runtime.name !== "string") fail("'runtime'", "must be a string or a mapping with a name");
  if (runtime.name !== "nodejs") fail("'runtime'", `'${runtime.name}' is not supported (nodejs only)`);
  optional("main", data.main, "string");
  optional("stackConfigDir", data.stackConfigDir, "string");
  optional("runtime.options.typescript", options.typescript, "boolean");
  optional("runtime.options.nodeargs", options.nodeargs, "string");
  if (data.config != null && !isObject(data.config)) fail("'config'", "must be a mapping");
  const stackConfigDir = path.resolve(dir, (data.stackConfigDir as string | undefined) ?? ".");
  let stackFiles = new Map<string, string>();
  try {
    stackFiles = listStackFiles(stackConfigDir);
  } catch {
    fail("'stackConfigDir'", `${stackConfigDir} is not a directory`);
  }
  return {
    name: data.name as string,
    dir,
    programFile: resolveProgramEntry(dir, data.main as string | undefined),
    stackConfigDir,
    typescript: options.typescript !== false,
    nodeArgs: String(options.nodeargs ?? "").match(/\S+/g) ?? [],
    config: (data.config as Record<string, unknown> | undefined) ?? {},
    /** Stack names, sorted, and each one's config file. */
    stacks: [...stackFiles.keys()],
    stackFiles,
  };
}

/** The `Pulumi.<stack>.yaml` files in `dir` by stack, sorted (`.yaml` before `.yml`, as the CLI looks them up). */
export function listStackFiles(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of fs.readdirSync(dir).sort()) {
    const stack = /^Pulumi\.(.+)\.ya?ml$/.exec(name)?.[1];
    if (stack !== undefined && !files.has(stack)) files.set(stack, path.join(dir, name));
  }
  return new Map([...files].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/** `main` (file or directory, relative to Pulumi.yaml) resolved the way `require` resolves it. */
export function resolveProgramEntry(projectDir: string, main?: string): string {
  const asFile = (base: string) => [base, `${base}.js`, `${base}.ts`].find(isFile);
  const asIndex = (dir: string) => [path.join(dir, "index.js"), path.join(dir, "index.ts")].find(isFile);
  const base = path.resolve(projectDir, main ?? ".");
  let entry = asFile(base);
  if (!entry && isFile(path.join(base, "package.json"))) {
    let target: unknown;
    try {
      target = JSON.parse(fs.readFileSync(path.join(base, "package.json"), "utf8")).main;
    } catch {
      throw new Error(`${path.join(base, "package.json")}: not valid JSON`);
    }
    if (typeof target === "string") entry = asFile(path.resolve(base, target)) ?? asIndex(path.resolve(base, target));
  }
  entry ??= asIndex(base);
  if (!entry) throw new Error(`Pulumi.yaml: 'main': ${main ?? "."} has no entry point (file, package.json main, index.js or index.ts)`);
  return entry;
}

/** `key` → `<project>:key`; namespaced keys unchanged. */
export function qualifyKey(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

const SCHEMA_KEYS = ["type", "description", "secret", "default", "value", "items"];
const HAS_TYPE: Record<string, (v: unknown) => boolean> = {
  string: (v) => ["string", "number", "boolean"].includes(typeof v),
  integer: (v) => Number.isInteger(v) || (typeof v === "string" && /^-?\d+$/.test(v)),
  boolean: (v) => typeof v === "boolean" || v === "true" || v === "false",
  array: Array.isArray,
  object: isObject,
};

/**
 * Project config declarations (a value, or a schema: `type`, `secret`, `default`/`value`) with the stack's config over
 * them, as the engine's environment; throws one line for a wrong type or a declared key left unset. Non-strings as JSON.
 */
export function buildConfigEnv(
  project: string,
  projectConfig: Record<string, unknown>,
  stackConfig: Record<string, unknown>,
  stackSecretKeys: readonly string[] = [],
): { PULUMI_CONFIG: string; PULUMI_CONFIG_SECRET_KEYS: string } {
  const values = new Map<string, unknown>();
  const secretKeys = new Set(stackSecretKeys);
  const types = new Map<string, string | undefined>();
  for (const [rawKey, entry] of Object.entries(projectConfig)) {
    const key = qualifyKey(project, rawKey);
    const schema = isObject(entry) && Object.keys(entry).length > 0 && Object.keys(entry).every((k) => SCHEMA_KEYS.includes(k));
    if (!schema) {
      values.set(key, entry);
      continue;
    }
    if (entry.type !== undefined && !Object.hasOwn(HAS_TYPE, entry.type as string))
      throw new Error(`Pulumi.yaml: 'config.${rawKey}.type': '${String(entry.type)}' is not one of ${Object.keys(HAS_TYPE).join(", ")}`);
    types.set(key, entry.type as string | undefined);
    const value = "value" in entry ? entry.value : entry.default;
    if (value !== undefined) values.set(key, value);
    if (entry.secret === true) secretKeys.add(key);
  }
  // Secure values arrive decrypted or unknown (readStackFile), with their keys in `stackSecretKeys`.
  for (const [rawKey, value] of Object.entries(stackConfig)) values.set(qualifyKey(project, rawKey), value);
  for (const [key, type] of types) {
    if (!values.has(key) && type !== undefined)
      throw new Error(`missing configuration value '${key}' (declared in Pulumi.yaml without a default)`);
    const value = values.get(key);
    if (type !== undefined && values.has(key) && value !== UNKNOWN_VALUE && !HAS_TYPE[type](value))
      throw new Error(`config '${key}' must be of type ${type}, got ${JSON.stringify(value)}`);
  }
  const config: Record<string, string> = {};
  for (const key of [...values.keys()].sort()) {
    const value = values.get(key);
    if (value !== undefined && value !== null) config[key] = typeof value === "string" ? value : JSON.stringify(value);
  }
  return { PULUMI_CONFIG: JSON.stringify(config), PULUMI_CONFIG_SECRET_KEYS: JSON.stringify([...secretKeys].sort()) };
}

/** A stack's job for a worker with its `warning:` lines (an ESC environment); throws the one line its config fails with. */
export function stackJob(project: PulumiProject, stack: string): { job: WorkerJob; warnings: string[] } {
  const stackFile = readStackFile(project.stackFiles.get(stack)!);
  const configEnv = buildConfigEnv(project.name, project.config, stackFile.config, stackFile.secretKeys);
  const { name, dir: projectDir, programFile, typescript } = project;
  return {
    job: { project: name, stack, organization: LOCAL_ORGANIZATION, projectDir, programFile, typescript, configEnv },
    warnings: stackFile.usesEnvironment ? ["warning: 'environment:' (Pulumi ESC) cannot be opened offline; its values are missing"] : [],
  };
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
