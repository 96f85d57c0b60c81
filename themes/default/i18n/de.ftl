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

# quiz: self-check questions, answers export
quiz-title = Selbsttest
quiz-true = Wahr
quiz-false = Falsch
quiz-your-answer = Ihre Antwort
quiz-your-thoughts = Ihre Gedanken
quiz-choose-all = Wählen Sie alle passenden Antworten.
quiz-compare = Mit einer möglichen Antwort vergleichen
quiz-check = Prüfen
quiz-try-again = Noch einmal versuchen
quiz-model-answer = Eine mögliche Antwort
quiz-show-answer = Antwort zeigen
quiz-accepted = Akzeptierte Antworten:
quiz-reset = Meine Antworten löschen
quiz-guide-title = Selbsttests
answers-export = Meine Antworten in einer Datei speichern
answers-import = Antworten aus einer Datei laden
answers-note = Ihre Antworten bleiben auf diesem Gerät. Um sie auf ein anderes Telefon oder einen anderen Computer zu bringen, speichern Sie sie in einer Datei und laden Sie diese dort.
js-quiz-right = Richtig.
js-quiz-wrong = Nicht ganz. Lesen Sie den Hinweis und versuchen Sie es noch einmal.
js-quiz-partial = Einige Ihrer Antworten stimmen, aber nicht alle. Versuchen Sie es noch einmal.
js-quiz-empty = Wählen Sie zuerst eine Antwort.
js-quiz-compared = Hier ist eine mögliche Antwort zum Vergleich mit Ihrer. Es gibt keine falsche Antwort.
js-quiz-short-wrong = Das ist keine der erwarteten Antworten. Versuchen Sie es noch einmal oder lassen Sie sich die Antwort zeigen.
js-quiz-score = { $count } von { $total } richtig
js-quiz-reset-confirm = Ihre Antworten zu diesem Selbsttest löschen?
js-quiz-cleared = Ihre Antworten wurden gelöscht.
js-answers-exported = Ihre Antworten wurden in einer Datei gespeichert.
js-answers-imported = { $count ->
    [one] { $count } Antwort wurde geladen.
   *[other] { $count } Antworten wurden geladen.
}
js-answers-import-failed = Diese Datei konnte nicht gelesen werden. Wählen Sie eine Datei, die aus diesem Kurs gespeichert wurde.
js-quiz-mark-right = richtig
js-quiz-mark-wrong = nicht richtig
js-quiz-progress = Selbsttests: { $count } von { $total } richtig
# wb: pages off the guided path, facilitator pages, contact
pages-title = Mehr in diesem Kurs
facilitator-pages = Seiten für die Kursleitung
footer-contact = Kontakt
# sheets: worksheets on paper
note-qr-without-base-url = Arbeitsblätter und PDFs ohne QR-Code: Eine gedruckte Seite braucht die vollständige Adresse ihrer Lektion. Setzen Sie `base_url` in site.toml (oder --base-url), um sie zu drucken.
# pdf: packet cover and page numbers
print-page-of = Seite { $page } von { $pages }
packet-belongs-to = Diese Mappe gehört
packet-group = Gruppe
packet-dates = Termine
packet-facilitator = Kursleitung
contents-page = Seite
# phone: phone-first layout, home at a glance, meta descriptions
menu-button = Menü
home-modules = { $count ->
    [one] { $count } Modul
   *[other] { $count } Module
}
home-start-course = Kurs beginnen
js-continue-lesson = Weiter: Lektion { $number }
worksheet-description = { $title }: ein Arbeitsblatt aus { $course } zum Ausfüllen am Bildschirm oder zum Ausdrucken.
guide-description = Der Leitfaden für Kursleitende zu { $course }: Ablauf, Material, Notizen und Impulse jeder Sitzung.
runsheet-description = Ablaufblatt der Sitzung „{ $title }“: Ablauf, Material und Notizen auf einer Seite.
not-found-description = Diese Seite von { $course } wurde nicht gefunden.
# brand: theme button, edit link, keyboard shortcuts, footer links
js-theme-light = Heller Modus
js-theme-dark = Dunkler Modus
edit-page = Eine Änderung an dieser Seite vorschlagen
shortcuts-title = Tastenkürzel
shortcut-prev = vorherige Lektion
shortcut-next = nächste Lektion
shortcut-search = suchen
footer-links = Links zum Kurs

# parts: print parts
print-part-title = { $document } — Teil { $part } von { $parts } (Lektionen { $first }–{ $last })
print-part-link = Teil { $part }: Lektionen { $first }–{ $last }
print-part-list-title = Dieses Dokument in Teilen
packet-part-list-title = Diese Mappe in Teilen
print-part-nav = Teile dieses Dokuments
print-part-previous = Vorheriger Teil
print-part-next = Nächster Teil
print-part-all = Alle Teile
print-button-part = Diesen Teil drucken
print-description-part = Ein Teil eines langen Dokuments, in einer Größe zum Drucken.
packet-description-part = Ein Teil einer langen Sitzungsmappe, in einer Größe zum Drucken.
packet-lead-part = Die Arbeitsblätter dieser Lektionen, eines pro Seite, in der Reihenfolge des Kurses.
print-part-title-one = { $document } — Teil { $part } von { $parts } (Lektion { $first })
print-part-link-one = Teil { $part }: Lektion { $first }
