// Product gallery enhancements; the strip swipes and the links work without this file.
// - a numbered anchor scrolls the strip to its photo without jumping the page, and the anchor
//   of the photo in view is marked current;
// - a photo opens full size in a dialog instead of leaving the page.
(function () {
  "use strict";

  function slideIndex(strip) {
    var slides = strip.children;
    var left = strip.getBoundingClientRect().left;
    var best = 0;
    var bestDistance = Infinity;
    for (var i = 0; i < slides.length; i++) {
      var distance = Math.abs(slides[i].getBoundingClientRect().left - left);
      if (distance < bestDistance) { best = i; bestDistance = distance; }
    }
    return best;
  }

  function markCurrent(gallery, strip) {
    var index = slideIndex(strip);
    gallery.querySelectorAll("[data-gallery-thumb]").forEach(function (thumb, i) {
      if (i === index) thumb.setAttribute("aria-current", "true");
      else thumb.removeAttribute("aria-current");
    });
  }

  function dialogFor(gallery) {
    var dialog = gallery.querySelector(".gallery-dialog");
    if (dialog) return dialog;
    dialog = document.createElement("dialog");
    dialog.className = "gallery-dialog";
    dialog.setAttribute("aria-label", gallery.getAttribute("aria-label") || "");
    var close = document.createElement("button");
    close.type = "button";
    close.className = "btn btn--small btn--secondary gallery-dialog__close";
    close.textContent = gallery.getAttribute("data-close-label") || "×";
    close.addEventListener("click", function () { dialog.close(); });
    var img = document.createElement("img");
    img.alt = "";
    dialog.appendChild(close);
    dialog.appendChild(img);
    // A click on the backdrop (outside the picture) closes the dialog.
    dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
    gallery.appendChild(dialog);
    return dialog;
  }

  function setUp(gallery) {
    var strip = gallery.querySelector(".gallery__strip");
    if (!strip) return;
    gallery.querySelectorAll("[data-gallery-thumb]").forEach(function (thumb) {
      thumb.addEventListener("click", function (event) {
        var target = document.getElementById(thumb.getAttribute("href").slice(1));
        if (!target) return;
        event.preventDefault();
        strip.scrollTo({ left: target.offsetLeft, behavior: "smooth" });  // the strip is positioned
      });
    });
    var pending = null;
    strip.addEventListener("scroll", function () {
      window.clearTimeout(pending);
      pending = window.setTimeout(function () { markCurrent(gallery, strip); }, 80);
    }, { passive: true });

    if (typeof HTMLDialogElement === "undefined") return;
    gallery.querySelectorAll("[data-gallery-full]").forEach(function (link) {
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return;  // a new tab, as asked
        event.preventDefault();
        var dialog = dialogFor(gallery);
        var img = dialog.querySelector("img");
        img.src = link.getAttribute("href");
        img.alt = link.getAttribute("data-alt") || "";
        dialog.showModal();
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".gallery").forEach(setUp);
  });
})();
