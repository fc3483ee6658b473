/**
 * Property values as the resource monitor receives them (a `Struct` with Pulumi's signature objects), decoded in one
 * walk. Not `runtime.deserializeProperties`: it makes live `Resource`s and `Output`s, which cannot be written to JSON.
 */
import { SECRET_PLACEHOLDER, UNKNOWN_VALUE } from "../shared/types";

/** `@pulumi/pulumi/runtime/rpc` signatures (stable parts of the protocol). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const ASSET_SIGS = ["c44067f5952c0a294b673a41bacd8c17", "0def7320c3a5731c473e5ecbe6d01bc7"];

export type Props = Record<string, unknown>;

/**
 * `record`: for the report (secrets "[secret]", unknowns the sentinel); `plain`: for the fakes (secrets unwrapped,
 * unknowns dropped, null in lists); `policy`: what the engine sends a pack (plain values marked secret, unknowns kept).
 */
export type Decode = "record" | "plain" | "policy";

/** What a walk met on its way: whether a secret, and the dependencies output values carry. */
export type Found = { secret: boolean; dependencies: string[] };

export function decodeWire(value: unknown, mode: Decode, found?: Found): unknown {
  if (value === UNKNOWN_VALUE) return mode === "plain" ? undefined : value;
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map((item) => decodeWire(item, mode, found) ?? null);
  const sig = (value as Props)[SIG_KEY];
  if (sig === undefined) return decodeProperties(value as Props, mode, found);
  const { value: inner, secret, dependencies, urn, path, uri, text, assets } = value as Props;
  if (sig === RESOURCE_SIG) return urn;
  if (ASSET_SIGS.includes(sig as string)) {
    return `[asset ${String(path ?? uri ?? (text !== undefined ? "<text>" : assets !== undefined ? "<assets>" : ""))}]`;
  }
  if (sig !== SECRET_SIG && sig !== OUTPUT_VALUE_SIG) return decodeProperties(value as Props, mode, found);
  if (Array.isArray(dependencies)) found?.dependencies.push(...dependencies.map(String));
  const decoded = decodeWire("value" in value ? inner : UNKNOWN_VALUE, mode, found);
  if (sig === OUTPUT_VALUE_SIG && secret !== true) return decoded;
  if (found) found.secret = true;
  if (mode === "record") return SECRET_PLACEHOLDER;
  return mode === "policy" && decoded !== undefined ? wireSecret(decoded) : decoded;
}

/** An object's members decoded; those that decode to nothing (unknowns in `plain`) left out. */
export function decodeProperties(props: Props, mode: Decode, found?: Found): Props {
  const out: Props = {};
  for (const key of Object.keys(props)) {
    const decoded = decodeWire(props[key], mode, found);
    if (decoded !== undefined) out[key] = decoded;
  }
  return out;
}

/** Inputs (or outputs) as recorded, with each top-level one's output-value dependencies and, if secret, its policy form. */
export function decodeRecorded(props: Props): { values: Props; secrets?: Props; dependencies: Record<string, string[]> } {
  const values: Props = {};
  const dependencies: Record<string, string[]> = {};
  let secrets: Props | undefined;
  for (const key of Object.keys(props)) {
    const found: Found = { secret: false, dependencies: [] };
    values[key] = decodeWire(props[key], "record", found);
    dependencies[key] = found.dependencies;
    if (found.secret) (secrets ??= {})[key] = decodeWire(props[key], "policy");
  }
  return { values, secrets, dependencies };
}

/** Wraps a value so that the SDK deserializes it as a secret. */
export function wireSecret(value: unknown): Props {
  return { [SIG_KEY]: SECRET_SIG, value };
}
