import {
  decodeProperties,
  decodeRecorded,
  decodeWire,
  type Found,
  OUTPUT_VALUE_SIG,
  SECRET_SIG,
  SIG_KEY,
  wireSecret,
} from "../../../tools/preview/worker/wire";
import { SECRET_PLACEHOLDER, UNKNOWN_VALUE, withoutSecretValues } from "../../../tools/preview/shared/types";

const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
const urn = "urn:pulumi:dev::p::azure-native:storage:StorageAccount::sa";

describe("decodeWire", () => {
  const wire = {
    name: "sa",
    password: wireSecret("hunter2"),
    nested: { list: [1, wireSecret({ deep: true }), UNKNOWN_VALUE], unknown: UNKNOWN_VALUE },
    account: { [SIG_KEY]: RESOURCE_SIG, urn, id: "/subscriptions/x/sa" },
    asset: { [SIG_KEY]: "c44067f5952c0a294b673a41bacd8c17", path: "./file.txt" },
  };

  it("records secrets as the placeholder, keeps unknowns visible and resource references as URNs", () => {
    expect(decodeProperties(wire, "record")).toEqual({
      name: "sa",
      password: SECRET_PLACEHOLDER,
      nested: { list: [1, SECRET_PLACEHOLDER, UNKNOWN_VALUE], unknown: UNKNOWN_VALUE },
      account: urn,
      asset: "[asset ./file.txt]",
    });
  });

  it("gives the fakes plain values: secrets unwrapped, unknown keys dropped, unknown list items null", () => {
    expect(decodeProperties(wire, "plain")).toEqual({
      name: "sa",
      password: "hunter2",
      nested: { list: [1, { deep: true }, null] },
      account: urn,
      asset: "[asset ./file.txt]",
    });
    expect(decodeWire(UNKNOWN_VALUE, "plain")).toBeUndefined();
  });

  it("notes secrets anywhere in a value, and the dependencies of output values", () => {
    const found = (value: unknown): Found => {
      const seen: Found = { secret: false, dependencies: [] };
      decodeWire(value, "record", seen);
      return seen;
    };
    expect(found(wire).secret).toBe(true);
    expect(found({ a: [1, { b: "x" }] }).secret).toBe(false);
    expect(found({ a: [{ [SIG_KEY]: OUTPUT_VALUE_SIG, value: 1, dependencies: ["urn:a"] }] })).toEqual({
      secret: false,
      dependencies: ["urn:a"],
    });
    expect(found({ [SIG_KEY]: OUTPUT_VALUE_SIG, secret: true, dependencies: [] }).secret).toBe(true);
    expect(wireSecret(1)).toEqual({ [SIG_KEY]: SECRET_SIG, value: 1 });
  });
});

describe("secrets for a policy pack", () => {
  const props = {
    kind: "StorageV2",
    sku: { name: wireSecret("Premium_LRS") },
    tags: { [SIG_KEY]: OUTPUT_VALUE_SIG, value: { team: "a" }, secret: true },
    keys: wireSecret(UNKNOWN_VALUE),
  };

  it("keeps the plain value marked secret, for the top-level inputs holding one", () => {
    expect(decodeRecorded(props).secrets).toEqual({
      sku: { name: wireSecret("Premium_LRS") },
      tags: wireSecret({ team: "a" }),
      keys: wireSecret(UNKNOWN_VALUE),
    });
    expect(decodeRecorded({ kind: "StorageV2" }).secrets).toBeUndefined();
  });

  it("never prints them: the report replaces them by the placeholder and drops the secret copy", () => {
    const decoded = decodeRecorded(props);
    const record = { inputs: decoded.values, secretInputs: decoded.secrets };
    const json = JSON.stringify(record, withoutSecretValues);
    expect(JSON.parse(json)).toEqual({
      inputs: { kind: "StorageV2", sku: { name: SECRET_PLACEHOLDER }, tags: SECRET_PLACEHOLDER, keys: SECRET_PLACEHOLDER },
    });
    expect(json).not.toContain("Premium_LRS");
  });
});
