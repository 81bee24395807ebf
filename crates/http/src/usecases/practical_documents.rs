//! The printed documents of a practical application: the 受講可否通知 letter to the
//! notification address, and the 修了証書 (SPEC §5.4).

use kenshu_domain::certificate::{numbering_year, CertificateKind};
use kenshu_domain::eligibility::{evaluate, renewal_deadline};
use kenshu_domain::practical::lecture_start;
use kenshu_domain::practical_form::PracticalForm;
use kenshu_domain::selection::{
    letter_number, requirement_line, training_period, Decision, NoticeGround, PracticalApplication, Selection,
};
use kenshu_domain::time_jp::to_jst;
use kenshu_domain::training::Training;
use kenshu_domain::wareki::{era_date as wareki_date, fiscal_year_label, format_span};
use kenshu_domain::ErrorCode;
use kenshu_persistence::repos::certificates::NewCertificate;
use kenshu_persistence::repos::practical::{self, PracticalRecord};
use kenshu_persistence::{ConnectionTrait, Db};
use time::{Date, OffsetDateTime};

use crate::error::AppError;
use crate::usecases::certificates;
use crate::usecases::practical_selection::not_found;
use crate::usecases::trainings::get;

/// The title as the documents print it: they add the fiscal year themselves, so a title
/// that already starts with it (令和8年度 北海道…) would show it twice.
fn title_without_fiscal_year(training: &Training) -> String {
    let label = fiscal_year_label(lecture_start(training));
    let title = training.plan.title.trim();
    title
        .strip_prefix(label.as_str())
        .map(|rest| rest.trim_start_matches([' ', '\u{3000}']))
        .unwrap_or(title)
        .to_owned()
}

fn jst_date(at: OffsetDateTime) -> Date {
    to_jst(at).date()
}

/// The notification address when one was given, else the applicant at their office.
fn recipient(f: &PracticalForm) -> kenshu_pdf::PostalAddress {
    match &f.notification {
        Some(n) => kenshu_pdf::PostalAddress {
            postal_code: n.postal_code.clone(),
            address_lines: n.address.lines().map(str::to_owned).collect(),
            addressee_lines: vec![n.addressee.clone()],
        },
        None => kenshu_pdf::PostalAddress {
            postal_code: f.affiliation.postal_code.clone(),
            address_lines: f.affiliation.address.lines().map(str::to_owned).collect(),
            addressee_lines: [&f.affiliation.corporation, &f.affiliation.office, &f.applicant.full_name]
                .into_iter()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
                .collect(),
        },
    }
}

async fn load(db: &Db, id: i32) -> Result<(PracticalRecord, Training), AppError> {
    let record = practical::find(db, id).await?.ok_or_else(not_found)?;
    let training = get(db, record.training_id).await?;
    Ok((record, training))
}

/// The 受講可否通知 of the current decision; a waitlisted applicant is told their place on
/// the waiting list.
pub async fn notice_letter(db: &Db, id: i32, now: OffsetDateTime) -> Result<kenshu_pdf::NoticeLetter, AppError> {
    let (record, training) = load(db, id).await?;
    let a = &record.application;
    let decision = match a.state.decision() {
        Some(d) if !a.is_cancelled() => d,
        _ => return Err(AppError::new(ErrorCode::NotDecided)),
    };
    let title = title_without_fiscal_year(&training);
    let decision = match notice_ground(db, &training, a, decision).await? {
        NoticeGround::Accepted => kenshu_pdf::Decision::Accepted,
        NoticeGround::Oversubscribed => kenshu_pdf::Decision::Rejected,
        NoticeGround::NotEligible { failed } => {
            kenshu_pdf::Decision::NotEligible { reasons: failed.iter().map(requirement_line).collect() }
        }
        NoticeGround::Waitlisted { position } => kenshu_pdf::Decision::Waitlisted { position },
    };
    let plan = &training.plan;
    let schedule = plan.exercise_schedules.iter().find(|s| s.id.is_some() && s.id == a.schedule_id);
    Ok(kenshu_pdf::NoticeLetter {
        recipient: recipient(&a.form),
        applicant_name: a.form.applicant.full_name.clone(),
        decision,
        training_title: title,
        fiscal_year: lecture_start(&training),
        lecture_schedule: format_span(plan.starts_at, plan.ends_at),
        exercise_schedule: schedule.map(|s| kenshu_pdf::ExerciseSchedule {
            label: s.label.clone(),
            dates: format_span(s.starts_at, s.ends_at),
        }),
        venue: plan.venue.clone(),
        organiser: kenshu_pdf::Organiser {
            name: plan.organiser.clone(),
            contact_lines: plan.contact.lines().map(str::to_owned).collect(),
        },
        issued_on: jst_date(record.notified_at.unwrap_or(now)),
        letter_number: record.notice_number.map(|n| letter_number(training.id, n)),
    })
}

/// What the notice of `decision` tells `a`: today's verdict of its entries says whether a
/// rejection is for unmet requirements; a waiting applicant learns their place.
pub async fn notice_ground(
    db: &impl ConnectionTrait,
    training: &Training,
    a: &PracticalApplication,
    decision: Decision,
) -> Result<NoticeGround, AppError> {
    let verdict = evaluate(&a.form.eligibility_input(), lecture_start(training));
    let position = if decision == Decision::Waitlisted {
        let applications = practical::list(db, training.id).await?;
        Selection::new(training.clone(), applications).waitlist_position(a.id)
    } else {
        None
    };
    Ok(NoticeGround::of(decision, &verdict, position))
}

/// The 修了証書: name and birth date exactly as entered, with the renewal deadline, and the
/// verification code of its record in `certificates` (made the first time it is printed).
pub async fn completion_certificate(
    db: &Db,
    id: i32,
    public_url: &str,
) -> Result<kenshu_pdf::CompletionCertificate, AppError> {
    let (record, training) = load(db, id).await?;
    let form = &record.application.form;
    let (Some(number), Some(completed_at), Some(birth_date)) =
        (record.certificate_number.clone(), record.completed_at, form.applicant.birth_date)
    else {
        return Err(AppError::new(ErrorCode::NotCompleted));
    };
    let plan = &training.plan;
    let (_, period_end) = training_period(&training);
    let issued = certificates::completion_record(
        db,
        &NewCertificate {
            kind: CertificateKind::Completion,
            subject_id: id,
            training_id: training.id,
            fiscal_year: numbering_year(completed_at),
            code: certificates::new_code(),
            holder_name: form.applicant.full_name.clone(),
            training_title: format!(
                "{}{}",
                fiscal_year_label(lecture_start(&training)),
                title_without_fiscal_year(&training)
            ),
            held: format!("{}〜{}", wareki_date(lecture_start(&training)), wareki_date(period_end)),
            hours: None,
            issued_at: completed_at,
        },
        &number,
    )
    .await?;
    Ok(kenshu_pdf::CompletionCertificate {
        number,
        holder_name: form.applicant.full_name.clone(),
        birth_date,
        training_title: title_without_fiscal_year(&training),
        period_start: lecture_start(&training),
        period_end,
        renewal_deadline: renewal_deadline(period_end),
        // Dated on the day of completion staff recorded, not the day it is downloaded.
        issued_on: record.completed_on.unwrap_or_else(|| jst_date(completed_at)),
        issuer_lines: plan.organiser.lines().map(str::to_owned).collect(),
        verification: Some(kenshu_pdf::Verification { code: issued.code.grouped(), url: issued.code.url(public_url) }),
    })
}
