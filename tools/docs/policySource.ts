import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

/**
 * What the policy objects do not carry, read from the pack's source without running it: each exported policy's
 * JSDoc tags (`@why`, `@configExample`) in `policies/rules/*.ts`, and the pack-wide default enforcement level that
 * `policies/index.ts` gives `new PolicyPack(...)` (importing index.ts would start the analyzer server).
 */

export interface PolicyDocTags {
  why?: string;
  configExample?: string;
}

/** JSDoc tags of every exported `const` in the given sources, by variable name. */
export function exportedConstTags(files: { fileName: string; text: string }[]): Map<string, PolicyDocTags> {
  const tags = new Map<string, PolicyDocTags>();
  for (const file of files) {
    const source = ts.createSourceFile(file.fileName, file.text, ts.ScriptTarget.ES2022, true);
    for (const statement of source.statements) {
      if (!ts.isVariableStatement(statement) || !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      for (const declaration of statement.declarationList.declarations) {
        if (!ts.isIdentifier(declaration.name)) continue;
        const found: PolicyDocTags = {};
        for (const tag of ts.getJSDocTags(declaration)) {
          const name = tag.tagName.text;
          if (name === "why" || name === "configExample") found[name] = oneLine(ts.getTextOfJSDocComment(tag.comment) ?? "");
        }
        tags.set(declaration.name.text, found);
      }
    }
  }
  return tags;
}

/** The `enforcementLevel` in the options object of `new PolicyPack(name, { ... })`. */
export function packEnforcementLevel(indexSource: string): string | undefined {
  const source = ts.createSourceFile("index.ts", indexSource, ts.ScriptTarget.ES2022, true);
  let level: string | undefined;
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && node.expression.getText(source) === "PolicyPack") {
      const options = node.arguments?.[1];
      if (options && ts.isObjectLiteralExpression(options)) {
        for (const property of options.properties) {
          if (
            ts.isPropertyAssignment(property) &&
            property.name.getText(source) === "enforcementLevel" &&
            ts.isStringLiteral(property.initializer)
          ) {
            level = property.initializer.text;
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return level;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/** Reads `<packDir>/rules/*.ts` and `<packDir>/index.ts`. */
export function readPackSource(packDir: string): { tags: Map<string, PolicyDocTags>; packLevel?: string } {
  const rulesDir = path.join(packDir, "rules");
  const files = fs
    .readdirSync(rulesDir)
    .filter((f) => f.endsWith(".ts"))
    .sort()
    .map((f) => ({ fileName: f, text: fs.readFileSync(path.join(rulesDir, f), "utf8") }));
  return { tags: exportedConstTags(files), packLevel: packEnforcementLevel(fs.readFileSync(path.join(packDir, "index.ts"), "utf8")) };
}
