/*
 * mkdocs-listtable: a table's scroll region is a keyboard stop and a landmark
 * only while the table is wider than it.
 *
 * The page is built with every region focusable and named (role="region"),
 * so that without this script every table can still be scrolled from the
 * keyboard. Here a region whose table fits lays those attributes aside (as
 * data-listtable-* attributes) and takes them back when it overflows again:
 * on a narrower window, or once the web fonts have loaded.
 */
(function () {
  "use strict";

  var NAMES = ["tabindex", "role", "aria-label", "aria-labelledby"];

  function update(region) {
    var scrolls = region.scrollWidth > region.clientWidth + 1;
    NAMES.forEach(function (name) {
      var kept = "data-listtable-" + name;
      var from = scrolls ? kept : name;
      var to = scrolls ? name : kept;
      if (region.hasAttribute(from)) {
        region.setAttribute(to, region.getAttribute(from));
        region.removeAttribute(from);
      }
    });
  }

  var observer =
    "ResizeObserver" in window
      ? new ResizeObserver(function (entries) {
          entries.forEach(function (entry) {
            var region = entry.target.closest(".listtable__scroll");
            if (region) update(region);
          });
        })
      : null;

  function setup() {
    document.querySelectorAll(".listtable > .listtable__scroll").forEach(function (region) {
      update(region);
      if (observer) {
        observer.observe(region);
        var table = region.querySelector("table");
        if (table) observer.observe(table);
      }
    });
  }

  // Material's instant navigation swaps pages without loading them: it announces each on document$.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
