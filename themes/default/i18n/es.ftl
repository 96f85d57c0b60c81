# Interfaz de Trellis en español. Las claves son las de en.ftl.

## El marco de cada página
language-name = Español
skip-link = Saltar al contenido
search-label = Buscar en el curso
search-placeholder = Buscar
search-button = Buscar
site-nav = Sitio
nav-outline = Índice del curso
nav-worksheets = Fichas
nav-print = Imprimir el curso
theme-toggle = Modo oscuro
made-with = Hecho con { $generator }
language-switcher = Idioma
translation-missing = Esta página aún no está traducida; el enlace lleva a la portada del curso en { $language }.
breadcrumb = Ruta de navegación
course-home = Inicio del curso
download-pdf = Descargar PDF
minutes = { $count } min
module-title = Módulo { $number }: { $title }
lesson-title = Lección { $number }: { $title }
contents = Contenido
answer-key = Respuestas

## 404
not-found-title = Página no encontrada
not-found-lead = Esta página no existe o se ha movido.
not-found-home = Ir al inicio del curso

## Portada
home-lessons = { $count ->
    [one] { $count } lección
   *[other] { $count } lecciones
}
home-minutes = { $count ->
    [one] { $count } minuto de sesiones, aproximadamente
   *[other] unos { $count } minutos de sesiones
}
home-worksheets = { $count ->
    [one] { $count } ficha para imprimir
   *[other] { $count } fichas para imprimir
}
home-start = Empezar con la lección { $number }: { $title }
progress-title = Tu progreso
progress-none = Todavía no has marcado ninguna lección como hecha.
progress-local = Se guarda solo en este navegador.
continue = Seguir donde lo dejaste:

## Lección
sidebar-module = Lecciones del módulo { $number }
sidebar-nearby = Lecciones cercanas
sidebar-lessons = Lecciones
sidebar-outline = Índice completo del curso
sidebar-all-lessons = Todas las lecciones del módulo { $number } ({ $count })
lesson-position = Lección { $number } de { $total }
lesson-session = Sesión: { $count } min
lesson-reading = Tiempo de lectura: unos { $count } min
objectives-title = En esta lección vas a
toc = En esta página
worksheet-links = Llévate la ficha
worksheet-link = Ficha para imprimir: { $title }
mark-done = Marcar como hecha
pager = Lecciones
pager-prev = Anterior: lección { $number }
pager-next = Siguiente: lección { $number }
pager-end = Has llegado al final
pager-home = Volver al inicio del curso
has-worksheet = Tiene una ficha
has-worksheet-short = ficha
outline-number = Lección { $number }.

## Módulo
module-position = Módulo { $number }
module-lessons = Lecciones de este módulo
module-worksheets = Fichas
module-pager = Módulos
module-prev = Módulo anterior
module-next = Módulo siguiente

## Cuadernillo e impresión
packet-title = Cuadernillo de la sesión
packet-description = Todas las fichas del curso, listas para imprimir.
packet-title-module = Cuadernillo de la sesión: { $module }
packet-description-module = Todas las fichas del módulo, listas para imprimir.
packet-lead = Todas las fichas del curso, una por página, en el orden del curso.
packet-lead-module = Todas las fichas del módulo, una por página, en el orden del curso.
packet-parts-title = Un cuadernillo por módulo
packet-print = Imprimir el cuadernillo
print-description = El curso completo en un solo documento para imprimir.
print-description-module = Un módulo del curso en un solo documento para imprimir.
print-button = Imprimir el curso completo
print-parts-title = Un documento por módulo
print-button-module = Imprimir este módulo
print-position = Lección { $number } de { $total }

## Búsqueda
search-title = Buscar en el curso
search-description = Busca en el curso.
search-field = Busca una palabra o una frase
search-noscript = La búsqueda necesita JavaScript.
search-noscript-outline = El índice del curso muestra todas las lecciones.

## Fichas
worksheet = Ficha
worksheet-print = Imprimir esta ficha
worksheet-clear = Borrar mis respuestas
worksheet-printable = Ficha para imprimir
worksheet-print-answers = Imprimir con mis respuestas
qr-label = Código QR que lleva a la lección
field-writing = Espacio para escribir
field-name = Nombre
field-date = Fecha
field-rating = Valoración
solution-show = Ver posibles respuestas
solution-print = Posibles respuestas

## Bloques
alert-note = Nota
alert-tip = Consejo
alert-important = Importante
alert-warning = Atención
alert-caution = Precaución
block-objectives = Objetivos
block-activity = Actividad
block-reflection = Reflexión
block-discussion = Conversación
block-note = Nota
block-tip = Consejo
block-example = Ejemplo
block-other = Para saber más
block-questions = Preguntas
block-keypoints = Puntos clave
block-prereq = Requisito previo
block-checklist = Lista de comprobación
block-challenge = Desafío
block-caution = Precaución
block-testimonial = Testimonio
hint-show = Ver pista
hint-print = Pista
spoiler-show = Ver detalles
spoiler-print = Detalles
tabs-label = Pestañas
code-output = Salida
code-error = Error
code-warning = Advertencia
code-source = Código fuente

## Edición para facilitadores
guide-title = Guía para facilitadores
guide-eyebrow = Edición para facilitadores
guide-lead = Todo lo que necesitas para facilitar { $course } en vivo: la agenda de cada sesión con horarios desde las { $start }, notas, preguntas para conversar y respuestas.
guide-unlisted = Estas páginas no aparecen en el índice, pero no son secretas: se pide a los buscadores que no las indexen y las páginas del curso no enlazan aquí, aunque cualquiera con la dirección puede abrirlas.
guide-print = Imprimir la guía
guide-sessions = Sesiones
guide-runsheet-link = hoja de sesión
guide-notes = Notas: { $title }
session-position = Sesión { $number }
agenda = Agenda
agenda-time = Hora
agenda-min = Min
agenda-segment = Parte
agenda-notes = Notas
agenda-total = Total
agenda-planned = de { $count } previstos
agenda-mismatch = (no coincide con la duración de la lección)
materials = Materiales
activities = Actividades
facilitator-notes = Notas para facilitadores
prompts = Preguntas para conversar y reflexionar
learner-page = Página del curso
runsheet-link = Hoja de sesión de una página
runsheet-title = Hoja de sesión: { $title }
runsheet-print = Imprimir esta hoja de sesión
runsheet-objectives = Objetivos
runsheet-materials = Fichas impresas y bolígrafos.
runsheet-notes = Notas
segment-welcome = Bienvenida
segment-check-in = Ronda de inicio
segment-teaching = Exposición
segment-activity = Actividad
segment-discussion = Conversación
segment-break = Descanso
segment-close = Cierre
clock-12h = { $hour }:{ $minute } { $period ->
    [am] a. m.
   *[pm] p. m.
}

## Para el JavaScript de la página
js-clear-confirm = ¿Borrar tus respuestas de esta página?
js-progress = { $count } de { $total } lecciones hechas: { $pct } % del curso.
js-progress-value = { $pct } %, { $count } de { $total } lecciones hechas
js-done-note = (hecha)
js-marked-done = Lección marcada como hecha.
js-unmarked-done = La lección ya no está marcada como hecha.
js-search-short = Escribe al menos dos letras.
js-search-none = Ninguna lección coincide con «{ $query }».
js-search-found = { $count ->
    [one] { $count } lección coincide con «{ $query }».
   *[other] { $count } lecciones coinciden con «{ $query }».
}
js-search-more = { $count } lecciones coinciden con «{ $query }»; se muestran las { $limit } primeras.
js-search-failed = No se pudo cargar el índice de búsqueda.

# quiz: self-check questions, answers export
quiz-title = Autoevaluación
quiz-true = Verdadero
quiz-false = Falso
quiz-your-answer = Tu respuesta
quiz-your-thoughts = Lo que piensas
quiz-choose-all = Elige todas las respuestas que correspondan.
quiz-compare = Comparar con una respuesta posible
quiz-check = Comprobar
quiz-try-again = Volver a intentar
quiz-model-answer = Una respuesta posible
quiz-show-answer = Ver la respuesta
quiz-accepted = Respuestas aceptadas:
quiz-reset = Borrar mis respuestas
quiz-guide-title = Autoevaluaciones
answers-export = Guardar mis respuestas en un archivo
answers-import = Cargar respuestas desde un archivo
answers-note = Tus respuestas se quedan en este dispositivo. Para pasarlas a otro teléfono u ordenador, guárdalas en un archivo y cárgalo allí.
js-quiz-right = Correcto.
js-quiz-wrong = No exactamente. Lee la nota y vuelve a intentarlo.
js-quiz-partial = Algunas de tus elecciones son correctas, pero no todas. Vuelve a intentarlo.
js-quiz-empty = Primero elige una respuesta.
js-quiz-compared = Aquí tienes una respuesta posible para comparar con la tuya. No hay respuesta equivocada.
js-quiz-short-wrong = Esa no es una de las respuestas que esperábamos. Vuelve a intentarlo o mira la respuesta.
js-quiz-score = { $count } de { $total } correctas
js-quiz-reset-confirm = ¿Borrar tus respuestas de esta autoevaluación?
js-quiz-cleared = Tus respuestas se han borrado.
js-answers-exported = Tus respuestas se han guardado en un archivo.
js-answers-imported = { $count ->
    [one] Se ha cargado { $count } respuesta.
   *[other] Se han cargado { $count } respuestas.
}
js-answers-import-failed = No se pudo leer ese archivo. Elige un archivo guardado desde este curso.
js-quiz-mark-right = correcta
js-quiz-mark-wrong = no es correcta
js-quiz-progress = Autoevaluaciones: { $count } de { $total } correctas
# wb: pages off the guided path, facilitator pages, contact
pages-title = Más en este curso
facilitator-pages = Páginas para facilitadores
footer-contact = Contacto
# sheets: worksheets on paper
note-qr-without-base-url = Las fichas y los PDF se imprimen sin código QR: una hoja impresa necesita la dirección completa de su lección. Indica `base_url` en site.toml (o usa --base-url) para imprimirlos.
# pdf: packet cover and page numbers
print-page-of = Página { $page } de { $pages }
packet-belongs-to = Este cuadernillo pertenece a
packet-group = Grupo
packet-dates = Fechas
packet-facilitator = Facilitador o facilitadora
contents-page = Página
# phone: phone-first layout, home at a glance, meta descriptions
menu-button = Menú
home-modules = { $count ->
    [one] { $count } módulo
   *[other] { $count } módulos
}
home-start-course = Empezar el curso
js-continue-lesson = Seguir: lección { $number }
worksheet-description = { $title }: una ficha de { $course } para rellenar en pantalla o imprimir.
guide-description = La guía para facilitadores de { $course }: agenda, materiales, notas y preguntas de cada sesión.
runsheet-description = Hoja de la sesión «{ $title }»: agenda, materiales y notas en una sola página.
not-found-description = No encontramos esta página de { $course }.
# brand: theme button, edit link, keyboard shortcuts, footer links
js-theme-light = Modo claro
js-theme-dark = Modo oscuro
edit-page = Sugerir un cambio en esta página
shortcuts-title = Atajos de teclado
shortcut-prev = lección anterior
shortcut-next = lección siguiente
shortcut-search = buscar
footer-links = Enlaces del curso

# parts: print parts
print-part-title = { $document } — parte { $part } de { $parts } (lecciones { $first }–{ $last })
print-part-link = Parte { $part }: lecciones { $first }–{ $last }
print-part-list-title = Este documento por partes
packet-part-list-title = Este cuadernillo por partes
print-part-nav = Partes de este documento
print-part-previous = Parte anterior
print-part-next = Parte siguiente
print-part-all = Todas las partes
print-button-part = Imprimir esta parte
print-description-part = Una parte de un documento largo, de un tamaño pensado para imprimir.
packet-description-part = Una parte de un cuadernillo largo, de un tamaño pensado para imprimir.
packet-lead-part = Las fichas de estas lecciones, una por página, en el orden del curso.
print-part-title-one = { $document } — parte { $part } de { $parts } (lección { $first })
print-part-link-one = Parte { $part }: lección { $first }
