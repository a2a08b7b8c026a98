//! Filing text is untrusted: before it reaches a terminal, control characters (escape sequences
//! that could move the cursor or retitle the window) are replaced, and newlines are escaped so one
//! message stays one line.
//!
//! The other outputs share the same idea of what is dangerous ([`is_hidden_control`]): the DOT
//! export turns such characters into spaces, and JSON (the export, `--json`, the HTML page's data)
//! writes them as `\u` escapes through [`json_safe`], so the data is unchanged but no raw byte of
//! them is printed.

/// Characters that act on the display instead of being shown: C0 and C1 controls (ESC, BEL, and
/// U+009B, the one-byte CSI that many terminals obey even inside UTF-8), DEL, the bidi marks,
/// embeddings, overrides and isolates (U+061C, U+200E/F, U+202A-E, U+2066-9: "Trojan Source"
/// reordering), and the Unicode line and paragraph separators (U+2028/9, a line break to a browser
/// and a line terminator to older JavaScript).
pub fn is_hidden_control(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061c}'
                | '\u{200e}'
                | '\u{200f}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Replaces control characters with visible escapes; tabs become spaces.
pub fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => out.push(' '),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            // zero-width space and joiners too: invisible in a terminal, they make two names
            // that print alike differ
            c if is_hidden_control(c) || ('\u{200b}'..='\u{200d}').contains(&c) => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// JSON text (as serde_json writes it) with every [`is_hidden_control`] character written as a
/// `\uXXXX` escape. serde_json escapes only C0 controls; C1 controls, DEL, bidi controls and
/// U+2028/9 would otherwise reach a terminal or page as raw bytes. A parser reads the same
/// strings back, so the data round-trips. Only for serde_json's output: there, such characters
/// can only occur inside strings (its whitespace is ASCII), where the escape means the same.
/// Takes the text and gives it back untouched (no copy) when there is nothing to escape.
pub fn json_safe(json: String) -> String {
    if !json
        .chars()
        .any(|c| is_hidden_control(c) && !matches!(c, '\n' | '\t' | '\r'))
    {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        // every such character is in the BMP, so one \uXXXX says it
        if is_hidden_control(c) && !matches!(c, '\n' | '\t' | '\r') {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_bidi_controls_are_neutralised() {
        assert_eq!(sanitize("a\x1b[31mb"), "a\\u{1b}[31mb");
        assert_eq!(sanitize("x\ny\tz"), "x\\ny z");
        assert_eq!(sanitize("\u{202e}abc"), "\\u{202e}abc");
        assert_eq!(sanitize("Soci\u{e9}t\u{e9}"), "Soci\u{e9}t\u{e9}");
        assert_eq!(sanitize("a\u{9b}2Jb"), "a\\u{9b}2Jb");
        assert_eq!(
            sanitize("\u{2066}x\u{2069}\u{61c}\u{2028}"),
            "\\u{2066}x\\u{2069}\\u{61c}\\u{2028}"
        );
    }

    #[test]
    fn json_keeps_the_data_but_escapes_the_bytes() {
        let name = "Red\u{9b}31m \u{202e}dnuF\u{202c} \u{7f} \"q\" \u{2028}";
        let json = json_safe(serde_json::to_string(&name).unwrap());
        assert!(!json.chars().any(is_hidden_control), "{json}");
        assert!(
            json.contains("\\u009b") && json.contains("\\u202e"),
            "{json}"
        );
        assert_eq!(serde_json::from_str::<String>(&json).unwrap(), name);
        // pretty JSON's own newlines stay, and clean text is given back as it is
        let pretty = serde_json::to_string_pretty(&serde_json::json!({"a": ["b"]})).unwrap();
        assert_eq!(json_safe(pretty.clone()), pretty);
        let pretty = serde_json::to_string_pretty(&serde_json::json!({"a": name})).unwrap();
        let safe = json_safe(pretty);
        assert!(safe.contains('\n') && !safe.contains('\u{202e}'), "{safe}");
    }
}
