// Buyer profile: fill an empty or default time zone from the browser (the field stays editable).
(function () {
  "use strict";
  function fill() {
    var field = document.querySelector("input[data-browser-time-zone]");
    if (!field || field.dataset.touched) return;
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
      return;
    }
    // Only replace the site default for a new profile, never a zone the person chose.
    if (zone && (!field.value || field.form.dataset.newProfile === "1")) {
      field.value = zone;
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fill);
  } else {
    fill();
  }
})();
