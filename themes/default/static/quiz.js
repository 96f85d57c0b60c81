/* Trellis default theme: self-check quizzes, and moving answers between devices.
   Plain ES2017, no dependencies. Without this script a quiz still shows its
   options, with the answer in a <details>. */
(function () {
  "use strict";

  var root = document.documentElement;
  var SCOPE = (root.getAttribute("data-storage") || "") + "/";
  var QUIZ = "trellis-quiz:" + SCOPE;
  // Everything a learner wrote or chose, for export: fields, quizzes, lessons done.
  var LEARNER = ["trellis-field:", "trellis-quiz:", "trellis-done:"];

  var store = {
    get: function (k) { try { return window.localStorage.getItem(k); } catch (e) { return null; } },
    set: function (k, v) { try { window.localStorage.setItem(k, v); } catch (e) { /* ignore */ } },
    remove: function (k) { try { window.localStorage.removeItem(k); } catch (e) { /* ignore */ } }
  };
  function text(key, vars) { return window.trellisText ? window.trellisText(key, vars) : key; }
  function each(list, fn) { Array.prototype.forEach.call(list, fn); }
  function all(el, sel) { return Array.prototype.slice.call(el.querySelectorAll(sel)); }

  // As `fold` in src/text.rs (which folds the accepted answers at build time):
  // lowercase, accents and Arabic marks stripped, spaces trimmed and collapsed.
  function fold(s) {
    var t = String(s).toLowerCase();
    if (t.normalize) t = t.normalize("NFD").replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, "").normalize("NFC");
    return t.replace(/\s+/g, " ").trim();
  }

  function load(key) {
    try { return JSON.parse(store.get(QUIZ + key)) || null; } catch (e) { return null; }
  }

  /* A question: answer, check, per-option feedback, try again. */
  function Question(box) {
    this.box = box;
    this.kind = box.getAttribute("data-kind");
    this.status = box.querySelector(".quiz-status");
    this.retry = box.querySelector("[data-quiz-retry]");
  }

  Question.prototype.inputs = function () { return all(this.box, ".quiz-option input"); };
  Question.prototype.field = function () { return this.box.querySelector(".quiz-text"); };

  Question.prototype.answer = function () {
    if (this.kind === "short" || this.kind === "reflection") return this.field().value;
    return this.inputs().filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
  };

  Question.prototype.show = function (answer) {
    if (this.kind === "short" || this.kind === "reflection") { this.field().value = answer || ""; return; }
    each(this.inputs(), function (i) { i.checked = (answer || []).indexOf(i.value) >= 0; });
  };

  Question.prototype.clear = function () {
    this.show(null);
    this.unmark();
    this.status.textContent = "";
  };

  Question.prototype.unmark = function () {
    each(this.box.querySelectorAll(".quiz-option"), function (li) {
      li.classList.remove("is-right", "is-wrong");
      li.querySelector(".quiz-mark").textContent = "";
    });
    each(this.box.querySelectorAll(".quiz-feedback"), function (f) { f.hidden = true; });
    var details = this.box.querySelector(".quiz-answer");
    if (details) { details.classList.remove("shown"); details.open = false; }
    this.box.classList.remove("is-right", "is-wrong");
    if (this.retry) this.retry.hidden = true;
  };

  // Marks the answer; returns true (right), false (wrong) or null (not scored / empty).
  Question.prototype.check = function () {
    this.unmark();
    var said = [], result;
    if (this.kind === "reflection") {
      var details = this.box.querySelector(".quiz-answer");
      if (details) { details.classList.add("shown"); details.open = true; }
      this.status.textContent = text("js-quiz-compared");
      return null;
    }
    if (this.kind === "short") {
      var accept = JSON.parse(this.box.getAttribute("data-accept") || "[]").map(fold);
      var given = fold(this.field().value);
      if (!given) { this.status.textContent = text("js-quiz-empty"); return null; }
      result = accept.indexOf(given) >= 0;
      each(this.box.querySelectorAll(".quiz-feedback"), function (f) { f.hidden = false; said.push(f.textContent.trim()); });
      said.unshift(text(result ? "js-quiz-right" : "js-quiz-short-wrong"));
    } else {
      var chosen = this.inputs().filter(function (i) { return i.checked; });
      if (!chosen.length) { this.status.textContent = text("js-quiz-empty"); return null; }
      var wrong = 0, missed = 0;
      each(this.inputs(), function (i) {
        var li = i.closest(".quiz-option"), right = li.hasAttribute("data-right");
        if (!i.checked) { if (right) missed++; return; }
        if (!right) wrong++;
        // Never colour alone: a sign, and the words in the live region.
        li.classList.add(right ? "is-right" : "is-wrong");
        li.querySelector(".quiz-mark").textContent = right ? "\u2713 " + text("js-quiz-mark-right") : "\u2717 " + text("js-quiz-mark-wrong");
        var f = li.querySelector(".quiz-feedback");
        if (f) { f.hidden = false; said.push(f.textContent.trim()); }
      });
      result = !wrong && !missed;
      said.unshift(text(result ? "js-quiz-right" : (wrong ? "js-quiz-wrong" : "js-quiz-partial")));
    }
    this.box.classList.add(result ? "is-right" : "is-wrong");
    if (this.retry) this.retry.hidden = result;
    this.status.textContent = said.join(" ");
    return result;
  };

  /* A quiz: its questions, saved under its key with the lesson it belongs to. */
  function Quiz(el) {
    this.el = el;
    this.key = el.getAttribute("data-quiz");
    this.questions = all(el, ".quiz-question").map(function (box) { return new Question(box); });
    this.score = el.querySelector(".quiz-score");
  }

  Quiz.prototype.save = function (results) {
    var saved = { lesson: this.key.split("#")[0], answers: {}, right: {}, total: 0 };
    this.questions.forEach(function (q, n) {
      saved.answers[q.box.id] = q.answer();
      if (q.kind !== "reflection") saved.total++;
      if (results[n] !== undefined) saved.right[q.box.id] = results[n];
    });
    store.set(QUIZ + this.key, JSON.stringify(saved));
    this.paint(saved);
  };

  Quiz.prototype.results = function () {
    var saved = load(this.key), out = [];
    this.questions.forEach(function (q, n) { if (saved && q.box.id in saved.right) out[n] = saved.right[q.box.id]; });
    return out;
  };

  Quiz.prototype.paint = function (saved) {
    var right = 0;
    if (saved) Object.keys(saved.right).forEach(function (k) { if (saved.right[k] === true) right++; });
    if (this.score) this.score.textContent = saved ? text("js-quiz-score", { count: right, total: saved.total }) : "";
    paintProgress();
  };

  Quiz.prototype.restore = function () {
    var saved = load(this.key);
    if (!saved) return;
    this.questions.forEach(function (q) {
      if (!(q.box.id in saved.answers)) return;
      q.show(saved.answers[q.box.id]);
      if (q.box.id in saved.right) q.check();
    });
    this.paint(saved);
  };

  Quiz.prototype.reset = function () {
    store.remove(QUIZ + this.key);
    this.questions.forEach(function (q) { q.clear(); });
    this.paint(null);
    this.questions[0].status.textContent = text("js-quiz-cleared");
  };

  Quiz.prototype.start = function () {
    var quiz = this;
    this.questions.forEach(function (q, n) {
      q.box.querySelector("[data-quiz-check]").addEventListener("click", function () {
        var result = q.check(), results = quiz.results();
        if (result !== null) results[n] = result;
        quiz.save(results);
      });
      if (q.retry) q.retry.addEventListener("click", function () {
        var results = quiz.results();
        q.clear();
        delete results[n];
        quiz.save(results);
        var first = q.box.querySelector("input, textarea");
        if (first) first.focus();
      });
    });
    var reset = this.el.querySelector("[data-quiz-reset]");
    if (reset) reset.addEventListener("click", function () {
      if (window.confirm(text("js-quiz-reset-confirm"))) quiz.reset();
    });
    this.restore();
  };

  /* Quiz scores beside lesson completion, in outlines and on the progress panel. */
  function scores() {
    var by = {};
    learnerKeys().forEach(function (k) {
      if (k.indexOf(QUIZ) !== 0) return;
      var saved = load(k.slice(QUIZ.length));
      if (!saved || !saved.total) return;
      var s = by[saved.lesson] || (by[saved.lesson] = { count: 0, total: 0 });
      Object.keys(saved.right).forEach(function (q) { if (saved.right[q] === true) s.count++; });
      s.total += saved.total;
    });
    return by;
  }

  function paintProgress() {
    var by = scores(), count = 0, total = 0;
    each(document.querySelectorAll("li.outline-lesson[data-lesson-id]"), function (li) {
      var s = by[li.getAttribute("data-lesson-id")], note = li.querySelector(".quiz-note");
      if (s && !note) {
        note = document.createElement("span");
        note.className = "quiz-note";
        li.appendChild(note);
      }
      if (s) note.textContent = text("js-quiz-score", s);
      else if (note) note.parentNode.removeChild(note);
    });
    Object.keys(by).forEach(function (k) { count += by[k].count; total += by[k].total; });
    var line = document.getElementById("quiz-progress");
    if (line) {
      line.hidden = !total;
      line.textContent = total ? text("js-quiz-progress", { count: count, total: total }) : "";
    }
  }

  /* Export and import of every answer on this device, for this course. */
  function learnerKeys() {
    var keys = [];
    try {
      for (var i = 0; i < window.localStorage.length; i++) {
        var k = window.localStorage.key(i);
        if (LEARNER.some(function (p) { return k.indexOf(p + SCOPE) === 0; })) keys.push(k);
      }
    } catch (e) { /* no storage */ }
    return keys;
  }

  function say(key, vars) {
    var status = document.getElementById("answers-status");
    if (status) status.textContent = text(key, vars);
  }

  function exportAnswers() {
    var items = {};
    learnerKeys().forEach(function (k) { items[k] = store.get(k); });
    var file = JSON.stringify({ trellis: "answers", version: 1, scope: SCOPE, items: items }, null, 1);
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([file], { type: "application/json" }));
    a.download = (SCOPE.replace(/[^\w-]+/g, "-").replace(/^-+|-+$/g, "") || "course") + "-answers.json";
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    say("js-answers-exported");
  }

  // Only this course's keys are taken from a file; anything else in it is ignored.
  function importAnswers(file) {
    var reader = new FileReader();
    reader.onload = function () {
      var data, n = 0;
      try { data = JSON.parse(reader.result); } catch (e) { data = null; }
      if (!data || data.trellis !== "answers" || typeof data.items !== "object") { say("js-answers-import-failed"); return; }
      Object.keys(data.items).forEach(function (k) {
        var ok = LEARNER.some(function (p) { return k.indexOf(p + SCOPE) === 0; });
        if (ok && typeof data.items[k] === "string") { store.set(k, data.items[k]); n++; }
      });
      say(n ? "js-answers-imported" : "js-answers-import-failed", { count: n });
      paintProgress();
    };
    reader.onerror = function () { say("js-answers-import-failed"); };
    reader.readAsText(file);
  }

  function start() {
    all(document, "section.quiz[data-quiz]").forEach(function (el) {
      try { new Quiz(el).start(); } catch (e) { if (window.console) console.error("trellis quiz:", e); }
    });
    var input = document.getElementById("answers-file");
    document.addEventListener("click", function (e) {
      var b = e.target && e.target.closest ? e.target.closest("[data-action]") : null;
      var action = b && b.getAttribute("data-action");
      if (action === "export-answers") exportAnswers();
      else if (action === "import-answers" && input) input.click();
    });
    if (input) input.addEventListener("change", function () {
      if (input.files && input.files[0]) importAnswers(input.files[0]);
      input.value = "";
    });
    window.addEventListener("storage", function (e) { if (!e.key || e.key.indexOf(QUIZ) === 0) paintProgress(); });
    paintProgress();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
