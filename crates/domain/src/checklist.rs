//! 主任介護支援専門員 資質・能力チェック表（試案）: the 34-question self-assessment of seed 000
//! (SPEC §6). The wording is kept exactly as the seed prints it, under a version, so that a
//! stored answer set always refers to the questions that were asked.

use serde::Serialize;

/// The version of the wording below. Change it whenever a question changes.
pub const VERSION: &str = "hokkaido-shian-2021";

/// The form's title as printed.
pub const TITLE: &str = "主任介護支援専門員 資質・能力チェック表（試案）";

/// Number of questions; every one must be answered (はい/いいえ) before applying.
pub const QUESTION_COUNT: usize = 34;

/// A section, with the numbers of its questions (1-based, inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Section {
    pub title: &'static str,
    pub first: u8,
    pub last: u8,
}

/// The five sections of the form, in order.
pub const SECTIONS: [Section; 5] = [
    Section { title: "自分自身の個別支援業務について", first: 1, last: 4 },
    Section { title: "介護支援専門員への支援について", first: 5, last: 13 },
    Section { title: "地域の包括的・継続的なケアシステムの構築について", first: 14, last: 25 },
    Section { title: "業務管理・人事管理・経営管理", first: 26, last: 30 },
    Section { title: "自己の資質向上", first: 31, last: 34 },
];

/// The questions, numbered 1–34 in order.
pub const QUESTIONS: [&str; QUESTION_COUNT] = [
    "殆どの利用者に自立できている点があることを認識していますか。",
    "個人の尊厳を保ち、その人らしさを尊重したケアプランを作成していますか。",
    "利用者の視点に立って、フォーマルなサービスやインフォーマルなサービスの量・質を確保したケアプランを作成していますか。",
    "支援者の安心以上に、本人が安心できる生活の支援になっていますか。",
    "他の介護支援専門員から相談を受けることがありますか。",
    "他の介護支援専門員からの相談に対して、その場の対応のほか継続的なサポートを心がけていますか。",
    "ケアマネジメント過程を一緒に見直していますか。",
    "介護支援専門員の解決能力や、おかれている状況をアセスメントしていますか。",
    "同行訪問により、理屈だけで助言せず、行動で示していますか。",
    "担当ケアマネジャーが、自信を持ってケアマネジメントできるように、否定的な表現をしない等の支援を心がけていますか。",
    "介護支援専門員の望んでいることや力量を判断し、支援の仕方を変えていますか。（カウンセリング、コーチング、スーパーバイズ、コンサルテーション等）",
    "介護支援専門員が困っている利用者等に、必要なときには一緒に関わったり、関係者への調整を協働して行ったりする等、直接関わっていますか。",
    "自分自身がスーパーバイズ、コーチング等を受けていますか。",
    "地域の人的資源物的資源について、アセスメントしていますか。",
    "地域の既存のインフォーマルなネットワークをアセスメントしていますか。",
    "地域の既存のインフォーマルとフォーマル混合のネットワークをアセスメントしていますか。",
    "地域のケア会議等に出席を求められていますか。",
    "自分自身に情報を提供して下さる住民や関係者がいますか。",
    "利用者にかかわる際に小さなネットワークを創った経験がありますか。",
    "小さなネットワークから大きなネットワークを創った経験がありますか。",
    "検討課題を明確にした上で会議を開催していますか。",
    "日頃から自機関や施設の役割や機能、人的資源について、関係者や住民に情報提供していますか。",
    "サービスの改善や、新たな資源の開発に向けた提案を、行政やボランティア組織等に働きかけていますか。",
    "特定の事業所に偏らないように調整したり、地域全体のサービスの質を上げたりするような配慮をしていますか。",
    "支援した介護支援専門員からその後のフィードバックを受けていますか。",
    "所属事業所の運営基準・業務要綱等に基づいて業務を行っていますか。",
    "所属事業所が提供するサービスの質の管理に関わっていますか。",
    "所属事業所の職員個々の力量をアセスメントしていますか。",
    "所属事業所の職員個々の力量に応じた目標管理、メンタルヘルスの支援等を行っていますか。",
    "所属事業所の事業計画の執行や進行管理等に関わっていますか。",
    "自分自身の専門的な力量（知識、技術）や感情、価値観、個性、傾向等をアセスメントしていますか。",
    "業務を振り返り分析し、課題を明確化した上で、関係者に説明したり、情報交換をする場を企画していますか。",
    "演習を中心とした力量形成できる学習会に参加もしくは主催して、支援技術の向上に努めていますか。",
    "地域の研修会への出席や、各種学会や研究会に所属する等し、自己研鑽していますか。",
];

/// 総合的自己評価: the share of はい, in four bands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Band {
    /// ① 10項目以下（30%未満）
    Band1,
    /// ② 11～16項目（30%以上50%未満）
    Band2,
    /// ③ 17～27項目（50%以上80%未満）
    Band3,
    /// ④ 28項目以上（80%以上）
    Band4,
}

impl Band {
    pub const ALL: [Band; 4] = [Band::Band1, Band::Band2, Band::Band3, Band::Band4];

    /// The band for a number of はい (seed 000: ①≤10, ②11–16, ③17–27, ④≥28).
    pub fn of(yes_count: u8) -> Self {
        match yes_count {
            0..=10 => Band::Band1,
            11..=16 => Band::Band2,
            17..=27 => Band::Band3,
            _ => Band::Band4,
        }
    }

    /// As the seed prints it: ①（30%未満）.
    pub fn label(self) -> &'static str {
        match self {
            Band::Band1 => "①（30%未満）",
            Band::Band2 => "②（30%以上50%未満）",
            Band::Band3 => "③（50%以上80%未満）",
            Band::Band4 => "④（80%以上）",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Band::Band1 => "band1",
            Band::Band2 => "band2",
            Band::Band3 => "band3",
            Band::Band4 => "band4",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|b| b.as_str() == s)
    }
}

/// A complete answer set: question n's answer is `answers[n - 1]` (true = はい).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answers(pub [bool; QUESTION_COUNT]);

impl Answers {
    /// Accepts exactly 34 answers; otherwise returns the numbers (1-based) left unanswered.
    pub fn parse(raw: &[Option<bool>]) -> Result<Self, Vec<usize>> {
        let mut answers = [false; QUESTION_COUNT];
        let mut missing = Vec::new();
        for (i, slot) in answers.iter_mut().enumerate() {
            match raw.get(i).copied().flatten() {
                Some(answer) => *slot = answer,
                None => missing.push(i + 1),
            }
        }
        if missing.is_empty() && raw.len() == QUESTION_COUNT {
            Ok(Answers(answers))
        } else if missing.is_empty() {
            Err(vec![]) // more than 34 answers
        } else {
            Err(missing)
        }
    }

    /// The answers as stored: 34 characters of `1` (はい) and `0` (いいえ).
    pub fn encode(&self) -> String {
        self.0.iter().map(|yes| if *yes { '1' } else { '0' }).collect()
    }

    pub fn decode(stored: &str) -> Option<Self> {
        let raw: Vec<Option<bool>> = stored
            .chars()
            .map(|c| match c {
                '1' => Some(true),
                '0' => Some(false),
                _ => None,
            })
            .collect();
        Self::parse(&raw).ok()
    }
}

/// Score, band and per-section counts of はい.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Score {
    pub yes_count: u8,
    pub band: Band,
    pub section_yes: [u8; 5],
}

pub fn score(answers: &Answers) -> Score {
    let yes = |n: u8| answers.0[usize::from(n) - 1];
    let section_yes = SECTIONS.map(|s| (s.first..=s.last).filter(|n| yes(*n)).count() as u8);
    let yes_count = section_yes.iter().sum();
    Score { yes_count, band: Band::of(yes_count), section_yes }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_has_34_questions_in_five_sections_covering_each_once() {
        let covered: Vec<u8> = SECTIONS.iter().flat_map(|s| s.first..=s.last).collect();
        assert_eq!(covered, (1..=34).collect::<Vec<u8>>());
        assert!(QUESTIONS.iter().all(|q| q.ends_with('。') || q.ends_with('）')));
        assert_eq!(QUESTIONS[0], "殆どの利用者に自立できている点があることを認識していますか。");
        assert_eq!(QUESTIONS[33], "地域の研修会への出席や、各種学会や研究会に所属する等し、自己研鑽していますか。");
    }

    #[test]
    fn bands_follow_the_seed_boundaries() {
        let cases = [
            (0, Band::Band1),
            (10, Band::Band1),
            (11, Band::Band2),
            (16, Band::Band2),
            (17, Band::Band3),
            (27, Band::Band3),
            (28, Band::Band4),
            (34, Band::Band4),
        ];
        for (yes, band) in cases {
            assert_eq!(Band::of(yes), band, "{yes}");
        }
    }

    #[test]
    fn scores_count_yes_per_section() {
        // はい for questions 1–4 and 31–34, and for 14.
        let mut raw = [false; 34];
        for n in [1, 2, 3, 4, 14, 31, 32, 33, 34] {
            raw[n - 1] = true;
        }
        let s = score(&Answers(raw));
        assert_eq!(s.yes_count, 9);
        assert_eq!(s.band, Band::Band1);
        assert_eq!(s.section_yes, [4, 0, 1, 0, 4]);
    }

    #[test]
    fn every_question_must_be_answered() {
        let mut raw = vec![Some(true); 34];
        raw[4] = None;
        raw[20] = None;
        assert_eq!(Answers::parse(&raw), Err(vec![5, 21]));
        assert_eq!(Answers::parse(&raw[..33]).unwrap_err().first(), Some(&5));
        let all: Vec<Option<bool>> = (0..34).map(|i| Some(i % 2 == 0)).collect();
        let answers = Answers::parse(&all).unwrap();
        assert_eq!(Answers::decode(&answers.encode()), Some(answers));
    }
}
