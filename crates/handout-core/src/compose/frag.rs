//! A fragment: items laid out relative to their own top-left corner, with
//! the structure that tags them. Blocks build fragments; regions stack them.

use crate::diag::Loc;
use crate::model::{Item, ItemRef, Node, StructKind};
use crate::units::{Mm, Point};

#[derive(Default, Debug)]
pub struct Frag {
    pub items: Vec<Item>,
    /// Structure; `ItemRef::item` indexes `items`.
    pub nodes: Vec<Node>,
    pub height: Mm,
    /// Where each piece of content text ends, to say which one overflows.
    pub marks: Vec<Mark>,
}

#[derive(Debug, Clone)]
pub struct Mark {
    pub bottom: Mm,
    /// How tall the text is.
    pub height: Mm,
    pub text: String,
    pub source: Option<Loc>,
}

impl Frag {
    /// Add an item and return its structure leaf.
    pub fn push(&mut self, item: Item) -> Node {
        self.items.push(item);
        Node::Content(ItemRef { page: 0, item: self.items.len() - 1 })
    }

    /// Add decoration: an item no structure node refers to.
    pub fn push_artifact(&mut self, item: Item) {
        self.items.push(item);
    }

    /// Append `other` below `y`, shifting it by (`dx`, `y`).
    pub fn append(&mut self, other: Frag, dx: Mm, y: Mm) {
        let base = self.items.len();
        self.items.extend(other.items.into_iter().map(|it| translate(it, dx, y)));
        self.nodes.extend(other.nodes.into_iter().map(|n| reindex(n, 0, base)));
        self.marks.extend(other.marks.into_iter().map(|m| Mark { bottom: m.bottom + y, ..m }));
    }
}

pub fn group(kind: StructKind, children: Vec<Node>) -> Node {
    Node::Group { kind, children }
}

pub fn translate(item: Item, dx: Mm, dy: Mm) -> Item {
    let mv = |p: Point| Point::new(p.x + dx, p.y + dy);
    match item {
        Item::Box { rect, fill, radius } => Item::Box { rect: rect.translate(dx, dy), fill, radius },
        Item::Circle { center, radius, fill } => Item::Circle { center: mv(center), radius, fill },
        Item::Line { from, to, width, color } => Item::Line { from: mv(from), to: mv(to), width, color },
        Item::CropMark { from, to, width } => Item::CropMark { from: mv(from), to: mv(to), width },
        Item::Text(mut run) => {
            run.origin = mv(run.origin);
            Item::Text(run)
        }
        Item::Icon(mut icon) => {
            icon.rect = icon.rect.translate(dx, dy);
            Item::Icon(icon)
        }
        Item::Qr(mut q) => {
            q.origin = mv(q.origin);
            Item::Qr(q)
        }
        Item::Image { rect, picture } => Item::Image { rect: rect.translate(dx, dy), picture },
    }
}

/// Point a structure tree at items moved to `page`, `base` further on.
pub fn reindex(node: Node, page: usize, base: usize) -> Node {
    match node {
        Node::Content(r) => Node::Content(ItemRef { page, item: r.item + base }),
        Node::Group { kind, children } => {
            Node::Group { kind, children: children.into_iter().map(|c| reindex(c, page, base)).collect() }
        }
    }
}
