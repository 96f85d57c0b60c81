#!/usr/bin/env python3
"""Generate a synthetic course for benchmarks: N lessons in modules of 10 (or --module-size).

    python3 bench/gen_course.py --n 1000 --out /tmp/course [--seed 1] [--formats trellis,hugo]

The same seed always gives the same files. Each lesson has 600-900 words of prose
(code not counted), `##` and `###` headings, lists, emphasis, a tip, one fenced code
block of about 15 lines (python, rust, javascript, bash and json in turn) and a link
to the previous lesson by its source file. Every 5th lesson ends with a worksheet.

Formats, each written to its own folder under --out when more than one is asked for
(`--out DIR --formats trellis,hugo` writes DIR/trellis and DIR/hugo; a single format
is written to DIR itself):

- trellis: site.toml, content/_index.md, content/NNN-<module>/_index.md and
  content/NNN-<module>/NN-<lesson>.md with TOML front matter.
- hugo: the same course for Hugo: hugo.toml, the same content tree with Hugo front
  matter (title, weight), links through `relref`, the tip as a plain blockquote, the
  worksheet as plain Markdown, and minimal layouts/_default/{baseof,single,list}.html
  (Hugo's default highlighting stays on).
- zola: the same course for Zola (0.22): config.toml (highlighting on, search index
  and feeds off), the same content tree with `weight`, links as `@/` internal links,
  and minimal templates/{base,index,section,page}.html with the module's lessons on
  each page, like the Hugo layout.

Standard library only.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import sys
from dataclasses import dataclass, field

MODULE_SIZE = 10
WORKSHEET_EVERY = 5
LANGS = ["python", "rust", "javascript", "bash", "json"]

# Module names: qualifier + area, e.g. "Practical graph algorithms".
QUALIFIERS = [
    "practical", "applied", "everyday", "modern", "robust", "gentle", "advanced",
    "essential", "hands-on", "scalable", "careful", "reliable", "idiomatic",
    "incremental", "portable", "concurrent", "secure", "readable", "efficient",
    "testable", "functional", "declarative", "resilient", "observable",
]
AREAS = [
    "graph algorithms", "error handling", "data modelling", "text processing",
    "file formats", "network services", "state machines", "command lines",
    "build systems", "database queries", "caching strategies", "version control",
    "memory management", "type design", "api design", "event handling",
    "search indexes", "job scheduling", "configuration", "logging",
    "package management", "unit testing", "code review", "performance tuning",
    "parsing", "serialization", "web forms", "access control", "data pipelines",
    "numerical methods", "string handling", "date arithmetic", "queues",
    "sorting", "hash tables", "trees", "recursion", "streams", "plugins",
    "documentation",
]
# Lesson names: concept + angle, e.g. "Iterators in practice".
CONCEPTS = [
    "iterators", "closures", "generics", "traits", "modules", "lifetimes",
    "pattern matching", "enums", "slices", "buffers", "channels", "locks",
    "futures", "callbacks", "promises", "decorators", "generators", "fixtures",
    "mocks", "assertions", "invariants", "indexes", "joins", "transactions",
    "migrations", "schemas", "tokens", "lexers", "grammars", "visitors",
    "builders", "adapters", "factories", "observers", "pipelines", "batches",
    "retries", "timeouts", "backoff", "checksums", "hashes", "ciphers",
    "permissions", "sessions", "cookies", "headers", "routes", "handlers",
    "middleware", "templates", "layouts", "widgets", "signals", "workers",
    "pools", "queues", "stacks", "heaps", "tries", "graphs", "paths",
    "cycles", "matrices", "vectors", "ranges", "intervals", "counters",
    "histograms", "samples", "profiles", "traces", "metrics", "alerts",
    "dashboards", "feature flags", "rollouts", "snapshots", "diffs", "patches",
    "merges",
]
ANGLES = [
    "in practice", "by example", "from scratch", "under load", "step by step",
    "in depth", "at a glance", "for beginners", "done right", "without fear",
    "in the wild", "revisited", "compared", "and their pitfalls", "made simple",
    "on a budget", "for teams", "in review", "at scale", "in small steps",
]

SUBJECTS = [
    "a small function", "the test suite", "your first draft", "the review",
    "a careful reader", "the compiler", "the data", "each module", "the team",
    "a good name", "the error message", "this approach", "the interface",
    "a simple loop", "the design", "every change", "the caller", "a clear plan",
]
VERBS = [
    "makes", "reveals", "simplifies", "protects", "clarifies", "shapes",
    "improves", "explains", "limits", "supports", "exposes", "guides",
]
OBJECTS = [
    "the intent of the code", "the edge cases", "how data flows",
    "what can go wrong", "the cost of a change", "the shape of the problem",
    "the boundaries between parts", "the order of operations",
    "the assumptions we make", "the happy path", "the slow parts",
    "what the user sees", "the contract between functions",
]
ADVERBS = [
    "quietly", "often", "rarely", "almost always", "in most projects",
    "over time", "at first", "in the end", "with practice", "surprisingly",
]
OPENERS = [
    "In practice,", "As a rule,", "Most of the time,", "Before long,",
    "Put simply,", "In this lesson,", "On a real project,", "Looking back,",
    "For now,", "At this point,", "Even so,", "In short,",
]
TAILS = [
    "and that is worth the effort", "so keep it in mind",
    "which saves time later", "even when the deadline is close",
    "long before anything is deployed", "when the code grows",
    "for the next person who reads it", "without extra tools",
    "and the tests will tell you", "once you have seen it twice",
]
SECTION_TITLES = [
    "Why it matters", "The core idea", "A worked example", "Common mistakes",
    "Trying it yourself", "How it fits together", "Reading the code",
    "When to reach for it", "Testing the result", "Going further",
    "A closer look", "Trade-offs", "Putting it to work", "Questions to ask",
]
TIPS = [
    "Read the error message twice before changing any code.",
    "Write the test first, then make it pass with the simplest change.",
    "Name things for what they mean, not for how they are stored.",
    "Keep each function small enough to explain in one sentence.",
    "Commit early, with a message that says why.",
    "When in doubt, print the data and look at it.",
]
CHECKS = [
    "I ran the example and read its output",
    "I changed one line and predicted the result",
    "I wrote one test of my own",
    "I explained the idea to someone else",
    "I noted one question for the next session",
]
PROMPTS = [
    "Describe, in your own words, when you would use this technique.",
    "Write down one place in your own code where this idea would help.",
    "What surprised you in the example, and why?",
    "Which mistake from this lesson have you made before?",
]

CODE = {
    "python": '''from dataclasses import dataclass


@dataclass
class @CLS@:
    name: str
    weight: int = @N@


def @FN@(items: list[@CLS@]) -> dict[str, int]:
    """Group items by name and total their weights."""
    totals: dict[str, int] = {}
    for item in items:
        totals[item.name] = totals.get(item.name, 0) + item.weight
    return {k: v for k, v in sorted(totals.items()) if v > @M@}
''',
    "rust": '''use std::collections::HashMap;

/// Count the words of `text` that are at least @N@ bytes long.
pub fn @FN@(text: &str) -> HashMap<String, usize> {
    let mut counts = HashMap::new();
    for word in text.split_whitespace() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        if word.len() >= @N@ {
            *counts.entry(word.to_lowercase()).or_insert(0) += 1;
        }
    }
    counts.retain(|_, n| *n > @M@);
    counts
}
''',
    "javascript": '''// Debounce @FN@ so it runs once the input settles.
export function debounce(fn, wait = @N@0) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
}

const @FN@ = debounce(async (query) => {
  const res = await fetch(`/api/@SLUG@?q=${encodeURIComponent(query)}`);
  if (!res.ok) throw new Error(`request failed: ${res.status}`);
  const items = await res.json();
  return items.filter((item) => item.score > @M@);
});
''',
    "bash": '''#!/usr/bin/env bash
# Back up the @SLUG@ folder, keeping the last @N@ copies.
set -euo pipefail

src="${1:-./@SLUG@}"
dest="${BACKUP_DIR:-$HOME/backups}"
stamp="$(date +%Y%m%d-%H%M%S)"

mkdir -p "$dest"
tar -czf "$dest/@SLUG@-$stamp.tar.gz" -C "$(dirname "$src")" "$(basename "$src")"
ls -1t "$dest"/@SLUG@-*.tar.gz | tail -n +$((@N@ + 1)) | while read -r old; do
  rm -f -- "$old"
done
echo "backed up $src to $dest ($(ls "$dest" | wc -l) files)"
exit 0
''',
    "json": '''{
  "name": "@SLUG@",
  "version": "1.@N@.@M@",
  "description": "Example settings for the @FN@ exercise",
  "enabled": true,
  "retries": @N@,
  "timeout_ms": @M@00,
  "tags": ["lesson", "example", "@LANG@"],
  "limits": {
    "items": @N@0,
    "depth": @M@
  },
  "owners": [{ "name": "Ada", "role": "author" }],
  "notes": null
}
''',
}


def words(text: str) -> int:
    return len(text.split())


def slugify(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


@dataclass
class Lesson:
    number: int  # 1-based, course-wide
    title: str
    file: str  # NN-slug.md
    summary: str
    duration: int
    objectives: list[str]
    lang: str
    worksheet: str | None
    # Markdown pieces, assembled per format.
    parts: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Module:
    number: int
    title: str
    folder: str  # NNN-slug
    summary: str
    body: str
    lessons: list[Lesson] = field(default_factory=list)


class Writer:
    def __init__(self, rng: random.Random):
        self.rng = rng

    def sentence(self, concept: str) -> str:
        r = self.rng
        kind = r.randrange(6)
        if kind == 0:
            s = f"{r.choice(OPENERS)} {r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)}, {r.choice(TAILS)}."
        elif kind == 1:
            s = f"Working with {concept} {r.choice(ADVERBS)} {r.choice(VERBS)} {r.choice(OBJECTS)}."
        elif kind == 2:
            s = f"{cap(r.choice(SUBJECTS))} {r.choice(ADVERBS)} {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(TAILS)}."
        elif kind == 3:
            s = f"Notice how *{concept}* {r.choice(VERBS)} {r.choice(OBJECTS)}; {r.choice(SUBJECTS)} {r.choice(VERBS)} the rest."
        elif kind == 4:
            s = f"{r.choice(OPENERS)} ask what {r.choice(SUBJECTS)} needs, and **write it down** before you start."
        else:
            s = f"A call such as `{slugify(concept).replace('-', '_')}()` {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(TAILS)}."
        return s

    def paragraph(self, concept: str, lo: int = 3, hi: int = 6) -> str:
        return " ".join(self.sentence(concept) for _ in range(self.rng.randint(lo, hi)))

    def bullets(self, concept: str, ordered: bool = False) -> str:
        r = self.rng
        items = [
            f"{cap(r.choice(SUBJECTS))} {r.choice(VERBS)} {r.choice(OBJECTS)}"
            + (f" ({concept})" if r.random() < 0.3 else "")
            for _ in range(r.randint(3, 5))
        ]
        if ordered:
            return "\n".join(f"{i}. {t}." for i, t in enumerate(items, 1))
        return "\n".join(f"- {t}" for t in items)


def code_block(lang: str, lesson: int, concept: str, rng: random.Random) -> str:
    fn = slugify(concept).replace("-", "_") + f"_{lesson}"
    cls = "".join(w.title() for w in slugify(concept).split("-")) + str(lesson)
    text = (
        CODE[lang]
        .replace("@FN@", fn)
        .replace("@CLS@", cls)
        .replace("@SLUG@", slugify(concept))
        .replace("@LANG@", lang)
        .replace("@N@", str(2 + lesson % 7))
        .replace("@M@", str(rng.randint(1, 9)))
    )
    return text


class Names:
    """Distinct names: a pick that is already taken gets its number appended."""

    def __init__(self):
        self.taken: set[str] = set()

    def claim(self, name: str, number: int) -> str:
        if slugify(name) in self.taken:
            name = f"{name} {number}"
        self.taken.add(slugify(name))
        return name


def plan(n: int, seed: int, module_size: int = MODULE_SIZE) -> list[Module]:
    rng = random.Random(seed)
    w = Writer(rng)
    module_names, lesson_names = Names(), Names()
    modules: list[Module] = []
    for i in range(n):
        number = i + 1
        if i % module_size == 0:
            m = len(modules) + 1
            title = cap(module_names.claim(f"{rng.choice(QUALIFIERS)} {rng.choice(AREAS)}", m))
            modules.append(
                Module(
                    number=m,
                    title=title,
                    folder=f"{m:03d}-{slugify(title)}",
                    summary=w.sentence(title.lower()),
                    body=w.paragraph(title.lower(), 3, 5),
                )
            )
        mod = modules[-1]
        concept = rng.choice(CONCEPTS)
        title = cap(lesson_names.claim(f"{concept} {rng.choice(ANGLES)}", number))
        pos = len(mod.lessons) + 1
        lesson = Lesson(
            number=number,
            title=title,
            file=f"{pos:0{max(2, len(str(module_size)))}d}-{slugify(title)}.md",
            summary=w.sentence(concept),
            duration=rng.choice([30, 45, 60, 75, 90]),
            objectives=[
                f"{cap(rng.choice(['explain', 'use', 'test', 'compare', 'spot']))} {concept} {rng.choice(ANGLES)}"
                for _ in range(3)
            ],
            lang=LANGS[i % len(LANGS)],
            worksheet=(f"{cap(concept)} review {number}" if number % WORKSHEET_EVERY == 0 else None),
        )
        lesson.parts = lesson_parts(w, rng, lesson, concept)
        mod.lessons.append(lesson)
    return modules


def lesson_parts(w: Writer, rng: random.Random, lesson: Lesson, concept: str) -> list[tuple[str, str]]:
    """The body as (kind, text) pieces; kinds that differ between formats are
    'prev' (the link to the previous lesson), 'tip' and 'worksheet'."""
    target = rng.randint(MIN_WORDS + 10, MAX_WORDS - 60)
    sections = rng.sample(SECTION_TITLES, 4)
    parts: list[tuple[str, str]] = [("md", w.paragraph(concept, 2, 4)), ("prev", "")]
    body: list[list[tuple[str, str]]] = [
        [("md", f"## {sections[0]}"), ("md", w.paragraph(concept)), ("md", w.bullets(concept))],
        [
            ("md", f"## {sections[1]}"),
            ("md", w.paragraph(concept)),
            ("md", f"```{lesson.lang}\n{code_block(lesson.lang, lesson.number, concept, rng)}```"),
            ("md", f"### What the {lesson.lang} example shows"),
            ("md", w.paragraph(concept)),
        ],
        [
            ("md", f"## {sections[2]}"),
            ("md", w.paragraph(concept)),
            ("tip", rng.choice(TIPS)),
            ("md", f"### Steps for {concept}"),
            ("md", w.bullets(concept, ordered=True)),
        ],
        [("md", f"## {sections[3]}"), ("md", w.paragraph(concept))],
    ]

    if lesson.worksheet:
        body[-1].append(("worksheet", rng.choice(PROMPTS)))

    def count() -> int:
        return sum(prose_words(lesson, k, t) for s in [parts] + body for k, t in s)

    # Grow the sections' prose in turn until the lesson reaches its word count, then
    # drop the last paragraph added if it overshot.
    added: list[tuple[list, tuple[str, str]]] = []
    while count() < target:
        sec = body[len(added) % len(body)]
        para = ("md", w.paragraph(concept, 2, 4))
        sec.insert(2 if len(sec) > 2 else len(sec), para)
        added.append((sec, para))
    while count() > MAX_WORDS and added:
        sec, para = added.pop()
        sec.remove(para)
    for sec in body:
        parts.extend(sec)
    return parts


MIN_WORDS, MAX_WORDS = 600, 900
PREV_SENTENCE = "This lesson builds on [the previous lesson]({}); skim it first if it is not fresh."


def prose_words(lesson: Lesson, kind: str, text: str) -> int:
    """Words a reader sees in one piece of a lesson (code blocks not counted)."""
    if kind == "md":
        return 0 if text.startswith("```") else words(text)
    if kind == "prev":
        return words(PREV_SENTENCE)
    if kind == "tip":
        return words(text) + 1
    if kind == "worksheet":
        return words(lesson.worksheet or "") + words(text) + words(checklist(lesson.number)) + 2
    return 0


# ---------------------------------------------------------------------------- formats


def previous(modules: list[Module], mi: int, li: int) -> tuple[Module, Lesson] | None:
    if li > 0:
        return modules[mi], modules[mi].lessons[li - 1]
    if mi > 0:
        return modules[mi - 1], modules[mi - 1].lessons[-1]
    return None


def prev_path(modules, mi, li) -> str | None:
    p = previous(modules, mi, li)
    if p is None:
        return None
    mod, les = p
    return les.file if mod is modules[mi] else f"../{mod.folder}/{les.file}"


def checklist(rng_seed: int) -> str:
    rng = random.Random(rng_seed)
    return "\n".join(f"- [ ] {c}" for c in rng.sample(CHECKS, 3))


def body_trellis(modules, mi, li) -> str:
    les = modules[mi].lessons[li]
    out = []
    for kind, text in les.parts:
        if kind == "md":
            out.append(text)
        elif kind == "prev":
            p = prev_path(modules, mi, li)
            if p:
                out.append(PREV_SENTENCE.format(p))
        elif kind == "tip":
            out.append(f"> [!TIP]\n> {text}")
        elif kind == "worksheet":
            out.append(
                f'::: {{.worksheet title={toml_str(les.worksheet)}}}\n[[name-date]]\n\n{text}\n\n'
                f"[[lines 3]]\n\n{checklist(les.number)}\n:::"
            )
    return "\n\n".join(out) + "\n"


def body_plain(modules, mi, li, prev_link) -> str:
    """A lesson body in plain Markdown (Hugo and Zola): `prev_link` writes the link
    to the previous lesson in the tool's own syntax."""
    les = modules[mi].lessons[li]
    out = []
    for kind, text in les.parts:
        if kind == "md":
            out.append(text)
        elif kind == "prev":
            link = prev_link(modules, mi, li)
            if link:
                out.append(PREV_SENTENCE.format(link))
        elif kind == "tip":
            out.append(f"> **Tip:** {text}")
        elif kind == "worksheet":
            out.append(
                f"### Worksheet: {les.worksheet}\n\nName: ____________ Date: ____________\n\n{text}\n\n"
                f"Notes: ________________________\n\n{checklist(les.number)}"
            )
    return "\n\n".join(out) + "\n"


def body_hugo(modules, mi, li) -> str:
    def link(modules, mi, li):
        p = prev_path(modules, mi, li)
        return f'{{{{< relref "{p}" >}}}}' if p else None

    return body_plain(modules, mi, li, link)


def write(path: str, text: str) -> None:
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


COURSE_TITLE = "Synthetic Course"
BASE_URL = "https://example.org/course/"
HOME_BODY = (
    "Welcome to a generated course for benchmarks. It has the shape of a real one: "
    "modules of ten lessons, each with prose, lists, a tip, a code example and, on "
    "every fifth lesson, a printable worksheet.\n"
)


def write_trellis(modules: list[Module], out: str) -> None:
    write(
        os.path.join(out, "site.toml"),
        f"title = {toml_str(COURSE_TITLE)}\nbase_url = {toml_str(BASE_URL)}\n",
    )
    write(
        os.path.join(out, "content", "_index.md"),
        f"+++\ntitle = {toml_str(COURSE_TITLE)}\nsummary = \"A generated course for benchmarks.\"\n+++\n\n{HOME_BODY}",
    )
    for mi, mod in enumerate(modules):
        d = os.path.join(out, "content", mod.folder)
        write(
            os.path.join(d, "_index.md"),
            f"+++\ntitle = {toml_str(mod.title)}\nsummary = {toml_str(mod.summary)}\n+++\n\n{mod.body}\n",
        )
        for li, les in enumerate(mod.lessons):
            objectives = ", ".join(toml_str(o) for o in les.objectives)
            front = (
                f"+++\ntitle = {toml_str(les.title)}\nsummary = {toml_str(les.summary)}\n"
                f"duration = {les.duration}\nobjectives = [{objectives}]\n+++\n\n"
            )
            write(os.path.join(d, les.file), front + body_trellis(modules, mi, li))


HUGO_BASEOF = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if not .IsHome }}{{ .Title }} · {{ end }}{{ .Site.Title }}</title>
</head>
<body>
<header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""
HUGO_SINGLE = """{{ define "main" }}
<nav aria-label="Module">{{ with .CurrentSection }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>
<ol>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>{{ end }}</nav>
<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
</article>
<nav aria-label="Lesson">
{{ with .PrevInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
{{ with .NextInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}
</nav>
{{ end }}
"""
HUGO_LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ol>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ol>
{{ end }}
"""


def write_hugo(modules: list[Module], out: str) -> None:
    write(
        os.path.join(out, "hugo.toml"),
        f'baseURL = {toml_str(BASE_URL)}\ntitle = {toml_str(COURSE_TITLE)}\nlanguageCode = "en"\n'
        'disableKinds = ["taxonomy", "term"]\n',
    )
    layouts = os.path.join(out, "layouts", "_default")
    write(os.path.join(layouts, "baseof.html"), HUGO_BASEOF)
    write(os.path.join(layouts, "single.html"), HUGO_SINGLE)
    write(os.path.join(layouts, "list.html"), HUGO_LIST)
    write(os.path.join(out, "content", "_index.md"), f"+++\ntitle = {toml_str(COURSE_TITLE)}\n+++\n\n{HOME_BODY}")
    for mi, mod in enumerate(modules):
        d = os.path.join(out, "content", mod.folder)
        write(
            os.path.join(d, "_index.md"),
            f"+++\ntitle = {toml_str(mod.title)}\nweight = {mod.number}\n+++\n\n{mod.body}\n",
        )
        for li, les in enumerate(mod.lessons):
            front = f"+++\ntitle = {toml_str(les.title)}\nweight = {li + 1}\n+++\n\n"
            write(os.path.join(d, les.file), front + body_hugo(modules, mi, li))


ZOLA_CONFIG = f"""base_url = {toml_str(BASE_URL)}
title = {toml_str(COURSE_TITLE)}
compile_sass = false
build_search_index = false
generate_feeds = false

[markdown.highlighting]
theme = "monokai"
"""
ZOLA_TEMPLATES = {
    "base.html": """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock title %}</title>
</head>
<body>
<header><a href="{{ config.base_url | safe }}">{{ config.title }}</a></header>
<main>{% block main %}{% endblock main %}</main>
</body>
</html>
""",
    "index.html": """{% extends "base.html" %}
{% block main %}
<h1>{{ section.title }}</h1>
{{ section.content | safe }}
{% for s in section.subsections %}{% set sub = get_section(path=s) %}
<h2><a href="{{ sub.permalink | safe }}">{{ sub.title }}</a></h2>
<ol>{% for p in sub.pages %}<li><a href="{{ p.permalink | safe }}">{{ p.title }}</a></li>{% endfor %}</ol>
{% endfor %}
{% endblock main %}
""",
    "section.html": """{% extends "base.html" %}
{% block title %}{{ section.title }} · {{ config.title }}{% endblock title %}
{% block main %}
<h1>{{ section.title }}</h1>
{{ section.content | safe }}
<ol>{% for p in section.pages %}<li><a href="{{ p.permalink | safe }}">{{ p.title }}</a></li>{% endfor %}</ol>
{% endblock main %}
""",
    "page.html": """{% extends "base.html" %}
{% block title %}{{ page.title }} · {{ config.title }}{% endblock title %}
{% block main %}
{% set parent = get_section(path=page.ancestors | last) %}
<nav aria-label="Module"><a href="{{ parent.permalink | safe }}">{{ parent.title }}</a>
<ol>{% for p in parent.pages %}<li><a href="{{ p.permalink | safe }}">{{ p.title }}</a></li>{% endfor %}</ol></nav>
<article>
<h1>{{ page.title }}</h1>
{{ page.content | safe }}
</article>
<nav aria-label="Lesson">
{% if page.lower %}<a rel="prev" href="{{ page.lower.permalink | safe }}">{{ page.lower.title }}</a>{% endif %}
{% if page.higher %}<a rel="next" href="{{ page.higher.permalink | safe }}">{{ page.higher.title }}</a>{% endif %}
</nav>
{% endblock main %}
""",
}


def body_zola(modules, mi, li) -> str:
    def link(modules, mi, li):
        p = previous(modules, mi, li)
        return f"@/{p[0].folder}/{p[1].file}" if p else None

    return body_plain(modules, mi, li, link)


def write_zola(modules: list[Module], out: str) -> None:
    write(os.path.join(out, "config.toml"), ZOLA_CONFIG)
    for name, text in ZOLA_TEMPLATES.items():
        write(os.path.join(out, "templates", name), text)
    os.makedirs(os.path.join(out, "static"), exist_ok=True)
    write(
        os.path.join(out, "content", "_index.md"),
        f"+++\ntitle = {toml_str(COURSE_TITLE)}\nsort_by = \"weight\"\n+++\n\n{HOME_BODY}",
    )
    for mi, mod in enumerate(modules):
        d = os.path.join(out, "content", mod.folder)
        write(
            os.path.join(d, "_index.md"),
            f"+++\ntitle = {toml_str(mod.title)}\nweight = {mod.number}\nsort_by = \"weight\"\n+++\n\n{mod.body}\n",
        )
        for li, les in enumerate(mod.lessons):
            front = f"+++\ntitle = {toml_str(les.title)}\nweight = {li + 1}\n+++\n\n"
            write(os.path.join(d, les.file), front + body_zola(modules, mi, li))


FORMATS = {"trellis": write_trellis, "hugo": write_hugo, "zola": write_zola}


def generate(
    n: int, out: str, seed: int = 1, formats: list[str] | None = None, module_size: int = MODULE_SIZE
) -> dict[str, str]:
    """Write the course; return {format: folder}."""
    formats = formats or ["trellis"]
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown format(s): {', '.join(unknown)}; known: {', '.join(FORMATS)}")
    modules = plan(n, seed, module_size)
    dirs = {}
    for fmt in formats:
        d = out if len(formats) == 1 else os.path.join(out, fmt)
        replace_generated(d)
        FORMATS[fmt](modules, d)
        write(os.path.join(d, MARKER), f"{fmt} {n} lessons, seed {seed}\n")
        dirs[fmt] = d
    return dirs


MARKER = ".generated-course"


def replace_generated(d: str) -> None:
    """Remove a folder this script made earlier; refuse to touch any other."""
    if not os.path.exists(d):
        return
    if os.path.isdir(d) and not os.listdir(d):
        return
    if not os.path.isfile(os.path.join(d, MARKER)):
        raise ValueError(f"{d} exists and was not made by this script; choose another --out")
    shutil.rmtree(d)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, required=True, help="number of lessons")
    ap.add_argument("--out", required=True, help="folder to write (replaced if it exists)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--formats", default="trellis", help="comma-separated: trellis, hugo, zola")
    ap.add_argument("--module-size", type=int, default=MODULE_SIZE, help=f"lessons per module (default {MODULE_SIZE})")
    a = ap.parse_args(argv)
    if a.n < 1 or a.module_size < 1:
        ap.error("--n and --module-size must be at least 1")
    try:
        formats = [f.strip() for f in a.formats.split(",") if f.strip()]
        dirs = generate(a.n, a.out, a.seed, formats, a.module_size)
    except ValueError as e:
        ap.error(str(e))
    for fmt, d in dirs.items():
        print(f"{fmt}: {a.n} lessons in {d}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
