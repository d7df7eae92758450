// The API documentation: what Swagger UI's markup lacks for screen readers, put right as it renders.
// Its tag headings are <h3> under the <h1> title: they are level 2 here (axe-core: heading-order); the
// title and the authorisation bar above its <main> get a landmark each (axe-core: region).
"use strict";
(function () {
  const root = document.getElementById("swagger-ui");
  if (!root) return;
  const mend = () => {
    root.querySelectorAll("h3.opblock-tag:not([aria-level])").forEach((h) => h.setAttribute("aria-level", "2"));
    root.querySelectorAll("section.models h4:not([aria-level])").forEach((h) => h.setAttribute("aria-level", "2"));
    // An opened operation's section titles (parameters, responses) sit under its tag heading.
    root.querySelectorAll(".opblock h4:not([aria-level])").forEach((h) => h.setAttribute("aria-level", "3"));
    root.querySelectorAll(".opblock h5:not([aria-level])").forEach((h) => h.setAttribute("aria-level", "4"));
    // A parameter's input has no label: its name is the row's parameter name.
    root.querySelectorAll("tr[data-param-name]").forEach((row) => {
      row.querySelectorAll("select:not([aria-label]), input:not([aria-label]), textarea:not([aria-label])").forEach(
        (field) => field.setAttribute("aria-label", row.getAttribute("data-param-name"))
      );
    });
    // Examples that scroll sideways can be reached and scrolled with the keyboard.
    root.querySelectorAll("pre:not([tabindex])").forEach((pre) => pre.setAttribute("tabindex", "0"));
    const landmarks = [
      [".information-container", "Om API-et"],
      [".scheme-container", "Autorisasjon"],
      ["section.models", "Skjemaer"],
    ];
    landmarks.forEach(([selector, label]) => {
      const element = root.querySelector(selector);
      if (element && !element.hasAttribute("role")) {
        element.setAttribute("role", "region");
        element.setAttribute("aria-label", label);
      }
    });
  };
  new MutationObserver(mend).observe(root, { childList: true, subtree: true });
  mend();
})();
