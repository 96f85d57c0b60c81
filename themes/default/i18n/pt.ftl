# Interface do Trellis em português. As chaves são as de en.ftl.

## A moldura de cada página
language-name = Português
skip-link = Ir para o conteúdo
search-label = Pesquisar no curso
search-placeholder = Pesquisar
search-button = Pesquisar
site-nav = Site
nav-outline = Sumário do curso
nav-worksheets = Fichas
nav-print = Imprimir o curso
theme-toggle = Modo escuro
made-with = Feito com { $generator }
language-switcher = Idioma
translation-missing = Esta página ainda não foi traduzida; o link leva ao início do curso em { $language }.
breadcrumb = Trilha de navegação
course-home = Início do curso
download-pdf = Baixar PDF
minutes = { $count } min
module-title = Módulo { $number }: { $title }
lesson-title = Lição { $number }: { $title }
contents = Sumário
answer-key = Respostas

## 404
not-found-title = Página não encontrada
not-found-lead = Esta página não existe ou mudou de lugar.
not-found-home = Ir para o início do curso

## Início
home-lessons = { $count ->
    [one] { $count } lição
   *[other] { $count } lições
}
home-minutes = { $count ->
    [one] cerca de { $count } minuto de sessões
   *[other] cerca de { $count } minutos de sessões
}
home-worksheets = { $count ->
    [one] { $count } ficha para imprimir
   *[other] { $count } fichas para imprimir
}
home-start = Começar pela lição { $number }: { $title }
progress-title = Seu progresso
progress-none = Nenhuma lição marcada como concluída ainda.
progress-local = Guardado apenas neste navegador.
continue = Continuar de onde parou:

## Lição
sidebar-module = Lições do módulo { $number }
sidebar-nearby = Lições próximas
sidebar-lessons = Lições
sidebar-outline = Sumário completo do curso
sidebar-all-lessons = Todas as lições do módulo { $number } ({ $count })
lesson-position = Lição { $number } de { $total }
lesson-session = Sessão: { $count } min
lesson-reading = Tempo de leitura: cerca de { $count } min
objectives-title = Nesta lição você vai
toc = Nesta página
worksheet-links = Leve a ficha com você
worksheet-link = Ficha para imprimir: { $title }
mark-done = Marcar como concluída
pager = Lições
pager-prev = Anterior: lição { $number }
pager-next = Próxima: lição { $number }
pager-end = Você chegou ao fim
pager-home = Voltar ao início do curso
has-worksheet = Tem uma ficha
has-worksheet-short = ficha
outline-number = Lição { $number }.

## Módulo
module-position = Módulo { $number }
module-lessons = Lições deste módulo
module-worksheets = Fichas
module-pager = Módulos
module-prev = Módulo anterior
module-next = Próximo módulo

## Caderno e impressão
packet-title = Caderno da sessão
packet-description = Todas as fichas do curso, prontas para imprimir.
packet-title-module = Caderno da sessão: { $module }
packet-description-module = Todas as fichas do módulo, prontas para imprimir.
packet-lead = Todas as fichas do curso, uma por página, na ordem do curso.
packet-lead-module = Todas as fichas do módulo, uma por página, na ordem do curso.
packet-parts-title = Um caderno por módulo
packet-print = Imprimir o caderno
print-description = O curso inteiro em um só documento para imprimir.
print-description-module = Um módulo do curso em um só documento para imprimir.
print-button = Imprimir o curso inteiro
print-parts-title = Um documento por módulo
print-button-module = Imprimir este módulo
print-position = Lição { $number } de { $total }

## Pesquisa
search-title = Pesquisar no curso
search-description = Pesquise no curso.
search-field = Procure uma palavra ou expressão
search-noscript = A pesquisa precisa de JavaScript.
search-noscript-outline = O sumário do curso lista todas as lições.

## Fichas
worksheet = Ficha
worksheet-print = Imprimir esta ficha
worksheet-clear = Apagar minhas respostas
worksheet-printable = Ficha para imprimir
worksheet-print-answers = Imprimir com minhas respostas
qr-label = Código QR com link para a lição
field-writing = Espaço para escrever
field-name = Nome
field-date = Data
field-rating = Avaliação
solution-show = Ver respostas possíveis
solution-print = Respostas possíveis

## Blocos
alert-note = Nota
alert-tip = Dica
alert-important = Importante
alert-warning = Atenção
alert-caution = Cuidado
block-objectives = Objetivos
block-activity = Atividade
block-reflection = Reflexão
block-discussion = Conversa
block-note = Nota
block-tip = Dica
block-example = Exemplo
block-other = Bom saber
block-questions = Perguntas
block-keypoints = Pontos-chave
block-prereq = Pré-requisito
block-checklist = Lista de verificação
block-challenge = Desafio
block-caution = Cuidado
block-testimonial = Depoimento
hint-show = Mostrar dica
hint-print = Dica
spoiler-show = Mostrar detalhes
spoiler-print = Detalhes
tabs-label = Abas
code-output = Saída
code-error = Erro
code-warning = Aviso
code-source = Código-fonte

## Edição para facilitadores
guide-title = Guia para facilitadores
guide-eyebrow = Edição para facilitadores
guide-lead = Tudo o que é preciso para conduzir { $course } ao vivo: o roteiro de cada sessão com horários a partir de { $start }, notas, perguntas para conversa e respostas.
guide-unlisted = Estas páginas não são listadas, mas não são secretas: pedimos aos buscadores que não as indexem e as páginas do curso não apontam para cá, mas qualquer pessoa com o endereço pode abri-las.
guide-print = Imprimir o guia
guide-sessions = Sessões
guide-runsheet-link = roteiro
guide-notes = Notas: { $title }
session-position = Sessão { $number }
agenda = Roteiro
agenda-time = Horário
agenda-min = Min
agenda-segment = Etapa
agenda-notes = Notas
agenda-total = Total
agenda-planned = de { $count } previstos
agenda-mismatch = (não coincide com a duração da lição)
materials = Materiais
activities = Atividades
facilitator-notes = Notas para facilitadores
prompts = Perguntas para conversa e reflexão
learner-page = Página do curso
runsheet-link = Roteiro de uma página
runsheet-title = Roteiro: { $title }
runsheet-print = Imprimir este roteiro
runsheet-objectives = Objetivos
runsheet-materials = Fichas impressas e canetas.
runsheet-notes = Notas
segment-welcome = Boas-vindas
segment-check-in = Roda de chegada
segment-teaching = Exposição
segment-activity = Atividade
segment-discussion = Conversa
segment-break = Intervalo
segment-close = Encerramento
clock-12h = { $hour }:{ $minute } { $period ->
    [am] AM
   *[pm] PM
}

## Para o JavaScript da página
js-clear-confirm = Apagar suas respostas nesta página?
js-progress = Lições concluídas: { $count } de { $total } ({ $pct }% do curso).
js-progress-value = { $pct }%, lições concluídas: { $count } de { $total }
js-done-note = (concluída)
js-marked-done = Lição marcada como concluída.
js-unmarked-done = A lição não está mais marcada como concluída.
js-search-short = Digite pelo menos duas letras.
js-search-none = Nenhuma lição corresponde a “{ $query }”.
js-search-found = { $count ->
    [one] { $count } lição corresponde a “{ $query }”.
   *[other] { $count } lições correspondem a “{ $query }”.
}
js-search-more = { $count } lições correspondem a “{ $query }”; as { $limit } primeiras são mostradas.
js-search-failed = Não foi possível carregar o índice de pesquisa.

# quiz: self-check questions, answers export
quiz-title = Autoavaliação
quiz-true = Verdadeiro
quiz-false = Falso
quiz-your-answer = Sua resposta
quiz-your-thoughts = O que você pensa
quiz-choose-all = Escolha todas as respostas que se aplicam.
quiz-compare = Comparar com uma resposta possível
quiz-check = Verificar
quiz-try-again = Tentar de novo
quiz-model-answer = Uma resposta possível
quiz-show-answer = Ver a resposta
quiz-accepted = Respostas aceitas:
quiz-reset = Apagar minhas respostas
quiz-guide-title = Autoavaliações
answers-export = Salvar minhas respostas em um arquivo
answers-import = Carregar respostas de um arquivo
answers-note = Suas respostas ficam neste aparelho. Para levá-las a outro celular ou computador, salve-as em um arquivo e carregue-o lá.
js-quiz-right = Correto.
js-quiz-wrong = Não exatamente. Leia a nota e tente de novo.
js-quiz-partial = Algumas das suas escolhas estão certas, mas não todas. Tente de novo.
js-quiz-empty = Escolha uma resposta primeiro.
js-quiz-compared = Aqui está uma resposta possível para comparar com a sua. Não há resposta errada.
js-quiz-short-wrong = Essa não é uma das respostas esperadas. Tente de novo ou veja a resposta.
js-quiz-score = { $count } de { $total } certas
js-quiz-reset-confirm = Apagar suas respostas desta autoavaliação?
js-quiz-cleared = Suas respostas foram apagadas.
js-answers-exported = Suas respostas foram salvas em um arquivo.
js-answers-imported = { $count ->
    [one] { $count } resposta foi carregada.
   *[other] { $count } respostas foram carregadas.
}
js-answers-import-failed = Não foi possível ler esse arquivo. Escolha um arquivo salvo a partir deste curso.
js-quiz-mark-right = certa
js-quiz-mark-wrong = não está certa
js-quiz-progress = Autoavaliações: { $count } de { $total } certas
# wb: pages off the guided path, facilitator pages, contact
pages-title = Mais neste curso
facilitator-pages = Páginas para facilitadores
footer-contact = Contato
# sheets: worksheets on paper
note-qr-without-base-url = Fichas e PDFs sem código QR: uma página impressa precisa do endereço completo da sua lição. Defina `base_url` em site.toml (ou use --base-url) para imprimi-los.
# pdf: packet cover and page numbers
print-page-of = Página { $page } de { $pages }
packet-belongs-to = Este caderno pertence a
packet-group = Grupo
packet-dates = Datas
packet-facilitator = Facilitador ou facilitadora
contents-page = Página
# phone: phone-first layout, home at a glance, meta descriptions
menu-button = Menu
home-modules = { $count ->
    [one] { $count } módulo
   *[other] { $count } módulos
}
home-start-course = Começar o curso
js-continue-lesson = Continuar: lição { $number }
worksheet-description = { $title }: uma ficha de { $course } para preencher no ecrã ou imprimir.
guide-description = O guia para facilitadores de { $course }: agenda, materiais, notas e perguntas de cada sessão.
runsheet-description = Roteiro da sessão “{ $title }”: agenda, materiais e notas numa só página.
not-found-description = Não foi possível encontrar esta página de { $course }.
# brand: theme button, edit link, keyboard shortcuts, footer links
js-theme-light = Modo claro
js-theme-dark = Modo escuro
edit-page = Sugerir uma alteração nesta página
shortcuts-title = Atalhos de teclado
shortcut-prev = lição anterior
shortcut-next = próxima lição
shortcut-search = pesquisar
footer-links = Links do curso

# parts: print parts
print-part-title = { $document } — parte { $part } de { $parts } (lições { $first }–{ $last })
print-part-link = Parte { $part }: lições { $first }–{ $last }
print-part-list-title = Este documento em partes
packet-part-list-title = Este caderno em partes
print-part-nav = Partes deste documento
print-part-previous = Parte anterior
print-part-next = Próxima parte
print-part-all = Todas as partes
print-button-part = Imprimir esta parte
print-description-part = Uma parte de um documento longo, num tamanho pensado para imprimir.
packet-description-part = Uma parte de um caderno longo, num tamanho pensado para imprimir.
packet-lead-part = As fichas destas lições, uma por página, na ordem do curso.
print-part-title-one = { $document } — parte { $part } de { $parts } (lição { $first })
print-part-link-one = Parte { $part }: lição { $first }
