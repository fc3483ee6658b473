/**
 * Decoding of property values as they travel over the resource-monitor protocol (the JavaScript form of a
 * `google.protobuf.Struct`, with Pulumi's signature objects for secrets, resource references and assets).
 *
 * We decode the wire form ourselves instead of calling `runtime.deserializeProperties`, because that function turns
 * resource references into live `Resource` objects (which registers a read by URN) and unknowns into `Output`s;
 * neither can be written to JSON.
 */
import { SECRET_PLACEHOLDER, UNKNOWN_VALUE } from "../shared/types";

/** `@pulumi/pulumi/runtime/rpc` signature constants (stable parts of the protocol). */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const ASSET_SIG = "c44067f5952c0a294b673a41bacd8c17";
const ARCHIVE_SIG = "0def7320c3a5731c473e5ecbe6d01bc7";
export const OUTPUT_VALUE_SIG = "d0e6a833031e9bbcd3f4e8bde6ca49a4";

export interface DecodeOptions {
  /** "placeholder": secrets become "[secret]"; "unwrap": their plain value; "wrap": the plain value marked secret. */
  secrets: "placeholder" | "unwrap" | "wrap";
  /** "keep": unknowns stay the sentinel string; "drop": they become undefined (and object keys disappear). */
  unknowns: "keep" | "drop";
}

/** What the contract records: secrets hidden, unknowns visible. */
export const RECORD: DecodeOptions = { secrets: "placeholder", unknowns: "keep" };
/** What fakes compute from: real values, unknowns absent. */
export const PLAIN: DecodeOptions = { secrets: "unwrap", unknowns: "drop" };
/** What the engine sends a policy pack: plain values marked secret, unknowns visible. */
export const POLICY: DecodeOptions = { secrets: "wrap", unknowns: "keep" };

type WireObject = { [key: string]: unknown };

function isObject(value: unknown): value is WireObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Decodes one wire value. */
export function decodeWire(value: unknown, opts: DecodeOptions): unknown {
  if (value === UNKNOWN_VALUE) return opts.unknowns === "keep" ? UNKNOWN_VALUE : undefined;
  if (Array.isArray(value)) return value.map((item) => decodeWire(item, opts) ?? null);
  if (!isObject(value)) return value;
  switch (value[SIG_KEY]) {
    case undefined:
      return decodeObject(value, opts);
    case SECRET_SIG:
      return secret(decodeWire(value.value, opts), opts);
    case RESOURCE_SIG:
      return value.urn;
    case ASSET_SIG:
    case ARCHIVE_SIG:
      return describeAsset(value);
    case OUTPUT_VALUE_SIG: {
      const inner = "value" in value ? decodeWire(value.value, opts) : decodeWire(UNKNOWN_VALUE, opts);
      return value.secret === true ? secret(inner, opts) : inner;
    }
    default:
      return decodeObject(value, opts);
  }
}

function secret(value: unknown, opts: DecodeOptions): unknown {
  if (opts.secrets === "placeholder") return SECRET_PLACEHOLDER;
  return opts.secrets === "wrap" && value !== undefined ? wireSecret(value) : value;
}

function decodeObject(value: WireObject, opts: DecodeOptions): WireObject {
  const out: WireObject = {};
  for (const key of Object.keys(value)) {
    const decoded = decodeWire(value[key], opts);
    if (decoded !== undefined) out[key] = decoded;
  }
  return out;
}

function describeAsset(value: WireObject): string {
  const source = value.path ?? value.uri ?? (value.text !== undefined ? "<text>" : value.assets !== undefined ? "<assets>" : "");
  return `[asset ${String(source)}]`;
}

/** Decodes the top level of a Struct's JavaScript form. */
export function decodeWireProperties(props: Record<string, unknown> | undefined, opts: DecodeOptions): Record<string, unknown> {
  return props ? decodeObject(props, opts) : {};
}

/** The top-level inputs that hold a secret, decoded for a policy pack (POLICY); undefined when there are none. */
export function secretInputs(props: Record<string, unknown>): Record<string, unknown> | undefined {
  const keys = Object.keys(props).filter((key) => containsSecret(props[key]));
  return keys.length > 0 ? Object.fromEntries(keys.map((key) => [key, decodeWire(props[key], POLICY)])) : undefined;
}

/** Whether a wire value holds a secret anywhere inside it. */
export function containsSecret(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(containsSecret);
  if (!isObject(value)) return false;
  if (value[SIG_KEY] === SECRET_SIG) return true;
  if (value[SIG_KEY] === OUTPUT_VALUE_SIG && value.secret === true) return true;
  return Object.keys(value).some((key) => containsSecret(value[key]));
}

/** Wraps a value so that the SDK deserializes it as a secret. */
export function wireSecret(value: unknown): WireObject {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/**
 * Plain data (what the fakes return) in the form `Struct.fromJavaScript` accepts: undefined object members dropped,
 * undefined array items null, as `serializeProperties` would do, without its per-property awaits.
 */
export function toWire(value: unknown): unknown {
  if (value === undefined || typeof value === "function") return undefined;
  if (Array.isArray(value)) return value.map((item) => toWire(item) ?? null);
  if (!isObject(value)) return value;
  const out: WireObject = {};
  for (const key of Object.keys(value)) {
    const v = toWire(value[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}
