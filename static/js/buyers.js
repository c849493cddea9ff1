// Buyer profile: pre-select the browser's time zone (Intl) when the profile is new or has none;
// a zone missing from the list of common ones is added to it (the server accepts any IANA zone).
(function () {
  "use strict";
  function fill() {
    var field = document.querySelector("[data-browser-time-zone]");
    if (!field || field.dataset.touched) return;
    var zone;
    try {
      zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    } catch (e) {
      return;
    }
    // Only replace the site default for a new profile, never a zone the person chose.
    if (!zone || (field.value && field.form.dataset.newProfile !== "1")) return;
    if (field.tagName === "SELECT") {
      var known = Array.prototype.some.call(field.options, function (option) {
        return option.value === zone;
      });
      if (!known) field.add(new Option(zone, zone), 0);
    }
    field.value = zone;
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", fill);
  } else {
    fill();
  }
})();
