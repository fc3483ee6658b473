import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { buildConfigEnv, qualifyKey, readStackFile } from "../../../tools/preview/host/stackConfig";
import { UNKNOWN_VALUE } from "../../../tools/preview/shared/types";

const parse = (env: { PULUMI_CONFIG: string; PULUMI_CONFIG_SECRET_KEYS: string }) => ({
  config: JSON.parse(env.PULUMI_CONFIG) as Record<string, string>,
  secretKeys: JSON.parse(env.PULUMI_CONFIG_SECRET_KEYS) as string[],
});

describe("buildConfigEnv", () => {
  it("namespaces bare keys with the project and keeps namespaced keys", () => {
    expect(qualifyKey("proj", "region")).toBe("proj:region");
    expect(qualifyKey("proj", "azure-native:location")).toBe("azure-native:location");
    const { config } = parse(
      buildConfigEnv("proj", {}, { region: "westeurope", "azure-native:location": "northeurope", "proj:size": "S" }),
    );
    expect(config).toEqual({ "proj:region": "westeurope", "azure-native:location": "northeurope", "proj:size": "S" });
  });

  it("passes strings as they are and JSON-stringifies every other value", () => {
    const { config } = parse(buildConfigEnv("p", {}, { count: 3, on: true, tags: { owner: "me" }, list: ["a", 1], text: "3" }));
    expect(config).toEqual({ "p:count": "3", "p:on": "true", "p:tags": '{"owner":"me"}', "p:list": '["a",1]', "p:text": "3" });
  });

  it("marks the stack file's secure keys secret and leaves their unknown values unchecked", () => {
    const env = buildConfigEnv("p", { count: { type: "integer" } }, { count: UNKNOWN_VALUE, plain: "x" }, ["p:count"]);
    const { config, secretKeys } = parse(env);
    expect(config["p:count"]).toBe(UNKNOWN_VALUE);
    expect(secretKeys).toEqual(["p:count"]);
  });

  it("applies Pulumi.yaml defaults and values, which the stack file overrides", () => {
    const project = {
      size: { type: "string", default: "S" },
      replicas: { type: "integer", default: 1 },
      "azure-native:location": { value: "westeurope" },
      token: { type: "string", secret: true, default: "t" },
      plainDefault: "abc",
    };
    const { config, secretKeys } = parse(buildConfigEnv("p", project, { size: "L" }));
    expect(config).toEqual({
      "p:size": "L",
      "p:replicas": "1",
      "azure-native:location": "westeurope",
      "p:token": "t",
      "p:plainDefault": "abc",
    });
    expect(secretKeys).toEqual(["p:token"]);
  });

  it("fails one line naming the key when a value has the wrong declared type", () => {
    expect(() => buildConfigEnv("p", { replicas: { type: "integer" } }, { replicas: "three" })).toThrow(
      new Error(`config 'p:replicas' must be of type integer, got "three"`),
    );
    expect(() => buildConfigEnv("p", { flags: { type: "array" } }, { flags: "a,b" })).toThrow("config 'p:flags' must be of type array");
    expect(() => buildConfigEnv("p", { on: { type: "boolean" } }, { on: "yes" })).toThrow("config 'p:on' must be of type boolean");
    expect(() => buildConfigEnv("p", { on: { type: "boolean" }, n: { type: "integer" } }, { on: "true", n: "12" })).not.toThrow();
  });

  it("fails when a declared key without a default is unset, or a declared type is unknown", () => {
    expect(() => buildConfigEnv("p", { workspace: { type: "string", description: "d" } }, {})).toThrow(
      new Error("missing configuration value 'p:workspace' (declared in Pulumi.yaml without a default)"),
    );
    expect(() => buildConfigEnv("p", { x: { type: "float", default: 1 } }, {})).toThrow(
      "Pulumi.yaml: 'config.x.type': 'float' is not one of",
    );
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
