/**
 * Reads a `Pulumi.<stack>.yaml` the way the Pulumi CLI does: YAML merge keys (`<<`) applied, every config key
 * `<namespace>:<name>` (docs/azure-rules/config-limits.md AZ-CLI-01), `secure:` values decrypted with the passphrase
 * when one is set (AZ-CLI-02) and otherwise left unknown. Every problem is one line naming the key, the value and the
 * rule.
 */
import { createDecipheriv, pbkdf2Sync } from "crypto";
import { isMap, isPair, isScalar, isSeq, parseDocument, Node as YamlNode } from "yaml";
import { firstLine } from "../shared/messages";
import { PreviewInputError } from "./project";
import { UNKNOWN_VALUE } from "../shared/types";

export interface ParsedStackFile {
  /** Config by qualified key (`namespace:name`), secure values decrypted or replaced by `UNKNOWN_VALUE`. */
  config: Record<string, unknown>;
  /** Keys whose values are (or contain) secure values. */
  secretKeys: string[];
  usesEnvironment: boolean;
}

/** Top-level keys of a stack settings file (ProjectStack in pulumi/pulumi sdk/go/common/workspace/project.go). */
const TOP_LEVEL = ["config", "environment", "encryptionsalt", "encryptedkey", "secretsprovider"];

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A value as the message shows it: JSON, with NaN and infinities by name and control characters escaped. */
export function showValue(value: unknown): string {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  const shown = JSON.stringify(value, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v)) ?? "undefined";
  return shown.length > 80 ? `${shown.slice(0, 77)}...` : shown;
}

/** A key as the message shows it: control characters escaped, so that the message stays one readable line. */
export function showKey(key: string): string {
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point.
  return key.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

const fail = (file: string, key: string, value: unknown, rule: string): never => {
  throw new PreviewInputError(`${file}: ${showKey(key)} = ${showValue(value)}: ${rule}`);
};

/** The first key that appears twice in one mapping: its path (`config.azure-ml-workspaces:tags.owner`) and second value. */
function duplicateKey(node: unknown, path: string): { path: string; value: unknown } | undefined {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  if (isMap(node)) {
    const seen = new Set<string>();
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      const value = pair.value as { toJSON?: () => unknown } | null;
      if (seen.has(key) && key !== "<<") return { path: at(key), value: value?.toJSON?.() ?? value };
      seen.add(key);
      const inner = duplicateKey(pair.value, at(key));
      if (inner) return inner;
    }
  } else if (isSeq(node)) {
    for (const [i, item] of node.items.entries()) {
      const inner = duplicateKey(isPair(item) ? item.value : (item as YamlNode), `${path}[${i}]`);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** Keys one typo away (a letter's case, or one letter added, dropped or changed). */
function oneTypoAway(a: string, b: string): boolean {
  const [x, y] = [a.toLowerCase().trim(), b.toLowerCase()];
  if (x === y) return true;
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  const rest = (p: number, q: number) => x.slice(p) === y.slice(q);
  return rest(i + 1, i + 1) || rest(i + 1, i) || rest(i, i + 1);
}

/** `key` as the CLI parses it: `ns:name`, or the old `ns:config:name`; undefined when it refuses the key. */
export function parseConfigKey(key: string): string | undefined {
  const parts = key.split(":");
  if (parts.length === 2) return key;
  if (parts.length === 3 && parts[1] === "config") return `${parts[0]}:${parts[2]}`;
  return undefined;
}

/** The passphrase secrets provider's decrypter for `encryptionsalt`, checked against the salt's own `pulumi`. */
export function passphraseDecrypter(salt: string, passphrase: string): (ciphertext: string) => string {
  const [version, saltB64] = salt.split(":", 2);
  if (version !== "v1" || saltB64 === undefined) throw new Error("encryptionsalt is not a v1 passphrase salt");
  const key = pbkdf2Sync(passphrase, Buffer.from(saltB64, "base64"), 1_000_000, 32, "sha256");
  const decrypt = (ciphertext: string): string => {
    const [v, nonce, data] = ciphertext.split(":");
    if (v !== "v1" || nonce === undefined || data === undefined) throw new Error("not a v1 secure value");
    const bytes = Buffer.from(data, "base64");
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(nonce, "base64"));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - 16)), decipher.final()]).toString("utf8");
  };
  let check: string | undefined;
  try {
    check = decrypt(salt.slice(version.length + saltB64.length + 2));
  } catch {
    check = undefined;
  }
  if (check !== "pulumi") throw new Error("incorrect passphrase (PULUMI_CONFIG_PASSPHRASE does not open this stack's secrets)");
  return decrypt;
}

export interface ReadOptions {
  /** The passphrase (`PULUMI_CONFIG_PASSPHRASE`); without one, secure values stay unknown. */
  passphrase?: string;
}

/** Parses a stack file's text; `file` names it in messages. Throws a one-line PreviewInputError. */
export function parseStackFile(file: string, text: string, options: ReadOptions = {}): ParsedStackFile {
  const doc = parseDocument(text, { merge: true, uniqueKeys: false });
  if (doc.errors.length > 0) throw new PreviewInputError(`${file}: ${firstLine(doc.errors[0].message)}`);
  const duplicate = duplicateKey(doc.contents, "");
  if (duplicate) fail(file, duplicate.path, duplicate.value, "the key appears twice in one mapping; YAML keys are unique, write it once");
  const data: unknown = doc.toJS({ maxAliasCount: 1000 }) ?? {};
  if (!isObject(data)) fail(file, "(document)", data, "a stack file is a mapping with a config: key");
  const top = data as Record<string, unknown>;
  for (const key of Object.keys(top)) {
    // The CLI ignores other top-level keys; a misspelt one would silently drop what it holds.
    const meant = TOP_LEVEL.find((known) => known !== key && oneTypoAway(key, known));
    if (meant && !(meant in top))
      fail(file, key, top[key], `unknown top-level key of a stack file (did you mean "${meant}"? the CLI would read nothing from it)`);
  }
  const rawConfig = top.config ?? {};
  if (!isObject(rawConfig)) fail(file, "config", rawConfig, "must be a mapping of <namespace>:<name> keys to values");
  let decrypt: ((ciphertext: string) => string) | undefined;
  const decrypter = () => {
    if (decrypt === undefined && options.passphrase !== undefined && typeof top.encryptionsalt === "string") {
      try {
        decrypt = passphraseDecrypter(top.encryptionsalt, options.passphrase);
      } catch (err) {
        fail(file, "encryptionsalt", top.encryptionsalt, (err as Error).message);
      }
    }
    return decrypt;
  };
  const config: Record<string, unknown> = {};
  const secretKeys: string[] = [];
  for (const [rawKey, value] of Object.entries(rawConfig as Record<string, unknown>)) {
    const key = parseConfigKey(rawKey);
    if (key === undefined) {
      const rule = rawKey.includes(":")
        ? "a config key is <namespace>:<name> with one colon (the Pulumi CLI refuses this key)"
        : "a config key in a stack file needs its namespace, <namespace>:<name> (the Pulumi CLI refuses this key), e.g. azure-native:location";
      fail(file, `config.${rawKey}`, value, rule);
    }
    let secret = false;
    const read = (v: unknown, path: string): unknown => {
      if (typeof v === "number" && !Number.isFinite(v)) return fail(file, path, v, "is not a number JSON can carry: write a finite number");
      if (isObject(v) && Object.keys(v).length === 1 && typeof v.secure === "string") {
        secret = true;
        const open = decrypter();
        if (!open) return UNKNOWN_VALUE;
        try {
          return open(v.secure);
        } catch (err) {
          return fail(file, path, "[secret]", `cannot be decrypted: ${(err as Error).message}`);
        }
      }
      if (Array.isArray(v)) return v.map((item, i) => read(item, `${path}[${i}]`));
      if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, read(inner, `${path}.${k}`)]));
      return v;
    };
    config[key!] = read(value, `config.${rawKey}`);
    if (secret) secretKeys.push(key!);
  }
  return { config, secretKeys: secretKeys.sort(), usesEnvironment: top.environment !== undefined };
}
