//! The event pass: pulldown-cmark events in, HTML and page facts out.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{html, BlockQuoteKind, CowStr, Event, LinkType, Parser, Tag, TagEnd};

use super::blocks::{self, Field, Preprocessed};
use super::links::{Target, ROOT};
use super::{
    escape, options, Activity, Context, FragmentLink, Heading, Rendered, Worksheet, RESERVED_IDS,
};
use crate::content::slugify;
use crate::diag::Diagnostic;

/// Deeper nesting of lists and quotes is an error: it is always a mistake, and
/// browsers struggle with it.
pub const MAX_NESTING: usize = 64;

/// Render one page body.
pub fn render(body: &str, cx: &Context<'_>) -> Rendered {
    let pre = blocks::preprocess(body);
    let events: Vec<(Event<'_>, Range<usize>)> = Parser::new_ext(&pre.text, options())
        .into_offset_iter()
        .collect();
    let mut st = State::new(cx, &pre);
    for p in &pre.problems {
        let d = if p.warning {
            Diagnostic::warning(cx.shown, &p.message)
        } else {
            Diagnostic::error(cx.shown, &p.message)
        };
        let d = d.at(cx.body_line + p.line, 1);
        st.r.diags.push(match &p.help {
            Some(h) => d.help(h),
            None => d,
        });
    }
    st.run(&events);
    st.finish()
}

enum FrameKind {
    Facilitator,
    Worksheet(Box<WsFrame>),
    Solution,
    /// A labelled course block; its kind.
    Section(String),
    Div,
}

struct WsFrame {
    title: String,
    pages: u32,
    url: String,
    line: usize,
    /// Out indexes of solution blocks inside, for the learner print.
    solutions: Vec<Range<usize>>,
    prompts: Vec<String>,
}

struct Frame {
    kind: FrameKind,
    /// Index in `out` where the block's content starts.
    start: usize,
}

#[derive(Default)]
struct TableState {
    in_head: bool,
    headers: Vec<String>,
    col: usize,
    row: usize,
}

struct State<'a, 'b> {
    cx: &'b Context<'b>,
    pre: &'a Preprocessed,
    line_starts: Vec<usize>,
    out: Vec<Event<'a>>,
    stack: Vec<Frame>,
    ids: HashSet<String>,
    r: Rendered,
    fields: usize,
    worksheets: usize,
    /// (out index, text) of the last paragraph start, and the out length when it ended.
    last_para: Option<(usize, String)>,
    last_para_end: usize,
    table: Option<TableState>,
    heading: Vec<(u8, String, String)>,
    /// Level of the previous heading; the page title is the h1.
    last_level: u8,
}

impl<'a, 'b> State<'a, 'b> {
    fn new(cx: &'b Context<'b>, pre: &'a Preprocessed) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(pre.text.match_indices('\n').map(|(i, _)| i + 1));
        State {
            cx,
            pre,
            line_starts,
            out: Vec::new(),
            stack: Vec::new(),
            ids: RESERVED_IDS.iter().map(|s| s.to_string()).collect(),
            r: Rendered::default(),
            fields: 0,
            worksheets: 0,
            last_para: None,
            last_para_end: usize::MAX,
            table: None,
            heading: Vec::new(),
            last_level: 1,
        }
    }

    /// File line and column of a byte offset in the preprocessed body.
    fn pos(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1) - 1;
        let start = self.line_starts[line];
        let col = self
            .pre
            .text
            .get(start..offset)
            .map_or(1, |s| s.chars().count() + 1);
        (self.cx.body_line + line, col)
    }

    fn error_at(&mut self, offset: usize, message: String, help: Option<String>) {
        let (line, col) = self.pos(offset);
        let d = Diagnostic::error(self.cx.shown, message).at(line, col);
        self.r.diags.push(match help {
            Some(h) => d.help(h),
            None => d,
        });
    }

    fn lint_at(&mut self, offset: usize, message: String, help: &str) {
        let (line, col) = self.pos(offset);
        self.r.lints.push(
            Diagnostic::warning(self.cx.shown, message)
                .at(line, col)
                .help(help),
        );
    }

    fn unique_id(&mut self, base: &str) -> String {
        let base = if base.is_empty() { "section" } else { base };
        let mut id = base.to_string();
        let mut n = 1;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    fn in_facilitator(&self) -> bool {
        self.stack
            .iter()
            .any(|f| matches!(f.kind, FrameKind::Facilitator))
    }

    fn in_worksheet(&self) -> bool {
        self.stack
            .iter()
            .any(|f| matches!(f.kind, FrameKind::Worksheet(_)))
    }

    fn html(&mut self, s: String) {
        self.out.push(Event::Html(CowStr::from(s)));
    }

    fn run(&mut self, events: &[(Event<'a>, Range<usize>)]) {
        let mut i = 0;
        let mut depth = 0usize;
        while i < events.len() {
            let (ev, range) = &events[i];
            match ev {
                Event::Start(Tag::BlockQuote(_) | Tag::List(_) | Tag::Item) => {
                    depth += 1;
                    if depth == MAX_NESTING + 1 {
                        self.error_at(
                            range.start,
                            format!("lists and quotes are nested more than {MAX_NESTING} levels deep"),
                            Some("flatten the structure; readers cannot follow that many levels either".into()),
                        );
                    }
                }
                Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item) => {
                    depth = depth.saturating_sub(1)
                }
                _ => {}
            }
            // Keep words apart in the search text where blocks and lines end.
            if !self.in_facilitator() {
                match ev {
                    Event::SoftBreak | Event::HardBreak => self.r.text.push(' '),
                    Event::End(
                        TagEnd::Heading(_)
                        | TagEnd::Item
                        | TagEnd::TableCell
                        | TagEnd::BlockQuote(_),
                    ) => self.r.text.push('\n'),
                    _ => {}
                }
            }
            match ev {
                Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
                Event::Html(s) if s.starts_with("<!--trellis:") => {
                    self.marker(s, range.start, &events[i + 1..])
                }
                Event::Start(Tag::Heading {
                    level, id, classes, ..
                }) => {
                    let text = collect_text(&events[i + 1..]);
                    let base = id
                        .as_ref()
                        .map(|s| s.to_string())
                        .unwrap_or_else(|| slugify(&text));
                    let id = self.unique_id(&base);
                    let n = *level as u8;
                    if n == 1 {
                        self.lint_at(
                            range.start,
                            "a level-1 heading in the body: the page title is already the h1"
                                .into(),
                            "start sections at `##`",
                        );
                    } else if n > self.last_level + 1 {
                        let msg = format!("heading level skips from h{} to h{n}", self.last_level);
                        self.lint_at(range.start, msg, "use each level in turn (## then ###) so screen readers can follow the outline");
                    }
                    self.last_level = n;
                    let class = if classes.is_empty() {
                        String::new()
                    } else {
                        format!(" class=\"{}\"", escape(&classes.join(" ")))
                    };
                    self.html(format!("<h{n} id=\"{}\"{class}>", escape(&id)));
                    if !self.in_facilitator() {
                        self.r.headings.push(Heading {
                            level: n,
                            id: id.clone(),
                            text: text.clone(),
                        });
                    }
                    self.heading.push((n, id, text));
                }
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((n, id, _text)) = self.heading.pop() {
                        self.html(format!(
                            " <a class=\"anchor\" href=\"#{id}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h{n}>\n",
                            id = escape(&id)
                        ));
                    }
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        pulldown_cmark::CodeBlockKind::Fenced(info) => {
                            info.split([' ', ',', '{']).next().unwrap_or("").to_string()
                        }
                        pulldown_cmark::CodeBlockKind::Indented => String::new(),
                    };
                    let mut code = String::new();
                    let mut j = i + 1;
                    while j < events.len() {
                        match &events[j].0 {
                            Event::Text(t) => code.push_str(t),
                            Event::End(TagEnd::CodeBlock) => break,
                            _ => {}
                        }
                        j += 1;
                    }
                    let hl = self.cx.highlighter.highlight(&lang, &code);
                    if !hl.known {
                        let (line, col) = self.pos(range.start);
                        self.r.diags.push(
                            Diagnostic::warning(self.cx.shown, format!("unknown code language `{lang}`; shown as plain text"))
                                .at(line, col)
                                .help("use a common name such as rust, python, bash, html, css, js or json, or `text`"),
                        );
                    }
                    if !self.in_facilitator() {
                        self.r.text.push_str(&code);
                        self.r.text.push(' ');
                    }
                    self.out
                        .push(Event::Html(CowStr::from(hl.html.to_string())));
                    i = j;
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    if dest_url.starts_with("http://") || dest_url.starts_with("https://") {
                        let (line, col) = self.pos(range.start);
                        self.r.external_links.push(super::ExternalLink {
                            url: dest_url.to_string(),
                            line,
                            col,
                        });
                    }
                    let dest = if matches!(link_type, LinkType::Email | LinkType::Autolink) {
                        dest_url.clone()
                    } else {
                        self.resolve(dest_url, range.start, false)
                    };
                    self.out.push(Event::Start(Tag::Link {
                        link_type: *link_type,
                        dest_url: dest,
                        title: title.clone(),
                        id: id.clone(),
                    }));
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    if collect_text(&events[i + 1..]).trim().is_empty() {
                        let msg = format!("image `{dest_url}` has no alt text");
                        self.lint_at(range.start, msg, "describe it for readers who cannot see it: ![A parent and child reading](fig/reading.svg)");
                    }
                    let dest = self.resolve(dest_url, range.start, true);
                    self.out.push(Event::Start(Tag::Image {
                        link_type: *link_type,
                        dest_url: dest,
                        title: title.clone(),
                        id: id.clone(),
                    }));
                }
                Event::Start(Tag::BlockQuote(Some(kind))) => {
                    let (class, label) = alert(*kind);
                    self.html(format!(
                        "<div class=\"alert alert-{class}\" role=\"note\">\n<p class=\"alert-title\">{label}</p>\n"
                    ));
                }
                Event::End(TagEnd::BlockQuote(Some(_))) => self.html("</div>\n".into()),
                Event::TaskListMarker(checked) => {
                    let text = collect_text(&events[i + 1..]);
                    let key = self.next_key();
                    let checked = if *checked { " checked" } else { "" };
                    self.html(format!(
                        "<input type=\"checkbox\" class=\"field-check\" data-key=\"{key}\" aria-label=\"{}\"{checked}> ",
                        escape(text.trim())
                    ));
                }
                Event::Start(Tag::Paragraph) => {
                    self.last_para = Some((self.out.len(), collect_text(&events[i + 1..])));
                    self.out.push(ev.clone());
                }
                Event::End(TagEnd::Paragraph) => {
                    self.out.push(ev.clone());
                    self.last_para_end = self.out.len();
                    if !self.in_facilitator() {
                        self.r.text.push('\n');
                    }
                }
                Event::Start(Tag::Table(_)) => {
                    self.table = Some(TableState::default());
                    self.out.push(ev.clone());
                }
                Event::End(TagEnd::Table) => {
                    self.table = None;
                    self.out.push(ev.clone());
                }
                Event::Start(Tag::TableHead) => {
                    if let Some(t) = &mut self.table {
                        t.in_head = true;
                    }
                    self.out.push(ev.clone());
                }
                Event::End(TagEnd::TableHead) => {
                    if let Some(t) = &mut self.table {
                        t.in_head = false;
                    }
                    self.out.push(ev.clone());
                }
                Event::Start(Tag::TableRow) => {
                    if let Some(t) = &mut self.table {
                        t.col = 0;
                        t.row += 1;
                    }
                    self.out.push(ev.clone());
                }
                Event::Start(Tag::TableCell) => {
                    self.out.push(ev.clone());
                    let empty =
                        matches!(events.get(i + 1), Some((Event::End(TagEnd::TableCell), _)));
                    let in_ws = self.in_worksheet();
                    let mut label = None;
                    if let Some(t) = &mut self.table {
                        if t.in_head {
                            t.headers.push(collect_text(&events[i + 1..]));
                        } else if empty && in_ws {
                            let header = t.headers.get(t.col).cloned().unwrap_or_default();
                            label = Some(format!("{} (row {})", header.trim(), t.row));
                        }
                        t.col += 1;
                    }
                    if let Some(label) = label {
                        let key = self.next_key();
                        self.html(format!(
                            "<input type=\"text\" class=\"field-cell\" data-key=\"{key}\" aria-label=\"{}\">",
                            escape(&label)
                        ));
                    }
                }
                Event::Text(t) | Event::Code(t) => {
                    if !self.in_facilitator() {
                        self.r.text.push_str(t);
                    }
                    self.out.push(ev.clone());
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    self.ids.insert(label.to_string());
                    self.r.ids.push(label.to_string());
                    self.out.push(ev.clone());
                }
                _ => self.out.push(ev.clone()),
            }
            i += 1;
        }
    }

    fn next_key(&mut self) -> String {
        let key = format!("{}#f{}", escape(self.cx.page_url), self.fields);
        self.fields += 1;
        key
    }

    fn resolve(&mut self, dest: &CowStr<'a>, offset: usize, must_exist: bool) -> CowStr<'a> {
        match self.cx.links.resolve(self.cx.source, dest, must_exist) {
            Ok(Target::Unchanged) => dest.clone(),
            Ok(Target::Site(url)) => url.into(),
            Ok(Target::Page { url, fragment }) => {
                if let Some(f) = &fragment {
                    let (line, col) = self.pos(offset);
                    self.r.fragment_links.push(FragmentLink {
                        line,
                        col,
                        url: url.clone(),
                        fragment: f.clone(),
                    });
                }
                let frag = fragment.map(|f| format!("#{f}")).unwrap_or_default();
                format!("{ROOT}{url}index.html{frag}").into()
            }
            Ok(Target::Asset(asset, url)) => {
                self.r.assets.push(asset);
                url.into()
            }
            Err(e) => {
                self.error_at(offset, e.message, e.help);
                dest.clone()
            }
        }
    }

    fn marker(&mut self, s: &str, offset: usize, rest: &[(Event<'a>, Range<usize>)]) {
        let s = s.trim();
        if let Some(n) = s
            .strip_prefix(blocks::OPEN)
            .and_then(|r| r.strip_suffix("-->"))
        {
            let Ok(n) = n.parse::<usize>() else { return };
            self.open_block(n, rest);
        } else if s == blocks::CLOSE {
            self.close_block();
        } else if let Some(n) = s
            .strip_prefix(blocks::FIELD)
            .and_then(|r| r.strip_suffix("-->"))
        {
            let Ok(n) = n.parse::<usize>() else { return };
            self.field(n, offset);
        }
    }

    fn open_block(&mut self, n: usize, rest: &[(Event<'a>, Range<usize>)]) {
        let Some(open) = self.pre.opens.get(n) else {
            return;
        };
        let line = self.cx.body_line + open.line;
        let id_attr = |st: &mut Self| match &open.id {
            Some(id) => {
                let id = st.unique_id(id);
                st.r.ids.push(id.clone());
                format!(" id=\"{}\"", escape(&id))
            }
            None => String::new(),
        };
        let extra_classes: String = open.classes[1..]
            .iter()
            .map(|c| format!(" {}", escape(c)))
            .collect();
        let kind = match open.kind.as_str() {
            "facilitator" => FrameKind::Facilitator,
            "worksheet" => {
                let title = open
                    .attrs
                    .get("title")
                    .cloned()
                    .or_else(|| first_heading(rest))
                    .unwrap_or_default();
                if title.trim().is_empty() {
                    self.r.diags.push(
                        Diagnostic::warning(self.cx.shown, "worksheet has no title")
                            .at(line, 1)
                            .help("give it one: `::: {.worksheet title=\"My plan\"}`"),
                    );
                }
                let pages = open
                    .attrs
                    .get("pages")
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(1);
                let k = self.worksheets;
                self.worksheets += 1;
                let slug = if k == 0 {
                    "worksheet".to_string()
                } else {
                    format!("worksheet-{}", k + 1)
                };
                let url = if self.cx.standalone && k == 0 {
                    self.cx.page_url.to_string()
                } else {
                    format!("{}{slug}/", self.cx.page_url)
                };
                let wid = self.unique_id(&slug);
                self.r.ids.push(wid.clone());
                let shown_title = if title.trim().is_empty() {
                    "Worksheet".to_string()
                } else {
                    title.clone()
                };
                self.html(format!(
                    "<section class=\"worksheet{extra_classes}\" id=\"{wid}\" aria-labelledby=\"{wid}-title\" data-worksheet-url=\"{ROOT}{url}index.html\">\n\
                     <div class=\"worksheet-head\"><p class=\"block-label\">Worksheet</p><h2 id=\"{wid}-title\">{t}</h2>\n\
                     <p class=\"worksheet-actions\"><a class=\"button\" href=\"{ROOT}{url}index.html\">Printable worksheet</a> \
                     <button type=\"button\" class=\"button needs-js\" data-action=\"print-worksheet\">Print with my answers</button> \
                     <button type=\"button\" class=\"button needs-js\" data-action=\"clear-fields\">Clear my answers</button></p></div>\n",
                    t = escape(&shown_title)
                ));
                self.ids.insert(format!("{wid}-title"));
                FrameKind::Worksheet(Box::new(WsFrame {
                    title: shown_title,
                    pages,
                    url,
                    line,
                    solutions: Vec::new(),
                    prompts: Vec::new(),
                }))
            }
            "solution" => {
                let label = open
                    .attrs
                    .get("label")
                    .cloned()
                    .unwrap_or_else(|| "Show possible answers".into());
                let id = id_attr(self);
                self.html(format!(
                    "<details class=\"solution{extra_classes}\"{id}><summary><span class=\"screen-label\">{}</span><span class=\"print-label\">Possible answers</span></summary>\n<div class=\"solution-body\">\n",
                    escape(&label)
                ));
                FrameKind::Solution
            }
            kind @ ("objectives" | "activity" | "reflection" | "callout" | "discussion"
            | "note" | "tip" | "example") => {
                let minutes = open
                    .attrs
                    .get("minutes")
                    .and_then(|m| m.trim().parse::<u32>().ok());
                if kind == "activity" {
                    let title = first_heading(rest).unwrap_or_else(|| "Activity".into());
                    self.r.activities.push(Activity { title, minutes });
                }
                let mut label = block_label(kind).to_string();
                if let Some(m) = minutes {
                    label.push_str(&format!(" · {m} min"));
                }
                let id = id_attr(self);
                self.html(format!(
                    "<section class=\"block block-{kind}{extra_classes}\"{id}{m}>\n<p class=\"block-label\">{label}</p>\n",
                    m = minutes.map(|m| format!(" data-minutes=\"{m}\"")).unwrap_or_default()
                ));
                FrameKind::Section(kind.to_string())
            }
            _ => {
                let classes: Vec<String> = open.classes.iter().map(|c| escape(c)).collect();
                let id = id_attr(self);
                self.html(format!("<div class=\"{}\"{id}>\n", classes.join(" ")));
                FrameKind::Div
            }
        };
        let start = self.out.len();
        self.stack.push(Frame { kind, start });
    }

    fn close_block(&mut self) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        match frame.kind {
            FrameKind::Facilitator => {
                let events: Vec<Event<'a>> = self.out.drain(frame.start..).collect();
                let mut s = String::new();
                html::push_html(&mut s, events.into_iter());
                self.r.facilitator.push(s);
            }
            FrameKind::Worksheet(ws) => {
                let content = &self.out[frame.start..];
                let mut full = String::new();
                html::push_html(&mut full, content.iter().cloned());
                let mut learner = String::new();
                let mut solutions = Vec::new();
                let mut pos = frame.start;
                for r in &ws.solutions {
                    // Nested solutions are part of their outer one.
                    if r.start < pos || r.end > self.out.len() {
                        continue;
                    }
                    html::push_html(&mut learner, self.out[pos..r.start].iter().cloned());
                    let mut sol = String::new();
                    html::push_html(&mut sol, self.out[r.start + 1..r.end - 1].iter().cloned());
                    solutions.push(sol);
                    pos = r.end;
                }
                html::push_html(&mut learner, self.out[pos..].iter().cloned());
                self.html("</section>\n".into());
                self.r.worksheets.push(Worksheet {
                    title: ws.title,
                    html: full,
                    html_without_solutions: learner,
                    solutions,
                    pages: ws.pages,
                    url: ws.url,
                    line: ws.line,
                    prompts: ws.prompts,
                });
            }
            FrameKind::Solution => {
                self.html("</div>\n</details>\n".into());
                let end = self.out.len();
                if !self.in_facilitator() {
                    let mut sol = String::new();
                    html::push_html(&mut sol, self.out[frame.start..end - 1].iter().cloned());
                    self.r.solutions.push(sol);
                }
                // `start` is just after the opening <details>; include it in the range.
                let range = frame.start - 1..end;
                // Facilitator notes are drained from `out`, so ranges inside them would go stale.
                if self.in_facilitator() {
                    return;
                }
                if let Some(ws) = self.stack.iter_mut().rev().find_map(|f| match &mut f.kind {
                    FrameKind::Worksheet(ws) => Some(ws),
                    _ => None,
                }) {
                    ws.solutions.push(range);
                }
            }
            FrameKind::Section(kind) => {
                if matches!(kind.as_str(), "discussion" | "reflection") && !self.in_facilitator() {
                    let mut s = String::new();
                    html::push_html(&mut s, self.out[frame.start..].iter().cloned());
                    self.r.prompts.push(s);
                }
                self.html("</section>\n".into())
            }
            FrameKind::Div => self.html("</div>\n".into()),
        }
    }

    fn field(&mut self, n: usize, offset: usize) {
        let Some(field) = self.pre.fields.get(n).cloned() else {
            return;
        };
        if field == Field::PageBreak {
            self.html("<div class=\"page-break\" aria-hidden=\"true\"></div>\n".into());
            return;
        }
        // The paragraph just before the field is its prompt.
        let prompt = match &self.last_para {
            Some((idx, text)) if self.last_para_end == self.out.len() => Some((*idx, text.clone())),
            _ => None,
        };
        let label = match &prompt {
            Some((idx, text)) => {
                let pid = self.unique_id(&format!("prompt-{}", self.fields));
                self.out[*idx] =
                    Event::Html(CowStr::from(format!("<p class=\"prompt\" id=\"{pid}\">")));
                if let Some(FrameKind::Worksheet(ws)) = self
                    .stack
                    .iter_mut()
                    .rev()
                    .map(|f| &mut f.kind)
                    .find(|k| matches!(k, FrameKind::Worksheet(_)))
                {
                    ws.prompts.push(text.trim().to_string());
                }
                format!(" aria-labelledby=\"{pid}\"")
            }
            None => " aria-label=\"Writing space\"".to_string(),
        };
        let _ = offset;
        let key = self.next_key();
        let html = match field {
            Field::Lines(n) => format!(
                "<div class=\"field field-lines\" style=\"--lines:{n}\"><textarea rows=\"{n}\" data-key=\"{key}\"{label}></textarea></div>\n"
            ),
            Field::Box(h) => format!(
                "<div class=\"field field-box\" style=\"--box-height:{h}\"><textarea data-key=\"{key}\"{label}></textarea></div>\n",
                h = escape(&h)
            ),
            Field::Scale { from, to, low, high } => {
                let legend = prompt.as_ref().map_or("Rating".to_string(), |(_, t)| t.trim().to_string());
                let mut s = format!(
                    "<fieldset class=\"field field-scale\"><legend class=\"visually-hidden\">{}</legend>\n<span class=\"scale-end\">{}</span><span class=\"scale-points\">",
                    escape(&legend),
                    escape(&low)
                );
                for v in from..=to {
                    s.push_str(&format!(
                        "<label><input type=\"radio\" name=\"{key}\" data-key=\"{key}\" value=\"{v}\"><span>{v}</span></label>"
                    ));
                }
                s.push_str(&format!("</span><span class=\"scale-end\">{}</span></fieldset>\n", escape(&high)));
                s
            }
            Field::NameDate => format!(
                "<div class=\"field field-namedate\"><label>Name <input type=\"text\" data-key=\"{key}-name\" autocomplete=\"off\"></label> \
                 <label>Date <input type=\"text\" data-key=\"{key}-date\" autocomplete=\"off\"></label></div>\n"
            ),
            Field::PageBreak => unreachable!("handled above"),
        };
        self.html(html);
    }

    fn finish(mut self) -> Rendered {
        let mut s = String::with_capacity(self.pre.text.len() * 3 / 2 + 256);
        html::push_html(&mut s, std::mem::take(&mut self.out).into_iter());
        s.shrink_to_fit();
        self.r.html = s;
        self.r.text.shrink_to_fit();
        self.r
            .ids
            .extend(self.r.headings.iter().map(|h| h.id.clone()));
        self.r
    }
}

/// Text of the events up to the end of the current element.
fn collect_text(events: &[(Event<'_>, Range<usize>)]) -> String {
    let mut depth = 0usize;
    let mut s = String::new();
    for (e, _) in events {
        match e {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                if depth == 0 {
                    break;
                }
                depth -= 1;
            }
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            Event::Html(h) if h.starts_with("<!--trellis:") => break,
            _ => {}
        }
    }
    s
}

/// The text of the first heading before the block closes.
fn first_heading(events: &[(Event<'_>, Range<usize>)]) -> Option<String> {
    for (i, (e, _)) in events.iter().enumerate() {
        match e {
            Event::Start(Tag::Heading { .. }) => return Some(collect_text(&events[i + 1..])),
            Event::Html(h) if h.starts_with(blocks::CLOSE) => return None,
            _ => {}
        }
    }
    None
}

fn alert(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Note"),
        BlockQuoteKind::Tip => ("tip", "Tip"),
        BlockQuoteKind::Important => ("important", "Important"),
        BlockQuoteKind::Warning => ("warning", "Warning"),
        BlockQuoteKind::Caution => ("caution", "Caution"),
    }
}

fn block_label(kind: &str) -> &'static str {
    match kind {
        "objectives" => "Objectives",
        "activity" => "Activity",
        "reflection" => "Reflection",
        "discussion" => "Discussion",
        "note" => "Note",
        "tip" => "Tip",
        "example" => "Example",
        _ => "Good to know",
    }
}
