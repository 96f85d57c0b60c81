# Trellis 界面（简体中文）。键与 en.ftl 相同。中文没有复数变化。

## 每个页面的框架
language-name = 简体中文
skip-link = 跳到正文
search-label = 搜索课程
search-placeholder = 搜索
search-button = 搜索
site-nav = 网站
nav-outline = 课程大纲
nav-worksheets = 练习单
nav-print = 打印课程
theme-toggle = 深色模式
made-with = 由 { $generator } 制作
language-switcher = 语言
translation-missing = 此页面尚未翻译；链接将带你前往{ $language }版课程首页。
breadcrumb = 导航路径
course-home = 课程首页
download-pdf = 下载 PDF
minutes = { $count } 分钟
module-title = 第 { $number } 单元：{ $title }
lesson-title = 第 { $number } 课：{ $title }
contents = 目录
answer-key = 参考答案

## 404
not-found-title = 找不到页面
not-found-lead = 此页面不存在，或已被移走。
not-found-home = 前往课程首页

## 首页
home-lessons = { $count } 节课
home-minutes = 约 { $count } 分钟的课堂时间
home-worksheets = { $count } 张可打印练习单
home-start = 从第 { $number } 课开始：{ $title }
progress-title = 你的进度
progress-none = 还没有标记为完成的课。
progress-local = 只保存在此浏览器中。
continue = 从上次停下的地方继续：

## 课
sidebar-module = 第 { $number } 单元的课
sidebar-nearby = 相邻的课
sidebar-lessons = 课程
sidebar-outline = 完整课程大纲
sidebar-all-lessons = 第 { $number } 单元的全部课程（{ $count }）
lesson-position = 第 { $number } 课，共 { $total } 课
lesson-session = 课堂：{ $count } 分钟
lesson-reading = 阅读时间：约 { $count } 分钟
objectives-title = 在这一课中，你将
toc = 本页内容
worksheet-links = 带走练习单
worksheet-link = 可打印练习单：{ $title }
mark-done = 标记为完成
pager = 课程
pager-prev = 上一课：第 { $number } 课
pager-next = 下一课：第 { $number } 课
pager-end = 你已经到了最后
pager-home = 回到课程首页
has-worksheet = 附有练习单
has-worksheet-short = 练习单
outline-number = 第 { $number } 课。

## 单元
module-position = 第 { $number } 单元
module-lessons = 本单元的课
module-worksheets = 练习单
module-pager = 单元
module-prev = 上一单元
module-next = 下一单元

## 讲义与打印
packet-title = 课堂讲义
packet-description = 课程的全部练习单，可直接打印。
packet-title-module = 课堂讲义：{ $module }
packet-description-module = 本单元的全部练习单，可直接打印。
packet-lead = 课程的全部练习单，每页一张，按课程顺序排列。
packet-lead-module = 本单元的全部练习单，每页一张，按课程顺序排列。
packet-parts-title = 每个单元一份讲义
packet-print = 打印讲义
print-description = 整门课程合成一份可打印的文档。
print-description-module = 课程的一个单元合成一份可打印的文档。
print-button = 打印整门课程
print-parts-title = 每个单元一份文档
print-button-module = 打印本单元
print-position = 第 { $number } 课，共 { $total } 课

## 搜索
search-title = 搜索课程
search-description = 搜索课程。
search-field = 搜索一个词或短语
search-noscript = 搜索需要 JavaScript。
search-noscript-outline = 课程大纲列出了所有的课。

## 练习单
worksheet = 练习单
worksheet-print = 打印这张练习单
worksheet-clear = 清除我的答案
worksheet-printable = 可打印练习单
worksheet-print-answers = 连同我的答案一起打印
qr-label = 指向本课的二维码
field-writing = 书写区
field-name = 姓名
field-date = 日期
field-rating = 评分
solution-show = 查看参考答案
solution-print = 参考答案

## 内容块
alert-note = 注意
alert-tip = 提示
alert-important = 重要
alert-warning = 警告
alert-caution = 小心
block-objectives = 目标
block-activity = 活动
block-reflection = 反思
block-discussion = 讨论
block-note = 注意
block-tip = 提示
block-example = 例子
block-other = 小知识
block-questions = 问题
block-keypoints = 要点
block-prereq = 预备知识
block-checklist = 检查清单
block-challenge = 挑战
block-caution = 注意
block-testimonial = 经验分享
hint-show = 显示提示
hint-print = 提示
spoiler-show = 显示详情
spoiler-print = 详情
tabs-label = 标签页
code-output = 输出
code-error = 错误
code-warning = 警告
code-source = 源代码

## 带领者版
guide-title = 带领者指南
guide-eyebrow = 带领者版
guide-lead = 带领者现场带领「{ $course }」所需的一切：每次课的流程及从 { $start } 开始的时间、备注、讨论问题和答案。
guide-unlisted = 这些页面不公开列出，但并不保密：我们请搜索引擎不要收录，学员页面也不会链接到这里，但任何知道地址的人都能打开。
guide-print = 打印指南
guide-sessions = 课次
guide-runsheet-link = 流程单
guide-notes = 备注：{ $title }
session-position = 第 { $number } 次课
agenda = 流程
agenda-time = 时间
agenda-min = 分钟
agenda-segment = 环节
agenda-notes = 备注
agenda-total = 合计
agenda-planned = （计划 { $count } 分钟）
agenda-mismatch = （与本课时长不符）
materials = 材料
activities = 活动
facilitator-notes = 带领者备注
prompts = 讨论与反思问题
learner-page = 学员页面
runsheet-link = 单页流程单
runsheet-title = 流程单：{ $title }
runsheet-print = 打印这张流程单
runsheet-objectives = 目标
runsheet-materials = 打印好的练习单和笔。
runsheet-notes = 备注
segment-welcome = 欢迎
segment-check-in = 开场分享
segment-teaching = 讲解
segment-activity = 活动
segment-discussion = 讨论
segment-break = 休息
segment-close = 结束
clock-12h = { $period ->
    [am] 上午
   *[pm] 下午
}{ $hour }:{ $minute }

## 供页面的 JavaScript 使用
js-clear-confirm = 要清除你在本页的答案吗？
js-progress = 已完成 { $count } / { $total } 课：课程的 { $pct }%。
js-progress-value = { $pct }%，已完成 { $count } / { $total } 课
js-done-note = （已完成）
js-marked-done = 这一课已标记为完成。
js-unmarked-done = 这一课不再标记为完成。
js-search-short = 请至少输入两个字。
js-search-none = 没有与“{ $query }”相符的课。
js-search-found = 有 { $count } 节课与“{ $query }”相符。
js-search-more = 有 { $count } 节课与“{ $query }”相符；只显示前 { $limit } 节。
js-search-failed = 无法加载搜索索引。

# quiz: self-check questions, answers export
quiz-title = 自我检测
quiz-true = 正确
quiz-false = 错误
quiz-your-answer = 你的答案
quiz-your-thoughts = 你的想法
quiz-choose-all = 请选出所有符合的答案。
quiz-compare = 与参考答案比较
quiz-check = 检查
quiz-try-again = 再试一次
quiz-model-answer = 参考答案
quiz-show-answer = 显示答案
quiz-accepted = 可接受的答案：
quiz-reset = 清除我的答案
quiz-guide-title = 自我检测
answers-export = 把我的答案保存到文件
answers-import = 从文件载入答案
answers-note = 你的答案只保存在这台设备上。要换到另一部手机或电脑，请先保存到文件，再在那里载入。
js-quiz-right = 答对了。
js-quiz-wrong = 还不完全对。请看看提示，再试一次。
js-quiz-partial = 你选对了一部分，但还没有全部选对。再试一次。
js-quiz-empty = 请先选择一个答案。
js-quiz-compared = 这是一个参考答案，可以和你的想法比较。没有错误的答案。
js-quiz-short-wrong = 这不是我们预想的答案之一。再试一次，或者显示答案。
js-quiz-score = { $total } 题答对 { $count } 题
js-quiz-reset-confirm = 要清除你在这次自我检测中的答案吗？
js-quiz-cleared = 你的答案已清除。
js-answers-exported = 你的答案已保存到文件。
js-answers-imported = 已载入 { $count } 条答案。
js-answers-import-failed = 无法读取这个文件。请选择从本课程保存的文件。
js-quiz-mark-right = 正确
js-quiz-mark-wrong = 不正确
js-quiz-progress = 自我检测：{ $total } 题答对 { $count } 题
# wb: pages off the guided path, facilitator pages, contact
pages-title = 本课程的更多内容
facilitator-pages = 引导者页面
footer-contact = 联系我们
# sheets: worksheets on paper
note-qr-without-base-url = 练习单和 PDF 未印二维码：印在纸上的页面需要其课程的完整网址。请在 site.toml 中设置 `base_url`（或使用 --base-url）以印出二维码。
# pdf: packet cover and page numbers
print-page-of = 第 { $page } 页，共 { $pages } 页
packet-belongs-to = 本讲义属于
packet-group = 小组
packet-dates = 日期
packet-facilitator = 带领人
contents-page = 页码
# phone: phone-first layout, home at a glance, meta descriptions
menu-button = 菜单
home-modules = { $count } 个单元
home-start-course = 开始课程
js-continue-lesson = 继续：第 { $number } 课
worksheet-description = { $title }：来自{ $course }的练习单，可在屏幕上填写或打印。
guide-description = { $course }的带领者指南：每节课的流程、材料、备注和提问。
runsheet-description = “{ $title }”一节课的流程单：流程、材料和备注，全在一页上。
not-found-description = 找不到{ $course }的这个页面。
# brand: theme button, edit link, keyboard shortcuts, footer links
js-theme-light = 浅色模式
js-theme-dark = 深色模式
edit-page = 建议修改此页面
shortcuts-title = 键盘快捷键
shortcut-prev = 上一课
shortcut-next = 下一课
shortcut-search = 搜索
footer-links = 课程链接

# parts: print parts
print-part-title = { $document } — 第 { $part } 部分，共 { $parts } 部分（第 { $first }–{ $last } 课）
print-part-link = 第 { $part } 部分：第 { $first }–{ $last } 课
print-part-list-title = 本文档分部分打印
packet-part-list-title = 本讲义分部分打印
print-part-nav = 本文档的各部分
print-part-previous = 上一部分
print-part-next = 下一部分
print-part-all = 全部部分
print-button-part = 打印这一部分
print-description-part = 长文档中的一部分，大小适合打印。
packet-description-part = 长讲义中的一部分，大小适合打印。
packet-lead-part = 这些课的练习单，每页一张，按课程顺序排列。
print-part-title-one = { $document } — 第 { $part } 部分，共 { $parts } 部分（第 { $first } 课）
print-part-link-one = 第 { $part } 部分：第 { $first } 课
