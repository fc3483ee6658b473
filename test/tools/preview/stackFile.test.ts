import { createCipheriv, pbkdf2Sync, randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  parseConfigKey,
  parseStackFile,
  passphraseDecrypter,
  readStackFile,
  showKey,
  showValue,
} from "../../../tools/preview/host/stackFile";
import { UNKNOWN_VALUE } from "../../../tools/preview/shared/types";

/** Encrypts as the passphrase secrets provider does (pulumi/pulumi sdk/go/common/resource/config/crypt.go). */
function passphraseStack(passphrase: string) {
  const salt = randomBytes(8);
  const key = pbkdf2Sync(passphrase, salt, 1_000_000, 32, "sha256");
  const encrypt = (plain: string) => {
    const nonce = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", key, nonce);
    const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
    return `v1:${nonce.toString("base64")}:${data.toString("base64")}`;
  };
  return { salt: `v1:${salt.toString("base64")}:${encrypt("pulumi")}`, encrypt };
}

const read = (text: string, passphrase?: string) => parseStackFile("Pulumi.dev.yaml", text, { passphrase });
const refusal = (text: string) => {
  try {
    read(text);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error("expected a refusal");
};

describe("AZ-CLI-01 config keys as the Pulumi CLI parses them", () => {
  it("takes <namespace>:<name> and the old <namespace>:config:<name>, and nothing else", () => {
    expect(parseConfigKey("azure-native:location")).toBe("azure-native:location");
    expect(parseConfigKey("proj:config:size")).toBe("proj:size");
    expect(parseConfigKey("size")).toBeUndefined();
    expect(parseConfigKey("a:b:c")).toBeUndefined();
    expect(parseConfigKey("a:b:c:d")).toBeUndefined();
  });

  it("refuses a key without a namespace in one line naming the key, the value and the rule", () => {
    expect(refusal("config:\n  size: 3\n")).toBe(
      "Pulumi.dev.yaml: config.size = 3: a config key in a stack file needs its namespace, <namespace>:<name> (the Pulumi CLI refuses this key), e.g. azure-native:location",
    );
  });
});

describe("stack files read like the CLI's YAML parser", () => {
  it("applies merge keys", () => {
    const { config } = read("config:\n  p:base: &b { a: 1, b: 2 }\n  p:item:\n    <<: *b\n    b: 3\n");
    expect(config["p:item"]).toEqual({ a: 1, b: 3 });
  });

  it("names a duplicate key with its path and second value", () => {
    expect(refusal("config:\n  p:tags:\n    owner: a\n    owner: b\n")).toBe(
      'Pulumi.dev.yaml: config.p:tags.owner = "b": the key appears twice in one mapping; YAML keys are unique, write it once',
    );
  });

  it("reports a misspelt top-level key as such, and ignores unrelated ones as the CLI does", () => {
    expect(refusal("Config:\n  p:x: 1\n")).toContain(
      'Pulumi.dev.yaml: Config = {"p:x":1}: unknown top-level key of a stack file (did you mean "config"?',
    );
    expect(refusal("confg:\n  p:x: 1\n")).toContain('(did you mean "config"?');
    expect(read("config:\n  p:x: 1\nnotes: anything\n").config).toEqual({ "p:x": 1 });
  });

  it("shows NaN as NaN and refuses it: JSON cannot carry it to the program", () => {
    expect(refusal("config:\n  p:quota: .nan\n")).toBe(
      "Pulumi.dev.yaml: config.p:quota = NaN: is not a number JSON can carry: write a finite number",
    );
    expect(showValue({ a: -Infinity })).toBe('{"a":"-Infinity"}');
  });

  it("escapes control characters in keys", () => {
    expect(showKey("a\u0007b\nc")).toBe("a\\u0007b\\nc");
  });
});

describe("AZ-CLI-02 secure values", () => {
  it("are unknown without a passphrase, never a literal string, and their keys are secret", () => {
    const { config, secretKeys } = read("config:\n  p:db:\n    password:\n      secure: v1:AAAA:BBBB\n  p:plain: x\n");
    expect(config["p:db"]).toEqual({ password: UNKNOWN_VALUE });
    expect(secretKeys).toEqual(["p:db"]);
  });

  it("are decrypted with the passphrase, as the passphrase provider encrypted them", () => {
    const { salt, encrypt } = passphraseStack("correct horse");
    const text = `encryptionsalt: ${salt}\nconfig:\n  p:token:\n    secure: ${encrypt("s3cret")}\n`;
    expect(read(text, "correct horse")).toEqual({ config: { "p:token": "s3cret" }, secretKeys: ["p:token"], usesEnvironment: false });
    expect(() => read(text, "wrong")).toThrow(/^Pulumi\.dev\.yaml: encryptionsalt = "v1:.*": incorrect passphrase/);
    expect(() => passphraseDecrypter("v2:abc", "x")).toThrow("not a v1 passphrase salt");
  });
});

describe("readStackFile", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "preview-stack-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  };

  it("reads config and notices ESC environments", () => {
    expect(readStackFile(write("Pulumi.a.yaml", "config:\n  p:x: 1\n"))).toEqual({
      config: { "p:x": 1 },
      secretKeys: [],
      usesEnvironment: false,
    });
    expect(readStackFile(write("Pulumi.b.yaml", "environment:\n  - shared\n"))).toEqual({
      config: {},
      secretKeys: [],
      usesEnvironment: true,
    });
    expect(readStackFile(write("Pulumi.c.yaml", ""))).toEqual({ config: {}, secretKeys: [], usesEnvironment: false });
  });

  it("reports broken YAML and wrong shapes in one line naming the file", () => {
    expect(() => readStackFile(write("Pulumi.d.yaml", "config: [\n"))).toThrow(/^Pulumi\.d\.yaml: /);
    const err = (() => {
      try {
        readStackFile(write("Pulumi.e.yaml", "config: 3\n"));
      } catch (e) {
        return e as Error;
      }
      throw new Error("expected a failure");
    })();
    expect(err.message).toMatch(/^Pulumi\.e\.yaml: config = 3: /);
    expect(err.message).not.toContain("\n");
  });
});
