//! Fields pass: a field takes the paragraph just before it as its prompt; task-list
//! boxes and the empty body cells of a worksheet's tables become places to write.
//!
//! In: the tree with `Node::Field` and task markers as parsed. Out: `Node::Prompt`
//! around each prompt paragraph, `Field::prompt` set, `Node::Task` and
//! `Node::CellField` nodes. Keys and ids are the ids pass's.

use crate::markdown::tree::{
    children_mut, text_of, BlockKind, CellField, Ev, FieldKind, Fill, Node, Prompt, Tag, TagEnd,
    Task,
};

pub fn bind(nodes: &mut Vec<Node>) {
    bind_in(nodes, false);
}

fn bind_in(nodes: &mut Vec<Node>, in_sheet: bool) {
    prompts(nodes);
    tasks(nodes);
    if in_sheet {
        cells(nodes);
    }
    rows_after_tables(nodes);
    for n in nodes.iter_mut() {
        let inner = in_sheet || matches!(n, Node::Block(b) if b.kind == BlockKind::Worksheet);
        if let Some(children) = children_mut(n) {
            bind_in(children, inner);
        }
    }
}

fn prompts(nodes: &mut Vec<Node>) {
    let mut i = 0;
    while i < nodes.len() {
        let is_field = matches!(&nodes[i], Node::Field(f) if f.kind != FieldKind::PageBreak);
        if is_field && i > 0 && nodes[i - 1] == Node::Ev(Ev::End(TagEnd::Paragraph)) {
            let start = (0..i - 1)
                .rev()
                .find(|&j| nodes[j] == Node::Ev(Ev::Start(Tag::Paragraph)));
            if let Some(j) = start {
                let mut para: Vec<Node> = nodes.drain(j..i).collect();
                para.pop();
                para.remove(0);
                let text = text_of(&para).trim().to_string();
                nodes.insert(
                    j,
                    Node::Prompt(Box::new(Prompt {
                        id: String::new(),
                        children: para,
                    })),
                );
                i = j + 1;
                if let Node::Field(f) = &mut nodes[i] {
                    f.prompt = Some(text);
                }
            }
        }
        i += 1;
    }
}

/// The text of the siblings after `i`, up to the end of the element they are in.
fn text_after(nodes: &[Node], i: usize) -> String {
    let mut depth = 0usize;
    let mut end = nodes.len();
    for (k, n) in nodes.iter().enumerate().skip(i + 1) {
        match n {
            Node::Ev(Ev::Start(_)) => depth += 1,
            Node::Ev(Ev::End(_)) if depth == 0 => {
                end = k;
                break;
            }
            Node::Ev(Ev::End(_)) => depth -= 1,
            _ => {}
        }
    }
    text_of(&nodes[i + 1..end])
}

fn tasks(nodes: &mut [Node]) {
    for i in 0..nodes.len() {
        if let Node::Ev(Ev::TaskListMarker(checked)) = nodes[i] {
            let label = text_after(nodes, i).trim().to_string();
            nodes[i] = Node::Task(Box::new(Task {
                checked,
                key: String::new(),
                label,
            }));
        }
    }
}

/// `[[rows fill]]` just after a table continues it: it takes the table's width.
fn rows_after_tables(nodes: &mut [Node]) {
    let (mut depth, mut columns) = (0usize, None);
    for n in nodes.iter_mut() {
        match n {
            Node::Ev(Ev::Start(Tag::Table(align))) if depth == 0 => {
                columns = Some(align.len());
                depth = 1;
            }
            Node::Ev(Ev::Start(_)) => {
                if depth == 0 {
                    columns = None;
                }
                depth += 1;
            }
            Node::Ev(Ev::End(_)) => depth = depth.saturating_sub(1),
            Node::Field(f) if depth == 0 => {
                if let FieldKind::Fill(Fill::Rows { columns: c }) = &mut f.kind {
                    *c = columns.unwrap_or(0);
                }
                columns = None;
            }
            _ if depth == 0 => columns = None,
            _ => {}
        }
    }
}

/// Empty body cells of tables get an input labelled by column header and row.
fn cells(nodes: &mut Vec<Node>) {
    let (mut in_head, mut headers, mut col, mut row) = (false, Vec::new(), 0usize, 0usize);
    let mut i = 0;
    while i < nodes.len() {
        match &nodes[i] {
            Node::Ev(Ev::Start(Tag::Table(_))) => {
                headers.clear();
                row = 0;
            }
            Node::Ev(Ev::Start(Tag::TableHead)) => in_head = true,
            Node::Ev(Ev::End(TagEnd::TableHead)) => in_head = false,
            Node::Ev(Ev::Start(Tag::TableRow)) => {
                col = 0;
                row += 1;
            }
            Node::Ev(Ev::Start(Tag::TableCell)) => {
                let empty = matches!(nodes.get(i + 1), Some(Node::Ev(Ev::End(TagEnd::TableCell))));
                if in_head {
                    headers.push(text_after(nodes, i));
                } else if empty {
                    let header: String = headers.get(col).cloned().unwrap_or_default();
                    nodes.insert(
                        i + 1,
                        Node::CellField(Box::new(CellField {
                            key: String::new(),
                            label: format!("{} (row {row})", header.trim()),
                            column: header.trim().to_string(),
                        })),
                    );
                }
                col += 1;
            }
            _ => {}
        }
        i += 1;
    }
}

#[cfg(test)]
mod tests {
    use crate::markdown::test_support::parse_page;
    use crate::markdown::tree::{walk, Node};

    fn collect(src: &str) -> Vec<String> {
        let doc = parse_page(src);
        let mut out = Vec::new();
        walk(&doc.body, &mut |n| match n {
            Node::Field(f) => out.push(format!("field {} {:?} {:?}", f.key, f.prompt, f.prompt_id)),
            Node::Prompt(p) => out.push(format!("prompt {}", p.id)),
            Node::Task(t) => out.push(format!("task {} {}", t.key, t.label)),
            Node::CellField(c) => out.push(format!("cell {} {}", c.key, c.label)),
            _ => {}
        });
        out
    }

    #[test]
    fn a_field_takes_the_paragraph_before_it_as_its_prompt() {
        assert_eq!(
            collect(
                "::: worksheet\n## Sheet\nWhat helps?\n[[lines 2]]\n\n## Next\n[[lines 1]]\n:::\n"
            ),
            [
                "prompt prompt-0",
                "field m/l/#f0 Some(\"What helps?\") Some(\"prompt-0\")",
                "field m/l/#f1 None None"
            ]
        );
    }

    #[test]
    fn rows_fill_just_after_a_table_takes_its_width() {
        let doc = parse_page(
            "::: worksheet\n| Day | Cue | Response |\n|---|---|---|\n| | | |\n\n[[rows fill]]\n\nAfter.\n\n[[rows fill]]\n:::\n",
        );
        let mut widths = Vec::new();
        walk(&doc.body, &mut |n| {
            if let Node::Field(f) = n {
                widths.push(f.kind.clone());
            }
        });
        use crate::markdown::tree::{FieldKind, Fill};
        assert_eq!(
            widths,
            [
                FieldKind::Fill(Fill::Rows { columns: 3 }),
                FieldKind::Fill(Fill::Rows { columns: 0 })
            ]
        );
    }

    #[test]
    fn tasks_and_empty_worksheet_cells_become_places_to_write() {
        assert_eq!(
            collect("- [ ] Call a friend\n\n::: worksheet\n| Day | How it went |\n|---|---|\n| Mon | |\n:::\n"),
            ["task m/l/#f0 Call a friend", "cell m/l/#f1 How it went (row 1)"]
        );
    }
}
