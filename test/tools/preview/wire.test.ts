import {
  containsSecret,
  decodeWire,
  decodeWireProperties,
  PLAIN,
  OUTPUT_VALUE_SIG,
  RECORD,
  SECRET_SIG,
  secretInputs,
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
    expect(decodeWireProperties(wire, RECORD)).toEqual({
      name: "sa",
      password: SECRET_PLACEHOLDER,
      nested: { list: [1, SECRET_PLACEHOLDER, UNKNOWN_VALUE], unknown: UNKNOWN_VALUE },
      account: urn,
      asset: "[asset ./file.txt]",
    });
  });

  it("gives the fakes plain values: secrets unwrapped, unknown keys dropped, unknown list items null", () => {
    expect(decodeWireProperties(wire, PLAIN)).toEqual({
      name: "sa",
      password: "hunter2",
      nested: { list: [1, { deep: true }, null] },
      account: urn,
      asset: "[asset ./file.txt]",
    });
    expect(decodeWire(UNKNOWN_VALUE, PLAIN)).toBeUndefined();
  });

  it("finds secrets anywhere in a value", () => {
    expect(containsSecret(wire)).toBe(true);
    expect(containsSecret({ a: [1, { b: "x" }] })).toBe(false);
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
    expect(secretInputs(props)).toEqual({
      sku: { name: wireSecret("Premium_LRS") },
      tags: wireSecret({ team: "a" }),
      keys: wireSecret(UNKNOWN_VALUE),
    });
    expect(secretInputs({ kind: "StorageV2" })).toBeUndefined();
  });

  it("never prints them: the report replaces them by the placeholder and drops the secret copy", () => {
    const record = { inputs: decodeWireProperties(props, RECORD), secretInputs: secretInputs(props) };
    const json = JSON.stringify(record, withoutSecretValues);
    expect(JSON.parse(json)).toEqual({
      inputs: { kind: "StorageV2", sku: { name: SECRET_PLACEHOLDER }, tags: SECRET_PLACEHOLDER, keys: SECRET_PLACEHOLDER },
    });
    expect(json).not.toContain("Premium_LRS");
  });
});
