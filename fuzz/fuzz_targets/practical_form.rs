//! The practical training's application form (実践研修の申込), as JSON the way the server
//! reads it. Half the runs mutate the seed's ア example leaf by leaf (any text, number or
//! null in any field), the rest read the bytes as JSON. Properties: checking never panics,
//! and a form the check accepts comes back normalised so that checking it again accepts it
//! unchanged (normalisation is idempotent).
#![no_main]

use arbitrary::{Arbitrary, Result, Unstructured};
use kenshu_domain::eligibility::evaluate;
use kenshu_domain::practical_form::{check, person_key, warnings, FormContext, PracticalForm};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use time::macros::date;
use time::Date;

const SEED: &str = include_str!("../seeds/practical_form/example_a.json");

fn mutate(value: &mut Value, u: &mut Unstructured) -> Result<()> {
    match value {
        Value::Object(map) => map.values_mut().try_for_each(|v| mutate(v, u)),
        Value::Array(items) => items.iter_mut().try_for_each(|v| mutate(v, u)),
        leaf => {
            if u.ratio(1, 4)? {
                *leaf = match u.int_in_range(0..=4)? {
                    0 => Value::Null,
                    1 => Value::from(i64::arbitrary(u)?),
                    2 => Value::from(u.int_in_range(0..=120)?),
                    3 => Value::from(format!(
                        "{:04}-{:02}-{:02}",
                        u.int_in_range(1800..=2200)?,
                        u.int_in_range(1..=12)?,
                        u.int_in_range(1..=31)?
                    )),
                    _ => Value::from(String::arbitrary(u)?),
                };
            }
            Ok(())
        }
    }
}

fn form(u: &mut Unstructured) -> Result<Option<PracticalForm>> {
    if bool::arbitrary(u)? {
        let mut value: Value = serde_json::from_str(SEED).expect("the seed is JSON");
        mutate(&mut value, u)?;
        Ok(serde_json::from_value(value).ok())
    } else {
        Ok(serde_json::from_slice(u.bytes(u.len())?).ok())
    }
}

fn context(u: &mut Unstructured) -> Result<FormContext> {
    let (min, max) = (date!(2000 - 01 - 01).to_julian_day(), date!(2100 - 12 - 31).to_julian_day());
    let today = Date::from_julian_day(u.int_in_range(min..=max)?).expect("in range");
    Ok(FormContext { today, schedule_ids: Vec::arbitrary(u)?, attachment_present: bool::arbitrary(u)? })
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(ctx) = context(&mut u) else { return };
    let Ok(Some(form)) = form(&mut u) else { return };
    let _ = warnings(&form);
    let _ = person_key(&form.applicant.full_name, form.applicant.birth_date);
    if let Ok(normalised) = check(&form, &ctx) {
        assert_eq!(check(&normalised, &ctx).as_ref(), Ok(&normalised), "checking is idempotent");
        let _ = normalised.binding_preference();
        let lecture = date!(2027 - 06 - 07);
        let _ = evaluate(&normalised.eligibility_input(), lecture);
    }
});
