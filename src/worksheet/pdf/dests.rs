//! The pages of a printed PDF's named destinations: PDF bytes in, a map from
//! each element id that a link inside the document points at to the page
//! (1-based) it landed on. Chromium writes one named destination per link
//! target, so the packet's contents links tell where every worksheet starts.

use std::collections::HashMap;

use anyhow::{anyhow, Context as _, Result};
use lopdf::{Dictionary, Document, Object, ObjectId};

/// Every named destination of `pdf` and its page number.
pub fn named_pages(pdf: &[u8]) -> Result<HashMap<String, usize>> {
    let doc = Document::load_mem(pdf).context("cannot read the printed PDF")?;
    let numbers: HashMap<ObjectId, usize> = doc
        .get_pages()
        .into_iter()
        .map(|(n, id)| (id, n as usize))
        .collect();
    let mut found = HashMap::new();
    let catalog = doc.catalog().context("the PDF has no catalogue")?;
    // PDF 1.1 keeps them in a dictionary, later versions in a name tree.
    if let Ok(dests) = catalog.get(b"Dests") {
        for (name, dest) in dict(&doc, dests)?.iter() {
            add(&doc, &numbers, &mut found, name, dest);
        }
    }
    if let Ok(tree) = catalog
        .get(b"Names")
        .and_then(|n| dict(&doc, n).map_err(|_| lopdf::Error::DictKey("Names".into())))
        .and_then(|n| n.get(b"Dests"))
    {
        walk_tree(&doc, &numbers, &mut found, tree, 0)?;
    }
    Ok(found)
}

fn dict<'a>(doc: &'a Document, object: &'a Object) -> Result<&'a Dictionary> {
    let (_, object) = doc.dereference(object)?;
    object
        .as_dict()
        .map_err(|_| anyhow!("a PDF destination table is not a dictionary"))
}

/// Depth-first through a name tree's `Kids`, reading each leaf's `Names`.
fn walk_tree(
    doc: &Document,
    numbers: &HashMap<ObjectId, usize>,
    found: &mut HashMap<String, usize>,
    node: &Object,
    depth: usize,
) -> Result<()> {
    if depth > 32 {
        return Err(anyhow!("the PDF's name tree is too deep"));
    }
    let node = dict(doc, node)?;
    if let Ok((_, Object::Array(pairs))) = node.get(b"Names").and_then(|o| doc.dereference(o)) {
        for pair in pairs.chunks(2) {
            if let [Object::String(name, _), dest] = pair {
                add(doc, numbers, found, name, dest);
            }
        }
    }
    if let Ok(Object::Array(kids)) = node.get(b"Kids") {
        for kid in kids {
            walk_tree(doc, numbers, found, kid, depth + 1)?;
        }
    }
    Ok(())
}

/// A destination is `[page /XYZ …]`, or a dictionary holding one under `D`.
fn add(
    doc: &Document,
    numbers: &HashMap<ObjectId, usize>,
    found: &mut HashMap<String, usize>,
    name: &[u8],
    dest: &Object,
) {
    let Ok((_, dest)) = doc.dereference(dest) else {
        return;
    };
    let array = match dest {
        Object::Array(a) => Some(a),
        Object::Dictionary(d) => d.get(b"D").ok().and_then(|d| d.as_array().ok()),
        _ => None,
    };
    let page = array
        .and_then(|a| a.first())
        .and_then(|p| p.as_reference().ok())
        .and_then(|id| numbers.get(&id));
    if let Some(page) = page {
        found.insert(String::from_utf8_lossy(name).into_owned(), *page);
    }
}
