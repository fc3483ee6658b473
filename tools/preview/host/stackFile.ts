/**
 * Reads a `Pulumi.<stack>.yaml` the way the Pulumi CLI does: YAML merge keys (`<<`) applied, every config key
 * `<namespace>:<name>` (docs/azure-rules/config-limits.md AZ-CLI-01), `secure:` values decrypted with the passphrase
 * when one is set (AZ-CLI-02) and otherwise unknown. Every problem is one line naming the key, the value and the rule.
 */
import { createDecipheriv, pbkdf2Sync } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { isMap, isScalar, isSeq, parseDocument } from "yaml";
import { firstLine, isObject } from "../shared/messages";
import { UNKNOWN_VALUE } from "../shared/types";

export interface StackFile {
  /** Config by qualified key (`namespace:name`), secure values decrypted or `UNKNOWN_VALUE`. */
  config: Record<string, unknown>;
  /** Keys whose values are (or contain) secure values. */
  secretKeys: string[];
  /** ESC environments can't be opened offline; the caller warns. */
  usesEnvironment: boolean;
}

/** Top-level keys of a stack settings file (ProjectStack in pulumi/pulumi sdk/go/common/workspace/project.go). */
const TOP_LEVEL = ["config", "environment", "encryptionsalt", "encryptedkey", "secretsprovider"];

/** A value as a message shows it: JSON, with NaN and infinities by name, cut at 80 characters. */
export function showValue(value: unknown): string {
  if (typeof value === "number" && !Number.isFinite(value)) return String(value);
  const shown = JSON.stringify(value, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v)) ?? "undefined";
  return shown.length > 80 ? `${shown.slice(0, 77)}...` : shown;
}

/** A key as a message shows it: control characters escaped, so that the message stays one readable line. */
export function showKey(key: string): string {
  // eslint-disable-next-line no-control-regex -- escaping control characters is the point.
  return key.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

/** The first key that appears twice in one mapping: its path (`config.ns:tags.owner`) and its second value. */
function duplicateKey(node: unknown, at: string): { path: string; value: unknown } | undefined {
  const items: [string, unknown][] = isMap(node)
    ? node.items.map((pair) => [isScalar(pair.key) ? String(pair.key.value) : String(pair.key), pair.value])
    : isSeq(node)
      ? node.items.map((item, i) => [`[${i}]`, item])
      : [];
  const seen = new Set<string>();
  for (const [key, value] of items) {
    const keyPath = key.startsWith("[") ? `${at}${key}` : at ? `${at}.${key}` : key;
    if (seen.has(key) && key !== "<<") return { path: keyPath, value: (value as { toJSON?: () => unknown })?.toJSON?.() ?? value };
    seen.add(key);
    const inner = duplicateKey(value, keyPath);
    if (inner) return inner;
  }
  return undefined;
}

/** Keys one typo away (a letter's case, or one letter added, dropped or changed). */
function oneTypoAway(a: string, b: string): boolean {
  const [x, y] = [a.toLowerCase().trim(), b.toLowerCase()];
  if (Math.abs(x.length - y.length) > 1) return false;
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  return x === y || [x.slice(i + 1) === y.slice(i + 1), x.slice(i + 1) === y.slice(i), x.slice(i) === y.slice(i + 1)].includes(true);
}

/** `key` as the CLI parses it: `ns:name`, or the old `ns:config:name`; undefined when it refuses the key. */
export function parseConfigKey(key: string): string | undefined {
  const parts = key.split(":");
  if (parts.length === 2) return key;
  return parts.length === 3 && parts[1] === "config" ? `${parts[0]}:${parts[2]}` : undefined;
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
  try {
    if (decrypt(salt.slice(version.length + saltB64.length + 2)) === "pulumi") return decrypt;
  } catch {
    // A wrong key fails the authentication tag.
  }
  throw new Error("incorrect passphrase (PULUMI_CONFIG_PASSPHRASE does not open this stack's secrets)");
}

/** Parses a stack file's text; `file` names it in messages. `passphrase`: without one, secure values stay unknown. */
export function parseStackFile(file: string, text: string, { passphrase }: { passphrase?: string } = {}): StackFile {
  const fail = (key: string, value: unknown, rule: string): never => {
    throw new Error(`${file}: ${showKey(key)} = ${showValue(value)}: ${rule}`);
  };
  const doc = parseDocument(text, { merge: true, uniqueKeys: false });
  if (doc.errors.length > 0) throw new Error(`${file}: ${firstLine(doc.errors[0].message)}`);
  const duplicate = duplicateKey(doc.contents, "");
  if (duplicate) fail(duplicate.path, duplicate.value, "the key appears twice in one mapping; YAML keys are unique, write it once");
  const top: unknown = doc.toJS({ maxAliasCount: 1000 }) ?? {};
  if (!isObject(top)) return fail("(document)", top, "a stack file is a mapping with a config: key");
  for (const key of Object.keys(top)) {
    // The CLI ignores other top-level keys; a misspelt one would silently drop what it holds.
    const meant = TOP_LEVEL.find((known) => known !== key && oneTypoAway(key, known));
    if (meant && !(meant in top))
      fail(key, top[key], `unknown top-level key of a stack file (did you mean "${meant}"? the CLI would read nothing from it)`);
  }
  const rawConfig = top.config ?? {};
  if (!isObject(rawConfig)) return fail("config", rawConfig, "must be a mapping of <namespace>:<name> keys to values");
  let decrypt: ((ciphertext: string) => string) | undefined;
  const open = (ciphertext: string, at: string): string => {
    try {
      decrypt ??= passphraseDecrypter(String(top.encryptionsalt), passphrase!);
    } catch (err) {
      return fail("encryptionsalt", top.encryptionsalt, (err as Error).message);
    }
    try {
      return decrypt(ciphertext);
    } catch (err) {
      return fail(at, "[secret]", `cannot be decrypted: ${(err as Error).message}`);
    }
  };
  const config: Record<string, unknown> = {};
  const secretKeys: string[] = [];
  for (const [rawKey, value] of Object.entries(rawConfig)) {
    const key = parseConfigKey(rawKey);
    if (key === undefined) {
      const rule = rawKey.includes(":")
        ? "a config key is <namespace>:<name> with one colon (the Pulumi CLI refuses this key)"
        : "a config key in a stack file needs its namespace, <namespace>:<name> (the Pulumi CLI refuses this key), e.g. azure-native:location";
      return fail(`config.${rawKey}`, value, rule);
    }
    let secret = false;
    const read = (v: unknown, at: string): unknown => {
      if (typeof v === "number" && !Number.isFinite(v)) return fail(at, v, "is not a number JSON can carry: write a finite number");
      if (isObject(v) && Object.keys(v).length === 1 && typeof v.secure === "string") {
        secret = true;
        return passphrase !== undefined && typeof top.encryptionsalt === "string" ? open(v.secure, at) : UNKNOWN_VALUE;
      }
      if (Array.isArray(v)) return v.map((item, i) => read(item, `${at}[${i}]`));
      return isObject(v) ? Object.fromEntries(Object.entries(v).map(([k, inner]) => [k, read(inner, `${at}.${k}`)])) : v;
    };
    config[key] = read(value, `config.${rawKey}`);
    if (secret) secretKeys.push(key);
  }
  return { config, secretKeys: secretKeys.sort(), usesEnvironment: top.environment !== undefined };
}

/** Reads a stack file with the CLI's passphrase (`PULUMI_CONFIG_PASSPHRASE`, else `PULUMI_CONFIG_PASSPHRASE_FILE`). */
export function readStackFile(file: string, env: NodeJS.ProcessEnv = process.env): StackFile {
  const read = (name: string, what = name) => {
    try {
      return fs.readFileSync(name, "utf8");
    } catch {
      throw new Error(`cannot read ${what}`);
    }
  };
  const passphraseFile = env.PULUMI_CONFIG_PASSPHRASE === undefined ? env.PULUMI_CONFIG_PASSPHRASE_FILE : undefined;
  const passphrase = passphraseFile
    ? read(passphraseFile, `PULUMI_CONFIG_PASSPHRASE_FILE ${passphraseFile}`).replace(/\r?\n$/, "")
    : env.PULUMI_CONFIG_PASSPHRASE;
  return parseStackFile(path.basename(file), read(file), { passphrase });
}
