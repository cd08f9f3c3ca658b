// Initialise GOV.UK Frontend components, and again inside content that htmx swaps in.
import { initAll } from "/static/vendor/govuk-frontend/govuk-frontend.min.js";

initAll();
document.body.addEventListener("htmx:afterSettle", (event) => {
  try {
    initAll({ scope: event.target });
  } catch (error) {
    // Components already initialised in this scope throw; the page keeps working.
    console.debug(error);
  }
});
