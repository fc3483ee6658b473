/** The protocol encoding, decoded again with the generated stubs: what the pack receives, field by field. */
import fc from "fast-check";
import { BinaryWriter } from "google-protobuf";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import type { RecordedResource, StackResult } from "../../../../tools/preview/shared/types";
import { SECRET_SIG, SIG_KEY } from "../../../../tools/preview/worker/wire";
import {
  remediationOutcome,
  seconds,
  violation,
  writeAnalyzeRequest,
  writeAnalyzeStack,
  writeConfigure,
  writeStruct,
  type Writer,
} from "../../../../tools/preview/policy/wire";
import { fakeStack, STACK_URN } from "./fakeStack";

const encode = (write: (w: Writer) => void): Uint8Array => {
  const w = new BinaryWriter();
  write(w as unknown as Writer);
  return w.getResultBuffer();
};
const plainProvider = (p?: pb.AnalyzerProviderResource) =>
  p && { urn: p.getUrn(), type: p.getType(), name: p.getName(), properties: p.getProperties()?.toJavaScript() };

/** Every registration's AnalyzeRequest as the pack decodes it. */
function analyzeRequests(stack: StackResult) {
  const byUrn = new Map(stack.resources.map((r) => [r.urn, r] as const));
  return stack.resources.map((r) => {
    const request = pb.AnalyzeRequest.deserializeBinary(encode((w) => writeAnalyzeRequest(w, r, byUrn, stack)));
    return {
      urn: request.getUrn(),
      type: request.getType(),
      name: request.getName(),
      properties: request.getProperties()?.toJavaScript(),
      options: request.getOptions()!.toObject(),
      provider: plainProvider(request.getProvider()),
      bytes: encode((w) => writeAnalyzeRequest(w, r, byUrn, stack)),
    };
  });
}

const stack = fakeStack([
  { type: "pulumi:providers:azure-native", name: "westeu", inputs: { location: "westeurope" } },
  { type: "acme:ml:Hub", name: "hub", custom: false },
  {
    type: "azure-native:storage:StorageAccount",
    name: "st",
    parent: "hub",
    protect: true,
    inputs: { kind: "StorageV2", __defaults: [], gone: undefined },
  },
  { type: "azure-native:keyvault:Vault", name: "kv", provider: "westeu" },
  {
    type: "azure-native:machinelearningservices:Workspace",
    name: "ws",
    parent: "hub",
    dependsOn: ["kv"],
    propertyDependencies: { storageAccount: ["st"], keyVault: ["kv"] },
  },
]);
const byName = (name: string) => analyzeRequests(stack).find((r) => r.name === name)!;
const noOptions = {
  ignorechangesList: [],
  deletebeforereplace: false,
  deletebeforereplacedefined: false,
  additionalsecretoutputsList: [],
  aliasesList: [],
  customtimeouts: { create: 0, update: 0, pb_delete: 0, read: 0 },
};

describe("writeAnalyzeRequest", () => {
  it("sends every registration like the engine: stack, components, providers and custom resources", () => {
    expect(analyzeRequests(stack).map((r) => r.type)).toEqual([
      "pulumi:pulumi:Stack",
      "pulumi:providers:azure-native",
      "acme:ml:Hub",
      "azure-native:storage:StorageAccount",
      "azure-native:keyvault:Vault",
      "azure-native:machinelearningservices:Workspace",
    ]);
  });

  it("carries protect and parent as options", () => {
    expect(byName("st").options).toEqual({ ...noOptions, protect: true, parent: stack.resources[2].urn });
    expect(analyzeRequests(stack)[0].options).toEqual({ ...noOptions, protect: false, parent: "" });
  });

  it("drops internal keys and undefined values from the properties", () => {
    expect(byName("st").properties).toEqual({ kind: "StorageV2" });
  });

  it("attaches an explicit provider with its inputs, else the package's default provider", () => {
    expect(byName("kv").provider).toEqual({
      urn: stack.resources[1].urn,
      type: "pulumi:providers:azure-native",
      name: "westeu",
      properties: { location: "westeurope" },
    });
    expect(byName("st").provider).toEqual({
      urn: "urn:pulumi:dev::checks::pulumi:providers:azure-native::default",
      type: "pulumi:providers:azure-native",
      name: "default",
      properties: {},
    });
  });

  it("attaches no provider to the stack, components and providers", () => {
    expect(["checks-dev", "westeu", "hub"].map((n) => byName(n).provider)).toEqual([undefined, undefined, undefined]);
  });
});

describe("what the engine sends beyond inputs", () => {
  const secretSku = { [SIG_KEY]: SECRET_SIG, value: { name: "Premium_LRS" } };
  const recorded = fakeStack([{ type: "azure-native:storage:StorageAccount", name: "st", inputs: { kind: "StorageV2", sku: "[secret]" } }]);
  const st: RecordedResource = { ...recorded.resources[1], secretInputs: { sku: secretSku } };
  st.options = {
    ignoreChanges: ["tags"],
    deleteBeforeReplace: true,
    additionalSecretOutputs: ["keys"],
    aliases: [{ urn: "urn:pulumi:dev::checks::azure-native:storage:StorageAccount::old" }, { name: "older" }],
    customTimeouts: { create: "1h30m", delete: "90s" },
  };
  const [, request] = analyzeRequests({ ...recorded, resources: [recorded.resources[0], st] });

  it("sends secret inputs as the plain value marked secret, never the report's placeholder", () => {
    expect(request.properties).toEqual({ kind: "StorageV2", sku: secretSku });
  });

  it("sends the recorded options the analyzer protocol carries (URN aliases, timeouts in seconds)", () => {
    expect(request.options).toEqual({
      protect: false,
      parent: STACK_URN,
      ignorechangesList: ["tags"],
      deletebeforereplace: true,
      deletebeforereplacedefined: true,
      additionalsecretoutputsList: ["keys"],
      aliasesList: ["urn:pulumi:dev::checks::azure-native:storage:StorageAccount::old"],
      customtimeouts: { create: 5400, update: 0, pb_delete: 90, read: 0 },
    });
    expect(seconds("2h")).toBe(7200);
    expect(seconds("1.5s")).toBe(1.5);
    expect(seconds(undefined)).toBe(0);
  });
});

describe("writeAnalyzeStack", () => {
  const requests = analyzeRequests(stack);
  const resources = pb.AnalyzeStackRequest.deserializeBinary(
    encode((w) =>
      writeAnalyzeStack(
        w,
        stack.resources.map((record, i) => ({ record, request: requests[i].bytes })),
      ),
    ),
  ).getResourcesList();

  it("repeats each Analyze request and adds parent, dependencies and non-empty property dependencies", () => {
    const ws = resources.find((r) => r.getName() === "ws")!;
    expect(ws.getType()).toBe("azure-native:machinelearningservices:Workspace");
    expect(ws.getOptions()!.getParent()).toBe(stack.resources[2].urn);
    expect(ws.getParent()).toBe(stack.resources[2].urn);
    expect(ws.getDependenciesList()).toEqual(expect.arrayContaining([byName("kv").urn, byName("st").urn]));
    const deps: Record<string, string[]> = {};
    ws.getPropertydependenciesMap().forEach((v, k) => (deps[k] = v.getUrnsList()));
    expect(deps).toEqual({ storageAccount: [byName("st").urn], keyVault: [byName("kv").urn] });
    expect(plainProvider(resources[4].getProvider())?.name).toBe("westeu");
    expect([resources[0].getUrn(), resources[0].getParent()]).toEqual([STACK_URN, ""]);
  });

  it("skips property dependencies without URNs", () => {
    const withEmpty = fakeStack([{ type: "azure-native:storage:StorageAccount", name: "st" }]);
    withEmpty.resources[1].propertyDependencies = { kind: [] };
    const [, st] = pb.AnalyzeStackRequest.deserializeBinary(
      encode((w) =>
        writeAnalyzeStack(
          w,
          withEmpty.resources.map((record) => ({ record, request: new Uint8Array() })),
        ),
      ),
    ).getResourcesList();
    expect(st.getPropertydependenciesMap().getLength()).toBe(0);
  });
});

describe("writeStruct", () => {
  it("decodes to what JSON would make of any value", () => {
    fc.assert(
      // `__proto__` is left out: the stubs' decoder would set the prototype instead of a key.
      fc.property(
        fc.dictionary(fc.string(), fc.jsonValue()).filter((o) => !JSON.stringify(o).includes('"__proto__"')),
        (object) => {
          const decoded = Struct.deserializeBinary(encode((w) => writeStruct(w, object))).toJavaScript();
          // Through JSON on both sides: JSON itself writes -0 as 0.
          expect(JSON.parse(JSON.stringify(decoded))).toEqual(JSON.parse(JSON.stringify(object)));
        },
      ),
    );
  });

  it("never sends non-JSON values as they are", () => {
    const decoded = Struct.deserializeBinary(encode((w) => writeStruct(w, { when: new Date(0), n: NaN, f: () => 1, list: [undefined] })));
    expect(decoded.toJavaScript()).toEqual({ when: "1970-01-01T00:00:00.000Z", n: null, list: [null] });
  });
});

describe("writeConfigure", () => {
  it("sends every policy's level and properties", () => {
    const request = pb.ConfigureAnalyzerRequest.deserializeBinary(
      encode((w) => writeConfigure(w, { a: { enforcementLevel: "remediate", properties: { max: 3 } }, b: { properties: {} } })),
    );
    const entries = request.getPolicyconfigMap();
    expect([entries.get("a")!.getEnforcementlevel(), entries.get("a")!.getProperties()!.toJavaScript()]).toEqual([3, { max: 3 }]);
    expect([entries.get("b")!.getEnforcementlevel(), entries.get("b")!.hasProperties()]).toEqual([0, true]);
  });
});

const diagnostic = (over: { level?: number; severity?: number; message?: string; urn?: string } = {}): pb.AnalyzeDiagnostic =>
  new pb.AnalyzeDiagnostic()
    .setPolicyname("p")
    .setPolicypackname("pack")
    .setPolicypackversion("0.1.0")
    .setDescription("Describes p.")
    .setMessage(over.message ?? "Describes p.\ndetail")
    .setEnforcementlevel((over.level ?? 1) as pb.EnforcementLevel)
    .setUrn(over.urn ?? "")
    .setSeverity((over.severity ?? 3) as pb.PolicySeverity);

describe("violation", () => {
  it("keeps the contract fields, on the URN it is given", () => {
    expect(violation(diagnostic({ urn: "urn:other" }), "urn:mine")).toEqual({
      policy: "p",
      policyPack: "pack",
      enforcementLevel: "mandatory",
      urn: "urn:mine",
      message: "Describes p.\ndetail",
      policyPackVersion: "0.1.0",
      severity: "high",
    });
  });

  it("maps levels and severities by their protobuf numbers", () => {
    expect([0, 1, 2].map((level) => violation(diagnostic({ level }), "u").enforcementLevel)).toEqual(["advisory", "mandatory", "disabled"]);
    expect([1, 2, 4].map((severity) => violation(diagnostic({ severity }), "u").severity)).toEqual(["low", "medium", "critical"]);
    expect(() => violation(diagnostic({ level: 9 }), "u")).toThrow("unknown enforcement level 9");
  });

  it("reports a violation left at `remediate` as mandatory and prefers PulumiPolicy.yaml's version", () => {
    const v = violation(diagnostic({ level: 3, severity: 0 }), "urn:x", "2.0.0");
    expect(v.enforcementLevel).toBe("mandatory");
    expect(v.policyPackVersion).toBe("2.0.0");
    expect(v).not.toHaveProperty("severity");
  });

  it("falls back to the description when the message is empty", () => {
    expect(violation(diagnostic({ message: "" }), "urn:x").message).toBe("Describes p.");
  });
});

describe("remediationOutcome", () => {
  const remediation = (policy: string, properties?: Record<string, unknown>, diagnostic = "") => {
    const r = new pb.Remediation().setPolicyname(policy).setPolicypackname("pack").setPolicypackversion("0.1.0");
    r.setDescription("Fixes it.").setDiagnostic(diagnostic);
    return properties ? r.setProperties(Struct.fromJavaScript(properties as never)) : r;
  };

  it("applies rewrites in order, records them, and turns a diagnostic into an advisory violation", () => {
    const outcome = remediationOutcome(
      [
        remediation("first", { a: 1 }),
        remediation("second", { a: 2 }),
        remediation("blind", undefined, "can't run remediation 'blind' during preview"),
      ],
      "urn:x",
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
    expect(remediationOutcome([], "urn:x")).toEqual({ remediations: [], violations: [] });
  });
});
