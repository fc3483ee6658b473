import type * as EntraGroupsModule from "../../../components/access/entraGroups";
import * as pulumi from "@pulumi/pulumi";
import { AccessMocks, fakeObjectId, GET_GROUP, installAccessMocks, promiseOf } from "./accessMocks";

const ADMINS_ID = "0b5c7d2e-1f3a-4b6c-8d9e-0a1b2c3d4e5f";
const OWNER = "9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a";

let mocks: AccessMocks;
let access: typeof EntraGroupsModule;

beforeAll(async () => {
  mocks = await installAccessMocks({ "AML Data Scientists": fakeObjectId("AML Data Scientists"), "ML Admins": ADMINS_ID });
  access = await import("../../../components/access/entraGroups");
});

describe("EntraGroups", () => {
  it("creates security groups, looks up existing ones through getGroup, and parents children to itself", async () => {
    const groups = new access.EntraGroups("grp", {
      groups: {
        ds: { displayName: "AML Data Scientists" },
        admins: { objectId: ADMINS_ID },
        readers: { create: { displayName: "AML Readers", description: "read only", owners: [OWNER], members: [ADMINS_ID] } },
      },
    });

    expect(await promiseOf(groups.objectIds.ds)).toBe(fakeObjectId("AML Data Scientists"));
    expect(await promiseOf(groups.objectIds.admins)).toBe(ADMINS_ID);
    expect(await promiseOf(groups.objectIds.readers)).toBe(fakeObjectId("AML Readers"));

    const lookups = mocks.calls.filter((c) => c.token === GET_GROUP).map((c) => c.inputs);
    expect(lookups).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ displayName: "AML Data Scientists" }),
        expect.objectContaining({ objectId: ADMINS_ID }),
      ]),
    );
    expect(lookups.some((l) => l.displayName === "AML Readers")).toBe(false);

    const created = groups.createdGroups.readers;
    expect(Object.keys(groups.createdGroups)).toEqual(["readers"]);
    expect(await promiseOf(created.urn)).toContain("azure-ml-workspaces:access:EntraGroups$azuread:index/group:Group::grp-readers");
    const inputs = mocks.resources.find((r) => r.name === "grp-readers")?.inputs;
    expect(inputs).toMatchObject({
      displayName: "AML Readers",
      description: "read only",
      securityEnabled: true,
      mailEnabled: false,
      owners: [OWNER],
      members: [ADMINS_ID],
    });
  });

  it("fails a lookup with one stackless line naming the group key and display name", async () => {
    // Tested on the promise the component wraps: a failed Output is reported by Pulumi as an unhandled
    // rejection, which jest would count against the test.
    const err = await access.lookUpGroupObjectId("interns", { displayName: "AML Interns" }).catch((e: unknown) => e);
    expect(pulumi.ResourceError.isInstance(err)).toBe(true);
    expect((err as pulumi.ResourceError).hideStack).toBe(true);
    expect((err as Error).message).toBe(
      'group "interns" (displayName "AML Interns") was not found or could not be read (needs Graph Group.Read.All): ' +
        "No group found matching specified filter (AML Interns)",
    );
    const byId = await access.lookUpGroupObjectId("ghost", { objectId: OWNER }).catch((e: Error) => e.message);
    expect(byId).toMatch(/^group "ghost" \(objectId 9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a\) was not found/);
  });

  it("rejects a bad spec in one line before registering anything", async () => {
    expect(() => new access.EntraGroups("bad", { groups: { ds: { objectId: "not-a-guid" }, x: {} as never } })).toThrow(
      /^EntraGroups "bad": groups\.ds\.objectId = "not-a-guid": must be a GUID.*; groups\.x = \{\}: set exactly one of objectId, displayName or create \(got none\)$/,
    );
    // Flush pending registrations with a later component, then check the bad one never reached the engine.
    await promiseOf(new access.EntraGroups("after", { groups: {} }).urn);
    expect(mocks.resources.some((r) => r.name === "bad")).toBe(false);
  });
});
