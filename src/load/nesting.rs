//! How deeply a YAML text nests, measured before any parser sees it.
//!
//! libyaml (under `serde_yaml`) keeps one entry per open flow collection and
//! walks them all at every token, and `serde_yaml` applies its limit of 128
//! levels only once the whole text has been scanned: `x: [[[…]]]` nested
//! 100,000 deep took a minute to refuse. saphyr-parser resolves a `[` only
//! at its matching `]`, so it is no better. [`too_deep`] finds the first
//! node past [`MAX_DEPTH`] in one pass over the bytes, following libyaml's
//! rules for where a `[` or `{` opens a collection (not inside quotes,
//! comments, block scalars or plain text) and counting block levels by
//! their columns, so a file nested too deeply is refused in time linear in
//! its size.

/// Deepest nesting a plan file may have: mappings and sequences, block or
/// flow, the top-level mapping included (`serde_yaml`'s own limit).
pub const MAX_DEPTH: usize = 128;

/// What the scanner expects next on the current line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// The start of a token: a `[` here opens a collection, a quote a
    /// quoted scalar.
    Token,
    /// Inside a plain scalar: brackets and quotes are its text (in a flow
    /// collection, `,[]{}` still end it).
    Plain,
    /// After a quoted scalar or an alias.
    Done,
}

/// The 1-based line and column (in characters) of the first collection
/// nested deeper than [`MAX_DEPTH`] in `yaml`, if any.
pub fn too_deep(yaml: &str) -> Option<(usize, usize)> {
    let mut scan = Scan::default();
    for (index, line) in yaml.split('\n').enumerate() {
        if let Some(column) = scan.line(line.as_bytes()) {
            let column = line[..column].chars().count() + 1;
            return Some((index + 1, column));
        }
    }
    None
}

/// Where a line's tokens start, once its indentation is read.
enum Opening {
    /// Nothing on the line to scan.
    Skip,
    /// A collection opened at this byte offset is nested too deeply.
    TooDeep(usize),
    /// Tokens start at `at`, in `state`, in a node of the collection at
    /// column `entry`.
    Scan {
        entry: Parent,
        at: usize,
        state: State,
    },
}

#[derive(Default)]
struct Scan {
    /// Columns of the open block collections, innermost last.
    block: Vec<usize>,
    /// Open flow collections.
    flow: usize,
    /// The quote of a quoted scalar still open at the end of a line.
    quote: Option<u8>,
    /// A block scalar whose text runs on while lines are indented more
    /// than this column.
    block_scalar: Option<Parent>,
    /// A plain scalar in block context that goes on over lines indented
    /// more than this column.
    plain: Option<Parent>,
    /// The state carried over a line break inside a flow collection.
    flow_state: Option<State>,
}

fn is_blank(byte: Option<&u8>) -> bool {
    matches!(byte, None | Some(b' ' | b'\t' | b'\r'))
}

/// The column of the block collection a node belongs to, as libyaml
/// keeps it: -1 at the top level, where every line is deeper.
type Parent = isize;

/// Whether a line indented `indent` is inside a node whose collection is
/// at column `parent`.
fn deeper(indent: usize, parent: Parent) -> bool {
    indent as isize > parent
}

impl Scan {
    /// Scans one line; the byte offset of a collection nested too deeply.
    fn line(&mut self, line: &[u8]) -> Option<usize> {
        let indent = line.iter().take_while(|b| **b == b' ').count();
        let blank = line[indent..].iter().all(|b| is_blank(Some(b)));
        if let Some(parent) = self.block_scalar {
            if blank || deeper(indent, parent) {
                return None;
            }
            self.block_scalar = None;
        }
        // The column of the collection the line's node belongs to: what a
        // block scalar's or a plain scalar's next lines are indented past.
        let (mut entry, mut at, mut state) = match self.open(line, indent, blank) {
            Opening::Skip => return None,
            Opening::TooDeep(offset) => return Some(offset),
            Opening::Scan { entry, at, state } => (entry, at, state),
        };
        let node = at;
        let mut blank_before = true;
        while at < line.len() {
            let byte = line[at];
            if let Some(quote) = self.quote {
                if byte == quote {
                    if quote == b'\'' && line.get(at + 1) == Some(&b'\'') {
                        at += 1;
                    } else {
                        self.quote = None;
                        state = State::Done;
                    }
                } else if quote == b'"' && byte == b'\\' {
                    at += 1;
                }
                at += 1;
                blank_before = false;
                continue;
            }
            if is_blank(Some(&byte)) {
                blank_before = true;
                at += 1;
                continue;
            }
            if byte == b'#' && (blank_before || state != State::Plain) {
                // A comment ends the line, and any plain scalar on it.
                if state == State::Plain {
                    state = State::Done;
                }
                break;
            }
            let next = line.get(at + 1);
            if self.flow > 0 {
                if let Some(offset) = self.flow_byte(line, &mut at, &mut state) {
                    return Some(offset);
                }
            } else {
                match (state, byte) {
                    (_, b':') if is_blank(next) => {
                        if entry < node as isize && state != State::Token {
                            entry = node as isize;
                        }
                        state = State::Token;
                    }
                    (State::Token, b'[' | b'{') => {
                        self.flow = 1;
                        if self.block.len() + self.flow > MAX_DEPTH {
                            return Some(at);
                        }
                    }
                    (State::Token, b'\'' | b'"') => self.quote = Some(byte),
                    (State::Token, b'|' | b'>') => {
                        self.block_scalar = Some(entry);
                        return None;
                    }
                    (State::Token, b'&' | b'!' | b'*') => {
                        while !is_blank(line.get(at + 1)) {
                            at += 1;
                        }
                        if byte == b'*' {
                            state = State::Done;
                        }
                    }
                    (State::Token, b'-' | b'?') if is_blank(next) => {}
                    (State::Token, _) => state = State::Plain,
                    _ => {}
                }
            }
            blank_before = false;
            at += 1;
        }
        if self.flow > 0 || self.quote.is_some() {
            self.flow_state = Some(state);
        } else {
            self.flow_state = None;
            if state == State::Plain {
                self.plain = Some(entry);
            }
        }
        None
    }

    /// Where the tokens of a line indented `indent` start, past its
    /// indentation and any `- ` or `? ` that open nodes on it.
    fn open(&mut self, line: &[u8], indent: usize, blank: bool) -> Opening {
        let mut entry: Parent;
        let mut at;
        let state;
        if self.quote.is_some() || self.flow > 0 {
            at = 0;
            state = self.flow_state.unwrap_or(State::Token);
            entry = -1;
        } else if blank {
            return Opening::Skip;
        } else if line.starts_with(b"%") {
            // A directive, read to the end of its line.
            return Opening::Skip;
        } else if (line.starts_with(b"---") || line.starts_with(b"...")) && is_blank(line.get(3)) {
            self.block.clear();
            self.plain = None;
            at = 3;
            state = State::Token;
            entry = -1;
        } else if let Some(parent) = self.plain.filter(|parent| deeper(indent, *parent)) {
            // The plain scalar of the line above goes on.
            at = indent;
            state = State::Plain;
            entry = parent;
        } else {
            self.plain = None;
            while self.block.last().is_some_and(|top| *top > indent) {
                self.block.pop();
            }
            // A line as deep as the lines above is inside their collection;
            // a deeper one is inside the collection below its own column.
            entry = indent as isize;
            if self.block.last().is_none_or(|top| *top < indent) {
                entry = self.block.last().map_or(-1, |c| *c as isize);
                self.block.push(indent);
                if self.block.len() > MAX_DEPTH {
                    return Opening::TooDeep(indent);
                }
            }
            at = indent;
            // `- ` and `? ` open a nested node on the same line.
            while matches!(line.get(at), Some(b'-' | b'?')) && is_blank(line.get(at + 1)) {
                entry = at as isize;
                at += 1;
                while matches!(line.get(at), Some(b' ' | b'\t')) {
                    at += 1;
                }
                if at < line.len() && self.block.last().is_none_or(|top| *top < at) {
                    self.block.push(at);
                    if self.block.len() > MAX_DEPTH {
                        return Opening::TooDeep(at);
                    }
                }
            }
            state = State::Token;
        }
        Opening::Scan { entry, at, state }
    }

    /// Reads the byte at `at` inside a flow collection, where `,[]{}` end a
    /// plain scalar; the offset of a collection nested too deeply.
    fn flow_byte(&mut self, line: &[u8], at: &mut usize, state: &mut State) -> Option<usize> {
        let byte = line[*at];
        let next = line.get(*at + 1);
        match byte {
            b'[' | b'{' => {
                self.flow += 1;
                if self.block.len() + self.flow > MAX_DEPTH {
                    return Some(*at);
                }
                *state = State::Token;
            }
            b']' | b'}' | b',' => {
                if byte != b',' {
                    self.flow -= 1;
                }
                *state = State::Token;
            }
            b':' if *state != State::Plain
                || is_blank(next)
                || matches!(next, Some(b',' | b'[' | b']' | b'{' | b'}')) =>
            {
                *state = State::Token;
            }
            _ if *state == State::Plain => {}
            b'?' | b'-' if is_blank(next) => *state = State::Token,
            b'\'' | b'"' => self.quote = Some(byte),
            b'&' | b'!' | b'*' => {
                while !is_blank(line.get(*at + 1))
                    && !matches!(line.get(*at + 1), Some(b',' | b'[' | b']' | b'{' | b'}'))
                {
                    *at += 1;
                }
                *state = if byte == b'*' {
                    State::Done
                } else {
                    State::Token
                };
            }
            _ => *state = State::Plain,
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nested(depth: usize) -> String {
        format!("x: {}{}\n", "[".repeat(depth), "]".repeat(depth))
    }

    #[test]
    fn flow_nesting_is_refused_at_the_first_bracket_past_the_limit() {
        assert_eq!(too_deep(&nested(MAX_DEPTH - 1)), None);
        assert_eq!(too_deep(&nested(MAX_DEPTH)), Some((1, 4 + MAX_DEPTH - 1)));
        assert_eq!(too_deep(&nested(100_000)), Some((1, 4 + MAX_DEPTH - 1)));
    }

    #[test]
    fn brackets_in_text_do_not_nest() {
        let text = "a: \"[[[[\"\nb: '{{{{'\nc: C[[[++ # [[[[\nd: |\n  [[[[\n  '\ne: >\n  {{{\n";
        assert_eq!(too_deep(&text.repeat(100)), None);
        let plain = "a: text\n  ['\nb: [x]\n";
        assert_eq!(too_deep(&plain.repeat(200)), None);
    }

    #[test]
    fn a_quote_in_plain_text_does_not_hide_the_brackets_after_it() {
        let deep = "[".repeat(1_000);
        for text in [
            format!("a: don't\nb: {deep}\n"),
            format!("a: [x'y, {deep}\n"),
            format!("a: [x 'y, {deep}\n"),
            format!("a: text\n  more 'text\nb: {deep}\n"),
            format!("- |\n 'x\n- {deep}\n"),
            format!("a:\n  text\n  ['\nb: {deep}\n"),
            format!("-\n|\n- {deep}\n"),
        ] {
            assert!(too_deep(&text).is_some(), "{text:.40}");
        }
    }

    #[test]
    fn block_nesting_counts_columns_and_dashes() {
        let dashes = format!("{}x\n", "- ".repeat(MAX_DEPTH + 10));
        assert_eq!(too_deep(&dashes), Some((1, 2 * MAX_DEPTH + 1)));
        let mut keys = String::new();
        for level in 0..MAX_DEPTH + 10 {
            keys.push_str(&" ".repeat(level));
            keys.push_str("k:\n");
        }
        assert_eq!(too_deep(&keys).map(|(line, _)| line), Some(MAX_DEPTH + 1));
        let plan = "objectives:\n  - id: a\n    items:\n      - b: [1, {c: 2}]\n";
        assert_eq!(too_deep(plan), None);
    }

    fn value_depth(value: &serde_yaml::Value) -> usize {
        use serde_yaml::Value;
        match value {
            Value::Sequence(items) => 1 + items.iter().map(value_depth).max().unwrap_or(0),
            Value::Mapping(map) => {
                1 + map
                    .iter()
                    .map(|(k, v)| value_depth(k).max(value_depth(v)))
                    .max()
                    .unwrap_or(0)
            }
            Value::Tagged(tagged) => value_depth(&tagged.value),
            _ => 0,
        }
    }

    /// Random texts of YAML's indicators, quotes, comments, block scalars
    /// and runs of brackets: whatever libyaml finds nested past its limit
    /// is found too deep here first, and what it reads as shallow is
    /// hardly ever refused.
    #[test]
    fn the_scan_agrees_with_libyaml_on_random_texts() {
        let pieces = [
            "[",
            "[",
            "[",
            "{",
            "]",
            "}",
            ",",
            "'",
            "\"",
            "#",
            ": ",
            ":",
            "- ",
            "\n",
            "\n  ",
            "\n    ",
            " ",
            "a",
            "b c",
            "|",
            ">",
            "!t ",
            "? ",
            "\\",
            "''",
            "x: ",
            "\n- ",
            "---\n",
            "%",
            "\t",
            "\r\n",
            "k: v 'x",
            "\n  k: |\n   ",
            "a#b",
            " #c\n",
            "\"a\\\"b",
            "{a: ",
            "[a, ",
            "\n - |",
            "\n   - >\n ",
            "\n? ",
            "\n: ",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut refused = 0;
        for _ in 0..20_000 {
            let mut text = String::new();
            for _ in 0..5 + next() % 60 {
                let piece = pieces[(next() % pieces.len() as u64) as usize];
                if piece == "[" && next() % 4 == 0 {
                    text.push_str(&"[".repeat(MAX_DEPTH + 12));
                } else {
                    text.push_str(piece);
                }
            }
            let scanned = too_deep(&text);
            match serde_yaml::from_str::<serde_yaml::Value>(&text) {
                Err(err) if err.to_string().starts_with("recursion limit") => {
                    assert!(scanned.is_some(), "missed:\n{text}");
                }
                // Only texts libyaml reads oddly (a top-level scalar over
                // lines, say) may be counted deeper than they are.
                Ok(value) if value_depth(&value) < MAX_DEPTH - 8 && scanned.is_some() => {
                    refused += 1;
                }
                _ => {}
            }
        }
        assert!(refused < 20, "{refused} shallow texts refused");
    }
}
