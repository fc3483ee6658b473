import * as fs from "fs";
import * as path from "path";
import { previewProcess } from "../../../tools/bench/previewProcesses";

const REPO = path.resolve(__dirname, "../../..");

describe("previewProcess", () => {
  it("names the CLI, a stack worker (in this repo or installed) and the policy pack by their command lines", () => {
    expect(previewProcess(`node ${REPO}/tools/preview/bin.js --cwd /tmp/p --format json`, true)).toBe("host");
    const preload = `-r ${REPO}/tools/preview/boot/preload.js --max-old-space-size=4096`;
    expect(previewProcess(`/usr/bin/node ${preload} ${REPO}/tools/preview/worker/main.ts`, false)).toBe("worker");
    const installed = "/p/node_modules/azure-ml-workspaces-preview";
    expect(previewProcess(`/usr/bin/node -r ${installed}/boot/preload.js ${installed}/worker/main.ts`, false)).toBe("worker");
    const runPack = `${REPO}/node_modules/@pulumi/pulumi/cmd/run-policy-pack/index.js 127.0.0.1:0 .`;
    expect(previewProcess(`/usr/bin/node -r ${REPO}/tools/preview/policy/packPreload.js ${runPack}`, false)).toBe("pack");
    expect(previewProcess("/bin/sh -c trap '' INT TERM HUP", false)).toBe("other");
    // A project whose own path merely contains the words is not taken for a worker or a pack.
    expect(previewProcess("node /home/u/worker/mainframe.ts", false)).toBe("other");
    expect(previewProcess("node /home/u/run-policy-pack-notes.js", false)).toBe("other");
  });

  it("matches the files the check really starts: the worker entry the host forks and the pack script the SDK ships", () => {
    const workers = fs.readFileSync(path.join(REPO, "tools/preview/host/workers.ts"), "utf8");
    const forked = /fork\(path\.join\(__dirname, "([^"]+)"\)/.exec(workers)?.[1];
    expect(forked).toBeDefined();
    const entry = path.resolve(REPO, "tools/preview/host", forked!);
    expect(fs.existsSync(entry)).toBe(true);
    expect(previewProcess(`/usr/bin/node ${entry}`, false)).toBe("worker");
    const runPack = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), "cmd/run-policy-pack/index.js");
    expect(fs.existsSync(runPack)).toBe(true);
    expect(previewProcess(`/usr/bin/node ${runPack} 127.0.0.1:0 .`, false)).toBe("pack");
  });
});
