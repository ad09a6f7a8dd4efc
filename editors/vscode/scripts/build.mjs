// Bundles the extension into one CommonJS file so the .vsix needs no node_modules.
// `vscode` is provided by the editor at run time and must stay external.
import * as esbuild from "esbuild";

const production = process.argv.includes("--production") || process.env.NODE_ENV === "production";

await esbuild.build({
  entryPoints: ["src/extension.ts"],
  bundle: true,
  outfile: "dist/extension.js",
  external: ["vscode"],
  format: "cjs",
  platform: "node",
  target: "node18",
  sourcemap: !production,
  minify: production,
  logLevel: "info",
});
