# Trellis default theme: every interface string, in English.
# Fluent syntax (projectfluent.org). Keys are the same in every language; a test
# fails when another catalogue lacks one. Plurals select on `$count` with CLDR rules.
# A course overrides any key in site.toml ([strings]) or in its own i18n/<lang>.ftl.

## The frame of every page
language-name = English
skip-link = Skip to content
search-label = Search the course
search-placeholder = Search
search-button = Search
site-nav = Site
nav-outline = Course outline
nav-worksheets = Worksheets
nav-print = Print the course
theme-toggle = Dark mode
made-with = Made with { $generator }
language-switcher = Language
translation-missing = This page is not translated yet; the link leads to the course home in { $language }.
breadcrumb = Breadcrumb
course-home = Course home
download-pdf = Download PDF
minutes = { $count ->
    [one] { $count } min
   *[other] { $count } min
}
module-title = Module { $number }: { $title }
lesson-title = Lesson { $number }: { $title }
contents = Contents
answer-key = Answer key

## 404
not-found-title = Page not found
not-found-lead = This page does not exist, or it has moved.
not-found-home = Go to the course home

## Home
home-lessons = { $count ->
    [one] { $count } lesson
   *[other] { $count } lessons
}
home-minutes = { $count ->
    [one] about { $count } minute of sessions
   *[other] about { $count } minutes of sessions
}
home-worksheets = { $count ->
    [one] { $count } printable worksheet
   *[other] { $count } printable worksheets
}
home-start = Start with lesson { $number }: { $title }
progress-title = Your progress
progress-none = No lessons marked as done yet.
progress-local = Kept in this browser only.
continue = Continue where you left off:

## Lesson
sidebar-module = Lessons in module { $number }
sidebar-nearby = Nearby lessons
sidebar-lessons = Lessons
sidebar-outline = Whole course outline
sidebar-all-lessons = All { $count } lessons of module { $number }
lesson-position = Lesson { $number } of { $total }
lesson-session = Session: { $count ->
    [one] { $count } min
   *[other] { $count } min
}
lesson-reading = Reading time: about { $count ->
    [one] { $count } min
   *[other] { $count } min
}
objectives-title = In this lesson you will
toc = On this page
worksheet-links = Take the worksheet with you
worksheet-link = Printable worksheet: { $title }
mark-done = Mark as done
pager = Lessons
pager-prev = Previous: lesson { $number }
pager-next = Next: lesson { $number }
pager-end = You reached the end
pager-home = Back to the course home
has-worksheet = Has a worksheet
has-worksheet-short = worksheet
outline-number = Lesson { $number }.

## Module
module-position = Module { $number }
module-lessons = Lessons in this module
module-worksheets = Worksheets
module-pager = Modules
module-prev = Previous module
module-next = Next module

## Session packet and print document
packet-title = Session packet
packet-description = Every worksheet of the course, ready to print.
packet-title-module = Session packet: { $module }
packet-description-module = Every worksheet of the module, ready to print.
packet-lead = Every worksheet of the course, one per page, in course order.
packet-lead-module = Every worksheet of the module, one per page, in course order.
packet-parts-title = One packet per module
packet-print = Print the packet
print-description = The whole course as one printable document.
print-description-module = One module of the course as one printable document.
print-button = Print the whole course
print-parts-title = One document per module
print-button-module = Print this module
print-position = Lesson { $number } of { $total }

## Search
search-title = Search the course
search-description = Search the course.
search-field = Search for a word or phrase
search-noscript = Search needs JavaScript.
search-noscript-outline = The course outline lists every lesson.

## Worksheets
worksheet = Worksheet
worksheet-print = Print this worksheet
worksheet-clear = Clear my answers
worksheet-printable = Printable worksheet
worksheet-print-answers = Print with my answers
qr-label = QR code linking to the lesson
field-writing = Writing space
field-name = Name
field-date = Date
field-rating = Rating
solution-show = Show possible answers
solution-print = Possible answers

## Blocks in lessons
alert-note = Note
alert-tip = Tip
alert-important = Important
alert-warning = Warning
alert-caution = Caution
block-objectives = Objectives
block-activity = Activity
block-reflection = Reflection
block-discussion = Discussion
block-note = Note
block-tip = Tip
block-example = Example
block-other = Good to know
block-questions = Questions
block-keypoints = Key Points
block-prereq = Prerequisite
block-checklist = Checklist
block-challenge = Challenge
block-caution = Caution
block-testimonial = Testimonial
hint-show = Show hint
hint-print = Hint
spoiler-show = Show details
spoiler-print = Details
tabs-label = Tabs
code-output = Output
code-error = Error
code-warning = Warning
code-source = Source

## Facilitator edition
guide-title = Facilitator guide
guide-eyebrow = Facilitator edition
guide-lead = Everything a facilitator needs to run { $course } live: each session's agenda with clock times from { $start }, notes, discussion prompts and answers.
guide-unlisted = These pages are unlisted, not secret: search engines are asked not to index them and learner pages never link here, but anyone with the address can open them.
guide-print = Print the guide
guide-sessions = Sessions
guide-runsheet-link = run sheet
guide-notes = Notes: { $title }
session-position = Session { $number }
agenda = Agenda
agenda-time = Time
agenda-min = Min
agenda-segment = Segment
agenda-notes = Notes
agenda-total = Total
agenda-planned = of { $count } planned
agenda-mismatch = (does not match the lesson's duration)
materials = Materials
activities = Activities
facilitator-notes = Facilitator notes
prompts = Discussion and reflection prompts
learner-page = Learner page
runsheet-link = One-page run sheet
runsheet-title = Run sheet: { $title }
runsheet-print = Print this run sheet
runsheet-objectives = Objectives
runsheet-materials = Printed worksheets and pens.
runsheet-notes = Notes
segment-welcome = Welcome
segment-check-in = Check-in
segment-teaching = Teaching
segment-activity = Activity
segment-discussion = Discussion
segment-break = Break
segment-close = Close
clock-12h = { $hour }:{ $minute } { $period ->
    [am] AM
   *[pm] PM
}

## Read by the page's JavaScript (a JSON block in every page)
js-clear-confirm = Clear your answers on this page?
js-progress = { $count } of { $total } lessons done: { $pct }% of the course.
js-progress-value = { $pct }%, { $count } of { $total } lessons done
js-done-note = (done)
js-marked-done = Lesson marked as done.
js-unmarked-done = Lesson no longer marked as done.
js-search-short = Type at least two letters.
js-search-none = No lessons match “{ $query }”.
js-search-found = { $count ->
    [one] { $count } lesson matches “{ $query }”.
   *[other] { $count } lessons match “{ $query }”.
}
js-search-more = { $count } lessons match “{ $query }”; the first { $limit } are shown.
js-search-failed = The search index could not be loaded.

# quiz: self-check questions, answers export
quiz-title = Self-check
quiz-true = True
quiz-false = False
quiz-your-answer = Your answer
quiz-your-thoughts = Your thoughts
quiz-choose-all = Choose every answer that fits.
quiz-compare = Compare with a model answer
quiz-check = Check
quiz-try-again = Try again
quiz-model-answer = A possible answer
quiz-show-answer = Show the answer
quiz-accepted = Accepted answers:
quiz-reset = Reset my answers
quiz-guide-title = Self-checks
answers-export = Save my answers to a file
answers-import = Load answers from a file
answers-note = Your answers stay on this device. To move them to another phone or computer, save them to a file and load it there.
js-quiz-right = Correct.
js-quiz-wrong = Not quite. Read the note and try again.
js-quiz-partial = Some of your choices are right, but not all of them. Try again.
js-quiz-empty = Choose an answer first.
js-quiz-compared = Here is a possible answer to compare with yours. There is no wrong answer.
js-quiz-short-wrong = That is not one of the answers we had in mind. Try again, or show the answer.
js-quiz-score = { $count } of { $total } right
js-quiz-reset-confirm = Clear your answers to this self-check?
js-quiz-cleared = Your answers were cleared.
js-answers-exported = Your answers were saved to a file.
js-answers-imported = { $count ->
    [one] { $count } answer was loaded.
   *[other] { $count } answers were loaded.
}
js-answers-import-failed = That file could not be read. Choose a file saved from this course.
js-quiz-mark-right = right
js-quiz-mark-wrong = not right
js-quiz-progress = Self-checks: { $count } of { $total } right
# wb: pages off the guided path, facilitator pages, contact
pages-title = More in this course
facilitator-pages = Facilitator pages
footer-contact = Contact
# sheets: worksheets on paper
note-qr-without-base-url = QR codes left out of worksheets and PDFs: a printed page needs the full address of its lesson. Set `base_url` in site.toml (or pass --base-url) to print them.
# pdf: packet cover and page numbers
print-page-of = Page { $page } of { $pages }
packet-belongs-to = This packet belongs to
packet-group = Group
packet-dates = Dates
packet-facilitator = Facilitator
contents-page = Page
# phone: phone-first layout, home at a glance, meta descriptions
menu-button = Menu
home-modules = { $count ->
    [one] { $count } module
   *[other] { $count } modules
}
home-start-course = Start the course
js-continue-lesson = Continue: lesson { $number }
worksheet-description = { $title }: a worksheet from { $course }, to fill in on screen or print.
guide-description = The facilitator’s guide to { $course }: the agenda, materials, notes and prompts of every session.
runsheet-description = Run sheet for the session “{ $title }”: agenda, materials and notes on one page.
not-found-description = This page of { $course } could not be found.
# brand: theme button, edit link, keyboard shortcuts, footer links
js-theme-light = Light mode
js-theme-dark = Dark mode
edit-page = Suggest a change to this page
shortcuts-title = Keyboard shortcuts
shortcut-prev = previous lesson
shortcut-next = next lesson
shortcut-search = search
footer-links = Course links

# parts: print parts
print-part-title = { $document } — part { $part } of { $parts } (lessons { $first }–{ $last })
print-part-link = Part { $part }: lessons { $first }–{ $last }
print-part-list-title = This document in parts
packet-part-list-title = This packet in parts
print-part-nav = Parts of this document
print-part-previous = Previous part
print-part-next = Next part
print-part-all = All parts
print-button-part = Print this part
print-description-part = One part of a long print document, sized for printing.
packet-description-part = One part of a long session packet, sized for printing.
packet-lead-part = The worksheets of these lessons, one per page, in course order.
print-part-title-one = { $document } — part { $part } of { $parts } (lesson { $first })
print-part-link-one = Part { $part }: lesson { $first }
