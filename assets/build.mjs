// Builds the GOV.UK Frontend assets into build/static/safeguard, which collectstatic picks up.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
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
// The stylesheet refers to GOV.UK's images (the crest, for one), so they must exist; ours,
// copied second, replace the GOV.UK favicons: this is not a GOV.UK service.
cpSync(`${govuk}/assets/images`, `${out}/images`, { recursive: true });
cpSync("assets/images", `${out}/images`, { recursive: true });
console.log(`built ${out}`);
