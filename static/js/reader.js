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

  // What the script says comes from the page, in its language (data-say-* on the text).
  function say(key, words) {
    var body = articleBody();
    var text = (body && body.getAttribute("data-say-" + key)) || "";
    return text.replace("{words}", words || "");
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
        hint(say("idle"));
      }
      return;
    }
    var range = selection.getRangeAt(0);
    if (body.contains(range.startContainer) && body.contains(range.endContainer)) {
      chosen = range.cloneRange();
      hint(say("selected", shorten(range.toString())));
    }
  });

  document.addEventListener("submit", function (event) {
    var form = event.target.closest("form[data-add-claim]");
    if (!form) return;
    var body = articleBody();
    if (!chosen || !body || !body.contains(chosen.startContainer)) {
      event.preventDefault();
      hint(say("nothing"));
      return;
    }
    var start = position(body, chosen.startContainer, chosen.startOffset);
    var end = position(body, chosen.endContainer, chosen.endOffset);
    if (end <= start) {
      event.preventDefault();
      hint(say("nothing"));
      return;
    }
    form.elements.start.value = String(start);
    form.elements.end.value = String(end);
  });

  function light(claimId, on) {
    var marks = document.querySelectorAll('mark[data-claim-id="' + claimId + '"]');
    for (var i = 0; i < marks.length; i++) marks[i].classList.toggle("is-linked", on);
  }

  // --- The keyboard route to "Add claim" -------------------------------------------------

  // The text node and offset at a character offset of the article text.
  function pointAt(body, offset) {
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    var seen = 0;
    for (var node = walker.nextNode(); node; node = walker.nextNode()) {
      if (seen + node.data.length >= offset) return { node: node, offset: offset - seen };
      seen += node.data.length;
    }
    return null;
  }

  function choose(body, start, end) {
    var from = pointAt(body, start);
    var to = pointAt(body, end);
    if (!from || !to) return;
    var range = document.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    var selection = document.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    chosen = range.cloneRange();
    hint(say("selected", shorten(range.toString())));
    var el = from.node.parentElement;
    if (el) el.scrollIntoView({ block: "center" });
  }

  // "Find words to add": Enter selects the next place the words appear in the text.
  var lastFound = -1;
  document.addEventListener("keydown", function (event) {
    var field = event.target.closest && event.target.closest("[data-find-words]");
    if (!field || event.key !== "Enter") return;
    event.preventDefault(); // Enter finds; it does not submit the Add claim form
    var body = articleBody();
    var wanted = field.value.trim().toLowerCase();
    if (!body || !wanted) return;
    var text = body.textContent.toLowerCase();
    var at = text.indexOf(wanted, lastFound + 1);
    if (at < 0) at = text.indexOf(wanted);
    if (at < 0) {
      hint(say("missing", shorten(field.value)));
      return;
    }
    lastFound = at;
    choose(body, at, at + wanted.length);
  });

  // With the caret in the text (caret browsing, F7), "s" selects the sentence around it.
  var SENTENCE_END = /[.!?]["\u201d\u2019)]*(?=\s|$)|\n/g;
  function selectSentence() {
    var body = articleBody();
    var selection = document.getSelection();
    if (!body || !selection || selection.rangeCount === 0) return false;
    if (!body.contains(selection.anchorNode)) return false;
    var caret = position(body, selection.anchorNode, selection.anchorOffset);
    var text = body.textContent;
    var start = 0;
    var end = text.length;
    SENTENCE_END.lastIndex = 0;
    for (var m = SENTENCE_END.exec(text); m; m = SENTENCE_END.exec(text)) {
      var after = m.index + m[0].length;
      if (after <= caret) start = after;
      else {
        end = after;
        break;
      }
    }
    while (start < end && /\s/.test(text[start])) start++;
    if (end <= start) return false;
    choose(body, start, end);
    return true;
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "s" || event.ctrlKey || event.metaKey || event.altKey) return;
    var t = event.target;
    if (t.closest && t.closest("input, textarea, select, [contenteditable]")) return;
    if (selectSentence()) event.preventDefault();
  });

  // --- Highlights: a click shows the claim; Enter on a focused one opens it --------------

  function show(mark) {
    var id = mark.getAttribute("data-claim-id");
    var item = document.getElementById("claim-" + id);
    var box = document.querySelector("[data-current-claim]");
    if (!item || !box) return;
    var current = document.querySelectorAll(".claim-item.is-current, mark.is-current");
    for (var i = 0; i < current.length; i++) current[i].classList.remove("is-current");
    item.classList.add("is-current");
    var marks = document.querySelectorAll('mark[data-claim-id="' + id + '"]');
    for (var j = 0; j < marks.length; j++) marks[j].classList.add("is-current");
    // Bring the entry up in the side panel when it scrolls on its own (wide screens);
    // on a phone the list is far below, and the box above the text says it instead.
    var panel = item.closest(".claims-panel");
    if (panel && panel.scrollHeight > panel.clientHeight + 1) {
      panel.scrollTop = item.offsetTop - panel.offsetTop - panel.clientHeight / 3;
    }
    var link = item.querySelector("a");
    var badge = item.querySelector(".badge");
    box.textContent = "";
    var label = document.createElement("strong");
    label.textContent = (badge ? badge.textContent : say("claim")) + ": ";
    box.appendChild(label);
    box.appendChild(document.createTextNode((link ? link.textContent : "") + " "));
    if (link) {
      var open = document.createElement("a");
      open.href = link.getAttribute("href");
      open.textContent = say("open");
      box.appendChild(open);
    }
    box.hidden = false;
  }

  document.addEventListener("click", function (event) {
    var mark = event.target.closest && event.target.closest("mark[data-claim-id]");
    if (!mark) return;
    var selection = document.getSelection();
    if (selection && !selection.isCollapsed) return; // they are selecting, not pointing
    show(mark);
  });

  document.addEventListener("keydown", function (event) {
    var mark = event.target.closest && event.target.closest("mark[data-claim-id]");
    if (!mark || event.key !== "Enter") return;
    var item = document.getElementById("claim-" + mark.getAttribute("data-claim-id"));
    var link = item && item.querySelector("a");
    if (link) {
      event.preventDefault();
      window.location.href = link.href;
    }
  });

  // Pointing at or tabbing to a claim in the list shows where it is in the text; tabbing
  // to a highlight shows which claim it is.
  document.addEventListener("focusin", function (event) {
    var mark = event.target.closest && event.target.closest("mark[data-claim-id]");
    if (mark) show(mark);
  });
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
