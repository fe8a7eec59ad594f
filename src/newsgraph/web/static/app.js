// newsgraph UI: show what was extracted behind a highlight. No inline scripts; text only.
"use strict";
(function () {
  function showFact(span) {
    var box = document.getElementById("fact-box");
    if (!box) { return; }
    while (box.firstChild) { box.removeChild(box.firstChild); }
    var kind = document.createElement("div");
    kind.className = "kind";
    kind.textContent = span.getAttribute("data-kind") || "";
    var words = document.createElement("div");
    words.className = "words";
    words.textContent = "“" + span.textContent + "”";
    var info = document.createElement("div");
    info.className = "info";
    info.textContent = span.getAttribute("data-info") || "";
    box.appendChild(kind);
    box.appendChild(words);
    box.appendChild(info);
    var href = span.getAttribute("data-href");
    if (href && href.charAt(0) === "/" && href.charAt(1) !== "/") {
      var link = document.createElement("a");
      link.href = href;
      link.className = "follow";
      link.textContent = "Open entity page →";
      box.appendChild(link);
    }
    box.hidden = false;
  }
  function factFrom(event) {
    var target = event.target;
    return target && target.closest ? target.closest(".body .hl") : null;
  }
  document.addEventListener("DOMContentLoaded", function () {
    var body = document.getElementById("article-body");
    if (!body) { return; }
    body.addEventListener("mouseover", function (e) { var s = factFrom(e); if (s) { showFact(s); } });
    body.addEventListener("click", function (e) { var s = factFrom(e); if (s) { showFact(s); } });
    body.addEventListener("focusin", function (e) { var s = factFrom(e); if (s) { showFact(s); } });
    body.addEventListener("keydown", function (e) {
      var s = factFrom(e);
      if (s && e.key === "Enter" && s.getAttribute("data-href")) {
        var href = s.getAttribute("data-href");
        if (href.charAt(0) === "/" && href.charAt(1) !== "/") { window.location.assign(href); }
      }
    });
  });
})();
