// The article reader: turns a text selection into character offsets for "Add claim", and
// ties each highlight to its entry in the claims list. A file, not an inline script: the
// CSP allows no inline code. Listeners sit on the document so they survive the htmx swaps
// that bring the claims in while extraction runs.
(function () {
  "use strict";

  var chosen = null; // the last selection made inside the article text, as a Range

  function articleBody() {
    return document.querySelector("[data-article-body]");
  }

  function hint(text) {
    var el = document.querySelector("[data-selection-hint]");
    if (el) el.textContent = text;
  }

  // Offset of (node, offset) in the article text: the segment's own start (data-start),
  // plus the length of the text before the point inside that segment.
  function position(body, node, offset) {
    var el = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    var segment = el && el.closest("[data-start]");
    var from = segment && body.contains(segment) ? segment : body;
    var before = document.createRange();
    before.setStart(from, 0);
    before.setEnd(node, offset);
    var base = from === body ? 0 : parseInt(from.getAttribute("data-start"), 10);
    return base + before.toString().length;
  }

  function shorten(text) {
    text = text.replace(/\s+/g, " ").trim();
    return text.length > 90 ? text.slice(0, 89) + "…" : text;
  }

  document.addEventListener("selectionchange", function () {
    var body = articleBody();
    var selection = document.getSelection();
    if (!body || !selection || selection.rangeCount === 0) return;
    if (selection.isCollapsed) {
      // A click in the text drops the selection; a click on the button does not.
      if (body.contains(selection.anchorNode)) {
        chosen = null;
        hint("Select words in the text, then press Add claim.");
      }
      return;
    }
    var range = selection.getRangeAt(0);
    if (body.contains(range.startContainer) && body.contains(range.endContainer)) {
      chosen = range.cloneRange();
      hint("Selected: “" + shorten(range.toString()) + "”");
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-add-claim]");
    if (!form) return;
    var body = articleBody();
    if (!chosen || !body || !body.contains(chosen.startContainer)) {
      event.preventDefault();
      hint("Select some words of the article first, then press Add claim.");
      return;
    }
    var start = position(body, chosen.startContainer, chosen.startOffset);
    var end = position(body, chosen.endContainer, chosen.endOffset);
    if (end <= start) {
      event.preventDefault();
      hint("Select some words of the article first, then press Add claim.");
      return;
    }
    form.elements.start.value = String(start);
    form.elements.end.value = String(end);
  });

  function light(claimId, on) {
    var marks = document.querySelectorAll('mark[data-claim-id="' + claimId + '"]');
    for (var i = 0; i < marks.length; i++) marks[i].classList.toggle("is-linked", on);
  }

  // Clicking a highlight brings its claim up in the list, ready to open.
  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest("mark[data-claim-id]");
    if (!mark) return;
    var selection = document.getSelection();
    if (selection && !selection.isCollapsed) return; // they are selecting, not pointing
    var item = document.getElementById("claim-" + mark.getAttribute("data-claim-id"));
    if (!item) return;
    var current = document.querySelectorAll(".claim-item.is-current");
    for (var i = 0; i < current.length; i++) current[i].classList.remove("is-current");
    item.classList.add("is-current");
    item.scrollIntoView({ block: "nearest", behavior: "smooth" });
    var link = item.querySelector("a");
    if (link) link.focus({ preventScroll: true });
  });

  // Pointing at or tabbing to a claim in the list shows where it is in the text.
  ["mouseover", "focusin"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var item = event.target.closest && event.target.closest(".claim-item[data-claim-id]");
      if (item) light(item.getAttribute("data-claim-id"), true);
    });
  });
  ["mouseout", "focusout"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var item = event.target.closest && event.target.closest(".claim-item[data-claim-id]");
      if (item) light(item.getAttribute("data-claim-id"), false);
    });
  });
})();
