//! Webアンケート (SPEC §8, seed 000 6(6)): per-training questions staff write, answered once
//! by each participant after the end code, with the 介護支援専門員番号.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::application::ApplicationStatus;
use crate::attendance::DayRecord;
use crate::error::{Catalogued, ErrorCode};
use crate::text::line::{check_characters, text_field, Lines, TextShape};
use crate::text::width::to_ascii_width;
use crate::FieldIssue;

pub const MAX_QUESTIONS: usize = 30;
pub const MAX_OPTIONS: usize = 10;
pub const QUESTION_MAX_CHARS: usize = 200;
pub const OPTION_MAX_CHARS: usize = 100;
pub const ANSWER_MAX_CHARS: usize = 2000;
/// A scale runs 1–5, with a label for each point.
pub const SCALE_POINTS: usize = 5;

/// What kind of answer a question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// One of the options.
    SingleChoice,
    /// Any of the options.
    MultipleChoice,
    /// 1–5, each point with its label (`options`, five of them).
    Scale,
    /// Free text.
    FreeText,
}

impl QuestionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            QuestionKind::SingleChoice => "single_choice",
            QuestionKind::MultipleChoice => "multiple_choice",
            QuestionKind::Scale => "scale",
            QuestionKind::FreeText => "free_text",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [QuestionKind::SingleChoice, QuestionKind::MultipleChoice, QuestionKind::Scale, QuestionKind::FreeText]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A question as staff write it (also what is stored, with an id, in this order).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionInput {
    pub kind: QuestionKind,
    pub text: String,
    #[serde(default)]
    pub required: bool,
    /// The choices; for a scale the labels of 1–5; empty for free text.
    #[serde(default)]
    pub options: Vec<String>,
}

/// A stored question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Question {
    pub id: i32,
    pub kind: QuestionKind,
    pub text: String,
    pub required: bool,
    pub options: Vec<String>,
}

/// Why a survey step is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SurveyError {
    #[error("invalid")]
    Invalid(Vec<FieldIssue>),
    /// Answers have arrived: the questions stay as they were answered.
    #[error("locked")]
    Locked,
    /// Not (yet) open to this participant.
    #[error("not open")]
    NotOpen,
    #[error("already answered")]
    AlreadyAnswered,
}

impl Catalogued for SurveyError {
    fn code(&self) -> ErrorCode {
        match self {
            SurveyError::Invalid(_) => ErrorCode::ValidationFailed,
            SurveyError::Locked => ErrorCode::SurveyLocked,
            SurveyError::NotOpen => ErrorCode::SurveyNotOpen,
            SurveyError::AlreadyAnswered => ErrorCode::SurveyAlreadyAnswered,
        }
    }

    fn issues(&self) -> Vec<FieldIssue> {
        match self {
            SurveyError::Invalid(issues) => issues.clone(),
            _ => vec![],
        }
    }
}

/// Checks the questions staff wrote: text required, choices 2–10 distinct options, a scale
/// five labels, free text none. Returns them trimmed, every issue at once otherwise.
pub fn check_questions(inputs: &[QuestionInput]) -> Result<Vec<QuestionInput>, SurveyError> {
    let mut issues = Vec::new();
    if inputs.len() > MAX_QUESTIONS {
        issues.push(FieldIssue::new("questions", "length", format!("質問は{MAX_QUESTIONS}問までです")));
    }
    let mut out = Vec::new();
    for (i, q) in inputs.iter().enumerate() {
        let field = format!("questions[{i}]");
        let text = text_field(&q.text, TextShape::multi(QUESTION_MAX_CHARS), true).unwrap_or_else(|e| {
            issues.push(e.issue(format!("{field}.text"), "質問文"));
            String::new()
        });
        let mut options = Vec::new();
        for (j, option) in q.options.iter().enumerate() {
            match text_field(option, TextShape::single(OPTION_MAX_CHARS), true) {
                Ok(o) => options.push(o),
                Err(e) => issues.push(e.issue(format!("{field}.options[{j}]"), "選択肢")),
            }
        }
        let count = q.options.len();
        let shape_issue = match q.kind {
            QuestionKind::SingleChoice | QuestionKind::MultipleChoice if !(2..=MAX_OPTIONS).contains(&count) => {
                Some(format!("選択肢は2〜{MAX_OPTIONS}個にしてください"))
            }
            QuestionKind::Scale if count != SCALE_POINTS => {
                Some(format!("5段階評価には1〜5それぞれのラベルを{SCALE_POINTS}つ入力してください"))
            }
            QuestionKind::FreeText if count != 0 => Some("自由記述の質問に選択肢は入力できません".to_owned()),
            _ => None,
        };
        if let Some(message) = shape_issue {
            issues.push(FieldIssue::new(format!("{field}.options"), "options", message));
        }
        let mut seen = options.clone();
        seen.sort();
        seen.dedup();
        if seen.len() != options.len() && q.kind != QuestionKind::Scale {
            issues.push(FieldIssue::new(format!("{field}.options"), "duplicate", "同じ選択肢が重複しています"));
        }
        out.push(QuestionInput { kind: q.kind, text, required: q.required, options });
    }
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(SurveyError::Invalid(issues))
    }
}

/// An answer as sent, before it is checked against its question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RawAnswer {
    Null,
    Number(i64),
    Numbers(Vec<i64>),
    Text(String),
    /// Anything else (an object, a fraction, a list with text in it).
    Other,
}

/// A checked answer: options by their index from 0; a scale point 1–5.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    Choice(u8),
    Choices(Vec<u8>),
    Scale(u8),
    Text(String),
}

/// 介護支援専門員番号: eight half-width digits (full-width digits are folded).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CareManagerNumber(String);

impl CareManagerNumber {
    pub fn parse(input: &str) -> Result<Self, FieldIssue> {
        let field = "care_manager_number";
        if check_characters(input, Lines::Single).is_err() {
            return Err(FieldIssue::new(
                field,
                "control_character",
                crate::text::line::control_character_message("介護支援専門員番号"),
            ));
        }
        let folded = to_ascii_width(input).trim().to_owned();
        if folded.is_empty() {
            return Err(FieldIssue::new(field, "required", "介護支援専門員番号を入力してください"));
        }
        if folded.len() != 8 || !folded.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FieldIssue::new(field, "invalid", "介護支援専門員番号は8桁の数字で入力してください"));
        }
        Ok(Self(folded))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A participant's whole answer, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub care_manager_number: CareManagerNumber,
    pub answers: BTreeMap<i32, Answer>,
}

fn option_index(n: i64, count: usize) -> Option<u8> {
    usize::try_from(n).ok().filter(|&i| i < count).and_then(|i| u8::try_from(i).ok())
}

fn check_answer(q: &Question, raw: &RawAnswer) -> Result<Option<Answer>, (&'static str, String)> {
    let out_of_range = || ("invalid_choice", "選択肢から選んでください".to_owned());
    let answer = match (q.kind, raw) {
        (_, RawAnswer::Null) => None,
        (QuestionKind::SingleChoice, RawAnswer::Number(n)) => {
            Some(Answer::Choice(option_index(*n, q.options.len()).ok_or_else(out_of_range)?))
        }
        (QuestionKind::MultipleChoice, RawAnswer::Numbers(ns)) => {
            let mut picked = ns
                .iter()
                .map(|n| option_index(*n, q.options.len()).ok_or_else(out_of_range))
                .collect::<Result<Vec<u8>, _>>()?;
            picked.sort_unstable();
            picked.dedup();
            (!picked.is_empty()).then_some(Answer::Choices(picked))
        }
        (QuestionKind::Scale, RawAnswer::Number(n)) => match u8::try_from(*n) {
            Ok(point @ 1..=5) => Some(Answer::Scale(point)),
            _ => return Err(("invalid_choice", "1〜5から選んでください".to_owned())),
        },
        (QuestionKind::FreeText, RawAnswer::Text(text)) => {
            let text = text_field(text, TextShape::multi(ANSWER_MAX_CHARS), false)
                .map_err(|e| (e.code(), e.message("回答")))?;
            (!text.is_empty()).then_some(Answer::Text(text))
        }
        _ => return Err(("invalid_type", "回答の形式が正しくありません".to_owned())),
    };
    Ok(answer)
}

/// Checks an answer against the questions: the number is eight digits, every answer is to
/// a question of the survey and within its options, every required question is answered.
/// Answers are keyed by question id (`answers.12`); every issue is reported at once.
pub fn check_submission(
    questions: &[Question],
    care_manager_number: &str,
    raw: &BTreeMap<String, RawAnswer>,
) -> Result<Submission, SurveyError> {
    let mut issues = Vec::new();
    let number = CareManagerNumber::parse(care_manager_number).map_err(|i| issues.push(i)).ok();
    for key in raw.keys() {
        if !questions.iter().any(|q| q.id.to_string() == *key) {
            issues.push(FieldIssue::new(
                format!("answers.{key}"),
                "unknown_question",
                "この質問はアンケートにありません",
            ));
        }
    }
    let mut answers = BTreeMap::new();
    for q in questions {
        let field = format!("answers.{}", q.id);
        match check_answer(q, raw.get(&q.id.to_string()).unwrap_or(&RawAnswer::Null)) {
            Ok(Some(answer)) => {
                answers.insert(q.id, answer);
            }
            Ok(None) if q.required => issues.push(FieldIssue::new(field, "required", "この質問は回答必須です")),
            Ok(None) => {}
            Err((code, message)) => issues.push(FieldIssue::new(field, code, message)),
        }
    }
    match number {
        Some(care_manager_number) if issues.is_empty() => Ok(Submission { care_manager_number, answers }),
        _ => Err(SurveyError::Invalid(issues)),
    }
}

/// Where the survey stands for one participant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SurveyState {
    /// No questions, or the application is not confirmed.
    Unavailable,
    /// Opens when the end code is entered.
    NotYet,
    Open,
    Answered,
}

/// The survey opens after check-out (終了番号) to confirmed participants, once.
pub fn survey_state(status: ApplicationStatus, day: &DayRecord, has_questions: bool) -> SurveyState {
    if status != ApplicationStatus::Confirmed || !has_questions {
        SurveyState::Unavailable
    } else if day.survey_answered_at.is_some() {
        SurveyState::Answered
    } else if day.attendance.checked_out_at.is_none() {
        SurveyState::NotYet
    } else {
        SurveyState::Open
    }
}

/// Whether an answer may be taken now.
pub fn may_answer(state: SurveyState) -> Result<(), SurveyError> {
    match state {
        SurveyState::Open => Ok(()),
        SurveyState::Answered => Err(SurveyError::AlreadyAnswered),
        SurveyState::NotYet | SurveyState::Unavailable => Err(SurveyError::NotOpen),
    }
}

/// Questions may change until the first answer arrives.
pub fn may_edit(answer_count: u64) -> Result<(), SurveyError> {
    if answer_count == 0 {
        Ok(())
    } else {
        Err(SurveyError::Locked)
    }
}

/// A question's answers counted for a chart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionSummary {
    pub question_id: i32,
    /// Participants who answered this question.
    pub answered: u32,
    /// Per option (choices) or per point 1–5 (scale); empty for free text.
    pub counts: Vec<u32>,
    /// The free-text answers, in the order they arrived.
    pub texts: Vec<String>,
}

/// Counts per choice, the scale's distribution, the free texts listed.
pub fn summarise<'a>(
    questions: &[Question],
    answers: impl IntoIterator<Item = &'a BTreeMap<i32, Answer>> + Clone,
) -> Vec<QuestionSummary> {
    questions
        .iter()
        .map(|q| {
            let mut s = QuestionSummary { question_id: q.id, answered: 0, counts: vec![], texts: vec![] };
            if q.kind != QuestionKind::FreeText {
                s.counts = vec![0; q.options.len()];
            }
            for answer in answers.clone().into_iter().filter_map(|a| a.get(&q.id)) {
                s.answered += 1;
                let mut count = |i: usize| {
                    if let Some(c) = s.counts.get_mut(i) {
                        *c += 1;
                    }
                };
                match answer {
                    Answer::Choice(i) => count(usize::from(*i)),
                    Answer::Choices(picked) => picked.iter().for_each(|i| count(usize::from(*i))),
                    Answer::Scale(point) => count(usize::from(*point).saturating_sub(1)),
                    Answer::Text(text) => s.texts.push(text.clone()),
                }
            }
            s
        })
        .collect()
}

/// An answer as a cell of the export: the option's text (several joined by 「、」), the
/// scale's point, the text as typed; empty when not answered.
pub fn cell(q: &Question, answer: Option<&Answer>) -> String {
    let option = |i: &u8| q.options.get(usize::from(*i)).cloned().unwrap_or_default();
    match answer {
        None => String::new(),
        Some(Answer::Choice(i)) => option(i),
        Some(Answer::Choices(picked)) => picked.iter().map(option).collect::<Vec<_>>().join("、"),
        Some(Answer::Scale(point)) => point.to_string(),
        Some(Answer::Text(text)) => text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::*;
    use crate::attendance::Attendance;

    fn q(id: i32, kind: QuestionKind, required: bool, options: &[&str]) -> Question {
        Question {
            id,
            kind,
            text: format!("質問{id}"),
            required,
            options: options.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn survey() -> Vec<Question> {
        vec![
            q(1, QuestionKind::SingleChoice, true, &["はい", "いいえ"]),
            q(2, QuestionKind::MultipleChoice, false, &["講義", "演習", "資料"]),
            q(3, QuestionKind::Scale, true, &["不満", "やや不満", "普通", "やや満足", "満足"]),
            q(4, QuestionKind::FreeText, false, &[]),
        ]
    }

    fn raw(pairs: &[(&str, RawAnswer)]) -> BTreeMap<String, RawAnswer> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
    }

    fn fields(err: SurveyError) -> Vec<String> {
        err.issues().into_iter().map(|i| i.field).collect()
    }

    #[test]
    fn the_care_manager_number_is_eight_digits_after_folding_full_width() {
        assert_eq!(CareManagerNumber::parse("１２３４５６７８").unwrap().as_str(), "12345678");
        assert_eq!(CareManagerNumber::parse(" 01234567 ").unwrap().as_str(), "01234567");
        for (bad, code) in [
            ("", "required"),
            ("1234567", "invalid"),
            ("123456789", "invalid"),
            ("1234-567", "invalid"),
            ("１２３４５６７８\n", "control_character"),
        ] {
            assert_eq!(CareManagerNumber::parse(bad).unwrap_err().code, code, "{bad:?}");
        }
    }

    #[test]
    fn a_good_answer_is_kept_by_question() {
        use RawAnswer::*;
        let got = check_submission(
            &survey(),
            "12345678",
            &raw(&[("1", Number(0)), ("2", Numbers(vec![2, 0, 2])), ("3", Number(5)), ("4", Text(" 髙﨑𠮷 ".into()))]),
        )
        .unwrap();
        assert_eq!(got.answers[&1], Answer::Choice(0));
        assert_eq!(got.answers[&2], Answer::Choices(vec![0, 2]));
        assert_eq!(got.answers[&3], Answer::Scale(5));
        assert_eq!(got.answers[&4], Answer::Text("髙﨑𠮷".into()));
        // Optional questions may be left out, or sent empty.
        let got = check_submission(
            &survey(),
            "12345678",
            &raw(&[("1", Number(1)), ("3", Number(1)), ("2", Numbers(vec![]))]),
        )
        .unwrap();
        assert_eq!(got.answers.len(), 2);
    }

    #[test]
    fn every_bad_answer_is_named_at_once() {
        use RawAnswer::*;
        let cases: Vec<(&str, BTreeMap<String, RawAnswer>, Vec<&str>)> = vec![
            ("1234567", raw(&[("1", Number(0)), ("3", Number(3))]), vec!["care_manager_number"]),
            ("12345678", raw(&[("3", Number(3))]), vec!["answers.1"]),
            ("12345678", raw(&[("1", Number(2)), ("3", Number(6))]), vec!["answers.1", "answers.3"]),
            ("12345678", raw(&[("1", Number(-1)), ("3", Number(0))]), vec!["answers.1", "answers.3"]),
            ("12345678", raw(&[("1", Number(0)), ("2", Numbers(vec![3])), ("3", Number(1))]), vec!["answers.2"]),
            ("12345678", raw(&[("1", Text("はい".into())), ("3", Number(1))]), vec!["answers.1"]),
            ("12345678", raw(&[("1", Number(0)), ("3", Number(1)), ("99", Number(0))]), vec!["answers.99"]),
            ("x", raw(&[("4", Other)]), vec!["care_manager_number", "answers.1", "answers.3", "answers.4"]),
        ];
        for (number, answers, want) in cases {
            let got = fields(check_submission(&survey(), number, &answers).unwrap_err());
            let mut want: Vec<String> = want.into_iter().map(String::from).collect();
            let mut got_sorted = got.clone();
            got_sorted.sort();
            want.sort();
            assert_eq!(got_sorted, want, "{number} {answers:?}");
        }
    }

    #[test]
    fn questions_are_checked_by_kind() {
        let ok = |kind, options: &[&str]| QuestionInput {
            kind,
            text: "本日の研修はいかがでしたか".into(),
            required: true,
            options: options.iter().map(|s| s.to_string()).collect(),
        };
        assert!(check_questions(&[
            ok(QuestionKind::SingleChoice, &["はい", "いいえ"]),
            ok(QuestionKind::Scale, &["1", "2", "3", "4", "5"]),
            ok(QuestionKind::FreeText, &[]),
        ])
        .is_ok());
        let bad = [
            ok(QuestionKind::SingleChoice, &["はい"]),
            ok(QuestionKind::MultipleChoice, &["はい", "はい"]),
            ok(QuestionKind::Scale, &["悪い", "良い"]),
            ok(QuestionKind::FreeText, &["x"]),
            QuestionInput { text: " ".into(), ..ok(QuestionKind::FreeText, &[]) },
            ok(QuestionKind::SingleChoice, &["はい", ""]),
        ];
        let got = fields(check_questions(&bad).unwrap_err());
        assert_eq!(
            got,
            [
                "questions[0].options",
                "questions[1].options",
                "questions[2].options",
                "questions[3].options",
                "questions[4].text",
                "questions[5].options[1]",
            ]
        );
    }

    #[test]
    fn the_survey_opens_after_the_end_code_once() {
        use ApplicationStatus::*;
        let at = datetime!(2026-12-05 12:00 +09:00);
        let day = |out: bool, answered: bool| DayRecord {
            attendance: Attendance { checked_in_at: Some(at), checked_out_at: out.then_some(at) },
            survey_answered_at: answered.then_some(at),
            ..DayRecord::default()
        };
        let cases = [
            (Confirmed, day(false, false), true, SurveyState::NotYet),
            (Confirmed, day(true, false), true, SurveyState::Open),
            (Confirmed, day(true, true), true, SurveyState::Answered),
            (Confirmed, day(true, false), false, SurveyState::Unavailable),
            (Cancelled, day(true, false), true, SurveyState::Unavailable),
            (Waitlisted, day(true, false), true, SurveyState::Unavailable),
        ];
        for (status, day, has_questions, want) in cases {
            assert_eq!(survey_state(status, &day, has_questions), want, "{status:?} {day:?}");
        }
        assert_eq!(may_answer(SurveyState::Open), Ok(()));
        assert_eq!(may_answer(SurveyState::Answered), Err(SurveyError::AlreadyAnswered));
        assert_eq!(may_answer(SurveyState::NotYet), Err(SurveyError::NotOpen));
        assert_eq!(may_edit(0), Ok(()));
        assert_eq!(may_edit(1), Err(SurveyError::Locked));
    }

    #[test]
    fn answers_are_counted_for_charts_and_written_as_cells() {
        let qs = survey();
        let a1 = BTreeMap::from([
            (1, Answer::Choice(0)),
            (2, Answer::Choices(vec![0, 2])),
            (3, Answer::Scale(4)),
            (4, Answer::Text("よかった".into())),
        ]);
        let a2 = BTreeMap::from([(1, Answer::Choice(0)), (3, Answer::Scale(5))]);
        let s = summarise(&qs, [&a1, &a2]);
        assert_eq!(s[0].counts, [2, 0]);
        assert_eq!(s[1].counts, [1, 0, 1]);
        assert_eq!(s[1].answered, 1);
        assert_eq!(s[2].counts, [0, 0, 0, 1, 1]);
        assert_eq!(s[3].texts, ["よかった"]);
        assert_eq!(cell(&qs[1], a1.get(&2)), "講義、資料");
        assert_eq!(cell(&qs[0], a1.get(&1)), "はい");
        assert_eq!(cell(&qs[2], a1.get(&3)), "4");
        assert_eq!(cell(&qs[1], a2.get(&2)), "");
    }
}
