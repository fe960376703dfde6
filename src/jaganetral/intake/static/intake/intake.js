/* Public reporting pages: small enhancements; every page works without this file. */
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") { fn(); } else { document.addEventListener("DOMContentLoaded", fn); }
  }
  ready(function () {
    // The list of errors at the top of the form: focus it, and let each link focus its field.
    var summary = document.querySelector(".error-summary");
    if (summary) {
      summary.focus();
      summary.addEventListener("click", function (event) {
        var link = event.target.closest("a[href^='#']");
        if (!link) { return; }
        var field = document.getElementById(link.getAttribute("href").slice(1));
        if (!field) { return; }
        event.preventDefault();
        var details = field.closest("details");
        if (details) { details.open = true; }
        (field.closest("label") || field).scrollIntoView({ block: "start" });
        field.focus({ preventScroll: true });
      });
    }
    // The receipt: a copy button (without JavaScript the code is plain, selectable text).
    document.querySelectorAll("[data-copy]").forEach(function (button) {
      var source = document.getElementById(button.getAttribute("data-copy"));
      if (!source || !navigator.clipboard) { return; }
      button.hidden = false;
      button.addEventListener("click", function () {
        var done = document.getElementById(button.getAttribute("data-copy") + "-copied");
        navigator.clipboard.writeText(source.textContent.trim()).then(function () {
          if (done) { done.hidden = false; }
        }, function () {
          window.getSelection().selectAllChildren(source);
        });
      });
    });
  });
})();
