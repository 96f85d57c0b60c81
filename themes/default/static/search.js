/* Trellis search page. Reads window.TRELLIS_SEARCH from static/search-index.js, then
   loads the shards a query needs with <script> tags (works from file://); format in
   src/search/mod.rs. Cuts queries into tokens as src/search/tokenize.rs does. */
(() => {
  "use strict";

  // Folding must match `fold` in src/text.rs: its tests list sample strings with the
  // folds this function gives (BROWSER_FOLDS) and read SPECIAL from this line.
  const SPECIAL = { "\u00df": "ss", "\u00e6": "ae", "\u0153": "oe", "\u00f8": "o", "\u0111": "d", "\u0142": "l", "\u0131": "i", "\u03c2": "\u03c3", "\u0127": "h", "\u00fe": "th", "\u00f0": "d", "\u0671": "\u0627" };
  const SPECIAL_RE = new RegExp("[" + Object.keys(SPECIAL).join("") + "]", "g");
  const CJK = "\\u3005-\\u3007\\u3040-\\u30ff\\u31f0-\\u31ff\\u3400-\\u4dbf\\u4e00-\\u9fff\\uac00-\\ud7af\\uf900-\\ufaff\\uff66-\\uff9f\\u{20000}-\\u{2ffff}";
  // A CJK run, or a run of letters and digits that are not CJK.
  const TOKEN = new RegExp("[" + CJK + "]+|(?:(?![" + CJK + "])[\\p{Alphabetic}\\p{N}])+", "gu");
  const IS_CJK = new RegExp("^[" + CJK + "]", "u");
  const LIMIT = 50, K1 = 1.2, B = 0.75;
  const DIGIT = new Int8Array(128);
  Array.from("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_").forEach((c, i) => { DIGIT[c.charCodeAt(0)] = i; });

  // Strings come from the page (base.html).
  const text = (key, vars) => (window.trellisText ? window.trellisText(key, vars) : key);

  function fold(s) {
    // Stripped: accents; Arabic harakat, hamza, madda, tatweel.
    return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, "").normalize("NFC")
      .replace(SPECIAL_RE, (c) => SPECIAL[c]);
  }

  // The query's distinct tokens, and its CJK runs (for highlighting).
  function tokenize(text) {
    const out = [], runs = [];
    for (const [run] of fold(text).matchAll(TOKEN)) {
      const c = Array.from(run);
      if (IS_CJK.test(run)) {
        runs.push(run);
        for (let i = 0; i + 1 < c.length; i++) out.push(c[i] + c[i + 1]);
        out.push(c[c.length - 1]);
      } else if (c.length > 1) {
        out.push(c.slice(0, 32).join(""));
      }
    }
    return { tokens: [...new Set(out)], runs };
  }

  // A term's postings: base-32 numbers whose leading digits are 32-63.
  function numbers(s) {
    const out = [];
    let n = 0;
    for (let i = 0; i < s.length; i++) {
      const d = DIGIT[s.charCodeAt(i)];
      if (d >= 32) n = n * 32 + d - 32; else { out.push(n * 32 + d); n = 0; }
    }
    return out;
  }

  // Shards ("t3", "d0"): a promise each, loaded once.
  const shards = {}, waiting = {};
  let base = "";
  window.TRELLIS_SEARCH_SHARD = (name, data) => { waiting[name](data); };
  function load(name) {
    return shards[name] || (shards[name] = new Promise((done, fail) => {
      const s = document.createElement("script");
      waiting[name] = done;
      s.onerror = () => { delete shards[name]; fail(); };
      s.src = `${base}search/${name}.js`;
      document.head.appendChild(s);
    }));
  }

  // First position in sorted `list` not below q (not at q either, with `after`).
  function lower(list, q, after) {
    let lo = 0, hi = list.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (list[mid] < q || after && list[mid] === q) lo = mid + 1; else hi = mid; }
    return lo;
  }

  // Doc ids, best first (BM25): every query token matches a term exactly or as a
  // prefix; loaded[q] holds the term shards q needs.
  function search(index, tokens, loaded) {
    const n = index.n, len = index.lens;
    let avg = 0;
    for (let i = 0; i < n; i++) avg += len[i];
    avg = avg / n || 1;
    const total = new Float64Array(n), hits = new Uint16Array(n);
    for (const q of tokens) {
      const score = new Float64Array(n);
      for (const { terms, post } of loaded[q]) {
        for (let t = lower(terms, q); t < terms.length && terms[t].startsWith(q); t++) {
          const list = numbers(post[t]), weight = terms[t] === q ? 1 : 0.6;
          const idf = Math.log(1 + (n - list.length + 0.5) / (list.length + 0.5));
          let doc = 0;
          for (const p of list) {
            doc += p >>> 4;
            const tf = p & 15;
            const s = weight * idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * len[doc] / avg)) + 1e-9;
            if (s > score[doc]) score[doc] = s;
          }
        }
      }
      for (let d = 0; d < n; d++) if (score[d] > 0) { hits[d]++; total[d] += score[d]; }
    }
    const found = [];
    for (let i = 0; i < n; i++) if (hits[i] === tokens.length) found.push(i);
    return found.sort((a, b) => total[b] - total[a] || a - b);
  }

  // Promises the query's doc ids and first LIMIT docs ([url, title, module, text]).
  // A token's terms are in the shard it sorts into and those after that start with it.
  function query(index, q) {
    const query = tokenize(q), loaded = {}, { per, terms: heads } = index;
    return Promise.all(query.tokens.map((t) => {
      const want = [];
      let k = Math.max(0, lower(heads, t, true) - 1);
      do want.push(load(`t${k}`)); while (++k < heads.length && heads[k].startsWith(t));
      return Promise.all(want).then((list) => { loaded[t] = list; });
    })).then(() => {
      const found = query.tokens.length ? search(index, query.tokens, loaded) : [];
      return Promise.all(found.slice(0, LIMIT).map((id) => load(`d${Math.floor(id / per)}`)
        .then((d) => [...d.docs[id % per], d.text[id % per]])))
        .then((docs) => ({ query, found, docs }));
    });
  }

  const esc = (s) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

  // [start, end) ranges in text.slice(from, to) to highlight: words starting with a
  // query word, and the query's CJK runs. With `first`, stop at the first one.
  function ranges(text, query, from, to, first) {
    const out = [], words = query.tokens.filter((t) => !IS_CJK.test(t));
    for (const m of text.slice(from, to).matchAll(TOKEN)) {
      if (first && out.length) break;
      const w = m[0], at = from + m.index;
      if (IS_CJK.test(w)) {
        for (const r of query.runs) {
          for (let i = w.indexOf(r); i >= 0; i = w.indexOf(r, i + r.length)) out.push([at + i, at + i + r.length]);
        }
      } else {
        const f = /^[\x00-\x7f]*$/.test(w) ? w.toLowerCase() : fold(w);
        if (words.some((q) => f.startsWith(q))) out.push([at, at + w.length]);
      }
    }
    return out.sort((a, b) => a[0] - b[0]);
  }

  function marked(text, from, to, query) {
    let html = "", at = from;
    for (const [start, end] of ranges(text, query, from, to)) {
      if (start < at) continue;
      html += `${esc(text.slice(at, start))}<mark>${esc(text.slice(start, end))}</mark>`;
      at = end;
    }
    return html + esc(text.slice(at, to));
  }

  // About 200 characters around the first match, cut at spaces.
  function snippet(text, query) {
    const hit = ranges(text, query, 0, text.length, true)[0], first = hit ? hit[0] : 0;
    let from = Math.max(0, first - 60), to = Math.min(text.length, from + 200);
    const sp = text.indexOf(" ", from), end = text.lastIndexOf(" ", to);
    if (from > 0 && sp >= 0 && sp < first) from = sp + 1;
    if (to < text.length && end > first) to = end;
    return (from > 0 ? "\u2026 " : "") + marked(text, from, to, query) + (to < text.length ? " \u2026" : "");
  }

  function render(r, q, list, status, root) {
    const { query, found } = r, shown = q.trim();
    list.innerHTML = "";
    if (!query.tokens.length) { status.textContent = shown ? text("js-search-short") : ""; return; }
    const vars = { count: found.length, query: shown, limit: LIMIT };
    status.textContent = text(!found.length ? "js-search-none" : found.length > LIMIT ? "js-search-more" : "js-search-found", vars);
    list.innerHTML = r.docs.map(([url, title, module, body]) =>
      `<li><a href="${esc(root + url)}index.html">${marked(title, 0, title.length, query)}</a>`
        + (module ? `<span class="search-module">${esc(module)}</span>` : "")
        + `<p>${snippet(body, query)}</p></li>`).join("");
  }

  // The index, its doc lengths decoded; shards sit beside its script.
  function prepare(index) {
    if (!index || index.v !== 2) return null;
    index.lens = index.lens || numbers(index.len);
    base = document.querySelector("script[src*='search-index.js']").src.replace(/search-index\.js.*/, "");
    return index;
  }

  function start() {
    const input = document.getElementById("search-input"), results = document.getElementById("search-results");
    if (!input || !results) return;
    const status = document.getElementById("search-status") || results, index = prepare(window.TRELLIS_SEARCH);
    const failed = text("js-search-failed");
    if (!index) { status.textContent = failed; return; }
    const list = results.appendChild(document.createElement("ol"));
    let timer = 0, latest = 0;
    list.className = "search-results";
    const run = () => {
      clearTimeout(timer);
      const mine = ++latest;
      let q = input.value;
      query(index, q).then((r) => {
        if (mine === latest) render(r, q, list, status, document.documentElement.getAttribute("data-root") || "");
      }, () => { if (mine === latest) status.textContent = failed; });
      q = q.trim();
      try { history.replaceState(null, "", q ? `?q=${encodeURIComponent(q)}` : location.pathname); } catch { /* file:// */ }
    };
    const q = new URLSearchParams(location.search).get("q");
    if (q) { input.value = q; run(); }
    input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 120); });
    input.form.addEventListener("submit", (e) => { e.preventDefault(); run(); });
  }

  window.TrellisSearch = { fold, tokenize, snippet };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
