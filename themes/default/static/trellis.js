/* Trellis default theme: small progressive enhancements.
   ES2020 (see README, "Themes"), no modules, no dependencies, no network:
   works from file:// too.
   Every page stays fully usable without this script. */
(() => {
  "use strict";

  const root = document.documentElement;
  const FIELD_PREFIX = "trellis-field:";
  const THEME_KEY = "trellis-theme";

  // localStorage can be missing or throw (privacy modes, file://, full quota).
  const store = {
    get: (k) => { try { return window.localStorage.getItem(k); } catch { return null; } },
    set: (k, v) => { try { window.localStorage.setItem(k, v); } catch { /* ignore */ } },
    remove: (k) => { try { window.localStorage.removeItem(k); } catch { /* ignore */ } }
  };

  function on(target, type, fn) {
    if (target && target.addEventListener) target.addEventListener(type, fn);
  }

  const each = (list, fn) => Array.from(list).forEach(fn);

  // Strings come from the page (base.html).
  const text = (key, vars) => (window.trellisText ? window.trellisText(key, vars) : key);

  // Keys typed into a field belong to the field, not to page shortcuts.
  function inField(t) {
    return t && (t.isContentEditable || (t.closest && t.closest("input, textarea, select, [contenteditable]")));
  }

  /* 1. Theme toggle: light <-> dark, remembered across pages. */
  function initTheme() {
    const button = document.getElementById("theme-toggle");
    if (!button) return;
    const media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;

    function current() {
      const t = root.dataset.theme;
      if (t === "light" || t === "dark") return t;
      return media && media.matches ? "dark" : "light";
    }
    function render() {
      const dark = current() === "dark";
      // The label names the mode a click switches to; aria-pressed (and the CSS
      // dot) says whether dark mode is on.
      button.textContent = text(dark ? "js-theme-light" : "js-theme-dark");
      button.setAttribute("aria-pressed", dark ? "true" : "false");
    }
    on(button, "click", () => {
      const next = current() === "dark" ? "light" : "dark";
      root.dataset.theme = next;
      store.set(THEME_KEY, next);
      render();
    });
    // Follow the system setting while the reader has not chosen a theme.
    if (media) {
      const follow = () => { if (!store.get(THEME_KEY)) render(); };
      if (media.addEventListener) media.addEventListener("change", follow);
      else if (media.addListener) media.addListener(follow);
    }
    render();
  }

  /* 2. Fields: answers are kept in localStorage under "trellis-field:" + data-key.
     The lesson page and its worksheet page share keys, so answers appear in both. */
  // Keyed by course and language (data-storage), not address.
  const SCOPE = (root.getAttribute("data-storage") || "") + "/";
  function storageKey(el) { return FIELD_PREFIX + SCOPE + el.getAttribute("data-key"); }

  // Show a stored value; null means "nothing stored": back to the page's own default.
  function applyValue(el, value) {
    if (el.type === "checkbox") el.checked = value === null ? el.defaultChecked : value === "1";
    else if (el.type === "radio") el.checked = value === null ? el.defaultChecked : el.value === value;
    else el.value = value === null ? el.defaultValue : value;
  }

  function restoreField(el) {
    const value = store.get(storageKey(el));
    if (value !== null) applyValue(el, value);
  }

  function saveField(el) {
    const key = storageKey(el);
    if (el.type === "checkbox") store.set(key, el.checked ? "1" : "");
    else if (el.type === "radio") { if (el.checked) store.set(key, el.value); }
    else if (el.value === "") store.remove(key);
    else store.set(key, el.value);
  }

  function fieldsIn(scope) {
    return Array.from((scope || document).querySelectorAll("[data-key]"));
  }

  function initFields() {
    fieldsIn(document).forEach(restoreField);
    const onEdit = (e) => {
      const el = e.target;
      if (el && el.hasAttribute && el.hasAttribute("data-key")) saveField(el);
    };
    on(document, "input", onEdit);
    on(document, "change", onEdit);
    // Keep another open tab (say, the worksheet next to its lesson) in sync.
    on(window, "storage", (e) => {
      if (!e.key || !e.key.startsWith(FIELD_PREFIX + SCOPE)) return;
      const key = e.key.slice((FIELD_PREFIX + SCOPE).length);
      fieldsIn(document).forEach((el) => {
        if (el.getAttribute("data-key") === key) applyValue(el, e.newValue);
      });
    });
  }

  /* 3-5. Buttons with data-action. */
  function clearFields(button) {
    if (!window.confirm(text("js-clear-confirm"))) return;
    const scope = button.closest(".worksheet") || button.closest("main") || document;
    fieldsIn(scope).forEach((el) => {
      store.remove(storageKey(el));
      applyValue(el, null); // back to the blank sheet as published
    });
  }

  function initActions() {
    on(document, "click", (e) => {
      const button = e.target && e.target.closest ? e.target.closest("[data-action]") : null;
      if (!button) return;
      const action = button.getAttribute("data-action");
      if (action === "print") {
        window.print();
      } else if (action === "clear-fields") {
        clearFields(button);
      } else if (action === "print-worksheet") {
        const sheet = button.closest(".worksheet");
        const url = sheet && sheet.getAttribute("data-worksheet-url");
        if (url) window.location.href = url.split("#")[0] + "#print";
      } else {
        return;
      }
      e.preventDefault();
    });

    // A worksheet opened with #print prints itself once its answers are restored.
    if (window.location.hash === "#print") {
      try { history.replaceState(null, "", window.location.href.split("#")[0]); } catch { /* file:// in some browsers */ }
      window.setTimeout(() => { window.print(); }, 300);
    }
  }

  /* 6. Printing: open closed solutions, close them again afterwards. */
  function initPrint() {
    let opened = [];
    on(window, "beforeprint", () => {
      document.querySelectorAll("details.solution:not([open])").forEach((d) => {
        d.open = true;
        opened.push(d);
      });
    });
    on(window, "afterprint", () => {
      opened.forEach((d) => { d.open = false; });
      opened = [];
    });
  }

  /* 7. Shift+arrow keys move to the previous / next lesson (mirrored right to
     left). Plain arrows scroll and Alt+arrows are the browser's Back and Forward,
     so both are left alone; so is Shift+arrow while text is selected. */
  function initKeys() {
    on(document, "keydown", (e) => {
      if (e.defaultPrevented || !e.shiftKey || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
      if (inField(e.target)) return;
      const selection = window.getSelection ? window.getSelection() : null;
      if (selection && !selection.isCollapsed) return;
      // Right to left, the previous lesson is to the right.
      const back = root.getAttribute("dir") === "rtl" ? "ArrowRight" : "ArrowLeft";
      const link = document.querySelector(e.key === back ? "a[rel~=prev]" : "a[rel~=next]");
      if (link && link.href) window.location.href = link.href;
    });
  }

  /* 8. "/" focuses the search box. */
  function initSearchKey() {
    on(document, "keydown", (e) => {
      if (e.key !== "/" || e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || inField(e.target)) return;
      const box = document.getElementById("search-input") || document.getElementById("site-search");
      if (!box) return;
      e.preventDefault();
      box.focus();
      box.select();
    });
  }

  /* 9. Progress in localStorage: lessons marked done, and the last lesson opened,
     keyed by SCOPE and the lesson's stable id (data-lesson-id). */
  function initProgress() {
    const scope = SCOPE;
    const LAST = "trellis-last:" + scope;
    function key(id) { return "trellis-done:" + scope + id; }
    function isDone(id) { return store.get(key(id)) === "1"; }
    function $(id) { return document.getElementById(id); }
    const lesson = document.querySelector("main[data-lesson-id]"), button = $("done-toggle");
    const items = document.querySelectorAll("li.outline-lesson[data-lesson-id]");
    const none = $("progress-count") ? $("progress-count").textContent : null;

    function paint() {
      let total = 0, done = 0, count = 0;
      const known = [];
      each(items, (li) => { const d = +li.getAttribute("data-duration"); if (d > 0) known.push(d); });
      // The bar weighs lessons by session minutes; one without counts as an average one.
      const mean = known.length ? known.reduce((a, b) => a + b) / known.length : 1;
      each(items, (li) => {
        const yes = isDone(li.getAttribute("data-lesson-id")), link = li.querySelector("a");
        let note = li.querySelector(".done-note");
        const w = +li.getAttribute("data-duration") || mean;
        li.classList.toggle("done", yes);
        total += w;
        if (yes) { done += w; count++; }
        if (yes && !note && link) {
          note = document.createElement("span");
          note.className = "done-note visually-hidden";
          note.textContent = " " + text("js-done-note");
          link.appendChild(note);
        } else if (!yes && note) {
          note.parentNode.removeChild(note);
        }
      });
      if (lesson && button) button.setAttribute("aria-pressed", String(isDone(lesson.getAttribute("data-lesson-id"))));
      const bar = $("progress-bar"), pct = total ? Math.round(100 * done / total) : 0;
      if (!bar) return;
      bar.setAttribute("aria-valuenow", String(pct));
      const numbers = { count, total: items.length, pct };
      bar.setAttribute("aria-valuetext", text("js-progress-value", numbers));
      bar.style.setProperty("--progress", pct + "%");
      // Nothing done yet: the page's own sentence stays.
      if (count) $("progress-count").textContent = text("js-progress", numbers);
      else if (none !== null) $("progress-count").textContent = none;
    }

    // Home: the one main button continues with the last lesson opened, if it is still in the course.
    const last = store.get(LAST), start = $("start-link");
    each(items, (li) => {
      const link = li.querySelector("a");
      if (!start || li.getAttribute("data-lesson-id") !== last || !link) return;
      start.setAttribute("href", link.getAttribute("href"));
      start.removeAttribute("rel");
      start.textContent = text("js-continue-lesson", { number: li.getAttribute("data-number") });
    });
    if (lesson) {
      const id = lesson.getAttribute("data-lesson-id");
      store.set(LAST, id);
      on(button, "click", () => {
        if (isDone(id)) store.remove(key(id)); else store.set(key(id), "1");
        paint();
        const status = $("done-status");
        if (status) status.textContent = text(isDone(id) ? "js-marked-done" : "js-unmarked-done");
      });
    }
    on(window, "storage", (e) => { if (!e.key || e.key.startsWith("trellis-done:")) paint(); });
    paint();
  }

  /* Narrow screens: start with the lesson list folded so the lesson comes first. */
  function initSidebar() {
    const box = document.querySelector(".sidebar-box");
    if (!box || !window.matchMedia) return;
    const narrow = window.matchMedia("(max-width: 55.99rem)");
    box.open = !narrow.matches;
    // A window made wide again shows the column (its summary has no marker there).
    on(narrow, "change", () => { box.open = !narrow.matches; });
  }

  /* Phones: the search, the site links and the theme button fold behind one menu button
     (without scripts they stay in the header, wrapped). Escape closes it. */
  function initMenu() {
    const button = document.getElementById("menu-toggle");
    const header = button && button.closest(".site-header");
    if (!header) return;
    const set = (open) => {
      button.setAttribute("aria-expanded", String(open));
      header.classList.toggle("menu-open", open);
    };
    on(button, "click", () => { set(button.getAttribute("aria-expanded") !== "true"); });
    on(header, "keydown", (e) => {
      if (e.key !== "Escape" || button.getAttribute("aria-expanded") !== "true") return;
      set(false);
      button.focus();
    });
  }

  /* 10. Tabs: arrow keys, Home, End (WAI-ARIA). */
  function initTabs() {
    const boxes = Array.from(document.querySelectorAll("[data-tabs]"));
    function pick(box, label) {
      const tabs = box.querySelectorAll("[role=tab]");
      if (Array.from(tabs).some((t) => t.dataset.label === label)) each(tabs, (t) => {
        const yes = t.dataset.label === label;
        t.setAttribute("aria-selected", yes); t.tabIndex = yes ? 0 : -1;
        document.getElementById(t.getAttribute("aria-controls")).hidden = !yes;
      });
    }
    boxes.forEach((box) => {
      const tabs = box.querySelectorAll("[role=tab]"), g = box.hasAttribute("data-tab-group");
      function choose(t) {
        boxes.forEach((b) => { if (b === box || (g && b.hasAttribute("data-tab-group"))) pick(b, t.dataset.label); });
      }
      each(tabs, (t, i) => {
        on(t, "click", () => { choose(t); });
        on(t, "keydown", (e) => {
          const n = { ArrowRight: i + 1, ArrowLeft: i - 1, Home: 0, End: tabs.length - 1 }[e.key];
          if (n === undefined) return;
          e.preventDefault();
          const to = tabs[(n + tabs.length) % tabs.length];
          choose(to); to.focus();
        });
      });
      if (tabs.length) pick(box, tabs[0].dataset.label);
    });
  }

  function start() {
    [initTheme, initFields, initActions, initPrint, initKeys, initSearchKey, initProgress, initSidebar, initMenu, initTabs].forEach((init) => {
      try { init(); } catch (e) { if (window.console) console.error("trellis:", e); }
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
