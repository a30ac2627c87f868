/*
 * InnoMed: keyboard and screen-reader behaviour for Material's menu drawer and search dialog.
 *
 * Material opens both with hidden checkboxes (#__drawer, #__search) ticked by <label>s, which
 * the keyboard cannot reach (upstream issue #4101). theme/partials/header.html has real
 * <button>s instead; this script
 *   - ticks the checkbox on click (Enter and Space come with <button>),
 *   - keeps aria-expanded in step with the checkbox, however it changes (button, Material's own
 *     keys, the overlay, the back arrow),
 *   - makes the closed drawer inert below 1220 px, so its off-screen links take no Tab stops,
 *   - makes everything else inert while the drawer or the search is open (they are modal),
 *   - moves focus into what opened, closes it on Escape and gives focus back to the button,
 * The search itself (the results, their status region) is innomed-search.js.
 * Without JavaScript the search button gives way to a link to the A–Å list of projects and
 * the drawer stays a plain link list.
 */
(function () {
  "use strict";

  var DRAWER_MODE = window.matchMedia("(max-width: 76.234375em)");
  var toggles = {
    drawer: document.getElementById("__drawer"),
    search: document.getElementById("__search")
  };
  var buttons = {
    drawer: document.querySelector('[data-innomed-toggle="drawer"]'),
    search: document.querySelector('[data-innomed-toggle="search"]')
  };
  var panels = {
    drawer: document.getElementById("meny"),
    search: document.getElementById("sok")
  };
  var madeInert = { drawer: [], search: [] };
  var FOCUSABLE = 'a[href], button:not([disabled]), input:not([type="hidden"]):not([disabled]),' +
    ' select, textarea, [tabindex]:not([tabindex="-1"])';

  function isOpen(name) {
    return !!toggles[name] && toggles[name].checked;
  }

  // Tick or untick like Material does (a click on the checkbox fires `change`).
  function setOpen(name, open) {
    if (toggles[name] && toggles[name].checked !== open) toggles[name].click();
  }

  // Modal: make every element outside `panel` inert, keeping Material's toggles usable.
  function isolate(name, on) {
    madeInert[name].forEach(function (el) { el.inert = false; });
    madeInert[name] = [];
    var panel = panels[name];
    if (!on || !panel) return;
    for (var node = panel; node && node !== document.body; node = node.parentElement) {
      var parent = node.parentElement;
      if (!parent) break;
      Array.prototype.forEach.call(parent.children, function (sibling) {
        if (sibling === node || sibling.inert || sibling.matches(".md-toggle, .md-overlay, script, style"))
          return;
        sibling.inert = true;
        madeInert[name].push(sibling);
      });
    }
  }

  function isTyping(el) {
    return !!el && (el.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName));
  }

  function firstFocusable(container) {
    var candidates = container.querySelectorAll(FOCUSABLE);
    for (var i = 0; i < candidates.length; i++) {
      var el = candidates[i];
      if (el.getClientRects().length && getComputedStyle(el).visibility !== "hidden") return el;
    }
    return null;
  }

  function syncDrawer(moveFocus) {
    var modal = DRAWER_MODE.matches;
    var open = isOpen("drawer") && modal;
    if (buttons.drawer) buttons.drawer.setAttribute("aria-expanded", String(open));
    if (panels.drawer) panels.drawer.inert = modal && !open;
    isolate("drawer", open);
    if (!moveFocus) return;
    if (open) {
      var target = panels.drawer && firstFocusable(panels.drawer);
      if (target) target.focus();
    } else if (buttons.drawer && (!document.activeElement ||
               document.activeElement === document.body ||
               (panels.drawer && panels.drawer.contains(document.activeElement)))) {
      if (modal) buttons.drawer.focus();
    }
  }

  function syncSearch(moveFocus) {
    var open = isOpen("search");
    if (buttons.search) buttons.search.setAttribute("aria-expanded", String(open));
    isolate("search", open);
    if (!moveFocus) return;
    var input = panels.search && panels.search.querySelector(".md-search__input");
    if (open) {
      if (input && document.activeElement !== input) input.focus();
    } else if (buttons.search && (!document.activeElement ||
               document.activeElement === document.body ||
               (panels.search && panels.search.contains(document.activeElement)))) {
      buttons.search.focus();
    }
  }

  if (toggles.drawer) {
    toggles.drawer.addEventListener("change", function () { syncDrawer(true); });
    DRAWER_MODE.addEventListener("change", function () {
      if (!DRAWER_MODE.matches) setOpen("drawer", false);
      syncDrawer(false);
    });
  }
  if (toggles.search) {
    toggles.search.addEventListener("change", function () { syncSearch(true); });
  }
  if (buttons.drawer) {
    buttons.drawer.addEventListener("click", function () { setOpen("drawer", !isOpen("drawer")); });
  }
  if (buttons.search) {
    buttons.search.addEventListener("click", function () { setOpen("search", !isOpen("search")); });
  }

  // Escape closes the drawer (innomed-search.js closes the search). In the open search, Tab
  // moves through the results like in any dialog; the capture phase keeps Material's global
  // key handling on window out of it.
  window.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isOpen("drawer")) {
      event.preventDefault();
      setOpen("drawer", false);
    } else if (event.key === "Tab" && isOpen("search") && !event.ctrlKey && !event.metaKey) {
      event.stopImmediatePropagation();
    } else if (/^[fs/]$/.test(event.key) && !isOpen("search") && !event.ctrlKey &&
               !event.metaKey && !event.altKey && !isTyping(event.target)) {
      // Material's search shortcuts focus the field, which is hidden while closed here.
      event.preventDefault();
      event.stopImmediatePropagation();
      setOpen("search", true);
    }
  }, true);

  // A page shown again must not come back with a panel open: restored from the back/forward
  // cache, or loaded anew with the browser restoring its form state (the toggles ticked after
  // the header's script unticked them), the search would reopen empty with the page behind
  // it inert. Unticked without a click, so no focus moves on arrival.
  window.addEventListener("pageshow", function () {
    ["drawer", "search"].forEach(function (name) {
      if (toggles[name]) toggles[name].checked = false;
    });
    syncDrawer(false);
    syncSearch(false);
  });

  syncDrawer(false);
  syncSearch(false);

  // WCAG 2.1.1 (axe scrollable-region-focusable): a table wider than the screen scrolls
  // sideways inside Material's .md-typeset__scrollwrap. Such a region must be reachable by
  // keyboard to be scrolled, and then needs a name; one that fits gets no extra Tab stop.
  function markScrollRegions() {
    var wraps = document.querySelectorAll(".md-typeset__scrollwrap");
    Array.prototype.forEach.call(wraps, function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      var marked = wrap.hasAttribute("data-innomed-scroll");
      if (scrolls && !marked && !wrap.hasAttribute("tabindex")) {
        var caption = wrap.querySelector("caption");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", caption ? caption.textContent.trim() : "Tabell");
        wrap.setAttribute("data-innomed-scroll", "");
      } else if (!scrolls && marked) {
        ["tabindex", "role", "aria-label", "data-innomed-scroll"].forEach(function (name) {
          wrap.removeAttribute(name);
        });
      }
    });
  }
  var pending = false;
  window.addEventListener("load", markScrollRegions);
  window.addEventListener("resize", function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () { pending = false; markScrollRegions(); });
  });
})();
