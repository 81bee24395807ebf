//! The error catalogue: every error Kenshu reports, once. Each code has its HTTP status,
//! the Japanese title people read, and a stable snake_case code programs match on
//! (`Problem.code` in the API, a union type in the SPA, `docs/errors.md`).
//!
//! Domain and repository errors name their place here through [`Catalogued`]; the HTTP
//! layer only renders it.

use crate::FieldIssue;

macro_rules! catalogue {
    ($( $(#[doc = $doc:literal])* $variant:ident = ($status:literal, $code:tt, $title:literal), )+) => {
        /// A stable error code, with its HTTP status and Japanese title.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
        pub enum ErrorCode {
            $( $(#[doc = $doc])* #[serde(rename = $code)] $variant, )+
        }

        impl ErrorCode {
            /// Every code, in catalogue order.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$variant),+];

            /// The stable machine code (`training_full`).
            pub fn as_str(self) -> &'static str {
                match self { $(ErrorCode::$variant => $code,)+ }
            }

            /// The HTTP status it is answered with.
            pub fn status(self) -> u16 {
                match self { $(ErrorCode::$variant => $status,)+ }
            }

            /// What went wrong, in Japanese, for the person who reads it.
            pub fn title(self) -> &'static str {
                match self { $(ErrorCode::$variant => $title,)+ }
            }

            /// When it happens, for developers (the doc comment of the variant).
            pub fn meaning(self) -> &'static str {
                match self { $(ErrorCode::$variant => concat!($($doc),*),)+ }
            }
        }
    };
}

catalogue! {
    // Requests the server cannot read.
    /// The body is not valid JSON.
    MalformedJson = (400, "malformed_json", "JSONの形式が正しくありません"),
    /// A multipart form could not be read (broken boundary, missing part).
    MalformedForm = (400, "malformed_form", "送信内容を読み取れませんでした"),
    /// The connection broke while the body was being read.
    UnreadableBody = (400, "unreadable_body", "送信内容を読み取れませんでした"),
    /// A query parameter has the wrong type (`?page=abc`).
    InvalidQuery = (400, "invalid_query", "URLのパラメータが正しくありません"),
    /// The `Idempotency-Key` header is not a UUID-like token of 8–64 characters.
    InvalidIdempotencyKey = (400, "invalid_idempotency_key", "Idempotency-Key が正しくありません"),
    /// The body is too large for this endpoint (the detail gives the limit).
    PayloadTooLarge = (413, "payload_too_large", "送信できるサイズを超えています"),
    /// The body is sent with another `Content-Type` than the endpoint takes.
    UnsupportedMediaType = (415, "unsupported_media_type", "送信形式が正しくありません"),
    /// An uploaded file is of a kind the endpoint does not take (checked by its content).
    UnsupportedFileType = (415, "unsupported_file_type", "このファイルの種類はアップロードできません"),
    /// One or more fields break a rule; `errors[]` names every one of them.
    ValidationFailed = (422, "validation_failed", "入力内容に誤りがあります"),
    /// Another request with the same `Idempotency-Key` is being answered right now.
    IdempotencyKeyTaken = (409, "idempotency_key_taken", "同じ内容の送信を処理しています。少し待ってから画面を更新してください"),
    /// The same `Idempotency-Key` came back with another body.
    IdempotencyKeyReused = (422, "idempotency_key_reused", "同じ Idempotency-Key で別の内容が送信されました"),

    // Signing in and permissions.
    /// No staff token was sent.
    Unauthorized = (401, "unauthorized", "ログインしてください"),
    /// The staff token is broken, signed with another key, or its account is gone.
    InvalidToken = (401, "invalid_token", "ログイン情報が正しくありません。もう一度ログインしてください"),
    /// The staff token has expired.
    TokenExpired = (401, "token_expired", "ログインの有効期限が切れました。もう一度ログインしてください"),
    /// Wrong email or password (the same answer for both).
    InvalidCredentials = (401, "invalid_credentials", "メールアドレスまたはパスワードが正しくありません"),
    /// The signed-in role may not do this (the prefecture viewer writing, say).
    Forbidden = (403, "forbidden", "この操作を行う権限がありません"),
    /// Too many attempts from this client; `Retry-After` says when to try again.
    TooManyRequests = (429, "too_many_requests", "短時間に操作が繰り返されました。しばらく待ってからやり直してください"),

    // Things that are not there.
    /// No API route has this path.
    RouteNotFound = (404, "route_not_found", "指定されたURLは存在しません"),
    /// The path exists but not with this method; `Allow` lists the methods it takes.
    MethodNotAllowed = (405, "method_not_allowed", "このURLはこの操作（メソッド）に対応していません"),
    /// A path segment that should be an id is not one, or a record is missing.
    NotFound = (404, "not_found", "見つかりません"),
    /// No such training (or, on public routes, not published).
    TrainingNotFound = (404, "training_not_found", "研修が見つかりません"),
    /// No application for this My Page key or id.
    ApplicationNotFound = (404, "application_not_found", "お申込みが見つかりません"),
    /// No practical-training application with this id.
    PracticalApplicationNotFound = (404, "practical_application_not_found", "申込が見つかりません"),
    /// No such file for this training (or not visible to this reader).
    FileNotFound = (404, "file_not_found", "ファイルが見つかりません"),
    /// The practical application has no attachment.
    AttachmentNotFound = (404, "attachment_not_found", "添付ファイルはありません"),
    /// No mail with this id in the outbox.
    MailNotFound = (404, "mail_not_found", "メールが見つかりません"),

    // Applying.
    /// The training takes the other application form (simple vs. practical).
    WrongApplicationForm = (409, "wrong_application_form", "この研修は申込様式が異なります"),
    /// Applications open later.
    ApplicationsNotOpen = (409, "applications_not_open", "申込受付はまだ始まっていません"),
    /// Applications have closed.
    ApplicationsClosed = (409, "applications_closed", "申込受付は終了しました"),
    /// Every seat is taken and the training keeps no waiting list.
    TrainingFull = (409, "training_full", "定員に達したため、申込を締め切りました"),
    /// This address already holds an application for the training.
    AlreadyApplied = (409, "already_applied", "このメールアドレスでは、すでにこの研修に申し込まれています"),
    /// The application was cancelled already.
    AlreadyCancelled = (409, "already_cancelled", "このお申込みはキャンセル済みです"),
    /// The training has started: cancelling is up to the office now.
    CancelClosed = (409, "cancel_closed", "研修開始後はキャンセルできません。事務局にお問い合わせください"),

    // Running trainings.
    /// Another request changed the record first; reload and try again.
    StatusChanged = (409, "status_changed", "他の操作で状態が変わりました。画面を更新してやり直してください"),
    /// Finished or cancelled trainings cannot be edited.
    TrainingNotEditable = (409, "training_not_editable", "終了・中止した研修は編集できません"),
    /// The training's status does not allow this step (the detail names the status).
    InvalidStatusTransition = (409, "invalid_status_transition", "この研修の状態では実行できません"),
    /// A training cannot be finished before its end (the detail gives the end).
    TrainingNotHeldYet = (409, "training_not_held_yet", "終了日時前の研修は終了にできません"),
    /// A staff account with this email exists already.
    EmailTaken = (409, "email_taken", "このメールアドレスのアカウントはすでにあります"),
    /// Two completions raced for one certificate number; trying again gives the next one.
    CertificateNumberTaken = (409, "certificate_number_taken", "修了証書番号が重複しました。もう一度やり直してください"),
    /// The mail was sent already; only failed mail is resent.
    AlreadySent = (409, "already_sent", "送信済みのメールは再送できません"),

    // Selecting practical-training applicants.
    /// The application's state does not allow this step (the detail names the state).
    InvalidSelectionTransition = (409, "invalid_selection_transition", "この申込の状態では実行できません"),
    /// Only accepted applicants can attend.
    SelectionNotAccepted = (409, "selection_not_accepted", "受講決定ではない申込は出席にできません"),
    /// The acceptance notice must be sent before attendance is recorded.
    SelectionNotNotified = (409, "selection_not_notified", "受講決定の通知を送ってから出席にしてください"),
    /// No decision yet, so no 受講可否通知 can be printed.
    NotDecided = (409, "not_decided", "受講可否が決まっていないため、通知を作成できません"),
    /// Not completed, so no 修了証書 can be printed.
    NotCompleted = (409, "not_completed", "修了していない申込の修了証書は作成できません"),

    // The day of the training: codes (issue 11).
    /// Only confirmed applications take part on the day (not the waiting list, not cancelled).
    NotConfirmedForDay = (409, "not_confirmed_for_day", "受講が確定したお申込みのみ入力できます"),
    /// The code's window has not opened yet (the detail says when, with the training's minutes).
    CodeWindowNotOpen = (409, "code_window_not_open", "まだ番号を入力できる時間ではありません"),
    /// The code's window has passed.
    CodeWindowClosed = (409, "code_window_closed", "番号を入力できる時間を過ぎました"),
    /// The end code came before the start code.
    NotCheckedIn = (409, "not_checked_in", "先に開始番号を入力してください"),
    /// The start code was entered already.
    AlreadyCheckedIn = (409, "already_checked_in", "開始番号は入力済みです"),
    /// The end code was entered already.
    AlreadyCheckedOut = (409, "already_checked_out", "終了番号は入力済みです"),
    /// Staff have not set this training's code yet.
    CodeNotSet = (409, "code_not_set", "番号がまだ設定されていません。事務局にお問い合わせください"),
    /// The code is not the training's (the detail says how many tries are left).
    WrongCode = (422, "wrong_code", "番号が正しくありません。会場や画面に表示された4ケタの番号をご確認ください"),
    /// Too many wrong codes for this application and code: it is locked for this code.
    CodeAttemptsExhausted = (429, "code_attempts_exhausted", "番号の誤りが続いたため、入力できなくなりました。受付または事務局にお申し出ください"),
    // Zoom checks and the survey (seed 000 6(5), SPEC §8).
    /// The training is held in the hall only: it has no Zoom checks.
    ZoomChecksNotApplicable = (409, "zoom_checks_not_applicable", "集合研修にはZoomの受講確認はありません"),
    /// 会場参加 is only for hybrid (会場・オンライン併用) trainings.
    ZoomInPersonNotHybrid = (409, "zoom_in_person_not_hybrid", "会場参加は、会場とオンラインの併用研修でのみ選べます"),
    /// Only confirmed participants of the training are checked (the detail names the id).
    ZoomNotConfirmed = (409, "zoom_not_confirmed", "受講が確定していない申込は確認できません"),
    /// Approval needs ①–④ ticked; `errors[]` names every participant short of them.
    ZoomChecksIncomplete = (409, "zoom_checks_incomplete", "①〜④の確認が済んでいない受講者は承認できません"),
    /// Answers have arrived, so the questions can no longer change.
    SurveyLocked = (409, "survey_locked", "回答が届いているため、アンケートの質問は変更できません"),
    /// The survey is not open to this participant (before the end code, or none is set).
    SurveyNotOpen = (409, "survey_not_open", "アンケートは終了番号の入力後に回答できます"),
    /// Each participant answers once.
    SurveyAlreadyAnswered = (409, "survey_already_answered", "アンケートはすでに回答済みです"),
    // Bulk steps on the practical selection table (issue 10, item 9).
    /// Some ids of a bulk step are not applications of this training (the detail names them); nothing was changed.
    PracticalApplicationsElsewhere = (422, "practical_applications_elsewhere", "この研修の申込ではないものが含まれています。何も変更していません"),
    /// Some selected applications cannot take the bulk step; `errors[]` names each with why, and nothing was changed.
    BulkStepRefused = (409, "bulk_step_refused", "選択した申込の中に、この操作ができないものがあります。何も変更していません"),
    // Certificates (受講証明書, 修了証書) and their verification (issue 11).
    /// The training issues no 受講証明書, or the application holds no confirmed seat.
    CertificateNotOffered = (409, "certificate_not_offered", "この申込には受講証明書は発行されません"),
    /// A step is still missing (codes, the Zoom review, the survey); the detail names it.
    CertificateNotReady = (409, "certificate_not_ready", "受講証明書はまだ発行できません"),
    /// Staff withheld the certificate; the detail gives their reason.
    CertificateWithheld = (409, "certificate_withheld", "受講証明書の発行は見合わせとなりました"),
    /// The verification code is not 20 characters of 0–9 and A–Z (without I, L, O, U).
    InvalidVerificationCode = (422, "invalid_verification_code", "検証コードの形式が正しくありません"),
    /// No certificate has this verification code or id.
    CertificateNotFound = (404, "certificate_not_found", "該当する証明書が見つかりません"),
    /// The certificate was revoked; it is no longer handed out.
    CertificateRevoked = (409, "certificate_revoked", "この証明書は取り消されています"),
    /// The certificate was revoked already.
    CertificateAlreadyRevoked = (409, "certificate_already_revoked", "この証明書はすでに取り消されています"),

    // The server's side.
    /// A bug or stored data that cannot be read; logged with its cause, never shown.
    InternalError = (500, "internal_error", "システムエラーが発生しました。時間をおいて再度お試しください"),
    /// The database cannot be reached; `Retry-After` says when to try again.
    DatabaseUnavailable = (503, "database_unavailable", "データベースに接続できません。しばらく待ってからやり直してください"),
    /// No Japanese font is configured, so PDFs cannot be made.
    PdfUnavailable = (503, "pdf_unavailable", "日本語フォントが設定されていないため、PDFを作成できません"),
    /// Text to print holds a character the configured font lacks; `detail` names it (U+XXXX).
    /// Nothing is issued; the text (a name, the issuer …) must be corrected first.
    PdfMissingGlyph = (409, "pdf_missing_glyph", "PDFのフォントにない文字が含まれているため、印刷できません"),

    // Staff accounts, the session cookie and API tokens (issue 12, auth).
    /// The change would leave no enabled admin (demoting or disabling the last one).
    LastActiveAdmin = (409, "last_active_admin", "有効な管理者がほかにいないため、この管理者の権限変更や無効化はできません。先に別の管理者を用意してください"),
    /// A request signed in by the session cookie changes something without the
    /// `X-CSRF-Token` header of that session (missing or wrong).
    CsrfTokenInvalid = (403, "csrf_token_invalid", "画面の有効期限が切れたため、操作を受け付けられませんでした。画面を再読み込みしてからやり直してください"),
    /// The API token was revoked by an admin.
    ApiTokenRevoked = (401, "api_token_revoked", "このAPIトークンは無効化されています"),
    /// The API token is past its expiry.
    ApiTokenExpired = (401, "api_token_expired", "このAPIトークンは有効期限が切れています"),
    /// The API token lacks the scope this endpoint needs (the detail names it).
    InsufficientScope = (403, "insufficient_scope", "このAPIトークンには、この操作に必要な権限（スコープ）がありません"),
    /// The endpoint is for signed-in staff only; API tokens cannot use it.
    NotForApiTokens = (403, "not_for_api_tokens", "この操作はAPIトークンでは行えません。事務局アカウントでログインしてください"),
    /// No staff account has this id.
    StaffAccountNotFound = (404, "staff_account_not_found", "事務局アカウントが見つかりません"),
    /// No API token has this id.
    ApiTokenNotFound = (404, "api_token_not_found", "APIトークンが見つかりません"),
    // The office's daily work (issue 12, item 2).
    /// A closed training cannot reopen once it has started (the detail gives the start).
    ReopenAfterStart = (409, "reopen_after_start", "開始日時を過ぎた研修は受付を再開できません"),
    /// Staff enter applications on someone's behalf only until the training starts.
    StaffEntryClosed = (409, "staff_entry_closed", "研修の開始後や終了・中止した研修には、申込を代理入力できません"),
    // Webhooks (issue 12, the audit log and webhooks part).
    /// No webhook subscription has this id.
    WebhookNotFound = (404, "webhook_not_found", "Webhookが見つかりません"),
    /// No webhook delivery has this id.
    WebhookDeliveryNotFound = (404, "webhook_delivery_not_found", "Webhookの配信記録が見つかりません"),
    /// The URL is not http(s), or points at this server, a link-local address or (unless
    /// `KENSHU_WEBHOOK_ALLOW_PRIVATE=1`) a loopback or private address; nothing is stored.
    WebhookUrlRefused = (422, "webhook_url_refused", "このURLにはWebhookを送信できません"),
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An error that knows its place in the catalogue. Domain and repository errors implement
/// it; the HTTP layer turns any of them into a problem document.
pub trait Catalogued {
    fn code(&self) -> ErrorCode;

    /// What is particular to this occurrence (the status it was in, say).
    fn detail(&self) -> Option<String> {
        None
    }

    /// The fields to mark, when the error belongs to one.
    fn issues(&self) -> Vec<FieldIssue> {
        Vec::new()
    }
}

/// `docs/errors.md`: the catalogue as a table, generated so it cannot drift.
pub fn catalogue_markdown() -> String {
    let mut out = String::from(
        "# Error codes\n\n\
         Every error answer is an `application/problem+json` document (RFC 9457) with a stable\n\
         `code` from this table, its HTTP `status` and Japanese `title`. A 422 also lists every\n\
         bad field in `errors[]` (`field`, `code`, `message`). This file is generated from\n\
         `crates/domain/src/error.rs` (`kenshu errors > docs/errors.md`); CI checks it.\n\n\
         | code | status | title | when |\n| --- | --- | --- | --- |\n",
    );
    for code in ErrorCode::ALL {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            code.as_str(),
            code.status(),
            code.title(),
            code.meaning().trim()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn codes_are_unique_snake_case_and_titled() {
        let mut seen = HashSet::new();
        for code in ErrorCode::ALL {
            let s = code.as_str();
            assert!(seen.insert(s), "{s} twice");
            assert!(s.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{s}");
            assert!(!code.title().is_empty() && !code.meaning().trim().is_empty(), "{s}");
            assert!((400..600).contains(&code.status()), "{s}");
        }
    }
}
