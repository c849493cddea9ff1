// "Copy link" on the product page: copies the address instead of following it. Without this
// file (or without the clipboard) the button is a plain link to the same address.
(function () {
  "use strict";
  document.querySelectorAll("a.js-copy-link").forEach(function (link) {
    if (!navigator.clipboard) return;
    link.addEventListener("click", function (event) {
      event.preventDefault();
      navigator.clipboard.writeText(link.href).then(function () {
        var status = link.parentNode.querySelector(".share__status");
        if (status) status.textContent = link.getAttribute("data-copied");
      }, function () { window.location.href = link.href; });
    });
  });
})();
