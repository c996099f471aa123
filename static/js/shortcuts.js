// Single-key shortcuts, declared in the page: an element with data-shortcut="k" is acted on
// when k is pressed (a link is followed, a button pressed, a field or a form focused, its
// <details> opened). "?" shows the list (the page's <dialog id="shortcuts">). None fires
// while the person types in a field, or with Ctrl, Alt or Meta held (the browser's own).
(function () {
  "use strict";

  function typing(target) {
    return target.closest && target.closest("input, textarea, select, [contenteditable]");
  }

  function act(el) {
    if (el.matches("a[href], button")) {
      el.click();
      return;
    }
    var details = el.matches("details") ? el : el.closest("details");
    if (details) details.open = true;
    var field = el.matches("input, select, textarea")
      ? el
      : el.querySelector("input:not([type=hidden]), select, textarea, button");
    if (field) {
      field.focus();
      field.scrollIntoView({ block: "center" });
    }
  }

  function toggleHelp() {
    var help = document.getElementById("shortcuts");
    if (!help) return false;
    if (help.open) help.close();
    else help.showModal();
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing(event.target)) return;
    if (event.key === "?") {
      if (toggleHelp()) event.preventDefault();
      return;
    }
    var help = document.getElementById("shortcuts");
    if (help && help.open) return;
    var key = event.key.length === 1 ? event.key : "";
    if (!key) return;
    var target = document.querySelector('[data-shortcut="' + CSS.escape(key) + '"]');
    if (!target) return;
    event.preventDefault();
    act(target);
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-open-shortcuts]")) toggleHelp();
  });
})();
