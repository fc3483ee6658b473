/**
 * The check as its own package, used from another directory: laid out as `npm install <path of tools/preview>` lays
 * it out (the package linked into node_modules, its `bin` in node_modules/.bin), run from outside this checkout.
 * A whole preview from outside is in engineFidelity.test.ts; here only the package's wiring (cheap: no program runs).
 */
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { REPO_ROOT, type CliRun } from "../../previewCli";

const PACKAGE = path.join(REPO_ROOT, "tools/preview");
const manifest = JSON.parse(fs.readFileSync(path.join(PACKAGE, "package.json"), "utf8")) as { name: string; bin: Record<string, string> };
const outside = fs.mkdtempSync(path.join(os.tmpdir(), "preview-bin-"));
afterAll(() => fs.rmSync(outside, { recursive: true, force: true }));

function runBin(args: string[]): Promise<CliRun> {
  const [[name, target]] = Object.entries(manifest.bin);
  fs.mkdirSync(path.join(outside, "node_modules/.bin"), { recursive: true });
  const linked = path.join(outside, "node_modules", manifest.name);
  if (!fs.existsSync(linked)) fs.symlinkSync(PACKAGE, linked);
  const bin = path.join(outside, "node_modules/.bin", name);
  if (!fs.existsSync(bin)) fs.symlinkSync(path.join("..", manifest.name, target), bin);
  return new Promise((resolve) =>
    execFile(bin, args, { cwd: outside }, (err, stdout, stderr) => resolve({ code: err ? Number(err.code) : 0, stdout, stderr })),
  );
}

describe("the azure-ml-workspaces-preview bin, from another directory", () => {
  it("prints the help and refuses a directory without a Pulumi project in one line, exit 2", async () => {
    const help = await runBin(["--help"]);
    expect(help).toMatchObject({ code: 0, stderr: "" });
    expect(help.stdout).toMatch(/^usage: npm run preview -- .*\n[^]*Exit codes:/);
    const empty = await runBin(["--cwd", outside, "--no-policy"]);
    expect(empty).toEqual({ code: 2, stdout: "", stderr: `error: no Pulumi.yaml in ${outside}\n` });
  });
});
