//! Exports for other tools. QTI 2.1: every learner quiz of the course as one
//! `assessmentItem` per question, with an IMS content package manifest, zipped
//! at `/export/qti/quizzes.zip` so Moodle or Canvas can import the questions.
//! Facilitator-only quizzes are in the notes, never in [`Doc::quizzes`], so they
//! stay out.
//!
//! In: the site index. Out: the zip's bytes (none when the course has no quiz).
//! The XML is a data format, not a page a reader sees, so it is written here.

use std::fmt::Write as _;
use std::io::Write as _;

use crate::markdown::escape;
use crate::markdown::tree::{Question, QuestionKind};
use crate::markdown::Doc;
use crate::site::Site;

/// Site path of the QTI package.
pub const QTI_ZIP: &str = "export/qti/quizzes.zip";

const NS: &str = "xmlns=\"http://www.imsglobal.org/xsd/imsqti_v2p1\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://www.imsglobal.org/xsd/imsqti_v2p1 http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd\"";

/// One item file: its identifier and its XML.
pub struct Item {
    pub id: String,
    pub xml: String,
}

/// Every question of every learner quiz of the course, in course order.
pub fn qti_items(site: &Site) -> Vec<Item> {
    let mut items = Vec::new();
    for (lesson, doc) in site.course.lessons.iter().zip(&site.lessons) {
        let base = lesson.url.trim_end_matches('/').replace('/', "-");
        items.extend(doc_items(&base, &lesson.front.title, doc));
    }
    items
}

fn doc_items(base: &str, title: &str, doc: &Doc) -> Vec<Item> {
    let mut items = Vec::new();
    for quiz in &doc.quizzes {
        for (n, q) in quiz.questions.iter().enumerate() {
            let id = format!("{base}-{}-q{}", quiz.id, n + 1);
            let title = format!("{title} · {}", n + 1);
            items.push(Item {
                xml: item(&id, &title, q),
                id,
            });
        }
    }
    items
}

/// One question as a QTI 2.1 `assessmentItem`.
pub fn item(id: &str, title: &str, q: &Question) -> String {
    let mut x = String::new();
    let _ = write!(
        x,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<assessmentItem {NS} identifier=\"{}\" title=\"{}\" adaptive=\"false\" timeDependent=\"false\">\n",
        escape(id),
        escape(title)
    );
    let prompt = escape(&q.text);
    match q.kind {
        QuestionKind::Single | QuestionKind::TrueFalse | QuestionKind::Multiple => {
            let multiple = q.kind == QuestionKind::Multiple;
            let card = if multiple { "multiple" } else { "single" };
            let _ = writeln!(x, "<responseDeclaration identifier=\"RESPONSE\" cardinality=\"{card}\" baseType=\"identifier\"><correctResponse>");
            for (k, o) in q.options.iter().enumerate() {
                if o.correct {
                    let _ = writeln!(x, "<value>C{}</value>", k + 1);
                }
            }
            x.push_str("</correctResponse></responseDeclaration>\n");
            x.push_str(SCORE);
            let max = if multiple { 0 } else { 1 };
            let _ = writeln!(x, "<itemBody><choiceInteraction responseIdentifier=\"RESPONSE\" shuffle=\"false\" maxChoices=\"{max}\"><prompt>{prompt}</prompt>");
            for (k, o) in q.options.iter().enumerate() {
                let _ = writeln!(
                    x,
                    "<simpleChoice identifier=\"C{}\">{}</simpleChoice>",
                    k + 1,
                    escape(&o.text)
                );
            }
            x.push_str("</choiceInteraction></itemBody>\n<responseProcessing template=\"http://www.imsglobal.org/question/qti_v2p1/rptemplates/match_correct\"/>\n");
        }
        QuestionKind::Short => {
            x.push_str("<responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\" baseType=\"string\"><correctResponse>");
            let _ = write!(x, "<value>{}</value>", escape(&q.accepted[0]));
            x.push_str("</correctResponse><mapping defaultValue=\"0\">");
            for a in &q.accepted {
                let _ = write!(
                    x,
                    "<mapEntry mapKey=\"{}\" mappedValue=\"1\" caseSensitive=\"false\"/>",
                    escape(a)
                );
            }
            x.push_str("</mapping></responseDeclaration>\n");
            x.push_str(SCORE);
            let _ = writeln!(x, "<itemBody><p>{prompt}</p><p><textEntryInteraction responseIdentifier=\"RESPONSE\" expectedLength=\"20\"/></p></itemBody>\n<responseProcessing template=\"http://www.imsglobal.org/question/qti_v2p1/rptemplates/map_response\"/>");
        }
        QuestionKind::Reflection => {
            x.push_str("<responseDeclaration identifier=\"RESPONSE\" cardinality=\"single\" baseType=\"string\"/>\n");
            x.push_str(SCORE);
            let _ = writeln!(x, "<itemBody><extendedTextInteraction responseIdentifier=\"RESPONSE\"><prompt>{prompt}</prompt></extendedTextInteraction></itemBody>");
        }
    }
    x.push_str("</assessmentItem>\n");
    x
}

const SCORE: &str = "<outcomeDeclaration identifier=\"SCORE\" cardinality=\"single\" baseType=\"float\"><defaultValue><value>0</value></defaultValue></outcomeDeclaration>\n";

/// The IMS content package manifest listing every item.
fn manifest(items: &[Item]) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<manifest xmlns=\"http://www.imsglobal.org/xsd/imscp_v1p1\" identifier=\"trellis-quizzes\">\n<organizations/>\n<resources>\n");
    for i in items {
        let id = escape(&i.id);
        let _ = writeln!(
            x,
            "<resource identifier=\"{id}\" type=\"imsqti_item_xmlv2p1\" href=\"items/{id}.xml\"><file href=\"items/{id}.xml\"/></resource>"
        );
    }
    x.push_str("</resources>\n</manifest>\n");
    x
}

/// The package as zip bytes; `None` when the course has no learner quiz.
///
/// The `zip` crate writes it: LMS importers expect a deflated, standard zip,
/// and it is the maintained, widely used Rust implementation of the format.
pub fn qti_zip(site: &Site) -> anyhow::Result<Option<Vec<u8>>> {
    let items = qti_items(site);
    if items.is_empty() {
        return Ok(None);
    }
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // A fixed date: the same course gives the same bytes (and the output swap
    // keeps an unchanged file).
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    zip.start_file("imsmanifest.xml", options)?;
    zip.write_all(manifest(&items).as_bytes())?;
    for i in &items {
        zip.start_file(format!("items/{}.xml", i.id), options)?;
        zip.write_all(i.xml.as_bytes())?;
    }
    Ok(Some(zip.finish()?.into_inner()))
}
