//! Byte decoding: UTF-8 when the bytes are UTF-8, else Windows-1252 (a superset of Latin-1 for the
//! printable range), which is what old EDGAR and PDF-extracted filings use.

/// The encoding a file was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Windows1252,
}

impl Encoding {
    pub fn as_str(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

pub(super) fn decode(bytes: &[u8]) -> (String, Encoding) {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), Encoding::Utf8),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            (text.into_owned(), Encoding::Windows1252)
        }
    }
}

/// A file is binary when more than one byte in twenty of its first 8 KiB is a control character
/// that text never uses, NUL among them. A few stray NULs, as text extracted from PDF has, do not
/// make a filing binary (the lines read them as spaces); UTF-16, images and archives are far over.
pub(super) fn looks_binary(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    // counted as a sum of 0s and 1s without a branch, which the compiler vectorises
    let controls: usize = head
        .iter()
        .map(|&b| usize::from(b < 0x20 && b != b'\n' && b != b'\r' && b != b'\t' && b != 0x0c))
        .sum();
    controls * 20 > head.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode(b"\xef\xbb\xbfA").0, "A");
    }

    #[test]
    fn text_with_form_feeds_is_not_binary() {
        assert!(!looks_binary(b"PAGE 1\x0c\nPAGE 2\n"));
        assert!(looks_binary(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        // one control byte in twenty is text, more is not
        let mut text = vec![b'a'; 40];
        text[3] = 0x1b;
        text[9] = 0x07;
        assert!(!looks_binary(&text));
        text[20] = 0x01;
        assert!(looks_binary(&text));
        // a stray NUL is a control like the others; UTF-16 is half NULs
        let mut text = vec![b'a'; 40];
        text[5] = 0;
        assert!(!looks_binary(&text));
        assert!(looks_binary(
            "SCHEDULE 13G"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect::<Vec<u8>>()
                .as_slice()
        ));
    }
}
