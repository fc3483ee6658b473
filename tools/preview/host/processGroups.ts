/**
 * Every process the check starts (stack workers, the policy pack) leads its own process group, so killing the group
 * also ends what a program started itself. Groups die with their leader, when the host exits or gets SIGINT/SIGTERM/
 * SIGHUP, and, should the host be SIGKILLed, by a reaper: a tiny shell holding the list of groups that kills them all
 * when its stdin (held by the host) closes.
 */
import { spawn, type ChildProcess } from "child_process";

const groups = new Set<number>();
let reaper: ChildProcess | undefined;

/** Reads group ids (`-id` removes one) until EOF, then kills what is left; ignores the signals a terminal sends. */
const REAPER_SCRIPT = `trap '' INT TERM HUP
g=" "
while read -r p; do
  case "$p" in
    -*) x="\${p#-}"; case "$g" in *" $x "*) g="\${g%% $x *} \${g#* $x }" ;; esac ;;
    *) g="$g$p " ;;
  esac
done
for p in $g; do kill -9 "-$p" 2>/dev/null; done`;

function killGroup(pgid: number): void {
  try {
    process.kill(-pgid, "SIGKILL");
  } catch {
    // ESRCH: the group is gone already.
  }
}

/** Kills every tracked group now (exit and signals). */
function killAllGroups(): void {
  for (const pgid of groups) killGroup(pgid);
  groups.clear();
}

function install(): void {
  reaper = spawn("/bin/sh", ["-c", REAPER_SCRIPT], { detached: true, stdio: ["pipe", "ignore", "ignore"] });
  reaper.on("error", () => (reaper = undefined));
  reaper.stdin?.on("error", () => undefined);
  reaper.unref();
  (reaper.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  process.on("exit", killAllGroups);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = (): void => {
      killAllGroups();
      process.removeListener(signal, onSignal);
      // Nobody else handles it: the default (terminate), by re-raising.
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/** Options for `spawn`/`fork` that make the child lead a new process group. */
export const OWN_GROUP = { detached: true } as const;

/** Tracks a child started with OWN_GROUP: its whole group is killed when it exits or the host ends. */
export function trackGroup(child: ChildProcess): void {
  const pgid = child.pid;
  if (pgid === undefined) return;
  if (!process.listeners("exit").includes(killAllGroups)) install();
  groups.add(pgid);
  reaper?.stdin?.write(`${pgid}\n`);
  child.once("exit", () => {
    // The leader is gone; what the program started may still run in its group.
    killGroup(pgid);
    groups.delete(pgid);
    reaper?.stdin?.write(`-${pgid}\n`);
  });
}

/** Kills a tracked child's whole group (a time-out, or a worker no longer needed). */
export function killTree(child: ChildProcess): void {
  if (child.pid !== undefined && groups.has(child.pid)) killGroup(child.pid);
  else child.kill("SIGKILL");
}
