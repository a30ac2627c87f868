/*
 * InnoMed: in the local preview (`make edit`, `make serve`) only, a banner while the preview
 * shows an older version because `check` found errors in the latest save. The preview writes
 * the verdict to /admin/sjekk.json (innomed/preview/verdict.py); a failed save renders nothing
 * new, so no reload would tell the editor, and the page asks every few seconds instead.
 * On the public site (any other host) this does nothing.
 */
(function () {
  "use strict";

  if (["127.0.0.1", "localhost"].indexOf(location.hostname) < 0 || !window.fetch) return;
  var VERDICT = "/admin/sjekk.json";
  var banner = null;

  function show(verdict) {
    if (verdict.ok) {
      if (banner) banner.remove();
      banner = null;
      return;
    }
    if (!banner) {
      banner = document.createElement("div");
      banner.id = "innomed-forrige-versjon";
      banner.setAttribute("role", "status");
      document.body.insertBefore(banner, document.body.firstChild);
    }
    var count = verdict.errors.length;
    banner.textContent = count
      ? "Forhåndsvisningen viser forrige versjon: sjekken fant " + count + " feil i siste " +
        "lagring (første: " + verdict.errors[0].text + "). Rett feilene og lagre igjen."
      : "Forhåndsvisningen viser forrige versjon: " + verdict.problem;
  }

  function ask() {
    if (document.hidden) return;
    fetch(VERDICT + "?t=" + Date.now(), { cache: "no-store" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (verdict) { if (verdict) show(verdict); })
      .catch(function () { /* the preview is restarting */ });
  }

  ask();
  setInterval(ask, 2000);
})();
