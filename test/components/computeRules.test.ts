import * as fc from "fast-check";
import {
  CONNECTION_CATEGORIES,
  CONNECTION_NAME,
  CONNECTION_TARGET_ROLES,
  connectionAuthType,
  durationSeconds,
  idleShutdownProblem,
  isComputeName,
  nodePublicIpProblem,
} from "../../components/computeRules";
import { findBuiltInRole } from "../../components/access/roleCatalog";

describe("AZ-COMPUTE-01 compute names", () => {
  it.each(["cpu", "cpu-cluster", "ci-alice", "gpu-01a", "A".repeat(24)])("accepts %s", (name) => expect(isComputeName(name)).toBe(true));
  it.each(["ab", "1cpu", "cpu-01", "cpu-", "cpu_cluster", "A".repeat(25), "cpu cluster"])("refuses %s", (name) =>
    expect(isComputeName(name)).toBe(false),
  );
});

describe("AZ-COMPUTE-03 ISO 8601 idle times", () => {
  it("reads days, hours, minutes and seconds", () => {
    expect(durationSeconds("PT15M")).toBe(900);
    expect(durationSeconds("P1DT2H")).toBe(93600);
    expect(durationSeconds("PT120S")).toBe(120);
    for (const bad of ["15", "P", "PT", "PT1.5M", "pt15m", "15M"]) expect(durationSeconds(bad)).toBeUndefined();
  });

  it("round-trips any whole number of seconds", () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000 }), (s) => durationSeconds(`PT${s}S`) === s));
  });

  it("keeps instance idle shutdown between 15 minutes and 3 days", () => {
    expect(idleShutdownProblem("PT15M")).toBeUndefined();
    expect(idleShutdownProblem("P3D")).toBeUndefined();
    expect(idleShutdownProblem("PT14M59S")).toMatch(/between 15 minutes/);
    expect(idleShutdownProblem("P3DT1S")).toMatch(/between 15 minutes/);
    expect(idleShutdownProblem("1 hour")).toMatch(/ISO 8601/);
  });
});

describe("AZ-COMPUTE-04 no public IP only inside a network", () => {
  it("needs a managed network or a subnet", () => {
    expect(nodePublicIpProblem(true, false, undefined)).toMatch(/subnet/);
    expect(nodePublicIpProblem(true, true, undefined)).toBeUndefined();
    expect(nodePublicIpProblem(true, false, "/subscriptions/x/subnets/y")).toBeUndefined();
    expect(nodePublicIpProblem(false, false, undefined)).toBeUndefined();
  });
});

describe("AZ-CONN-01 AZ-CONN-02 connection auth and target roles", () => {
  it("maps identity auth to AAD and keys to the category's key type", () => {
    for (const c of CONNECTION_CATEGORIES) expect(connectionAuthType("identity", c)).toBe("AAD");
    expect(connectionAuthType("key", "AzureBlob")).toBe("AccountKey");
    expect(connectionAuthType("key", "AzureOpenAI")).toBe("ApiKey");
  });

  it("names a built-in role for every category's target", () => {
    for (const c of CONNECTION_CATEGORIES) expect(findBuiltInRole(CONNECTION_TARGET_ROLES[c])).toBeDefined();
    expect(CONNECTION_TARGET_ROLES.CognitiveSearch).toBe("Search Index Data Contributor");
    expect(CONNECTION_TARGET_ROLES.AzureOpenAI).toBe("Cognitive Services OpenAI User");
  });
});

describe("AZ-CONN-04 connection names", () => {
  it.each(["abc", "openai", "AI_search-01", "0pen", "a".repeat(33)])("accepts %s", (name) => expect(CONNECTION_NAME.test(name)).toBe(true));
  it.each(["ab", "_search", "-search", "a".repeat(34), "open.ai", "open ai", ""])("refuses %s", (name) =>
    expect(CONNECTION_NAME.test(name)).toBe(false),
  );
});
