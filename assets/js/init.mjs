// Loaded as a module, so browsers without module support keep the no-JavaScript experience.
import { initAll } from "./govuk-frontend.min.js";

initAll();
