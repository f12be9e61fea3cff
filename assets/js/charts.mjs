// Draws each chart live with vega-embed where JavaScript runs; the server's SVG and the data
// table beside it stay for everyone else (and the table stays for everyone).
import { expressionInterpreter } from "./vega-interpreter.mjs";

for (const figure of document.querySelectorAll("[data-vega-lite]")) {
  const spec = JSON.parse(figure.querySelector("script[type='application/json']").textContent);
  const live = figure.querySelector(".app-chart__live");
  window
    .vegaEmbed(live, spec, {
      ast: true,
      expr: expressionInterpreter,
      actions: false,
      renderer: "svg",
      defaultStyle: false,
    })
    .then(() => figure.classList.add("app-chart--live"))
    .catch(() => live.replaceChildren());
}
