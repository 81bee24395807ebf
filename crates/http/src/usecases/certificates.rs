//! 受講証明書 (SPEC §7): issued on first download when `certificate_state` says Ready,
//! numbered per organiser and fiscal year, printed again from its snapshot on every
//! re-download; verification by code and revocation with a reason.

use kenshu_domain::application::{Application, ApplicationStatus};
use kenshu_domain::attendance::{certificate_state, CertificateState};
use kenshu_domain::certificate::{
    check_revoke_reason, held_label, hours_label, numbering_year, padded_era_date, AttendanceSnapshot, CertificateKind,
    VerificationCode, CODE_RANDOM_BYTES,
};
use kenshu_domain::time_jp::to_jst;
use kenshu_domain::training::Training;
use kenshu_domain::wareki::fiscal_year_label;
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::certificates::{self, CertificateRecord, NewCertificate};
use kenshu_persistence::repos::{applications, day_codes, organiser, Page};
use kenshu_persistence::{Db, RepoError};
use rand::RngCore;
use time::OffsetDateTime;

use crate::error::AppError;
use crate::usecases::organiser::SealCache;
use std::sync::atomic::{AtomicU32, Ordering};

/// A fresh code from the operating system's CSPRNG.
pub fn new_code() -> VerificationCode {
    let mut bytes = [0u8; CODE_RANDOM_BYTES];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    VerificationCode::from_random(bytes)
}

/// Turns a state that is not Ready into the problem the participant reads.
pub fn refusal(state: &CertificateState) -> Option<AppError> {
    let not_ready = |why: &str| AppError::new(ErrorCode::CertificateNotReady).with_detail(why);
    Some(match state {
        CertificateState::Ready => return None,
        CertificateState::NotOffered => AppError::new(ErrorCode::CertificateNotOffered),
        CertificateState::AwaitingCodes => not_ready("開始番号と終了番号の入力が済んでから発行されます"),
        CertificateState::UnderReview => {
            not_ready("事務局がZoomでの受講状況を確認しています。確認が済むまでお待ちください")
        }
        CertificateState::AwaitingSurvey => not_ready("Webアンケートに回答すると発行されます"),
        CertificateState::Withheld { reason } => {
            AppError::new(ErrorCode::CertificateWithheld).with_detail(format!("理由：{reason}"))
        }
    })
}

fn state_of(application: &Application, training: &Training) -> CertificateState {
    certificate_state(training.certificate_policy(), application.status, &application.day)
}

/// The printed data of a new certificate: the training as it is now, the organiser's
/// settings as they are now.
fn snapshot(
    number: i32,
    application: &Application,
    training: &Training,
    settings: &organiser::Organiser,
    now: OffsetDateTime,
) -> AttendanceSnapshot {
    let plan = &training.plan;
    let or_organiser = |value: &str| if value.trim().is_empty() { plan.organiser.clone() } else { value.to_owned() };
    AttendanceSnapshot {
        number,
        fiscal_year_label: fiscal_year_label(to_jst(plan.starts_at).date()),
        organiser: plan.organiser.clone(),
        title: plan.title.clone(),
        purpose: plan.purpose.clone(),
        held: held_label(plan.starts_at, plan.ends_at),
        hours: hours_label(plan.starts_at, plan.ends_at),
        venue: plan.venue.clone(),
        theme: plan.theme.clone(),
        lecturer: plan.lecturer.clone(),
        holder_name: application.full_name.clone(),
        holder_title: application.job_title.clone(),
        issued_on: to_jst(now).date(),
        issuer: or_organiser(&settings.settings.issuer),
        representative: settings.settings.representative.clone(),
        seal_id: settings.seal.as_ref().map(|s| s.id),
    }
}

/// Where this process numbers certificates.
#[derive(Default)]
pub struct CertificateDesk {
    /// One numbering transaction at a time in this process: the others wait here, holding no
    /// database connection, instead of filling the pool while SQLite's writer lock or
    /// PostgreSQL's sequence row lock makes them take turns anyway. Correctness does not rest
    /// on it (several instances share the database): the transaction does.
    turn: tokio::sync::Mutex<()>,
    /// Tests only: every n-th numbering fails after its number was taken (0: never).
    fail_every: AtomicU32,
    numbered: AtomicU32,
}

impl CertificateDesk {
    /// Makes every `n`-th numbering of this process fail after taking its number, as a
    /// crash or a lost connection would (reliability tests; production never calls it).
    pub fn inject_failures(&self, every: u32) {
        self.fail_every.store(every, Ordering::Relaxed);
    }

    fn injected_fault(&self) -> Result<(), RepoError> {
        let every = self.fail_every.load(Ordering::Relaxed);
        let n = self.numbered.fetch_add(1, Ordering::Relaxed) + 1;
        if every > 0 && n.is_multiple_of(every) {
            return Err(RepoError::Corrupt(format!("injected failure after numbering ({n})")));
        }
        Ok(())
    }
}

/// The application's certificate: the one issued before, or a new one when it is due.
/// A withheld, not-yet-due or revoked certificate is refused.
///
/// `application` as the caller read it decides at once; a new certificate is decided again
/// on the application read inside the issuing transaction, its row locked, because staff
/// may have cleared a time (or withheld the certificate) since: the clearing waits for the
/// commit and then finds the certificate in force, or the issue finds the time gone.
pub async fn issue(
    db: &Db,
    desk: &CertificateDesk,
    application: &Application,
    training: &Training,
    now: OffsetDateTime,
) -> Result<CertificateRecord, AppError> {
    if let Some(refused) = refusal(&state_of(application, training)) {
        return Err(refused);
    }
    let existing = certificates::find_by_subject(db, CertificateKind::Attendance, application.id).await?;
    let record = match existing {
        Some(record) => record,
        None => issue_new(db, desk, application.id, training, now).await?,
    };
    if record.revocation.is_some() {
        return Err(AppError::new(ErrorCode::CertificateRevoked));
    }
    Ok(record)
}

async fn issue_new(
    db: &Db,
    desk: &CertificateDesk,
    application_id: i32,
    training: &Training,
    now: OffsetDateTime,
) -> Result<CertificateRecord, AppError> {
    let settings = organiser::get(db).await?;
    let _turn = desk.turn.lock().await;
    let tx = kenshu_persistence::begin_write(db).await.map_err(AppError::internal)?;
    day_codes::lock_application(&tx, application_id).await?;
    let application = applications::find(&tx, application_id)
        .await?
        .ok_or_else(|| AppError::internal(anyhow::anyhow!("application {application_id} gone while locked")))?;
    if let Some(refused) = refusal(&state_of(&application, training)) {
        return Err(refused);
    }
    let plan = &training.plan;
    let new = NewCertificate {
        kind: CertificateKind::Attendance,
        subject_id: application.id,
        training_id: training.id,
        fiscal_year: numbering_year(now),
        code: new_code(),
        holder_name: application.full_name.clone(),
        training_title: plan.title.clone(),
        held: held_label(plan.starts_at, plan.ends_at),
        hours: Some(hours_label(plan.starts_at, plan.ends_at)),
        issued_at: now,
    };
    let printed = |number| {
        desk.injected_fault()?;
        let data = snapshot(number, &application, training, &settings, now);
        Ok::<_, AppError>(serde_json::to_string(&data).expect("a snapshot serialises"))
    };
    certificates::issue_numbered(db, tx, &new, printed).await?
}

/// What an issued certificate prints, from its snapshot.
pub async fn document(
    db: &Db,
    public_url: &str,
    record: &CertificateRecord,
    seals: &SealCache,
) -> Result<kenshu_pdf::AttendanceCertificate, AppError> {
    let data: AttendanceSnapshot = serde_json::from_str(&record.snapshot)
        .map_err(|e| AppError::from(RepoError::Corrupt(format!("certificate {} snapshot: {e}", record.id))))?;
    Ok(kenshu_pdf::AttendanceCertificate {
        number: data.number,
        fiscal_year_label: data.fiscal_year_label,
        organiser: data.organiser,
        title: data.title,
        purpose: data.purpose,
        held: data.held,
        venue: data.venue,
        theme: data.theme,
        lecturer: data.lecturer,
        holder: data.holder_name,
        holder_title: data.holder_title,
        issued_on: data.issued_on,
        issuer: data.issuer,
        representative: data.representative,
        seal: seals.get(db, data.seal_id).await?,
        verification: kenshu_pdf::Verification { code: record.code.grouped(), url: record.code.url(public_url) },
    })
}

/// Every due certificate of a training, issuing the missing ones, in number order.
pub async fn for_training(
    db: &Db,
    desk: &CertificateDesk,
    seals: &SealCache,
    public_url: &str,
    training: &Training,
    now: OffsetDateTime,
) -> Result<Vec<(CertificateRecord, kenshu_pdf::AttendanceCertificate)>, AppError> {
    let mut records = Vec::new();
    let mut page = 1;
    loop {
        let (confirmed, total) =
            applications::list(db, training.id, Some(ApplicationStatus::Confirmed), Page { page, per_page: 500 })
                .await?;
        for application in &confirmed {
            if state_of(application, training) == CertificateState::Ready {
                match issue(db, desk, application, training, now).await {
                    Ok(record) => records.push(record),
                    Err(e) if e.code == ErrorCode::CertificateRevoked => {}
                    Err(e) => return Err(e),
                }
            }
        }
        if page * 500 >= total || confirmed.is_empty() {
            break;
        }
        page += 1;
    }
    records.sort_by_key(|r| (r.fiscal_year, r.number));
    let mut out = Vec::with_capacity(records.len());
    for record in records {
        let doc = document(db, public_url, &record, seals).await?;
        out.push((record, doc));
    }
    Ok(out)
}

/// Looks a code up: 422 for a code of the wrong shape, 404 for an unknown one.
pub async fn verify(db: &Db, code: &str) -> Result<CertificateRecord, AppError> {
    let code = VerificationCode::parse(code).map_err(|_| AppError::new(ErrorCode::InvalidVerificationCode))?;
    certificates::find_by_code(db, &code).await?.ok_or_else(|| AppError::new(ErrorCode::CertificateNotFound))
}

/// Revokes with a reason; the verification page says so from then on.
pub async fn revoke(
    db: &Db,
    id: i32,
    reason: &str,
    by: i32,
    now: OffsetDateTime,
) -> Result<CertificateRecord, AppError> {
    let reason = check_revoke_reason(reason).map_err(AppError::validation)?;
    certificates::find(db, id).await?.ok_or_else(|| AppError::new(ErrorCode::CertificateNotFound))?;
    Ok(certificates::revoke(db, id, &reason, by, now).await?)
}

/// The 修了証書's certificate record (kind completion, printing its own number), made the
/// first time it is printed; `new.code` is used only then.
pub async fn completion_record(db: &Db, new: &NewCertificate, number: &str) -> Result<CertificateRecord, AppError> {
    let issued_on = padded_era_date(to_jst(new.issued_at).date());
    let printed = serde_json::json!({ "number": number, "issued_on": issued_on });
    Ok(certificates::record_unnumbered(db, new, printed.to_string()).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A snapshot as stored before 資格・職名 existed (issued 2026-12).
    const SNAPSHOT_WITHOUT_TITLE: &str = r#"{"number":7,"fiscal_year_label":"令和8年度","organiser":"札幌市介護支援専門員連絡協議会","title":"第3回研修会","purpose":"目的","held":"令和8年12月17日(木) 18:30～20:00","hours":"1時間30分","venue":"会場","theme":"テーマ","lecturer":"講師","holder_name":"𠮷野 髙﨑","issued_on":"2026-12-17","issuer":"発行者","representative":"会長 由井 康博","seal_id":null}"#;

    #[test]
    fn a_snapshot_without_a_title_reads_and_writes_back_unchanged() {
        let old: AttendanceSnapshot = serde_json::from_str(SNAPSHOT_WITHOUT_TITLE).unwrap();
        assert_eq!(old.holder_title, None);
        assert_eq!(serde_json::to_string(&old).unwrap(), SNAPSHOT_WITHOUT_TITLE);
        let titled = AttendanceSnapshot { holder_title: Some("主任介護支援専門員".into()), ..old };
        let json = serde_json::to_string(&titled).unwrap();
        assert!(json.contains(r#""holder_name":"𠮷野 髙﨑","holder_title":"主任介護支援専門員","#), "{json}");
        assert_eq!(serde_json::from_str::<AttendanceSnapshot>(&json).unwrap(), titled);
    }
}
