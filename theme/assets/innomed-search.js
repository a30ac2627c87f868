/*
 * InnoMed: the site search (the index is written by innomed/search/index.py, and queried by
 * sok-motor.js).
 *
 * Nothing is downloaded until the visitor types: the first query imports sok-motor.js, which
 * then fetches only the index shards the words need and the documents of the results shown.
 * The filter data (every page's type, region, … : it grows with the archive) is fetched only
 * when the visitor opens "Avgrens treff"; from then on every query returns filter counts.
 * benchmarks/search_bytes.py measures what each step downloads. The dialog is theme/partials/search.html;
 * innomed.js opens and closes it (the #__search toggle), makes the rest of the page inert and
 * gives focus back to the search button.
 *
 * Safety: every title, excerpt and filter value is put into the page as text (textContent,
 * createTextNode). The engine gives the excerpt as plain strings, each marked or not; they
 * become text nodes and <mark> elements, never HTML.
 *
 * Keyboard: Tab and Shift+Tab walk the field, the filters and every result; the arrow keys
 * move between the field and the results; Escape closes the dialog.
 */
(function () {
  "use strict";

  var panel = document.getElementById("sok");
  var toggle = document.getElementById("__search");
  if (!panel || !toggle) return;
  var input = panel.querySelector(".md-search__input");
  var form = panel.querySelector(".md-search__form");
  var meta = panel.querySelector(".md-search-result__meta");
  var list = panel.querySelector(".md-search-result__list");
  var filterBox = panel.querySelector(".innomed-search__filters");
  var more = panel.querySelector(".innomed-search__more");
  var status = panel.querySelector('[role="status"]');
  var closeButton = panel.querySelector(".innomed-search__close");

  // Each result shown costs its page's document (the page's whole text, 2-8 kB gzip), so the
  // first query fetches only as many as a phone screen shows; "Vis flere treff" fetches more.
  var PAGE = 5;
  var FILTER_NAMES = [
    ["type", "Innholdstype"],
    ["region", "Region"],
    ["pasientgruppe", "Pasientgruppe"],
    ["tema", "Tema"],
    ["fase", "Fase ved start"]
  ];
  var HELP = meta ? meta.textContent : "";

  var loading = null; // the sok-motor.js module, once asked for
  var filtersLoading = null; // its filter data, once "Avgrens treff" was opened
  var filtersReady = false;
  var sequence = 0; // only the newest query may write its results
  var results = [];
  var shown = 0;
  var chosen = {}; // filter name -> [values]
  var statusTimer = null;

  function load() {
    if (!loading) {
      var source = new URL(panel.getAttribute("data-search-engine"), location.href);
      var index = new URL(panel.getAttribute("data-search-index"), location.href);
      var root = new URL(panel.getAttribute("data-site-root") + "/", location.href);
      loading = import(source.href).then(function (module) {
        // Result URLs are made relative to where the site lives, not to the host's root.
        module.options({ baseUrl: root.pathname, indexUrl: index.href });
        return module;
      });
      loading.catch(function () { loading = null; }); // a later query tries again
    }
    return loading;
  }

  // Without the filter data search() returns no counts; with it, every search does.
  function loadFilters() {
    if (!filtersLoading) {
      filtersLoading = load().then(function (module) {
        return module.filters();
      }).then(function () {
        filtersReady = true;
      });
      filtersLoading.then(search, function () {
        filtersLoading = null; // a later opening tries again
        say("Filtrene kunne ikke lastes. Prøv igjen.");
      });
    }
    return filtersLoading;
  }

  function announce(text) {
    window.clearTimeout(statusTimer);
    // Said once the visitor stops typing, not for every letter.
    statusTimer = window.setTimeout(function () { status.textContent = text; }, 500);
  }

  function say(text) {
    meta.textContent = text;
    announce(text);
  }

  // [{text: "… på ", mark: false}, {text: "sykehuset", mark: true}] -> text nodes and <mark>s.
  function excerptNodes(parts, into) {
    (parts || []).forEach(function (part) {
      if (!part.mark) {
        into.appendChild(document.createTextNode(part.text));
        return;
      }
      var mark = document.createElement("mark");
      mark.textContent = part.text;
      into.appendChild(mark);
    });
  }

  // <li><p>Prosjekt</p><a>Title</a><p>… <mark>sykehus</mark> …</p></li>: the link's name is
  // the title alone; the type and the excerpt are text beside it.
  function resultItem(data) {
    var item = document.createElement("li");
    item.className = "md-search-result__item innomed-search__result";
    var type = (data.filters && data.filters.type && data.filters.type[0]) || "";
    if (type) {
      var label = document.createElement("p");
      label.className = "innomed-search__type";
      label.textContent = type;
      item.appendChild(label);
    }
    var link = document.createElement("a");
    link.className = "innomed-search__link";
    link.href = data.url;
    link.textContent = (data.meta && data.meta.title) || data.url;
    item.appendChild(link);
    var teaser = document.createElement("p");
    teaser.className = "md-search-result__teaser innomed-search__excerpt";
    excerptNodes(data.parts, teaser);
    item.appendChild(teaser);
    return item;
  }

  function showMore() {
    var mine = sequence;
    var batch = results.slice(shown, shown + PAGE);
    shown += batch.length;
    more.hidden = shown >= results.length;
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (datas) {
      if (mine !== sequence) return;
      datas.forEach(function (data) { list.appendChild(resultItem(data)); });
    });
  }

  function filterOptions() {
    var options = {};
    Object.keys(chosen).forEach(function (name) {
      if (chosen[name].length) options[name] = { any: chosen[name] };
    });
    return options;
  }

  function renderFilters(counts, hits) {
    var active = document.activeElement;
    var focused = active && filterBox.contains(active)
      ? (active.tagName === "SUMMARY" ? "summary" : active.value + "\u0000" + active.name) : null;
    filterBox.textContent = "";
    var details = document.createElement("details");
    details.className = "innomed-search__details";
    if (filterBox.getAttribute("data-open") === "true") details.open = true;
    details.addEventListener("toggle", function () {
      filterBox.setAttribute("data-open", String(details.open));
      if (details.open && !filtersReady) loadFilters();
    });
    var summary = document.createElement("summary");
    var picked = Object.keys(chosen).reduce(function (n, k) { return n + chosen[k].length; }, 0);
    summary.textContent = picked ? "Avgrens treff (" + picked + " valgt)" : "Avgrens treff";
    details.appendChild(summary);
    if (focused === "summary") window.setTimeout(function () { summary.focus(); }, 0);
    if (!filtersReady) {
      // Closed until asked for: the counts come with the filter data, loaded on opening.
      var wait = document.createElement("p");
      wait.textContent = "Laster filtre …";
      details.appendChild(wait);
      filterBox.appendChild(details);
      filterBox.hidden = !hits;
      return;
    }
    var any = false;
    // The values scroll inside the panel (innomed.css), so an open panel never pushes the
    // results out of view.
    var choices = document.createElement("div");
    choices.className = "innomed-search__choices";
    FILTER_NAMES.forEach(function (pair) {
      var name = pair[0];
      var values = counts[name] || {};
      var keys = Object.keys(values).filter(function (value) {
        return values[value] > 0 || (chosen[name] || []).indexOf(value) >= 0;
      }).sort(function (a, b) { return a.localeCompare(b, "nb"); });
      if (!keys.length) return;
      any = true;
      var fieldset = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.textContent = pair[1];
      fieldset.appendChild(legend);
      keys.forEach(function (value) {
        var label = document.createElement("label");
        var box = document.createElement("input");
        box.type = "checkbox";
        box.name = name;
        box.value = value;
        box.checked = (chosen[name] || []).indexOf(value) >= 0;
        box.addEventListener("change", function () {
          var current = chosen[name] || [];
          chosen[name] = box.checked ? current.concat([value])
            : current.filter(function (v) { return v !== value; });
          search();
        });
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + value + " (" + values[value] + ")"));
        fieldset.appendChild(label);
        if (focused === value + "\u0000" + name) window.setTimeout(function () { box.focus(); }, 0);
      });
      choices.appendChild(fieldset);
    });
    details.appendChild(choices);
    filterBox.appendChild(details);
    filterBox.hidden = !any;
  }

  function search() {
    var query = input.value.trim();
    var mine = ++sequence;
    if (!query) {
      results = [];
      list.textContent = "";
      more.hidden = true;
      filterBox.hidden = true;
      say(HELP);
      return Promise.resolve();
    }
    if (Array.from(query).length < 2) {
      // One letter would be a prefix of a good part of the archive's words.
      results = [];
      list.textContent = "";
      more.hidden = true;
      filterBox.hidden = true;
      say("Skriv minst to bokstaver.");
      return Promise.resolve();
    }
    meta.textContent = "Søker …";
    return load().then(function (module) {
      return module.search(query, { filters: filterOptions() });
    }).then(function (found) {
      if (mine !== sequence || !found) return;
      return show(query, found);
    }).catch(function () {
      if (mine !== sequence) return;
      // A missing or broken index (the preview's, mid-swap) must not look like 0 hits.
      say("Søket virker ikke akkurat nå. Finn prosjekter i listen fra A til Å.");
    });
  }

  function show(query, found) {
    results = found.results;
    shown = 0;
    list.textContent = "";
    renderFilters(found.filters || {}, results.length);
    if (!results.length) {
      say("Ingen treff for «" + query + "»" +
          (Object.keys(filterOptions()).length ? " med filtrene du har valgt." : ".") +
          (found.suggestion ? " Mente du «" + found.suggestion + "»?" : ""));
      more.hidden = true;
      if (found.suggestion) suggest(found.suggestion);
      return;
    }
    say((results.length === 1 ? "1 treff" : results.length + " treff") +
        (found.partial ? ". Ingen side har alle ordene; dette er sidene med flest av dem." : ""));
    return showMore();
  }

  // "Mente du «sykehus»?": a button after the status line that searches for it.
  function suggest(text) {
    var line = document.createElement("li");
    line.className = "innomed-search__suggestion";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "md-button";
    button.textContent = "Søk etter «" + text + "»";
    button.addEventListener("click", function () {
      input.value = text;
      input.focus();
      search();
    });
    line.appendChild(button);
    list.appendChild(line);
  }

  var timer = null;
  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, 150);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(timer);
    search();
  });
  more.querySelector("button").addEventListener("click", function () {
    var first = list.children.length;
    showMore().then(function () {
      var link = list.children[first] && list.children[first].querySelector("a");
      if (link) link.focus();
    });
  });
  if (closeButton) {
    closeButton.addEventListener("click", function () {
      if (toggle.checked) toggle.click();
    });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  document.addEventListener("keydown", function (event) {
    if (!toggle.checked) return;
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      toggle.click(); // innomed.js gives focus back to the search button
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (document.activeElement === input) {
      if (event.key === "ArrowDown" && all.length) {
        event.preventDefault();
        all[0].focus();
      }
    } else if (at >= 0) {
      event.preventDefault();
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) input.focus();
      else if (next < all.length) all[next].focus();
    }
  });
})();
