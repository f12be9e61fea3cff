// Draws each chart live with vega-embed where JavaScript runs; the server's SVG and the data
// table beside it stay for everyone else (and the table stays for everyone).
import { expressionInterpreter } from "./vega-interpreter.mjs";

for (const figure of document.querySelectorAll("[data-vega-lite]")) {
  const spec = JSON.parse(figure.querySelector("script[type='application/json']").textContent);
  const live = figure.querySelector(".app-chart__live");
  // Vega's own ARIA marks each layer; the chart is one image, labelled as the server's is,
  // and its data table beside it is the accessible version.
  spec.config = { ...spec.config, aria: false };
  const label = figure.querySelector(".app-chart__static svg")?.getAttribute("aria-label");
  live.setAttribute("role", "img");
  if (label) live.setAttribute("aria-label", label);
  window
    .vegaEmbed(live, spec, {
      ast: true,
      expr: expressionInterpreter,
      actions: false,
      tooltip: false, // its handler adds a style element, which the policy refuses
      renderer: "svg",
      defaultStyle: false,
    })
    .then(() => {
      live.querySelector("svg")?.setAttribute("aria-hidden", "true");
      for (const layer of live.querySelectorAll("svg *")) {
        for (const name of ["role", "aria-label", "aria-roledescription", "aria-hidden"]) {
          layer.removeAttribute(name);
        }
      }
      figure.classList.add("app-chart--live");
    })
    .catch(() => live.replaceChildren());
}
