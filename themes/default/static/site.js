// authorsite: small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  var doc = document.documentElement;
  doc.classList.add("js");
  var thisScript = document.currentScript; // this script's element, while it runs

  // The words this script shows: English, or the site's language's, which the page passes
  // as JSON in this script element's data-words (text only: shown with textContent).
  var phrases = {
    show_more: "Show more",
    show_less: "Show less",
    copied_status: "BibTeX copied to the clipboard.",
    copied: "Copied",
    copy_bibtex: "Copy BibTeX",
    copy_failed: "Could not copy; select the text above instead.",
    showing_all: "Showing all {n} papers",
    showing_some: "Showing {shown} of {n} papers"
  };
  try {
    var given = JSON.parse((thisScript && thisScript.getAttribute("data-words")) || "{}");
    Object.keys(phrases).forEach(function (key) {
      if (typeof given[key] === "string") phrases[key] = given[key];
    });
  } catch (e) { /* unreadable: the English words */ }
  function fill(text, values) {
    return text.replace(/\{([a-z_]+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }

  // Opened from disk (file://), folder links need their index.html spelled out.
  if (location.protocol === "file:") {
    document.querySelectorAll("a[href]").forEach(function (a) {
      var href = a.getAttribute("href");
      if (!/^[a-z]+:|^\/\/|^#/i.test(href) && /\/$|^\.$|^\.\.$/.test(href.split(/[?#]/)[0])) {
        a.setAttribute("href", href.replace(/\/?([?#].*)?$/, "/index.html$1"));
      }
    });
  }

  // Theme: the system's preference unless the reader chose one (remembered; the inline
  // script in <head> applies it before the first paint).
  var KEY = "authorsite-theme";
  var toggle = document.querySelector(".theme-toggle");
  var systemDark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function isDark() {
    var chosen = doc.getAttribute("data-theme");
    return chosen ? chosen === "dark" : !!(systemDark && systemDark.matches);
  }
  // A phone colours its address bar as the page's theme-color says: the system's theme's
  // (base.html), or the one chosen here, read from the top bar (with a dark choice on a
  // light phone, a light bar stood over the dark page).
  var bar = document.querySelector(".topbar");
  function paintBar() {
    if (!bar || !doc.hasAttribute("data-theme")) return;
    var colour = getComputedStyle(bar).backgroundColor;
    document.querySelectorAll('meta[name="theme-color"]').forEach(function (meta) {
      meta.setAttribute("content", colour);
    });
  }
  function showTheme() {
    if (toggle) toggle.setAttribute("aria-pressed", String(isDark()));
    paintBar();
  }
  if (toggle) {
    toggle.hidden = false;
    showTheme();
    toggle.addEventListener("click", function () {
      var next = isDark() ? "light" : "dark";
      doc.setAttribute("data-theme", next);
      try { localStorage.setItem(KEY, next); } catch (e) { /* private mode: not remembered */ }
      showTheme();
    });
    if (systemDark && systemDark.addEventListener) systemDark.addEventListener("change", showTheme);
  }

  // Long abstracts fold to three lines with a button to unfold them. One button is made
  // and copied for each, and one listener of each kind serves them all: a profile of 1,800
  // papers spent 0.3 s of a phone's CPU at load making each button with three listeners.
  function show(box, folded) {
    var button = box.nextElementSibling;
    box.classList.toggle("folded", folded);
    if (!button || !button.classList.contains("more")) return;
    button.textContent = folded ? phrases.show_more : phrases.show_less;
    button.setAttribute("aria-expanded", String(!folded));
  }
  function foldAbstracts(boxes) {
    var model = document.createElement("button");
    model.type = "button";
    model.className = "more";
    model.textContent = phrases.show_more;
    model.setAttribute("aria-expanded", "false");
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      var button = model.cloneNode(true);
      box.classList.add("folded");
      box.id = box.id || "abstract-" + i;
      button.setAttribute("aria-controls", box.id);
      box.after(button);
    }
    document.addEventListener("click", function (event) {
      var at = event.target.closest ? event.target : event.target.parentElement;
      if (!at) return;
      var button = at.closest("button.more");
      var box = button && button.previousElementSibling;
      if (box && box.classList.contains("long")) {
        show(box, !box.classList.contains("folded"));
        return;
      }
      // A link to a place in a folded abstract (a footnote's mark): the note is shown, not clipped.
      if (at.closest('a[href^="#"]')) {
        box = at.closest(".abstract.long.folded");
        if (box) show(box, false);
      }
    });
    // Tab onto a link in the folded part unfolds it: else the clipped box scrolls to the
    // link and stays scrolled, its first lines cut off.
    // The browser scrolled the link into view inside the clipped box; unfolded, the box
    // grows below it and can push it off the screen: bring it back into view.
    document.addEventListener("focusin", function (event) {
      var box = event.target.closest && event.target.closest(".abstract.long.folded");
      if (!box) return;
      show(box, false);
      if (event.target !== box && event.target.scrollIntoView) {
        event.target.scrollIntoView({ block: "nearest" });
      }
    });
  }
  var longBoxes = document.querySelectorAll(".abstract.long");
  if (longBoxes.length) foldAbstracts(longBoxes);
  // A page opened at a footnote (`#fn:…`) in a folded abstract: that abstract unfolded.
  (function () {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    var box = target && target.closest(".abstract.long.folded");
    if (box) show(box, false);
  })();

  // A Markdown table wider than its text scrolls in its box: a tab stop there, so that the
  // keyboard can scroll it too (Chromium and Firefox give one of their own; Safari does not).
  function tableStops() {
    document.querySelectorAll(".table-scroll").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth) box.setAttribute("tabindex", "0");
      else box.removeAttribute("tabindex");
    });
  }
  if (document.querySelector(".table-scroll")) {
    tableStops();
    window.addEventListener("resize", tableStops);
  }

  // "Copy BibTeX" buttons (shown only where the clipboard can be written).
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var source = document.getElementById(button.getAttribute("data-copy"));
    var status = button.parentNode.querySelector(".copy-status");
    if (!source || !navigator.clipboard || !window.isSecureContext) return;
    button.hidden = false;
    var shown = null;  // the last copy's "Copied" stays its full two seconds
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(source.textContent).then(function () {
        if (status) status.textContent = phrases.copied_status;
        button.textContent = phrases.copied;
        clearTimeout(shown);
        shown = setTimeout(function () {
          button.textContent = phrases.copy_bibtex;
          if (status) status.textContent = "";
        }, 2000);
      }, function () {
        if (status) status.textContent = phrases.copy_failed;
      });
    });
  });

  // The CV's print button.
  document.querySelectorAll("button.print").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });

  // Finding papers on a profile: search, filters and sort over the server-rendered cards,
  // with the state in the URL so that a shared link (and Back) shows the same view.
  var form = document.querySelector("form.finder");
  var list = document.getElementById("papers");
  if (!form || !list) return;
  var cards = Array.prototype.slice.call(list.querySelectorAll("article.card"));
  var status = document.getElementById("finder-status");
  var empty = document.querySelector(".finder-empty");
  var defaultSort = form.getAttribute("data-default-sort") || "date";
  var fields = ["q", "year", "category", "tag", "code", "sort"];
  var original = cards.slice();

  function fold(text) {
    // Case- and accent-insensitive matching: "francois" finds "François"; so do Arabic
    // and Hebrew words typed without their vowel marks (harakat, niqqud) or hamza, and
    // without the tatweel that only stretches a line: "مواءمة" finds "مُوَاءَمَة", "اداة" "أداة".
    // NFKD, as the build folds: a ligature (ﬁ) is two letters, a fullwidth digit (１) one.
    // ASCII alone (most cards' text) has nothing to decompose, drop or spell: lowercased
    // only, in a fifth to a third of the time (a phone spent 1 s of CPU folding 1,800 cards).
    if (ASCII.test(text)) return text.toLowerCase();
    return text.normalize("NFKD")
      .replace(/[\u0300-\u036f\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed]/g, "")
      .toLowerCase()
      .replace(/[\u00f8\u0142\u0111\u00f0\u00fe\u00e6\u0153\u0131\u00df]/g, function (letter) {
        return SPELLED[letter];
      })
      .replace(CASEFOLDED, casefolded);  // `образ` finds `ᲂбраз`, as the build reads it
  }
  var ASCII = /^[\x00-\x7f]*$/;
  // Letters without a mark to drop, spelled as the build spells them (names.fold_letters),
  // so that "orsted" finds "Ørsted" and a title order has it among the O's as the page has.
  var SPELLED = {
    "\u00f8": "o", "\u0142": "l", "\u0111": "d", "\u00f0": "d", "\u00fe": "th",
    "\u00e6": "ae", "\u0153": "oe", "\u0131": "i", "\u00df": "ss"
  };
  cards.forEach(function (card, i) { card._order = i; });
  // Whether a card has a long abstract (a "Show more"), asked of the cards a search shows.
  function isLong(card) {
    if (card._long === undefined) card._long = !!card.querySelector(".abstract.long");
    return card._long;
  }
  // The search text is folded when the browser is idle after load (not at load: keeps the
  // first paint quick), a few cards at a time, or on first use if that comes first: on a
  // profile of 700 papers the first key typed folded them all at once, a long pause. The
  // card's parts, not its buttons: "more" must not find every card with a "Show more".
  function text(card) {
    if (card._text === undefined) {
      var parts = Array.prototype.map.call(card.children, function (part) {
        return part.tagName === "BUTTON" ? "" : part.textContent;
      });
      card._text = fold(parts.join(" ") + " " + (card.getAttribute("data-authors") || ""))
        .replace(/\s+/g, " ");
    }
    return card._text;
  }
  var idle = window.requestIdleCallback || function (run) {
    return setTimeout(function () { run({ timeRemaining: function () { return 8; } }); }, 50);
  };
  var unfolded = 0;
  function foldWhileIdle(deadline) {
    // Searched once here: the engine lays a string built in pieces out flat at its first
    // search (20 ms for 700 cards), which is better done now than at the first key typed.
    while (unfolded < cards.length && deadline.timeRemaining() > 1) {
      text(cards[unfolded++]).indexOf("\n");
    }
    if (unfolded < cards.length) idle(foldWhileIdle);
  }
  idle(foldWhileIdle);
  // A card's tags, read from data-tags once, not at every key typed.
  function tagsOf(card) {
    if (card._tags === undefined) {
      // `|` between tags; in one, `%7C` (and `%` as `%25`): `A|B testing` is one tag
      card._tags = (card.getAttribute("data-tags") || "").toLowerCase().split("|").map(function (t) {
        return t.replace(/%(25|7c)/g, function (_, code) { return code === "25" ? "%" : "|"; });
      });
    }
    return card._tags;
  }
  function title(card) {
    if (card._title === undefined) {
      card._title = foldLetters((card.querySelector(".title") || card).textContent.trim())
        .replace(/[0-9]+/g, byValue);
    }
    return card._title;
  }
  // A title folded for ordering as the build folds it (names.fold_letters), not as the
  // search does: every combining mark dropped (a virama, a Thai tone mark, not only the
  // accents and vowel marks above), a tatweel kept (to the build, a letter), casefolded.
  function foldLetters(text) {
    return withoutMarks(withoutMarks(text).toLowerCase())
      .replace(/[\u00f8\u0142\u0111\u00f0\u00fe\u00e6\u0153\u0131\u00df]/g, function (letter) {
        return SPELLED[letter];
      })
      .replace(CASEFOLDED, casefolded);
  }
  // Where casefolding (the build's) is no lowercasing: a final sigma is a sigma, Cherokee
  // folds to its capitals, old Cyrillic variants to the letters they are written for.
  var CASEFOLDED = /[\u03c2\uab70-\uabbf\u13f8-\u13fd\u1c80-\u1c88]/g;
  function casefolded(letter) {
    var code = letter.charCodeAt(0);
    return code === 0x03c2 ? "\u03c3"
      : code >= 0xab70 ? String.fromCharCode(code - 0xab70 + 0x13a0)
      : code <= 0x13fd ? String.fromCharCode(code - 8)
      : OLD_CYRILLIC.charAt(code - 0x1c80);
  }
  var OLD_CYRILLIC = "\u0432\u0434\u043e\u0441\u0442\u0442\u044a\u0463\ua64b";
  function withoutMarks(text) {
    return text.normalize("NFKD").replace(/[^\x00-\x7f]/gu, function (ch) {
      return combining(ch) ? "" : ch;
    });
  }
  // Whether a character is a combining mark (of a combining class above 0, Python's
  // unicodedata.combining): NFD puts such a mark before U+0345, the mark of the highest
  // class (240), and leaves a letter after it. Asked once a character.
  var PROBE = "\u0345", marks = {};
  function combining(ch) {
    if (marks[ch] === undefined) {
      marks[ch] = ch === PROBE || (PROBE + ch).normalize("NFD") !== PROBE + ch;
    }
    return marks[ch];
  }
  // A number written so that its text orders by its value ("9 things" before "10
  // things"), as the build writes it (assemble._by_value): its count of digits in two
  // digits, leading zeros left out, then it: 9 -> 019, 10 -> 0210.
  function byValue(digits) {
    var value = digits.replace(/^0+/, "") || "0";
    var size = Math.min(value.length, 99);
    return (size < 10 ? "0" : "") + size + value;
  }
  // -1, 0 or 1 as Python orders two strings, by code point: `<` compares UTF-16 units,
  // which put an emoji (two units from U+D800) before a character from U+E000 on that
  // folding keeps (a private-use one, U+FFFD).
  function compare(a, b) {
    if (a === b) return 0;
    var i = 0;
    while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
    if (i === a.length || i === b.length) return a.length < b.length ? -1 : 1;
    return a.codePointAt(i) < b.codePointAt(i) ? -1 : 1;
  }

  function control(name) { return form.elements.namedItem(name); }
  function readForm() {
    var state = {};
    fields.forEach(function (name) {
      var el = control(name);
      if (!el) return;
      var value = el.type === "checkbox" ? (el.checked ? "1" : "") : el.value.trim();
      if (name === "sort" && value === defaultSort) value = "";
      if (value) state[name] = value;
    });
    return state;
  }
  function writeForm(state) {
    fields.forEach(function (name) {
      var el = control(name);
      if (!el) return;
      var value = state[name] || "";
      if (el.type === "checkbox") {
        el.checked = value === "1";
      } else if (el.tagName === "SELECT") {
        if (name === "sort" && !value) value = defaultSort;
        var known = Array.prototype.some.call(el.options, function (o) { return o.value === value; });
        el.value = known ? value : (name === "sort" ? defaultSort : "");
      } else {
        el.value = value;
      }
    });
  }
  function stateFromURL() {
    var params = new URLSearchParams(location.search);
    var state = {};
    fields.forEach(function (name) {
      var value = params.get(name);
      if (value) state[name] = value;
    });
    return state;
  }
  function urlFor(state) {
    var params = new URLSearchParams(location.search);
    fields.forEach(function (name) { params.delete(name); });
    fields.forEach(function (name) { if (state[name]) params.set(name, state[name]); });
    var query = params.toString();
    // Without the #paper-… the last link went to: in the new view it may be hidden.
    return location.pathname + (query ? "?" + query : "");
  }

  function number(card, name) {
    var value = card.getAttribute("data-" + name);
    return value === null ? -Infinity : parseFloat(value);
  }
  // A–Z by title as the build orders it (assemble._title_key): the folded title, then the
  // file name (the card's id is "paper-" and it) where two titles read the same.
  function byTitle(a, b) {
    return compare(title(a), title(b)) || compare(a.id, b.id);
  }
  var sorters = {
    date: function (a, b) { return a._order - b._order; },
    citations: function (a, b) { return number(b, "citations") - number(a, "citations") || a._order - b._order; },
    score: function (a, b) { return number(b, "score") - number(a, "score") || a._order - b._order; },
    title: byTitle
  };
  // The server renders cards in the site's paper_sort order; "date" means newest first,
  // papers of one date by title, as the build's sort_papers (a year alone, "2024", is
  // before its months, "2024-05", as there). The other orders break their ties so.
  if (defaultSort !== "date") {
    var byDate = original.slice().sort(function (a, b) {
      var da = a.getAttribute("data-date"), db = b.getAttribute("data-date");
      return da < db ? 1 : da > db ? -1 : byTitle(a, b);
    });
    byDate.forEach(function (card, i) { card._order = i; });
  }

  // The words to find: each word, and "words in quotes" as one phrase (straight or curly
  // quotes; an unclosed one runs to the end). A quote is never itself searched for.
  function terms(query) {
    var found = [];
    fold(query).replace(/["\u201c\u201d\u201e]([^"\u201c\u201d\u201e]*)["\u201c\u201d\u201e]?|([^\s"\u201c\u201d\u201e]+)/g,
      function (whole, phrase, word) {
        var term = (phrase === undefined ? word : phrase).replace(/\s+/g, " ").trim();
        if (term) found.push(term);
        return whole;
      });
    return found;
  }

  var sorted = null;  // the order the cards are in
  // While searching, matching abstracts are shown whole: the words found may be folded
  // away. Only the cards on the screen or near it (a screen's height above and below),
  // and the others as scrolling brings them near: unfolding every match at the first key
  // restyled every card (on a profile of 1,371 papers, 24-26 ms of CPU at that key, now
  // 16-17).
  var whole = [];  // the cards the search unfolded
  var searching = false;
  function showWhole(on) {
    searching = on;
    if (!on) {
      whole.forEach(function (card) { card.classList.remove("whole"); });
      whole = [];
      return;
    }
    var shown = Array.prototype.filter.call(list.children, function (card) {
      return !card.hidden && isLong(card);
    });
    var margin = window.innerHeight;
    // The first card that ends below the band's top (cards are laid out in this order).
    var low = 0, high = shown.length;
    while (low < high) {
      var mid = (low + high) >> 1;
      if (shown[mid].getBoundingClientRect().bottom < -margin) low = mid + 1;
      else high = mid;
    }
    var end = low;
    while (end < shown.length && shown[end].getBoundingClientRect().top <= window.innerHeight + margin) {
      end++;
    }
    // Read first, then written: a class changed between two reads would lay the page out again.
    shown.slice(low, end).forEach(function (card) {
      if (card.classList.contains("whole")) return;
      card.classList.add("whole");
      whole.push(card);
    });
  }
  var nearing = false;
  function showNear() {
    if (!searching || nearing) return;
    nearing = true;
    requestAnimationFrame(function () {
      nearing = false;
      if (searching) showWhole(true);
    });
  }
  window.addEventListener("scroll", showNear, { passive: true });
  window.addEventListener("resize", showNear);
  function apply(state) {
    var words = terms(state.q || "");
    var shown = 0;
    // A menu lists `RL` and `rl` once, ignoring case: its entry stands for both spellings.
    var category = (state.category || "").toLowerCase();
    var tag = (state.tag || "").toLowerCase();
    cards.forEach(function (card) {
      var match = words.every(function (w) { return text(card).indexOf(w) !== -1; }) &&
        (!state.year || card.getAttribute("data-year") === state.year) &&
        (!category || (card.getAttribute("data-category") || "").toLowerCase() === category) &&
        (!tag || tagsOf(card).indexOf(tag) !== -1) &&
        (!state.code || card.hasAttribute("data-code"));
      if (card.hidden === match) card.hidden = !match;
      if (match) shown += 1;
    });
    // The theme's one rule on it hides the cards' "Show more" buttons (only those: a rule
    // over every card restyled them all); it changes when a search starts or ends.
    list.classList.toggle("searching", words.length > 0);
    var sort = state.sort || defaultSort;
    // Sorted again only when the order asked for changes, not at every key typed.
    if (sort !== sorted) {
      sorted = sort;
      var ordered = cards.slice().sort(sorters[sort] || sorters.date);
      // Move cards only when the order changes: moving nodes costs a relayout.
      var current = list.querySelectorAll("article.card");
      var same = ordered.every(function (card, i) { return current[i] === card; });
      if (!same) ordered.forEach(function (card) { list.appendChild(card); });
    }
    var total = cards.length;
    status.hidden = false;
    // A printout of a filtered list says that it is one (print shows this line then only)
    status.classList.toggle("partial", shown !== total);
    var said = shown === total
      ? fill(phrases.showing_all, { n: total })
      : fill(phrases.showing_some, { shown: shown, n: total });
    // Rewritten only when it changes: a screen reader may read a live region again each
    // time it is rewritten, the same count at every key typed.
    if (status.textContent !== said) status.textContent = said;
    if (empty) empty.hidden = shown !== 0;
    // Last: the cards are measured where they now stand, sorted and above them the count.
    showWhole(words.length > 0);
  }

  // One history entry per burst of typing, not one per key; a pause of a second ends the
  // burst, so the next search is a step of its own for Back.
  var typing = false;
  var timer = null;
  var pause = null;
  function commit(push) {
    var state = readForm();
    var url = urlFor(state);
    if (url !== location.pathname + location.search) {
      history[push ? "pushState" : "replaceState"]({ finder: state }, "", url);
    }
    apply(state);
  }

  form.hidden = false;
  // `/` anywhere on the page goes to the search box (as on GitHub and MDN), its words
  // selected to be typed over; not while a field, menu or editable text has the keys
  // (a `/` typed there is text), nor with a modifier (a browser's or a screen reader's own).
  // A site turns it off (`search_shortcut: false`: no data-search-key), a visitor with the
  // finder's switch, remembered for the site (WCAG 2.1.4, character key shortcuts).
  var keySwitch = form.hasAttribute("data-search-key") ? document.getElementById("find-key") : null;
  // Kept under the site's own path: GitHub Pages serves each project site of an owner
  // from one origin (`user.github.io/a/`, `…/b/`), whose storage all of them share, and
  // the key turned off on one was off on every other. This file is the site's
  // `static/site.js`: its folder's parent is the site's root.
  var KEY_OFF = "authorsite-search-key";
  try {
    KEY_OFF += ":" + new URL("../", thisScript.src).pathname;
  } catch (e) { /* no script address: the origin's one switch */ }
  function keyOn(on) {
    form.classList.toggle("key-off", !on);
    if (on) control("q").setAttribute("aria-keyshortcuts", "/");
    else control("q").removeAttribute("aria-keyshortcuts");
  }
  if (keySwitch) {
    try { keySwitch.checked = localStorage.getItem(KEY_OFF) !== "off"; } catch (e) { /* private mode */ }
    keyOn(keySwitch.checked);
    keySwitch.addEventListener("change", function () {
      keyOn(keySwitch.checked);
      try {
        if (keySwitch.checked) localStorage.removeItem(KEY_OFF);
        else localStorage.setItem(KEY_OFF, "off");
      } catch (e) { /* private mode: not remembered */ }
    });
  }
  document.addEventListener("keydown", function (event) {
    if (!keySwitch || !keySwitch.checked) return;
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.isComposing ||
        event.defaultPrevented) return;
    var at = event.target;
    if (at && at.nodeType === 1 && (at.isContentEditable || at.closest("input, textarea, select"))) return;
    var box = control("q");
    event.preventDefault();
    box.focus();
    box.select();
  });
  writeForm(stateFromURL());
  apply(readForm());
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    commit(!typing);
    typing = false;
  });
  function typed(event) {
    if (event.target.name !== "q") return;
    clearTimeout(timer);
    clearTimeout(pause);
    timer = setTimeout(function () {
      commit(!typing);
      typing = true;
      pause = setTimeout(function () { typing = false; }, 1000);
    }, 150);
  }
  // Typed with an input method (Chinese pinyin, Japanese kana, Korean jamo), the box holds
  // the letters being composed, not yet the words: searched when they are chosen. Searched
  // as they came, `moxing` (for 模型) hid every paper, said "Showing 0 of 14 papers" and
  // wrote ?q=mox into the address.
  form.addEventListener("input", function (event) {
    if (!event.isComposing) typed(event);
  });
  form.addEventListener("compositionend", typed);
  form.addEventListener("change", function (event) {
    if (event.target.name === "q" || event.target === keySwitch) return;
    typing = false;
    commit(true);
  });
  form.addEventListener("reset", function (event) {
    event.preventDefault();
    writeForm({});
    typing = false;
    commit(true);
  });
  var clear = document.querySelector(".finder-clear");
  if (clear) clear.addEventListener("click", function () { form.reset(); control("q").focus(); });
  window.addEventListener("popstate", function () {
    typing = false;
    writeForm(stateFromURL());
    apply(readForm());
  });
  // A link to a paper the view hides ("Selected papers", #paper-…) clears the search and
  // filters and goes to it; Back returns to the filtered view.
  function reveal() {
    var target = location.hash && document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target || !target.hidden || cards.indexOf(target) === -1) return;
    writeForm({});
    typing = false;
    commit(false);
    target.scrollIntoView();
    // The cards above it were laid out at an estimated height (content-visibility) and
    // take their real one as they are drawn, which moves it: go to it again once drawn.
    requestAnimationFrame(function () {
      requestAnimationFrame(function () { target.scrollIntoView(); });
    });
  }
  window.addEventListener("hashchange", reveal);
  reveal();
})();
