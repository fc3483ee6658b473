import { memberInstanceName } from "../components/internal";
import { InstanceConfig, MemberInstancesConfig } from "./computeConfig";

/**
 * The compute instances of a workspace or hub, with one per listed member of each `memberInstances` set expanded
 * into an ordinary instance assigned to that member. Pure: the program, the name checks and the quota summary read
 * the same list. docs/azure-rules/compute.md AZ-COMPUTE-08
 */

type Path = (string | number)[];

/** The computes part of a workspace or hub entry, as config holds it. */
export interface ComputesConfig {
  clusters?: unknown;
  instances?: InstanceConfig[];
  memberInstances?: MemberInstancesConfig[];
}

export interface PlacedInstance {
  config: InstanceConfig;
  /** Config path of the entry the instance comes from: an instance, or a member of a set. */
  path: Path;
  /** Config path that names it: the instance's `name`, or the member whose object id the name derives from. */
  namePath: Path;
}

/** `base`: the config path of the workspace or hub entry. */
export function instancesOf(computes: ComputesConfig | undefined, base: Path): PlacedInstance[] {
  const explicit = (computes?.instances ?? []).map((config, j): PlacedInstance => {
    const path = [...base, "computes", "instances", j];
    return { config, path, namePath: [...path, "name"] };
  });
  const members = (computes?.memberInstances ?? []).flatMap((set, j) => {
    const { namePrefix, group: _group, members: ids, ...settings } = set;
    return ids.map((objectId, m): PlacedInstance => {
      const path = [...base, "computes", "memberInstances", j, "members", m];
      return { config: { ...settings, name: memberInstanceName(namePrefix, objectId), assignedTo: objectId }, path, namePath: path };
    });
  });
  return [...explicit, ...members];
}
