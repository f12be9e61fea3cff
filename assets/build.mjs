// Builds the GOV.UK Frontend assets into build/static/safeguard, which collectstatic picks up.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { compile } from "sass";

const out = "build/static/safeguard";
mkdirSync(out, { recursive: true });

const css = compile("assets/scss/main.scss", {
  loadPaths: ["node_modules"],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(`${out}/main.css`, css.css);

const govuk = "node_modules/govuk-frontend/dist/govuk";
cpSync(`${govuk}/govuk-frontend.min.js`, `${out}/govuk-frontend.min.js`);
cpSync("assets/js/init.mjs", `${out}/init.mjs`);
cpSync("assets/js/charts.mjs", `${out}/charts.mjs`);
// Vega draws the scorecard's charts in the page. Its expression interpreter replaces the
// code generation that the content security policy (no eval) would refuse; it is published
// as a module importing vega-util, which the vega bundle already exposes as a global.
for (const file of ["vega/build/vega.min.js", "vega-lite/build/vega-lite.min.js",
  "vega-embed/build/vega-embed.min.js"]) {
  const name = file.split("/").pop();
  cpSync(`node_modules/${file}`, `${out}/${name}`);
  // collectstatic follows each file's source map reference, so the maps come too.
  if (existsSync(`node_modules/${file}.map`)) cpSync(`node_modules/${file}.map`, `${out}/${name}.map`);
}
const interpreter = readFileSync("node_modules/vega-interpreter/build/vega-interpreter.js", "utf8");
const vegaUtil = "import { ascending, isString, DisallowedObjectProperties } from 'vega-util';";
if (!interpreter.includes(vegaUtil)) throw new Error("vega-interpreter's imports have changed");
writeFileSync(
  `${out}/vega-interpreter.mjs`,
  interpreter.replace(
    vegaUtil,
    "const { ascending, isString, DisallowedObjectProperties } = globalThis.vega;",
  ),
);
// The stylesheet refers to GOV.UK's images (the crest, for one), so they must exist; ours,
// copied second, replace the GOV.UK favicons: this is not a GOV.UK service.
cpSync(`${govuk}/assets/images`, `${out}/images`, { recursive: true });
cpSync("assets/images", `${out}/images`, { recursive: true });
console.log(`built ${out}`);
