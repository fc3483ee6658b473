/**
 * Stack configuration, handed to the program the way the Pulumi engine does: `PULUMI_CONFIG` (a JSON object of
 * `namespace:key` → string) and `PULUMI_CONFIG_SECRET_KEYS`. Project-level `config:` from Pulumi.yaml supplies
 * defaults and types; the stack file overrides them.
 */
import * as fs from "fs";
import * as path from "path";
import { PreviewInputError } from "./project";
import { parseStackFile } from "./stackFile";
import { UNKNOWN_VALUE } from "../shared/types";

export interface StackFile {
  /** Config by qualified key; secure values decrypted, or unknown without a passphrase. */
  config: Record<string, unknown>;
  /** Keys holding secure values. */
  secretKeys: string[];
  /** ESC environments can't be opened offline; the caller warns. */
  usesEnvironment: boolean;
}

/** The passphrase the CLI would use: `PULUMI_CONFIG_PASSPHRASE`, else the file `PULUMI_CONFIG_PASSPHRASE_FILE` names. */
export function configPassphrase(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.PULUMI_CONFIG_PASSPHRASE !== undefined) return env.PULUMI_CONFIG_PASSPHRASE;
  if (!env.PULUMI_CONFIG_PASSPHRASE_FILE) return undefined;
  try {
    return fs.readFileSync(env.PULUMI_CONFIG_PASSPHRASE_FILE, "utf8").replace(/\r?\n$/, "");
  } catch {
    throw new PreviewInputError(`cannot read PULUMI_CONFIG_PASSPHRASE_FILE ${env.PULUMI_CONFIG_PASSPHRASE_FILE}`);
  }
}

/** Reads a stack file as the CLI does (see stackFile.ts); one-line PreviewInputError on any problem. */
export function readStackFile(file: string, env: NodeJS.ProcessEnv = process.env): StackFile {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    throw new PreviewInputError(`cannot read ${file}`);
  }
  return parseStackFile(path.basename(file), text, { passphrase: configPassphrase(env) });
}

export interface ProgramConfigEnv {
  PULUMI_CONFIG: string;
  PULUMI_CONFIG_SECRET_KEYS: string;
}

const SCHEMA_KEYS = new Set(["type", "description", "secret", "default", "value", "items"]);
const CONFIG_TYPES = ["string", "integer", "boolean", "array", "object"] as const;

interface Declaration {
  type?: string;
  secret: boolean;
  /** `value:` or `default:`, or a plain value. */
  value?: unknown;
  hasValue: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `key` → `<project>:key`; namespaced keys unchanged. */
export function qualifyKey(project: string, key: string): string {
  return key.includes(":") ? key : `${project}:${key}`;
}

function declaration(key: string, entry: unknown): Declaration {
  const isSchema = isObject(entry) && Object.keys(entry).length > 0 && Object.keys(entry).every((k) => SCHEMA_KEYS.has(k));
  if (!isSchema) return { secret: false, value: entry, hasValue: true };
  const type = entry.type;
  if (type !== undefined && !CONFIG_TYPES.includes(type as (typeof CONFIG_TYPES)[number])) {
    throw new PreviewInputError(`Pulumi.yaml: 'config.${key}.type': '${String(type)}' is not one of ${CONFIG_TYPES.join(", ")}`);
  }
  const hasValue = "value" in entry || "default" in entry;
  return {
    type: type as string | undefined,
    secret: entry.secret === true,
    value: "value" in entry ? entry.value : entry.default,
    hasValue,
  };
}

function checkType(key: string, type: string | undefined, value: unknown): void {
  if (type === undefined || value === UNKNOWN_VALUE) return;
  const ok =
    type === "string"
      ? ["string", "number", "boolean"].includes(typeof value)
      : type === "integer"
        ? Number.isInteger(value) || (typeof value === "string" && /^-?\d+$/.test(value))
        : type === "boolean"
          ? typeof value === "boolean" || value === "true" || value === "false"
          : type === "array"
            ? Array.isArray(value)
            : isObject(value);
  if (!ok) throw new PreviewInputError(`config '${key}' must be of type ${type}, got ${JSON.stringify(value)}`);
}

/** The engine's string form: strings as-is, everything else JSON. */
function configString(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * Merges project config declarations and stack config into the program's environment. Throws one line for a value of
 * the wrong declared type or a declared key with no default that the stack leaves unset.
 */
export function buildConfigEnv(
  project: string,
  projectConfig: Record<string, unknown>,
  stackConfig: Record<string, unknown>,
  stackSecretKeys: readonly string[] = [],
): ProgramConfigEnv {
  const values = new Map<string, unknown>();
  const secretKeys = new Set<string>(stackSecretKeys);
  const declarations = new Map<string, Declaration>();
  for (const [rawKey, entry] of Object.entries(projectConfig)) {
    const key = qualifyKey(project, rawKey);
    const decl = declaration(rawKey, entry);
    declarations.set(key, decl);
    if (decl.hasValue && decl.value !== undefined) values.set(key, decl.value);
    if (decl.secret) secretKeys.add(key);
  }
  // Secure values arrive decrypted or unknown (readStackFile), with their keys in `stackSecretKeys`.
  for (const [rawKey, raw] of Object.entries(stackConfig)) {
    const key = qualifyKey(project, rawKey);
    values.set(key, raw);
  }
  for (const [key, decl] of declarations) {
    if (!values.has(key)) {
      if (decl.type !== undefined)
        throw new PreviewInputError(`missing configuration value '${key}' (declared in Pulumi.yaml without a default)`);
      continue;
    }
    checkType(key, decl.type, values.get(key));
  }
  const config: Record<string, string> = {};
  for (const key of [...values.keys()].sort()) {
    const value = values.get(key);
    if (value !== undefined && value !== null) config[key] = configString(value);
  }
  return { PULUMI_CONFIG: JSON.stringify(config), PULUMI_CONFIG_SECRET_KEYS: JSON.stringify([...secretKeys].sort()) };
}
