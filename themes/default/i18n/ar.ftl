# واجهة Trellis بالعربية. المفاتيح هي نفسها في en.ftl.
# للعربية ست صيغ للجمع: zero وone وtwo وfew (3–10) وmany (11–99) وother (100 فما فوق).

## إطار كل صفحة
language-name = العربية
skip-link = انتقل إلى المحتوى
search-label = ابحث في الدورة
search-placeholder = بحث
search-button = ابحث
site-nav = الموقع
nav-outline = مخطط الدورة
nav-worksheets = أوراق العمل
nav-print = اطبع الدورة
theme-toggle = الوضع الداكن
made-with = صُنع باستخدام { $generator }
language-switcher = اللغة
translation-missing = هذه الصفحة لم تُترجم بعد؛ يقودك الرابط إلى الصفحة الرئيسية للدورة باللغة { $language }.
breadcrumb = مسار التنقل
course-home = الصفحة الرئيسية للدورة
download-pdf = تنزيل ملف PDF
minutes = { $count ->
    [zero] { $count } دقيقة
    [one] دقيقة واحدة
    [two] دقيقتان
    [few] { $count } دقائق
    [many] { $count } دقيقة
   *[other] { $count } دقيقة
}
module-title = الوحدة { $number }: { $title }
lesson-title = الدرس { $number }: { $title }
contents = المحتويات
answer-key = الإجابات

## 404
not-found-title = الصفحة غير موجودة
not-found-lead = هذه الصفحة غير موجودة، أو نُقلت إلى مكان آخر.
not-found-home = اذهب إلى الصفحة الرئيسية للدورة

## الصفحة الرئيسية
home-lessons = { $count ->
    [zero] لا دروس
    [one] درس واحد
    [two] درسان
    [few] { $count } دروس
    [many] { $count } درسًا
   *[other] { $count } درس
}
home-minutes = { $count ->
    [zero] لا جلسات
    [one] نحو دقيقة واحدة من الجلسات
    [two] نحو دقيقتين من الجلسات
    [few] نحو { $count } دقائق من الجلسات
    [many] نحو { $count } دقيقة من الجلسات
   *[other] نحو { $count } دقيقة من الجلسات
}
home-worksheets = { $count ->
    [zero] لا أوراق عمل للطباعة
    [one] ورقة عمل واحدة للطباعة
    [two] ورقتا عمل للطباعة
    [few] { $count } أوراق عمل للطباعة
    [many] { $count } ورقة عمل للطباعة
   *[other] { $count } ورقة عمل للطباعة
}
home-start = ابدأ بالدرس { $number }: { $title }
progress-title = تقدّمك
progress-none = لم تُحدَّد أي دروس كمكتملة بعد.
progress-local = يُحفظ في هذا المتصفح فقط.
continue = تابع من حيث توقفت:

## الدرس
sidebar-module = دروس الوحدة { $number }
sidebar-nearby = دروس قريبة
sidebar-lessons = الدروس
sidebar-outline = مخطط الدورة كاملًا
sidebar-all-lessons = كل دروس الوحدة { $number } ({ $count })
lesson-position = الدرس { $number } من { $total }
lesson-session = الجلسة: { $count } د
lesson-reading = مدة القراءة: نحو { $count } د
objectives-title = في هذا الدرس سوف
toc = في هذه الصفحة
worksheet-links = خذ ورقة العمل معك
worksheet-link = ورقة عمل للطباعة: { $title }
mark-done = حدِّد كمكتمل
pager = الدروس
pager-prev = السابق: الدرس { $number }
pager-next = التالي: الدرس { $number }
pager-end = وصلت إلى النهاية
pager-home = عُد إلى الصفحة الرئيسية للدورة
has-worksheet = فيه ورقة عمل
has-worksheet-short = ورقة عمل
outline-number = الدرس { $number }.

## الوحدة
module-position = الوحدة { $number }
module-lessons = دروس هذه الوحدة
module-worksheets = أوراق العمل
module-pager = الوحدات
module-prev = الوحدة السابقة
module-next = الوحدة التالية

## الملف والطباعة
packet-title = ملف الجلسات
packet-description = كل أوراق العمل في الدورة، جاهزة للطباعة.
packet-title-module = ملف الجلسات: { $module }
packet-description-module = كل أوراق العمل في الوحدة، جاهزة للطباعة.
packet-lead = كل أوراق العمل في الدورة، ورقة في كل صفحة، بترتيب الدورة.
packet-lead-module = كل أوراق العمل في الوحدة، واحدة في كل صفحة، بترتيب الدورة.
packet-parts-title = ملف لكل وحدة
packet-print = اطبع الملف
print-description = الدورة كاملة في مستند واحد للطباعة.
print-description-module = وحدة واحدة من الدورة في مستند واحد للطباعة.
print-button = اطبع الدورة كاملة
print-parts-title = مستند لكل وحدة
print-button-module = اطبع هذه الوحدة
print-position = الدرس { $number } من { $total }

## البحث
search-title = ابحث في الدورة
search-description = ابحث في الدورة.
search-field = ابحث عن كلمة أو عبارة
search-noscript = يحتاج البحث إلى JavaScript.
search-noscript-outline = يعرض مخطط الدورة كل الدروس.

## أوراق العمل
worksheet = ورقة عمل
worksheet-print = اطبع ورقة العمل هذه
worksheet-clear = امسح إجاباتي
worksheet-printable = ورقة عمل للطباعة
worksheet-print-answers = اطبع مع إجاباتي
qr-label = رمز QR يقود إلى الدرس
field-writing = مساحة للكتابة
field-name = الاسم
field-date = التاريخ
field-rating = التقييم
solution-show = اعرض إجابات ممكنة
solution-print = إجابات ممكنة

## الكتل
alert-note = ملاحظة
alert-tip = نصيحة
alert-important = مهم
alert-warning = تنبيه
alert-caution = حذارِ
block-objectives = الأهداف
block-activity = نشاط
block-reflection = تأمّل
block-discussion = نقاش
block-note = ملاحظة
block-tip = نصيحة
block-example = مثال
block-other = من المفيد أن تعرف
block-questions = أسئلة
block-keypoints = نقاط أساسية
block-prereq = متطلب سابق
block-checklist = قائمة تحقق
block-challenge = تحدٍّ
block-caution = تنبيه
block-testimonial = شهادة
hint-show = اعرض التلميح
hint-print = تلميح
spoiler-show = اعرض التفاصيل
spoiler-print = تفاصيل
tabs-label = علامات تبويب
code-output = المخرجات
code-error = خطأ
code-warning = تحذير
code-source = المصدر

## نسخة الميسّرين
guide-title = دليل الميسّر
guide-eyebrow = نسخة الميسّرين
guide-lead = كل ما يحتاجه الميسّر لتقديم { $course } مباشرة: جدول كل جلسة بأوقاتها بدءًا من { $start }، وملاحظات، وأسئلة للنقاش، وإجابات.
guide-unlisted = هذه الصفحات غير مُدرجة لكنها ليست سرية: يُطلب من محركات البحث ألا تفهرسها، ولا تشير إليها صفحات المتعلمين، لكن يمكن لأي شخص لديه العنوان أن يفتحها.
guide-print = اطبع الدليل
guide-sessions = الجلسات
guide-runsheet-link = ورقة الجلسة
guide-notes = ملاحظات: { $title }
session-position = الجلسة { $number }
agenda = جدول الجلسة
agenda-time = الوقت
agenda-min = د
agenda-segment = الفقرة
agenda-notes = ملاحظات
agenda-total = المجموع
agenda-planned = من { $count } مخططة
agenda-mismatch = (لا يطابق مدة الدرس)
materials = المواد
activities = الأنشطة
facilitator-notes = ملاحظات للميسّر
prompts = أسئلة للنقاش والتأمل
learner-page = صفحة المتعلم
runsheet-link = ورقة الجلسة في صفحة واحدة
runsheet-title = ورقة الجلسة: { $title }
runsheet-print = اطبع ورقة الجلسة هذه
runsheet-objectives = الأهداف
runsheet-materials = أوراق عمل مطبوعة وأقلام.
runsheet-notes = ملاحظات
segment-welcome = الترحيب
segment-check-in = جولة افتتاحية
segment-teaching = عرض
segment-activity = نشاط
segment-discussion = نقاش
segment-break = استراحة
segment-close = الختام
clock-12h = { $hour }:{ $minute } { $period ->
    [am] ص
   *[pm] م
}

## لجافاسكربت الصفحة
js-clear-confirm = هل تريد مسح إجاباتك في هذه الصفحة؟
js-progress = الدروس المكتملة: { $count } من { $total } ({ $pct }٪ من الدورة).
js-progress-value = { $pct }٪، الدروس المكتملة: { $count } من { $total }
js-done-note = (مكتمل)
js-marked-done = حُدِّد الدرس كمكتمل.
js-unmarked-done = لم يعد الدرس محددًا كمكتمل.
js-search-short = اكتب حرفين على الأقل.
js-search-none = لا دروس تطابق «{ $query }».
js-search-found = { $count ->
    [zero] لا دروس تطابق «{ $query }».
    [one] درس واحد يطابق «{ $query }».
    [two] درسان يطابقان «{ $query }».
    [few] { $count } دروس تطابق «{ $query }».
    [many] { $count } درسًا يطابق «{ $query }».
   *[other] { $count } درس يطابق «{ $query }».
}
js-search-more = { $count } درسًا يطابق «{ $query }»؛ تُعرض أول { $limit } منها.
js-search-failed = تعذّر تحميل فهرس البحث.

# quiz: self-check questions, answers export
quiz-title = تقييم ذاتي
quiz-true = صحيح
quiz-false = خطأ
quiz-your-answer = إجابتك
quiz-your-thoughts = أفكارك
quiz-choose-all = اختر كل الإجابات المناسبة.
quiz-compare = قارن بإجابة ممكنة
quiz-check = تحقّق
quiz-try-again = حاول مرة أخرى
quiz-model-answer = إجابة ممكنة
quiz-show-answer = أظهر الإجابة
quiz-accepted = الإجابات المقبولة:
quiz-reset = امسح إجاباتي
quiz-guide-title = التقييمات الذاتية
answers-export = احفظ إجاباتي في ملف
answers-import = حمّل الإجابات من ملف
answers-note = تبقى إجاباتك على هذا الجهاز. لنقلها إلى هاتف أو حاسوب آخر، احفظها في ملف ثم حمّله هناك.
js-quiz-right = إجابة صحيحة.
js-quiz-wrong = ليس تمامًا. اقرأ الملاحظة وحاول مرة أخرى.
js-quiz-partial = بعض اختياراتك صحيحة، لكن ليس كلها. حاول مرة أخرى.
js-quiz-empty = اختر إجابة أولًا.
js-quiz-compared = إليك إجابة ممكنة لتقارنها بإجابتك. لا توجد إجابة خاطئة.
js-quiz-short-wrong = هذه ليست من الإجابات المتوقعة. حاول مرة أخرى أو أظهر الإجابة.
js-quiz-score = { $count } من { $total } صحيحة
js-quiz-reset-confirm = هل تريد مسح إجاباتك عن هذا التقييم الذاتي؟
js-quiz-cleared = مُسحت إجاباتك.
js-answers-exported = حُفظت إجاباتك في ملف.
js-answers-imported = حُمّلت { $count } من الإجابات.
js-answers-import-failed = تعذّرت قراءة هذا الملف. اختر ملفًا محفوظًا من هذه الدورة.
js-quiz-mark-right = صحيحة
js-quiz-mark-wrong = غير صحيحة
js-quiz-progress = التقييمات الذاتية: { $count } من { $total } صحيحة
# wb: pages off the guided path, facilitator pages, contact
pages-title = المزيد في هذه الدورة
facilitator-pages = صفحات الميسّرين
footer-contact = تواصل معنا
# sheets: worksheets on paper
note-qr-without-base-url = أُهملت رموز QR في أوراق العمل وملفات PDF: تحتاج الصفحة المطبوعة إلى العنوان الكامل لدرسها. اضبط `base_url` في site.toml (أو استخدم --base-url) لطباعتها.
# pdf: packet cover and page numbers
print-page-of = الصفحة { $page } من { $pages }
packet-belongs-to = هذا الملف ملك
packet-group = المجموعة
packet-dates = التواريخ
packet-facilitator = الميسّر أو الميسّرة
contents-page = الصفحة
# phone: phone-first layout, home at a glance, meta descriptions
menu-button = القائمة
home-modules = { $count ->
    [zero] لا وحدات
    [one] وحدة واحدة
    [two] وحدتان
    [few] { $count } وحدات
    [many] { $count } وحدة
   *[other] { $count } وحدة
}
home-start-course = ابدأ الدورة
js-continue-lesson = تابع: الدرس { $number }
worksheet-description = { $title }: ورقة عمل من { $course } للتعبئة على الشاشة أو للطباعة.
guide-description = دليل الميسّر لدورة { $course }: جدول كل جلسة وموادها وملاحظاتها وأسئلتها.
runsheet-description = ورقة الجلسة «{ $title }»: الجدول والمواد والملاحظات في صفحة واحدة.
not-found-description = تعذّر العثور على هذه الصفحة من { $course }.
# brand: theme button, edit link, keyboard shortcuts, footer links
js-theme-light = الوضع الفاتح
js-theme-dark = الوضع الداكن
edit-page = اقترح تعديلًا على هذه الصفحة
shortcuts-title = اختصارات لوحة المفاتيح
shortcut-prev = الدرس السابق
shortcut-next = الدرس التالي
shortcut-search = البحث
footer-links = روابط الدورة

# parts: print parts
print-part-title = { $document } — الجزء { $part } من { $parts } (الدروس { $first }–{ $last })
print-part-link = الجزء { $part }: الدروس { $first }–{ $last }
print-part-list-title = هذا المستند في أجزاء
packet-part-list-title = هذا الملف في أجزاء
print-part-nav = أجزاء هذا المستند
print-part-previous = الجزء السابق
print-part-next = الجزء التالي
print-part-all = كل الأجزاء
print-button-part = اطبع هذا الجزء
print-description-part = جزء من مستند طويل، بحجم مناسب للطباعة.
packet-description-part = جزء من ملف جلسات طويل، بحجم مناسب للطباعة.
packet-lead-part = أوراق العمل لهذه الدروس، ورقة في كل صفحة، بترتيب الدورة.
print-part-title-one = { $document } — الجزء { $part } من { $parts } (الدرس { $first })
print-part-link-one = الجزء { $part }: الدرس { $first }
