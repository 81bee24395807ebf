//! Free text as people type it: one line (names, titles) or several (addresses, notes).
//!
//! Control characters never enter Kenshu: a NUL byte cannot be stored in PostgreSQL, and a
//! tab or line break inside a name breaks every list, CSV and PDF that prints it. One-line
//! text refuses every control character (C0 incl. TAB and LF, DEL, C1); several-line text
//! keeps line breaks, folded to `\n`, and refuses the rest.

use thiserror::Error;

use crate::FieldIssue;

/// Whether a field may break lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// One line: every control character is refused.
    Single,
    /// Several lines: `\n` is kept (`\r\n` and a lone `\r` become `\n`).
    Multi,
}

impl Lines {
    /// Whether `c` may stand in such a field.
    pub fn allows(self, c: char) -> bool {
        match self {
            Lines::Single => !c.is_control(),
            Lines::Multi => !c.is_control() || c == '\n' || c == '\r',
        }
    }
}

/// What a text field holds: one line or several, and at most how many characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextShape {
    pub lines: Lines,
    pub max_chars: usize,
}

impl TextShape {
    pub const fn single(max_chars: usize) -> Self {
        Self { lines: Lines::Single, max_chars }
    }

    pub const fn multi(max_chars: usize) -> Self {
        Self { lines: Lines::Multi, max_chars }
    }
}

/// Why a text was refused; [`TextError::issue`] words it for one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum TextError {
    #[error("required")]
    Required,
    #[error("longer than {max} characters")]
    TooLong { max: usize },
    #[error("contains a control character")]
    ControlCharacter,
}

impl TextError {
    pub fn code(self) -> &'static str {
        match self {
            TextError::Required => "required",
            TextError::TooLong { .. } => "length",
            TextError::ControlCharacter => CONTROL_CHARACTER,
        }
    }

    /// The Japanese message, naming the field by its label.
    pub fn message(self, label: &str) -> String {
        match self {
            TextError::Required => format!("{label}を入力してください"),
            TextError::TooLong { max } => format!("{label}は{max}文字以内で入力してください"),
            TextError::ControlCharacter => control_character_message(label),
        }
    }

    pub fn issue(self, field: impl Into<String>, label: &str) -> FieldIssue {
        FieldIssue::new(field, self.code(), self.message(label))
    }
}

/// The field code of a refused control character.
pub const CONTROL_CHARACTER: &str = "control_character";

/// 「氏名に使用できない文字（制御文字）が含まれています」; without a label when the field is
/// known only by its path.
pub fn control_character_message(label: &str) -> String {
    format!("{label}{}使用できない文字（制御文字）が含まれています", if label.is_empty() { "" } else { "に" })
}

/// Refuses a control character anywhere in `input` (before any trimming: a trailing line
/// break in a one-line field is refused, not silently dropped).
pub fn check_characters(input: &str, lines: Lines) -> Result<(), TextError> {
    if input.chars().all(|c| lines.allows(c)) {
        Ok(())
    } else {
        Err(TextError::ControlCharacter)
    }
}

fn parse(input: &str, lines: Lines, max_chars: usize) -> Result<String, TextError> {
    check_characters(input, lines)?;
    let text = match lines {
        Lines::Single => input.trim().to_owned(),
        Lines::Multi => input.replace("\r\n", "\n").replace('\r', "\n").trim().to_owned(),
    };
    if text.chars().count() > max_chars {
        return Err(TextError::TooLong { max: max_chars });
    }
    Ok(text)
}

/// One line of text, trimmed, at most a given number of characters, with no control
/// character. May be empty: whether a field is required is the form's rule.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SingleLine(String);

impl SingleLine {
    pub fn parse(input: &str, max_chars: usize) -> Result<Self, TextError> {
        parse(input, Lines::Single, max_chars).map(SingleLine)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// Several lines of text, trimmed, line breaks as `\n`, no other control character.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct MultiLine(String);

impl MultiLine {
    pub fn parse(input: &str, max_chars: usize) -> Result<Self, TextError> {
        parse(input, Lines::Multi, max_chars).map(MultiLine)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// A text field of a form: the parsed text, or the reason it was refused (emptiness of
/// a required field included).
pub fn text_field(input: &str, shape: TextShape, required: bool) -> Result<String, TextError> {
    let text = parse(input, shape.lines, shape.max_chars)?;
    if required && text.is_empty() {
        return Err(TextError::Required);
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_text_refuses_every_control_character() {
        for input in [
            "札幌\0花子",
            "札幌\t花子",
            "札幌 花子\n",
            "\r札幌",
            "札幌\u{7f}",
            "札幌\u{85}",
            "札幌\u{9f}",
            "\u{1b}[31m",
        ] {
            assert_eq!(SingleLine::parse(input, 50), Err(TextError::ControlCharacter), "{input:?}");
        }
        assert_eq!(SingleLine::parse("  髙橋 𠮷野\u{3000}", 50).unwrap().as_str(), "髙橋 𠮷野");
    }

    #[test]
    fn several_lines_keep_line_breaks_only() {
        let kept = MultiLine::parse(" 札幌市中央区\r\n北1条西1丁目\r2階 ", 200).unwrap();
        assert_eq!(kept.as_str(), "札幌市中央区\n北1条西1丁目\n2階");
        for input in ["札幌\0", "札幌\t中央区", "札幌\u{7f}", "札幌\u{80}"] {
            assert_eq!(MultiLine::parse(input, 200), Err(TextError::ControlCharacter), "{input:?}");
        }
    }

    #[test]
    fn length_counts_characters_and_required_fields_must_not_be_blank() {
        assert_eq!(SingleLine::parse(&"𠮷".repeat(3), 3).unwrap().as_str().chars().count(), 3);
        assert_eq!(SingleLine::parse(&"𠮷".repeat(4), 3), Err(TextError::TooLong { max: 3 }));
        assert_eq!(text_field("   ", TextShape::single(10), true), Err(TextError::Required));
        assert_eq!(text_field("   ", TextShape::multi(10), false), Ok(String::new()));
    }

    #[test]
    fn issues_name_the_field_in_japanese() {
        let issue = TextError::ControlCharacter.issue("full_name", "氏名");
        assert_eq!((issue.field.as_str(), issue.code), ("full_name", "control_character"));
        assert_eq!(issue.message, "氏名に使用できない文字（制御文字）が含まれています");
        assert_eq!(control_character_message(""), "使用できない文字（制御文字）が含まれています");
    }
}
