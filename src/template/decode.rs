//! Text encodings of CSV files: BOM, then strict UTF-8, then detection (hinted for
//! Chinese) with GB18030 as the decoder for GBK and GB2312.

use encoding_rs::{Encoding, GB18030, GBK, UTF_8, UTF_16BE, UTF_16LE};

/// The encoding a file was read in, for reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    Utf8Bom,
    Utf8,
    Utf16,
    Gb18030,
    Other(&'static str),
}

/// Decodes a CSV file to text, reusing the buffer when it is already UTF-8; `None` when
/// no encoding reads it cleanly.
pub fn decode_owned(mut bytes: Vec<u8>) -> Option<(String, Detected)> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
        return String::from_utf8(bytes).ok().map(|t| (t, Detected::Utf8Bom));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Some((text, Detected::Utf8)),
        Err(e) => decode(e.as_bytes()),
    }
}

/// Decodes the bytes of a CSV file to text; `None` when no encoding reads it cleanly.
pub fn decode(bytes: &[u8]) -> Option<(String, Detected)> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        let text = enc.decode_without_bom_handling_and_without_replacement(body)?;
        let how = if enc == UTF_8 {
            Detected::Utf8Bom
        } else if enc == UTF_16LE || enc == UTF_16BE {
            Detected::Utf16
        } else {
            Detected::Other(enc.name())
        };
        return Some((text.into_owned(), how));
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some((text.to_string(), Detected::Utf8));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(Some(b"cn"), chardetng::Utf8Detection::Allow);
    // GB18030 is a superset of GBK and GB2312: decode with it so rare characters survive.
    let enc = if guess == GBK || guess == GB18030 || guess.name() == "GB2312" { GB18030 } else { guess };
    let text = enc.decode_without_bom_handling_and_without_replacement(bytes)?;
    let how = if enc == GB18030 { Detected::Gb18030 } else { Detected::Other(enc.name()) };
    Some((text.into_owned(), how))
}

/// Encodes text as GB18030 (never GBK, which cannot hold characters such as 𠮷).
pub fn encode_gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, _) = GB18030.encode(text);
    bytes.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_encoding_a_spreadsheet_writes() {
        let text = "捐赠人,捐赠金额（元）\n吉𠮷,100\n";
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice(text.as_bytes());
        assert_eq!(decode(&bom), Some((text.to_string(), Detected::Utf8Bom)));
        assert_eq!(decode(text.as_bytes()), Some((text.to_string(), Detected::Utf8)));
        let gb = encode_gb18030(text);
        assert_eq!(decode(&gb), Some((text.to_string(), Detected::Gb18030)));
        assert_eq!(decode_owned(bom), Some((text.to_string(), Detected::Utf8Bom)));
        assert_eq!(decode_owned(gb), Some((text.to_string(), Detected::Gb18030)));
    }

    #[test]
    fn reads_gbk_as_excel_writes_it() {
        let text = "村社编码,村社名称,乡镇（街道）,县（市、区）\n320904104209,众心村委会,西团镇,大丰区\n";
        let (gbk, _, _) = GBK.encode(text);
        assert_eq!(decode(&gbk).map(|(t, _)| t), Some(text.to_string()));
    }
}
