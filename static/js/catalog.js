// Catalogue enhancements; every page works without this file.
(function () {
  "use strict";

  // Dominant-colour placeholder behind a photo while it loads (CSSOM, allowed by the CSP).
  function paint(root) {
    root.querySelectorAll("img.js-placeholder[data-color]").forEach(function (img) {
      var color = img.getAttribute("data-color");
      if (/^#[0-9a-f]{6}$/i.test(color)) img.style.backgroundColor = color;
    });
  }

  // Currency picker: submit on change.
  function autosubmit(root) {
    root.querySelectorAll("select.js-autosubmit").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
  }

  // Too many photos picked at once: say so before uploading.
  function photoLimit(root) {
    root.querySelectorAll("input[type=file][data-max-files]").forEach(function (input) {
      input.addEventListener("change", function () {
        var max = parseInt(input.getAttribute("data-max-files"), 10);
        input.setCustomValidity(input.files.length > max ? input.getAttribute("data-max-message") : "");
        input.reportValidity();
      });
    });
  }

  // Photos still processing: look again in a few seconds.
  function pending(root) {
    if (root.querySelector(".js-pending")) {
      window.setTimeout(function () {
        // Never throw away what the vendor is typing.
        var active = document.activeElement;
        if (!active || active === document.body) window.location.reload();
      }, 4000);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    paint(document);
    autosubmit(document);
    photoLimit(document);
    pending(document);
  });
  document.addEventListener("htmx:afterSwap", function (event) { paint(event.target); });
})();
