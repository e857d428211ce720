// HashiCorp's HCL tools on Terraform files: for each path given, parse it with @cdktf/hcl2json
// (HCL's own parser compiled to WebAssembly) and format it with @cdktf/hcl-tools (hclwrite.Format,
// what `terraform fmt` runs). Prints one JSON object: { path: { json, formatted } }, where
// `formatted` tells whether the file is already as hclwrite would lay it out. Exit 1 on a parse error.
import { parse } from "../e2e/node_modules/@cdktf/hcl2json/lib/index.js";
import { format } from "../e2e/node_modules/@cdktf/hcl-tools/src/index.js";
import { readFileSync } from "node:fs";

const out = {};
for (const path of process.argv.slice(2)) {
  const src = readFileSync(path, "utf8");
  try {
    out[path] = { json: await parse(path, src), formatted: (await format(src)) === src };
  } catch (e) {
    console.error(`${path}: ${e}`);
    process.exit(1);
  }
}
process.stdout.write(JSON.stringify(out));
