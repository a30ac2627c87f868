/* Combined filters on /prosjekt/ (innomed/generate/listings.py, filter_data).
 *
 * The page carries every project's facet values as JSON, so the form narrows all projects,
 * not only the cards of the first page. Within a fieldset a project needs one of the checked
 * values, across fieldsets it needs all of them. The choice lives in the address
 * (?region=nord&pasientgruppe=barn-og-unge): it can be shared, and Back undoes a change.
 * The number of matches is announced in a live region. Cards are built with DOM calls and
 * textContent only: no project text is ever parsed as HTML.
 * Each value's count follows the current choice (showCounts). Without JavaScript the form is
 * not shown (.no-js) and the region, patient group and theme pages (with their combinations)
 * are the way to narrow the list.
 */
(function () {
  "use strict";
  var form = document.getElementById("prosjektfilter");
  var source = document.getElementById("prosjektdata");
  if (!form || !source || !window.history || !window.URLSearchParams) return;
  var data = JSON.parse(source.textContent);
  var results = document.getElementById("filterresultat");
  var status = document.getElementById("filterstatus");
  var content = form.closest("article") || document;
  // The server-rendered list: shown when nothing is chosen.
  var staticParts = Array.prototype.filter.call(
    content.querySelectorAll(".project-cards, .pagination, .listing-count"),
    function (el) { return el !== results; }
  );

  function chosen() {
    var params = new URLSearchParams(window.location.search);
    return data.keys.map(function (key, column) {
      var known = data.values[column];
      return params.getAll(key)
        .map(function (value) { return known.indexOf(value); })
        .filter(function (position) { return position >= 0; });
    });
  }

  // Does the project pass every group's choice (but the group `skip`)?
  function matches(project, selection, skip) {
    var positions = project[5];
    return selection.every(function (wanted, column) {
      return column === skip || !wanted.length || wanted.some(function (p) {
        return positions[column].indexOf(p) >= 0;
      });
    });
  }

  // Each value's count for the current choice: the projects that have it and pass the other
  // groups' choices (within a group, values add up: "any of"), and how many are picked per
  // group, in its summary, so a closed group still says what it holds.
  function showCounts(selection) {
    data.keys.forEach(function (key, column) {
      var counts = data.values[column].map(function () { return 0; });
      data.projects.forEach(function (project) {
        if (!matches(project, selection, column)) return;
        project[5][column].forEach(function (position) { counts[position] += 1; });
      });
      form.querySelectorAll('input[name="' + key + '"]').forEach(function (box) {
        var count = box.closest("label").querySelector("[data-filter-count]");
        if (count) count.textContent = String(counts[data.values[column].indexOf(box.value)]);
      });
      var picked = form.querySelectorAll('input[name="' + key + '"]')[0];
      var group = picked && picked.closest(".filter-group");
      var summary = group && group.querySelector("[data-filter-picked]");
      if (summary) summary.textContent = selection[column].length
        ? " (" + selection[column].length + " valgt)" : "";
    });
    var all = selection.reduce(function (n, wanted) { return n + wanted.length; }, 0);
    var total = form.querySelector("[data-filter-picked-all]");
    if (total) total.textContent = all ? " (" + all + " valgt)" : "";
  }

  function card(project) {
    var article = document.createElement("article");
    article.className = "project-card";
    if (project[4] && project[4] !== "nb") article.lang = project[4];
    var heading = document.createElement("h2");
    var link = document.createElement("a");
    link.href = project[1];
    link.textContent = project[0];
    heading.appendChild(link);
    var details = document.createElement("p");
    details.className = "card-meta";
    details.textContent = project[2];
    var summary = document.createElement("p");
    summary.textContent = project[3];
    article.appendChild(heading);
    article.appendChild(details);
    article.appendChild(summary);
    return article;
  }

  function showChoice(selection) {
    data.keys.forEach(function (key, column) {
      form.querySelectorAll('input[name="' + key + '"]').forEach(function (box) {
        box.checked = selection[column].indexOf(data.values[column].indexOf(box.value)) >= 0;
      });
    });
  }

  function apply(announce) {
    var selection = chosen();
    showChoice(selection);
    showCounts(selection);
    var active = selection.some(function (wanted) { return wanted.length; });
    staticParts.forEach(function (el) { el.hidden = active; });
    results.hidden = !active;
    results.textContent = "";
    var total = data.projects.length;
    if (!active) {
      if (announce) status.textContent = "Viser alle " + total + " prosjekter.";
      return;
    }
    // A choice in the address opens its groups, so what is ticked can be seen.
    if (!announce) {
      form.querySelectorAll("input:checked").forEach(function (box) {
        box.closest(".filter-group").open = true;
        box.closest(".filter-panel").open = true;
      });
    }
    var found = data.projects.filter(function (p) { return matches(p, selection); });
    found.forEach(function (p) { results.appendChild(card(p)); });
    status.textContent = found.length === 0
      ? "Ingen av de " + total + " prosjektene passer. Fjern et filter for å se flere."
      : found.length + " av " + total + " prosjekter passer.";
  }

  function readForm() {
    var params = new URLSearchParams();
    data.keys.forEach(function (key) {
      form.querySelectorAll('input[name="' + key + '"]:checked').forEach(function (box) {
        params.append(key, box.value);
      });
    });
    var query = params.toString();
    window.history.pushState(null, "", window.location.pathname + (query ? "?" + query : ""));
    apply(true);
  }

  form.addEventListener("change", readForm);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.querySelector("[data-filter-reset]").addEventListener("click", function () {
    form.querySelectorAll("input:checked").forEach(function (box) { box.checked = false; });
    readForm();
  });
  window.addEventListener("popstate", function () { apply(true); });
  apply(false);
})();
