/** Options and transforms as the engine's resource monitor handles them, on the SDK's own protobuf messages. */
import { engineOptions, recordedOptions, TransformModules, Transforms } from "../../../tools/preview/worker/transforms";
import { decodeRecorded, OUTPUT_VALUE_SIG, SIG_KEY } from "../../../tools/preview/worker/wire";

const resproto = require("@pulumi/pulumi/proto/resource_pb");
const aliasproto = require("@pulumi/pulumi/proto/alias_pb");
const callbackProto = require("@pulumi/pulumi/proto/callback_pb");
const { Struct } = require("google-protobuf/google/protobuf/struct_pb");

function request(configure: (req: any) => void = () => undefined): any {
  const req = new resproto.RegisterResourceRequest();
  req.setType("azure-native:storage:StorageAccount").setName("st").setCustom(true);
  configure(req);
  return req;
}

describe("recorded options", () => {
  it("records only what the program set", () => {
    expect(recordedOptions(engineOptions(request(), resproto), request())).toEqual({});
  });

  it("records every option RegisterResource carries", () => {
    const req = request((r) => {
      r.setProtect(true).setDeletebeforereplace(true).setDeletebeforereplacedefined(true).setRetainondelete(false);
      r.setIgnorechangesList(["tags"]).setReplaceonchangesList(["kind"]).setAdditionalsecretoutputsList(["keys"]);
      r.setHidediffsList(["tags"]).setImportid("/subscriptions/x").setVersion("3.28.0").setDeletedwith("urn:a");
      r.setCustomtimeouts(new resproto.RegisterResourceRequest.CustomTimeouts().setCreate("30m"));
      const spec = new aliasproto.Alias.Spec().setName("old").setNoparent(true);
      r.setAliasesList([new aliasproto.Alias().setUrn("urn:pulumi:dev::p::t::old"), new aliasproto.Alias().setSpec(spec)]);
    });
    expect(recordedOptions(engineOptions(req, resproto), req)).toEqual({
      protect: true,
      deleteBeforeReplace: true,
      retainOnDelete: false,
      ignoreChanges: ["tags"],
      replaceOnChanges: ["kind"],
      additionalSecretOutputs: ["keys"],
      hideDiffs: ["tags"],
      import: "/subscriptions/x",
      version: "3.28.0",
      deletedWith: "urn:a",
      customTimeouts: { create: "30m" },
      aliases: [{ urn: "urn:pulumi:dev::p::t::old" }, { name: "old", noParent: true }],
    });
  });
});

/** A callback server stand-in: each token's transform rewrites the request's properties (or returns nothing). */
function fakeModules(transforms: Record<string, (props: Record<string, unknown>) => Record<string, unknown> | undefined>, seen: string[]) {
  const server = {
    invoke({ request: req }: { request: any }, done: (err: unknown, res?: unknown) => void): void {
      const token = req.getToken();
      seen.push(token);
      const request = resproto.TransformRequest.deserializeBinary(req.getRequest_asU8());
      const props = transforms[token](request.getProperties().toJavaScript());
      const response = new resproto.TransformResponse();
      if (props) response.setProperties(Struct.fromJavaScript(props)).setOptions(request.getOptions().setProtect(true));
      done(null, new callbackProto.CallbackInvokeResponse().setResponse(response.serializeBinary()));
    },
  };
  return (): TransformModules => ({ resproto, callbackProto, Struct, callbacks: () => server });
}

const callback = (token: string) => new callbackProto.Callback().setToken(token).setTarget("127.0.0.1:1");

describe("Transforms", () => {
  it("runs a resource's own transforms, then its ancestors', then the stack's", () => {
    const runner = new Transforms(fakeModules({}, []));
    runner.stack.push("stack");
    expect(runner.collect("urn:parent", "", ["parent"])).toEqual(["parent", "stack"]);
    expect(runner.collect("urn:child", "urn:parent", [])).toEqual(["parent", "stack"]);
    expect(runner.collect("urn:grandchild", "urn:child", ["own"])).toEqual(["own", "parent", "stack"]);
    expect(runner.collect("urn:other", "", [])).toEqual(["stack"]);
  });

  it("passes each transform's result to the next, and takes the options they return", async () => {
    const seen: string[] = [];
    const runner = new Transforms(
      fakeModules(
        {
          premium: (p) => ({ ...p, sku: { name: "Premium_LRS" } }),
          same: () => undefined,
          standard: (p) => ({ ...p, sku: { name: "Standard_LRS" } }),
        },
        seen,
      ),
    );
    const reg = { props: { kind: "StorageV2" }, opts: engineOptions(request(), resproto) };
    const out = await runner.run([callback("premium"), callback("same")], request(), reg);
    expect(seen).toEqual(["premium", "same"]);
    expect(out.props).toEqual({ kind: "StorageV2", sku: { name: "Premium_LRS" } });
    expect(out.opts.getProtect()).toBe(true);
    expect((await runner.run([callback("standard")], request(), out)).props.sku).toEqual({ name: "Standard_LRS" });
  });

  it("with transforms of its own, hands inputs over as output values; their dependencies come back in what they return", async () => {
    let received: Record<string, unknown> = {};
    const keep = (p: Record<string, unknown>) => ((received = p), p);
    const runner = new Transforms(fakeModules({ keep, plain: (p) => ({ ...p, storageAccount: "id" }) }, []));
    const opts = engineOptions(
      request((r) => r.setDependenciesList(["urn:st", "urn:kv"])),
      resproto,
    );
    const reg = { props: { storageAccount: "id", kind: "Default" }, opts };
    const dependencies = { storageAccount: ["urn:st"], kind: [] };
    const kept = await runner.run([callback("keep")], request(), reg, dependencies);
    expect(received.storageAccount).toEqual({ [SIG_KEY]: OUTPUT_VALUE_SIG, value: "id", dependencies: ["urn:st"] });
    expect(decodeRecorded(kept.props).dependencies).toEqual({ storageAccount: ["urn:st"], kind: [] });
    // The Node SDK serializes a transform's result as plain values: the per-property dependencies are gone.
    const plain = await runner.run([callback("plain")], request(), reg, dependencies);
    expect(decodeRecorded(plain.props).dependencies).toEqual({ storageAccount: [], kind: [] });
  });

  it("runs the stack's invoke transforms over an invoke's arguments", async () => {
    const server = {
      invoke({ request: req }: { request: any }, done: (err: unknown, res?: unknown) => void): void {
        const request = resproto.TransformInvokeRequest.deserializeBinary(req.getRequest_asU8());
        const args = { ...request.getArgs().toJavaScript(), resourceGroupName: `${request.getToken()}-rg` };
        const response = new resproto.TransformInvokeResponse().setArgs(Struct.fromJavaScript(args));
        done(null, new callbackProto.CallbackInvokeResponse().setResponse(response.serializeBinary()));
      },
    };
    const runner = new Transforms(() => ({ resproto, callbackProto, Struct, callbacks: () => server }));
    const req = new resproto.ResourceInvokeRequest().setTok("azure-native:storage:getStorageAccount");
    expect(await runner.transformInvoke(req, { accountName: "st" })).toEqual({ accountName: "st" });
    runner.invoke.push(callback("invoke"));
    expect(await runner.transformInvoke(req, { accountName: "st" })).toEqual({
      accountName: "st",
      resourceGroupName: "azure-native:storage:getStorageAccount-rg",
    });
  });
});
