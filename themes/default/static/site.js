// authorsite: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  var doc = document.documentElement;
  doc.classList.add("js");

  // Opened from disk (file://), folder links need their index.html spelled out.
  if (location.protocol === "file:") {
    document.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (!/^[a-z]+:|^\/\/|^#/i.test(href) && /\/$|^\.$|^\.\.$/.test(href.split(/[?#]/)[0])) {
        a.setAttribute("href", href.replace(/\/?([?#].*)?$/, "/index.html$1"));
      }
    });
  }

  // Long abstracts fold to three lines with a button to unfold them.
  document.querySelectorAll(".abstract.long").forEach(function (box, i) {
    box.classList.add("folded");
    box.id = box.id || "abstract-" + i;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "more";
    button.textContent = "Show more";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", box.id);
    button.addEventListener("click", function () {
      var folded = box.classList.toggle("folded");
      button.textContent = folded ? "Show more" : "Show less";
      button.setAttribute("aria-expanded", String(!folded));
    });
    box.after(button);
  });

  // "Copy BibTeX" buttons.
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    if (!source || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Copy BibTeX"; }, 1500);
      });
    });
  });
})();
