// Search suggestions as you type: the ARIA combobox pattern (list autocomplete) over the listbox
// that htmx replaces with /<lang>/products/suggest/'s (templates/catalog/partials/suggestions.html).
// Arrow keys move through the options, Enter opens the chosen one, Escape closes the list; the
// count is announced by the polite live region the fragment updates. Without this file (or
// without JavaScript) the search box is a plain search field of the catalogue form.
(function () {
  "use strict";

  function setup(input) {
    var listboxId = input.getAttribute("aria-controls");
    if (!document.getElementById(listboxId) || input.getAttribute("data-suggest-ready")) return;
    input.setAttribute("data-suggest-ready", "true");
    var active = -1;

    // htmx swaps the whole listbox: always look it up by its id.
    function listbox() {
      return document.getElementById(listboxId);
    }

    function options() {
      var box = listbox();
      return box ? box.querySelectorAll('[role="option"]') : [];
    }

    function highlight(index) {
      var all = options();
      active = index;
      for (var i = 0; i < all.length; i++) {
        all[i].setAttribute("aria-selected", i === index ? "true" : "false");
      }
      if (index >= 0 && all[index]) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function show(open) {
      var box = listbox();
      var expanded = Boolean(box) && open && options().length > 0;
      if (box) box.hidden = !expanded;
      input.setAttribute("aria-expanded", expanded ? "true" : "false");
      if (!expanded) highlight(-1);
    }

    function choose(option) {
      var href = option.getAttribute("data-href");
      // Only a path of this site (the server writes them; never follow anything else).
      if (href && href.charAt(0) === "/" && href.charAt(1) !== "/") window.location.assign(href);
    }

    input.addEventListener("keydown", function (event) {
      var all = options();
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (!all.length) return;
        event.preventDefault();
        if (listbox().hidden) show(true);
        var next = active + (event.key === "ArrowDown" ? 1 : -1);
        if (next >= all.length) next = 0;
        if (next < 0) next = all.length - 1;
        highlight(next);
      } else if (event.key === "Enter") {
        if (!listbox().hidden && active >= 0 && all[active]) {
          event.preventDefault(); // the chosen suggestion, not a search for the typed words
          choose(all[active]);
        } else {
          show(false); // the form searches for what was typed
        }
      } else if (event.key === "Escape") {
        if (!listbox().hidden) {
          event.preventDefault();
          show(false);
        }
      }
    });
    input.addEventListener("blur", function () { show(false); });
    function inListbox(event) {
      var box = listbox();
      return box && box.contains(event.target) ? event.target.closest('[role="option"]') : null;
    }
    // A click on an option must not take the focus away from the box first.
    document.addEventListener("mousedown", function (event) {
      if (listbox() && listbox().contains(event.target)) event.preventDefault();
    });
    document.addEventListener("click", function (event) {
      var option = inListbox(event);
      if (option) choose(option);
    });
    // The new listbox arrives hidden: show it while the buyer is still in the box.
    document.addEventListener("htmx:afterSwap", function (event) {
      if (!event.target || event.target.id !== listboxId) return;
      active = -1;
      input.removeAttribute("aria-activedescendant");
      show(document.activeElement === input);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll('input[role="combobox"][aria-controls]').forEach(setup);
  });
})();
