// Pivot workbench: small progressive enhancements. Every page works without this file.
// The narrative editor keeps its highlight layer (under the transparent textarea) the same
// size and scroll position as the textarea, hides stale underlines while typing, and drops a
// lint response that arrives after further typing (a newer one is on its way).
(function () {
  "use strict";
  var lastInput = 0;
  var sentAt = 0;

  function parts() {
    var ta = document.getElementById("narrative-body");
    var layer = document.getElementById("highlights");
    return ta && layer ? { ta: ta, layer: layer, backdrop: layer.parentElement } : null;
  }

  function sync() {
    var p = parts();
    if (!p) return;
    p.ta.classList.add("grow");
    p.ta.style.height = "auto";
    p.ta.style.height = p.ta.scrollHeight + 4 + "px";
    p.backdrop.scrollTop = p.ta.scrollTop;
    p.backdrop.scrollLeft = p.ta.scrollLeft;
  }

  document.addEventListener("input", function (e) {
    if (e.target.id !== "narrative-body") return;
    lastInput = performance.now();
    var p = parts();
    if (p) {
      // The underlines belong to the old text: show the text plain until the new ones come.
      p.layer.textContent = p.ta.value + (p.ta.value.slice(-1) === "\n" ? " " : "");
    }
    var dirty = document.getElementById("unsaved");
    if (dirty) dirty.hidden = false;
    sync();
  });
  document.addEventListener("scroll", function (e) {
    if (e.target && e.target.id === "narrative-body") sync();
  }, true);
  document.addEventListener("htmx:beforeRequest", function (e) {
    if (e.detail.elt && e.detail.elt.id === "narrative-body") sentAt = performance.now();
  });
  document.addEventListener("htmx:beforeSwap", function (e) {
    var elt = e.detail.requestConfig && e.detail.requestConfig.elt;
    if (elt && elt.id === "narrative-body" && lastInput > sentAt) e.detail.shouldSwap = false;
  });
  document.addEventListener("htmx:afterSettle", sync);
  window.addEventListener("resize", sync);
  document.addEventListener("DOMContentLoaded", sync);

  // Forms that destroy something ask first.
  document.addEventListener("submit", function (e) {
    var message = e.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) e.preventDefault();
  });
})();
