import {
  applyRemediations,
  levelFromWire,
  resourceViolations,
  severityFromWire,
  stackViolations,
  type WireDiagnostic,
} from "../../../../tools/preview/policy/diagnostics";

const diagnostic = (over: Partial<WireDiagnostic> = {}): WireDiagnostic => ({
  policyName: "p",
  policyPackName: "pack",
  policyPackVersion: "0.1.0",
  description: "Describes p.",
  message: "Describes p.\ndetail",
  enforcementLevel: 1,
  urn: "",
  severity: 3,
  ...over,
});

describe("wire enums", () => {
  it("maps enforcement levels by their protobuf numbers", () => {
    expect([0, 1, 2, 3].map(levelFromWire)).toEqual(["advisory", "mandatory", "disabled", "remediate"]);
    expect(() => levelFromWire(9)).toThrow("unknown enforcement level 9");
  });

  it("maps severities and leaves unspecified out", () => {
    expect([0, 1, 2, 3, 4].map(severityFromWire)).toEqual([undefined, "low", "medium", "high", "critical"]);
  });
});

describe("resourceViolations", () => {
  it("attributes to the analyzed resource and keeps the contract fields", () => {
    const [v] = resourceViolations([diagnostic({ urn: "urn:other" })], "urn:mine", {});
    expect(v).toEqual({
      policy: "p",
      policyPack: "pack",
      enforcementLevel: "mandatory",
      urn: "urn:mine",
      message: "Describes p.\ndetail",
      policyPackVersion: "0.1.0",
      severity: "high",
    });
  });

  it("reports a violation left at `remediate` as mandatory and prefers PulumiPolicy.yaml's version", () => {
    const [v] = resourceViolations([diagnostic({ enforcementLevel: 3, severity: 0 })], "urn:x", { versionOverride: "2.0.0" });
    expect(v.enforcementLevel).toBe("mandatory");
    expect(v.policyPackVersion).toBe("2.0.0");
    expect(v).not.toHaveProperty("severity");
  });

  it("falls back to the description when the message is empty", () => {
    expect(resourceViolations([diagnostic({ message: "" })], "urn:x", {})[0].message).toBe("Describes p.");
  });
});

describe("stackViolations", () => {
  it("keeps URNs of this stack and makes anything else stack-wide", () => {
    const urns = new Set(["urn:a"]);
    const vs = stackViolations([diagnostic({ urn: "urn:a" }), diagnostic({ urn: "urn:elsewhere" }), diagnostic()], urns, {});
    expect(vs.map((v) => v.urn)).toEqual(["urn:a", "", ""]);
  });
});

describe("applyRemediations", () => {
  it("applies rewrites in order, records them, and turns a diagnostic into an advisory violation", () => {
    const base = { policyPackName: "pack", policyPackVersion: "0.1.0", description: "Fixes it." };
    const outcome = applyRemediations(
      [
        { ...base, policyName: "first", properties: { a: 1 }, diagnostic: "" },
        { ...base, policyName: "second", properties: { a: 2 }, diagnostic: "" },
        { ...base, policyName: "blind", diagnostic: "can't run remediation 'blind' during preview" },
      ],
      "urn:x",
      {},
    );
    expect(outcome.properties).toEqual({ a: 2 });
    expect(outcome.remediations).toEqual([
      { policy: "first", policyPack: "pack", urn: "urn:x", description: "Fixes it." },
      { policy: "second", policyPack: "pack", urn: "urn:x", description: "Fixes it." },
    ]);
    expect(outcome.violations).toEqual([
      {
        policy: "blind",
        policyPack: "pack",
        enforcementLevel: "advisory",
        urn: "urn:x",
        message: "can't run remediation 'blind' during preview",
        policyPackVersion: "0.1.0",
      },
    ]);
  });

  it("leaves the inputs alone when nothing was rewritten", () => {
    expect(applyRemediations([], "urn:x", {})).toEqual({ remediations: [], violations: [] });
  });
});
