/* Trellis default theme: self-check quizzes, and moving answers between devices.
   ES2020 (see README, "Themes"), no dependencies. Without this script a quiz still
   shows its options, with the answer in a <details>. */
(() => {
  "use strict";

  const root = document.documentElement;
  const SCOPE = `${root.getAttribute("data-storage") || ""}/`;
  const QUIZ = `trellis-quiz:${SCOPE}`;
  // Everything a learner wrote or chose, for export: fields, quizzes, lessons done.
  const LEARNER = ["trellis-field:", "trellis-quiz:", "trellis-done:"];
  const ours = (k) => LEARNER.some((p) => k.startsWith(p + SCOPE));

  const store = {
    get(k) { try { return localStorage.getItem(k); } catch { return null; } },
    set(k, v) { try { localStorage.setItem(k, v); } catch { /* ignore */ } },
    remove(k) { try { localStorage.removeItem(k); } catch { /* ignore */ } },
  };
  const text = (key, vars) => (window.trellisText ? window.trellisText(key, vars) : key);
  const all = (el, sel) => [...el.querySelectorAll(sel)];
  const rightCount = (saved) => Object.values(saved.right).filter((r) => r === true).length;

  // As `fold` in src/text.rs (which folds the accepted answers at build time):
  // lowercase, accents and Arabic marks stripped, spaces trimmed and collapsed.
  const fold = (s) => String(s).toLowerCase().normalize("NFD")
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, "").normalize("NFC")
    .replace(/\s+/g, " ").trim();

  const load = (key) => {
    try { return JSON.parse(store.get(QUIZ + key)) || null; } catch { return null; }
  };

  /* A question: answer, check, per-option feedback, try again. */
  class Question {
    constructor(box) {
      this.box = box;
      this.kind = box.getAttribute("data-kind");
      this.status = box.querySelector(".quiz-status");
      this.retry = box.querySelector("[data-quiz-retry]");
    }

    get written() { return this.kind === "short" || this.kind === "reflection"; }
    inputs() { return all(this.box, ".quiz-option input"); }
    field() { return this.box.querySelector(".quiz-text"); }

    answer() {
      if (this.written) return this.field().value;
      return this.inputs().filter((i) => i.checked).map((i) => i.value);
    }

    show(answer) {
      if (this.written) { this.field().value = answer || ""; return; }
      for (const i of this.inputs()) i.checked = (answer || []).includes(i.value);
    }

    clear() {
      this.show(null);
      this.unmark();
      this.status.textContent = "";
    }

    unmark() {
      for (const li of all(this.box, ".quiz-option")) {
        li.classList.remove("is-right", "is-wrong");
        li.querySelector(".quiz-mark").textContent = "";
      }
      for (const f of all(this.box, ".quiz-feedback")) f.hidden = true;
      const details = this.box.querySelector(".quiz-answer");
      if (details) { details.classList.remove("shown"); details.open = false; }
      this.box.classList.remove("is-right", "is-wrong");
      if (this.retry) this.retry.hidden = true;
    }

    // Marks the answer; returns true (right), false (wrong) or null (not scored / empty).
    check() {
      this.unmark();
      const said = [];
      let result;
      if (this.kind === "reflection") {
        const details = this.box.querySelector(".quiz-answer");
        if (details) { details.classList.add("shown"); details.open = true; }
        this.status.textContent = text("js-quiz-compared");
        return null;
      }
      if (this.kind === "short") {
        const accept = JSON.parse(this.box.getAttribute("data-accept") || "[]").map(fold);
        const given = fold(this.field().value);
        if (!given) { this.status.textContent = text("js-quiz-empty"); return null; }
        result = accept.includes(given);
        for (const f of all(this.box, ".quiz-feedback")) { f.hidden = false; said.push(f.textContent.trim()); }
        said.unshift(text(result ? "js-quiz-right" : "js-quiz-short-wrong"));
      } else {
        if (!this.inputs().some((i) => i.checked)) { this.status.textContent = text("js-quiz-empty"); return null; }
        let wrong = 0, missed = 0;
        for (const i of this.inputs()) {
          const li = i.closest(".quiz-option"), right = li.hasAttribute("data-right");
          if (!i.checked) { if (right) missed++; continue; }
          if (!right) wrong++;
          // Never colour alone: a sign, and the words in the live region.
          li.classList.add(right ? "is-right" : "is-wrong");
          li.querySelector(".quiz-mark").textContent = right ? `\u2713 ${text("js-quiz-mark-right")}` : `\u2717 ${text("js-quiz-mark-wrong")}`;
          const f = li.querySelector(".quiz-feedback");
          if (f) { f.hidden = false; said.push(f.textContent.trim()); }
        }
        result = !wrong && !missed;
        said.unshift(text(result ? "js-quiz-right" : (wrong ? "js-quiz-wrong" : "js-quiz-partial")));
      }
      this.box.classList.add(result ? "is-right" : "is-wrong");
      if (this.retry) this.retry.hidden = result;
      this.status.textContent = said.join(" ");
      return result;
    }
  }

  /* A quiz: its questions, saved under its key with the lesson it belongs to. */
  class Quiz {
    constructor(el) {
      this.el = el;
      this.key = el.getAttribute("data-quiz");
      this.questions = all(el, ".quiz-question").map((box) => new Question(box));
      this.score = el.querySelector(".quiz-score");
    }

    save(results) {
      const saved = { lesson: this.key.split("#")[0], answers: {}, right: {}, total: 0 };
      this.questions.forEach((q, n) => {
        saved.answers[q.box.id] = q.answer();
        if (q.kind !== "reflection") saved.total++;
        if (results[n] !== undefined) saved.right[q.box.id] = results[n];
      });
      store.set(QUIZ + this.key, JSON.stringify(saved));
      this.paint(saved);
    }

    results() {
      const saved = load(this.key), out = [];
      this.questions.forEach((q, n) => { if (saved && q.box.id in saved.right) out[n] = saved.right[q.box.id]; });
      return out;
    }

    paint(saved) {
      if (this.score) this.score.textContent = saved ? text("js-quiz-score", { count: rightCount(saved), total: saved.total }) : "";
      paintProgress();
    }

    restore() {
      const saved = load(this.key);
      if (!saved) return;
      for (const q of this.questions) {
        if (!(q.box.id in saved.answers)) continue;
        q.show(saved.answers[q.box.id]);
        if (q.box.id in saved.right) q.check();
      }
      this.paint(saved);
    }

    reset() {
      store.remove(QUIZ + this.key);
      for (const q of this.questions) q.clear();
      this.paint(null);
      this.questions[0].status.textContent = text("js-quiz-cleared");
    }

    start() {
      this.questions.forEach((q, n) => {
        q.box.querySelector("[data-quiz-check]").addEventListener("click", () => {
          const result = q.check(), results = this.results();
          if (result !== null) results[n] = result;
          this.save(results);
        });
        q.retry?.addEventListener("click", () => {
          const results = this.results();
          q.clear();
          delete results[n];
          this.save(results);
          q.box.querySelector("input, textarea")?.focus();
        });
      });
      this.el.querySelector("[data-quiz-reset]")?.addEventListener("click", () => {
        if (window.confirm(text("js-quiz-reset-confirm"))) this.reset();
      });
      this.restore();
    }
  }

  /* Quiz scores beside lesson completion, in outlines and on the progress panel. */
  function scores() {
    const by = {};
    for (const k of learnerKeys()) {
      if (!k.startsWith(QUIZ)) continue;
      const saved = load(k.slice(QUIZ.length));
      if (!saved || !saved.total) continue;
      const s = by[saved.lesson] || (by[saved.lesson] = { count: 0, total: 0 });
      s.count += rightCount(saved);
      s.total += saved.total;
    }
    return by;
  }

  function paintProgress() {
    const by = scores();
    let count = 0, total = 0;
    for (const li of all(document, "li.outline-lesson[data-lesson-id]")) {
      const s = by[li.getAttribute("data-lesson-id")];
      let note = li.querySelector(".quiz-note");
      if (s && !note) {
        note = document.createElement("span");
        note.className = "quiz-note";
        li.appendChild(note);
      }
      if (s) note.textContent = text("js-quiz-score", s);
      else note?.remove();
    }
    for (const s of Object.values(by)) { count += s.count; total += s.total; }
    const line = document.getElementById("quiz-progress");
    if (line) {
      line.hidden = !total;
      line.textContent = total ? text("js-quiz-progress", { count, total }) : "";
    }
  }

  /* Export and import of every answer on this device, for this course. */
  function learnerKeys() {
    const keys = [];
    try {
      for (let i = 0; i < localStorage.length; i++) {
        const k = localStorage.key(i);
        if (ours(k)) keys.push(k);
      }
    } catch { /* no storage */ }
    return keys;
  }

  function say(key, vars) {
    const status = document.getElementById("answers-status");
    if (status) status.textContent = text(key, vars);
  }

  function exportAnswers() {
    const items = {};
    for (const k of learnerKeys()) items[k] = store.get(k);
    const file = JSON.stringify({ trellis: "answers", version: 1, scope: SCOPE, items }, null, 1);
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([file], { type: "application/json" }));
    a.download = `${SCOPE.replace(/[^\w-]+/g, "-").replace(/^-+|-+$/g, "") || "course"}-answers.json`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    say("js-answers-exported");
  }

  // Only this course's keys are taken from a file; anything else in it is ignored.
  function importAnswers(file) {
    const reader = new FileReader();
    reader.onload = () => {
      let data, n = 0;
      try { data = JSON.parse(reader.result); } catch { data = null; }
      if (!data || data.trellis !== "answers" || typeof data.items !== "object") { say("js-answers-import-failed"); return; }
      for (const [k, v] of Object.entries(data.items || {})) {
        if (ours(k) && typeof v === "string") { store.set(k, v); n++; }
      }
      say(n ? "js-answers-imported" : "js-answers-import-failed", { count: n });
      paintProgress();
    };
    reader.onerror = () => say("js-answers-import-failed");
    reader.readAsText(file);
  }

  function start() {
    for (const el of all(document, "section.quiz[data-quiz]")) {
      try { new Quiz(el).start(); } catch (e) { console.error("trellis quiz:", e); }
    }
    const input = document.getElementById("answers-file");
    document.addEventListener("click", (e) => {
      const action = e.target?.closest?.("[data-action]")?.getAttribute("data-action");
      if (action === "export-answers") exportAnswers();
      else if (action === "import-answers" && input) input.click();
    });
    input?.addEventListener("change", () => {
      if (input.files?.[0]) importAnswers(input.files[0]);
      input.value = "";
    });
    window.addEventListener("storage", (e) => { if (!e.key || e.key.startsWith(QUIZ)) paintProgress(); });
    paintProgress();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
