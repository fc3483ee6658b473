import fc from "fast-check";
import { validate, version } from "uuid";
import {
  ACCESS_NAME_NAMESPACE,
  customRoleDefinitionName,
  roleAssignmentName,
  RoleAssignmentNameInput,
} from "../../../components/access/assignmentNames";

const base: RoleAssignmentNameInput = { project: "p", stack: "s", scopeKey: "w", group: "g", role: "Reader" };

const part = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== "");
const input = fc.record({ project: part, stack: part, scopeKey: part, group: part, role: part });
const identity = (i: RoleAssignmentNameInput) => JSON.stringify([i.project, i.stack, i.scopeKey, i.group, i.role.trim().toLowerCase()]);

describe("assignmentNames", () => {
  it("is a version-5 UUID, pinned so a refactor cannot silently rename every assignment", () => {
    const name = roleAssignmentName(base);
    expect(validate(name) && version(name)).toBe(5);
    expect(validate(ACCESS_NAME_NAMESPACE)).toBe(true);
    expect(name).toBe("dd41f633-bf22-5ad8-b9b9-e29f6f17ca1d");
  });

  it("is deterministic for any input", () => {
    fc.assert(fc.property(input, (i) => roleAssignmentName(i) === roleAssignmentName({ ...i })));
  });

  it("gives distinct names to distinct bindings", () => {
    fc.assert(
      fc.property(input, input, (a, b) => {
        fc.pre(identity(a) !== identity(b));
        return roleAssignmentName(a) !== roleAssignmentName(b);
      }),
    );
  });

  it("does not let a separator inside a key merge two bindings", () => {
    expect(roleAssignmentName({ ...base, scopeKey: "a/b", group: "c" })).not.toBe(
      roleAssignmentName({ ...base, scopeKey: "a", group: "b/c" }),
    );
  });

  it("treats role names case-insensitively, like role lookup", () => {
    expect(roleAssignmentName({ ...base, role: " reader" })).toBe(roleAssignmentName(base));
  });

  it("names custom role definitions per project, stack and key, apart from assignment names", () => {
    fc.assert(
      fc.property(part, part, part, part, (project, stack, r1, r2) => {
        fc.pre(r1.trim().toLowerCase() !== r2.trim().toLowerCase());
        return customRoleDefinitionName({ project, stack, role: r1 }) !== customRoleDefinitionName({ project, stack, role: r2 });
      }),
    );
    expect(customRoleDefinitionName({ project: "p", stack: "s", role: "ml-op" })).toBe(
      customRoleDefinitionName({ project: "p", stack: "s", role: "ML-OP" }),
    );
    expect(customRoleDefinitionName({ project: "p", stack: "s", role: "x" })).not.toBe(
      customRoleDefinitionName({ project: "p", stack: "prod", role: "x" }),
    );
  });

  it("rejects an empty part in one line naming the field", () => {
    expect(() => roleAssignmentName({ ...base, scopeKey: " " })).toThrow(/^role-assignment name: scopeKey must be a non-empty string$/);
  });
});
