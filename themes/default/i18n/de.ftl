# Trellis-Oberfläche auf Deutsch. Die Schlüssel sind die aus en.ftl.

## Der Rahmen jeder Seite
language-name = Deutsch
skip-link = Zum Inhalt springen
search-label = Im Kurs suchen
search-placeholder = Suchen
search-button = Suchen
site-nav = Website
nav-outline = Kursübersicht
nav-worksheets = Arbeitsblätter
nav-print = Kurs drucken
theme-toggle = Dunkler Modus
made-with = Erstellt mit { $generator }
language-switcher = Sprache
translation-missing = Diese Seite ist noch nicht übersetzt; der Link führt zur Startseite des Kurses auf { $language }.
breadcrumb = Brotkrümelnavigation
course-home = Kursstartseite
download-pdf = PDF herunterladen
minutes = { $count } Min.
module-title = Modul { $number }: { $title }
lesson-title = Lektion { $number }: { $title }
contents = Inhalt
answer-key = Lösungen

## 404
not-found-title = Seite nicht gefunden
not-found-lead = Diese Seite gibt es nicht, oder sie wurde verschoben.
not-found-home = Zur Startseite des Kurses

## Startseite
home-lessons = { $count ->
    [one] { $count } Lektion
   *[other] { $count } Lektionen
}
home-minutes = { $count ->
    [one] etwa { $count } Minute Sitzungszeit
   *[other] etwa { $count } Minuten Sitzungszeit
}
home-worksheets = { $count ->
    [one] { $count } Arbeitsblatt zum Ausdrucken
   *[other] { $count } Arbeitsblätter zum Ausdrucken
}
home-start = Mit Lektion { $number } beginnen: { $title }
progress-title = Ihr Fortschritt
progress-none = Noch keine Lektion als erledigt markiert.
progress-local = Wird nur in diesem Browser gespeichert.
continue = Dort weitermachen, wo Sie aufgehört haben:

## Lektion
sidebar-module = Lektionen in Modul { $number }
sidebar-nearby = Lektionen in der Nähe
sidebar-lessons = Lektionen
sidebar-outline = Gesamte Kursübersicht
sidebar-all-lessons = Alle Lektionen von Modul { $number } ({ $count })
lesson-position = Lektion { $number } von { $total }
lesson-session = Sitzung: { $count } Min.
lesson-reading = Lesezeit: etwa { $count } Min.
objectives-title = In dieser Lektion werden Sie
toc = Auf dieser Seite
worksheet-links = Nehmen Sie das Arbeitsblatt mit
worksheet-link = Arbeitsblatt zum Ausdrucken: { $title }
mark-done = Als erledigt markieren
pager = Lektionen
pager-prev = Zurück: Lektion { $number }
pager-next = Weiter: Lektion { $number }
pager-end = Sie sind am Ende angekommen
pager-home = Zurück zur Kursstartseite
has-worksheet = Mit Arbeitsblatt
has-worksheet-short = Arbeitsblatt
outline-number = Lektion { $number }.

## Modul
module-position = Modul { $number }
module-lessons = Lektionen in diesem Modul
module-worksheets = Arbeitsblätter
module-pager = Module
module-prev = Vorheriges Modul
module-next = Nächstes Modul

## Mappe und Druckfassung
packet-title = Sitzungsmappe
packet-description = Alle Arbeitsblätter des Kurses, fertig zum Drucken.
packet-title-module = Sitzungsmappe: { $module }
packet-description-module = Alle Arbeitsblätter des Moduls, fertig zum Drucken.
packet-lead = Alle Arbeitsblätter des Kurses, eines pro Seite, in der Reihenfolge des Kurses.
packet-lead-module = Alle Arbeitsblätter des Moduls, eines pro Seite, in der Reihenfolge des Kurses.
packet-parts-title = Eine Mappe pro Modul
packet-print = Mappe drucken
print-description = Der ganze Kurs als ein Dokument zum Drucken.
print-description-module = Ein Modul des Kurses als ein Dokument zum Drucken.
print-button = Den ganzen Kurs drucken
print-parts-title = Ein Dokument pro Modul
print-button-module = Dieses Modul drucken
print-position = Lektion { $number } von { $total }

## Suche
search-title = Im Kurs suchen
search-description = Im Kurs suchen.
search-field = Nach einem Wort oder einer Wendung suchen
search-noscript = Die Suche braucht JavaScript.
search-noscript-outline = Die Kursübersicht listet alle Lektionen auf.

## Arbeitsblätter
worksheet = Arbeitsblatt
worksheet-print = Dieses Arbeitsblatt drucken
worksheet-clear = Meine Antworten löschen
worksheet-printable = Arbeitsblatt zum Ausdrucken
worksheet-print-answers = Mit meinen Antworten drucken
qr-label = QR-Code mit Link zur Lektion
field-writing = Platz zum Schreiben
field-name = Name
field-date = Datum
field-rating = Bewertung
solution-show = Mögliche Antworten zeigen
solution-print = Mögliche Antworten

## Blöcke
alert-note = Hinweis
alert-tip = Tipp
alert-important = Wichtig
alert-warning = Warnung
alert-caution = Vorsicht
block-objectives = Ziele
block-activity = Übung
block-reflection = Nachdenken
block-discussion = Gespräch
block-note = Hinweis
block-tip = Tipp
block-example = Beispiel
block-other = Gut zu wissen
block-questions = Fragen
block-keypoints = Kernpunkte
block-prereq = Voraussetzung
block-checklist = Checkliste
block-challenge = Aufgabe
block-caution = Vorsicht
block-testimonial = Erfahrungsbericht
hint-show = Hinweis zeigen
hint-print = Hinweis
spoiler-show = Details zeigen
spoiler-print = Details
tabs-label = Registerkarten
code-output = Ausgabe
code-error = Fehler
code-warning = Warnung
code-source = Quelltext

## Ausgabe für Kursleitende
guide-title = Leitfaden für Kursleitende
guide-eyebrow = Ausgabe für Kursleitende
guide-lead = Alles, was Kursleitende brauchen, um { $course } live durchzuführen: der Ablauf jeder Sitzung mit Uhrzeiten ab { $start }, Notizen, Gesprächsfragen und Antworten.
guide-unlisted = Diese Seiten sind nicht verzeichnet, aber nicht geheim: Suchmaschinen werden gebeten, sie nicht aufzunehmen, und die Kursseiten verlinken nicht hierher, doch wer die Adresse kennt, kann sie öffnen.
guide-print = Leitfaden drucken
guide-sessions = Sitzungen
guide-runsheet-link = Ablaufblatt
guide-notes = Notizen: { $title }
session-position = Sitzung { $number }
agenda = Ablauf
agenda-time = Zeit
agenda-min = Min.
agenda-segment = Abschnitt
agenda-notes = Notizen
agenda-total = Gesamt
agenda-planned = von { $count } geplanten
agenda-mismatch = (passt nicht zur Dauer der Lektion)
materials = Material
activities = Übungen
facilitator-notes = Notizen für Kursleitende
prompts = Fragen für Gespräch und Nachdenken
learner-page = Kursseite
runsheet-link = Einseitiges Ablaufblatt
runsheet-title = Ablaufblatt: { $title }
runsheet-print = Dieses Ablaufblatt drucken
runsheet-objectives = Ziele
runsheet-materials = Ausgedruckte Arbeitsblätter und Stifte.
runsheet-notes = Notizen
segment-welcome = Begrüßung
segment-check-in = Ankommen
segment-teaching = Input
segment-activity = Übung
segment-discussion = Gespräch
segment-break = Pause
segment-close = Abschluss
clock-12h = { $hour }:{ $minute } { $period ->
    [am] AM
   *[pm] PM
}

## Für das JavaScript der Seite
js-clear-confirm = Ihre Antworten auf dieser Seite löschen?
js-progress = { $count } von { $total } Lektionen erledigt: { $pct } % des Kurses.
js-progress-value = { $pct } %, { $count } von { $total } Lektionen erledigt
js-done-note = (erledigt)
js-marked-done = Lektion als erledigt markiert.
js-unmarked-done = Lektion nicht mehr als erledigt markiert.
js-search-short = Geben Sie mindestens zwei Buchstaben ein.
js-search-none = Keine Lektion passt zu „{ $query }“.
js-search-found = { $count ->
    [one] { $count } Lektion passt zu „{ $query }“.
   *[other] { $count } Lektionen passen zu „{ $query }“.
}
js-search-more = { $count } Lektionen passen zu „{ $query }“; die ersten { $limit } werden gezeigt.
js-search-failed = Der Suchindex konnte nicht geladen werden.

# brand: theme button, edit link, keyboard shortcuts, footer links
js-theme-light = Heller Modus
js-theme-dark = Dunkler Modus
edit-page = Eine Änderung an dieser Seite vorschlagen
shortcuts-title = Tastenkürzel
shortcut-prev = vorherige Lektion
shortcut-next = nächste Lektion
shortcut-search = suchen
footer-links = Links zum Kurs
