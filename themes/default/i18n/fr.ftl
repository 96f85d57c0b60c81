# Interface de Trellis en français. Les clés sont celles de en.ftl.

## Le cadre de chaque page
language-name = Français
skip-link = Aller au contenu
search-label = Rechercher dans le cours
search-placeholder = Rechercher
search-button = Rechercher
site-nav = Site
nav-outline = Plan du cours
nav-worksheets = Fiches
nav-print = Imprimer le cours
theme-toggle = Mode sombre
made-with = Réalisé avec { $generator }
language-switcher = Langue
translation-missing = Cette page n’est pas encore traduite ; le lien mène à l’accueil du cours en { $language }.
breadcrumb = Fil d’Ariane
course-home = Accueil du cours
download-pdf = Télécharger le PDF
minutes = { $count } min
module-title = Module { $number } : { $title }
lesson-title = Leçon { $number } : { $title }
contents = Sommaire
answer-key = Corrigé

## 404
not-found-title = Page introuvable
not-found-lead = Cette page n’existe pas ou a été déplacée.
not-found-home = Aller à l’accueil du cours

## Accueil
home-lessons = { $count ->
    [one] { $count } leçon
   *[other] { $count } leçons
}
home-minutes = { $count ->
    [one] environ { $count } minute de séances
   *[other] environ { $count } minutes de séances
}
home-worksheets = { $count ->
    [one] { $count } fiche à imprimer
   *[other] { $count } fiches à imprimer
}
home-start = Commencer par la leçon { $number } : { $title }
progress-title = Votre progression
progress-none = Aucune leçon n’est encore marquée comme terminée.
progress-local = Conservé dans ce navigateur uniquement.
continue = Reprendre là où vous vous êtes arrêté :

## Leçon
sidebar-module = Leçons du module { $number }
sidebar-nearby = Leçons voisines
sidebar-lessons = Leçons
sidebar-outline = Plan complet du cours
sidebar-all-lessons = Toutes les leçons du module { $number } ({ $count })
lesson-position = Leçon { $number } sur { $total }
lesson-session = Séance : { $count } min
lesson-reading = Temps de lecture : environ { $count } min
objectives-title = Dans cette leçon, vous allez
toc = Sur cette page
worksheet-links = Emportez la fiche
worksheet-link = Fiche à imprimer : { $title }
mark-done = Marquer comme terminée
pager = Leçons
pager-prev = Précédente : leçon { $number }
pager-next = Suivante : leçon { $number }
pager-end = Vous êtes arrivé au bout
pager-home = Revenir à l’accueil du cours
has-worksheet = Comporte une fiche
has-worksheet-short = fiche
outline-number = Leçon { $number }.

## Module
module-position = Module { $number }
module-lessons = Leçons de ce module
module-worksheets = Fiches
module-pager = Modules
module-prev = Module précédent
module-next = Module suivant

## Livret et impression
packet-title = Livret de séance
packet-description = Toutes les fiches du cours, prêtes à imprimer.
packet-title-module = Livret de séance : { $module }
packet-description-module = Toutes les fiches du module, prêtes à imprimer.
packet-lead = Toutes les fiches du cours, une par page, dans l’ordre du cours.
packet-lead-module = Toutes les fiches du module, une par page, dans l’ordre du cours.
packet-parts-title = Un livret par module
packet-print = Imprimer le livret
print-description = Le cours entier en un seul document à imprimer.
print-description-module = Un module du cours en un seul document à imprimer.
print-button = Imprimer tout le cours
print-parts-title = Un document par module
print-button-module = Imprimer ce module
print-position = Leçon { $number } sur { $total }

## Recherche
search-title = Rechercher dans le cours
search-description = Rechercher dans le cours.
search-field = Cherchez un mot ou une expression
search-noscript = La recherche nécessite JavaScript.
search-noscript-outline = Le plan du cours liste toutes les leçons.

## Fiches
worksheet = Fiche
worksheet-print = Imprimer cette fiche
worksheet-clear = Effacer mes réponses
worksheet-printable = Fiche à imprimer
worksheet-print-answers = Imprimer avec mes réponses
qr-label = Code QR menant à la leçon
field-writing = Espace pour écrire
field-name = Nom
field-date = Date
field-rating = Note
solution-show = Voir des réponses possibles
solution-print = Réponses possibles

## Blocs
alert-note = Remarque
alert-tip = Astuce
alert-important = Important
alert-warning = Attention
alert-caution = Prudence
block-objectives = Objectifs
block-activity = Activité
block-reflection = Réflexion
block-discussion = Échange
block-note = Remarque
block-tip = Astuce
block-example = Exemple
block-other = Bon à savoir
block-questions = Questions
block-keypoints = Points clés
block-prereq = Prérequis
block-checklist = Liste de vérification
block-challenge = Défi
block-caution = Attention
block-testimonial = Témoignage
hint-show = Afficher l’indice
hint-print = Indice
spoiler-show = Afficher les détails
spoiler-print = Détails
tabs-label = Onglets
code-output = Sortie
code-error = Erreur
code-warning = Avertissement
code-source = Source

## Édition animateur
guide-title = Guide de l’animateur
guide-eyebrow = Édition animateur
guide-lead = Tout ce qu’il faut pour animer { $course } en direct : le déroulé de chaque séance avec les horaires à partir de { $start }, des notes, des questions d’échange et les réponses.
guide-unlisted = Ces pages ne sont pas référencées, mais pas secrètes : les moteurs de recherche sont priés de ne pas les indexer et les pages du cours n’y renvoient pas, mais toute personne qui a l’adresse peut les ouvrir.
guide-print = Imprimer le guide
guide-sessions = Séances
guide-runsheet-link = fiche de séance
guide-notes = Notes : { $title }
session-position = Séance { $number }
agenda = Déroulé
agenda-time = Heure
agenda-min = Min
agenda-segment = Étape
agenda-notes = Notes
agenda-total = Total
agenda-planned = sur { $count } prévues
agenda-mismatch = (ne correspond pas à la durée de la leçon)
materials = Matériel
activities = Activités
facilitator-notes = Notes pour l’animateur
prompts = Questions d’échange et de réflexion
learner-page = Page du cours
runsheet-link = Fiche de séance d’une page
runsheet-title = Fiche de séance : { $title }
runsheet-print = Imprimer cette fiche de séance
runsheet-objectives = Objectifs
runsheet-materials = Fiches imprimées et stylos.
runsheet-notes = Notes
segment-welcome = Accueil
segment-check-in = Tour de table
segment-teaching = Apport
segment-activity = Activité
segment-discussion = Échange
segment-break = Pause
segment-close = Clôture
clock-12h = { $hour }:{ $minute } { $period ->
    [am] AM
   *[pm] PM
}

## Pour le JavaScript de la page
js-clear-confirm = Effacer vos réponses sur cette page ?
js-progress = { $count ->
    [one] { $count } leçon terminée sur { $total } : { $pct } % du cours.
   *[other] { $count } leçons terminées sur { $total } : { $pct } % du cours.
}
js-progress-value = { $count ->
    [one] { $pct } %, { $count } leçon terminée sur { $total }
   *[other] { $pct } %, { $count } leçons terminées sur { $total }
}
js-done-note = (terminée)
js-marked-done = Leçon marquée comme terminée.
js-unmarked-done = La leçon n’est plus marquée comme terminée.
js-search-short = Tapez au moins deux lettres.
js-search-none = Aucune leçon ne correspond à « { $query } ».
js-search-found = { $count ->
    [one] { $count } leçon correspond à « { $query } ».
   *[other] { $count } leçons correspondent à « { $query } ».
}
js-search-more = { $count } leçons correspondent à « { $query } » ; les { $limit } premières sont affichées.
js-search-failed = L’index de recherche n’a pas pu être chargé.

# quiz: self-check questions, answers export
quiz-title = Auto-évaluation
quiz-true = Vrai
quiz-false = Faux
quiz-your-answer = Votre réponse
quiz-your-thoughts = Vos réflexions
quiz-choose-all = Choisissez toutes les réponses qui conviennent.
quiz-compare = Comparer avec une réponse possible
quiz-check = Vérifier
quiz-try-again = Réessayer
quiz-model-answer = Une réponse possible
quiz-show-answer = Voir la réponse
quiz-accepted = Réponses acceptées :
quiz-reset = Effacer mes réponses
quiz-guide-title = Auto-évaluations
answers-export = Enregistrer mes réponses dans un fichier
answers-import = Charger des réponses depuis un fichier
answers-note = Vos réponses restent sur cet appareil. Pour les passer sur un autre téléphone ou ordinateur, enregistrez-les dans un fichier et chargez-le là-bas.
js-quiz-right = C’est juste.
js-quiz-wrong = Pas tout à fait. Lisez la remarque et réessayez.
js-quiz-partial = Certains de vos choix sont justes, mais pas tous. Réessayez.
js-quiz-empty = Choisissez d’abord une réponse.
js-quiz-compared = Voici une réponse possible à comparer avec la vôtre. Il n’y a pas de mauvaise réponse.
js-quiz-short-wrong = Ce n’est pas l’une des réponses attendues. Réessayez, ou affichez la réponse.
js-quiz-score = { $count } sur { $total } justes
js-quiz-reset-confirm = Effacer vos réponses à cette auto-évaluation ?
js-quiz-cleared = Vos réponses ont été effacées.
js-answers-exported = Vos réponses ont été enregistrées dans un fichier.
js-answers-imported = { $count ->
    [one] { $count } réponse a été chargée.
   *[other] { $count } réponses ont été chargées.
}
js-answers-import-failed = Ce fichier n’a pas pu être lu. Choisissez un fichier enregistré depuis ce cours.
js-quiz-mark-right = juste
js-quiz-mark-wrong = pas juste
js-quiz-progress = Auto-évaluations : { $count } sur { $total } justes
# wb: pages off the guided path, facilitator pages, contact
pages-title = Aussi dans ce cours
facilitator-pages = Pages pour l’animation
footer-contact = Contact
# sheets: worksheets on paper
note-qr-without-base-url = Les fiches et les PDF sont imprimés sans code QR : une page imprimée a besoin de l’adresse complète de sa leçon. Renseignez `base_url` dans site.toml (ou utilisez --base-url) pour les imprimer.
# pdf: packet cover and page numbers
print-page-of = Page { $page } sur { $pages }
packet-belongs-to = Ce livret appartient à
packet-group = Groupe
packet-dates = Dates
packet-facilitator = Animateur ou animatrice
contents-page = Page
# phone: phone-first layout, home at a glance, meta descriptions
menu-button = Menu
home-modules = { $count ->
    [one] { $count } module
   *[other] { $count } modules
}
home-start-course = Commencer le cours
js-continue-lesson = Reprendre : leçon { $number }
worksheet-description = { $title } : une fiche de { $course } à remplir à l’écran ou à imprimer.
guide-description = Le guide de l’animateur de { $course } : déroulé, matériel, notes et questions de chaque séance.
runsheet-description = Fiche de la séance « { $title } » : déroulé, matériel et notes sur une seule page.
not-found-description = Cette page de { $course } est introuvable.
# brand: theme button, edit link, keyboard shortcuts, footer links
js-theme-light = Mode clair
js-theme-dark = Mode sombre
edit-page = Suggérer une modification de cette page
shortcuts-title = Raccourcis clavier
shortcut-prev = leçon précédente
shortcut-next = leçon suivante
shortcut-search = rechercher
footer-links = Liens du cours

# parts: print parts
print-part-title = { $document } — partie { $part } sur { $parts } (leçons { $first } à { $last })
print-part-link = Partie { $part } : leçons { $first } à { $last }
print-part-list-title = Ce document en plusieurs parties
packet-part-list-title = Ce livret en plusieurs parties
print-part-nav = Parties de ce document
print-part-previous = Partie précédente
print-part-next = Partie suivante
print-part-all = Toutes les parties
print-button-part = Imprimer cette partie
print-description-part = Une partie d’un long document, à une taille faite pour l’impression.
packet-description-part = Une partie d’un long livret, à une taille faite pour l’impression.
packet-lead-part = Les fiches de ces leçons, une par page, dans l’ordre du cours.
print-part-title-one = { $document } — partie { $part } sur { $parts } (leçon { $first })
print-part-link-one = Partie { $part } : leçon { $first }
