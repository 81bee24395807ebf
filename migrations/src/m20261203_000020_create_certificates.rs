use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Certificates (SPEC §7): the organiser's settings that certificates print (issuer,
/// representative, the seal, kept as immutable versions so an issued certificate prints the
/// seal it was issued with), one number sequence per organiser and fiscal year, and every
/// issued certificate with its printed data, verification code and revocation.
#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(OrganiserSeals::Table)
                    .if_not_exists()
                    .col(pk_auto(OrganiserSeals::Id))
                    .col(integer(OrganiserSeals::OrganiserId))
                    .col(string_len(OrganiserSeals::ContentType, 20))
                    .col(integer(OrganiserSeals::SizeBytes))
                    .col(string_len(OrganiserSeals::Sha256, 64))
                    .col(blob(OrganiserSeals::Content))
                    .col(timestamp_with_time_zone(OrganiserSeals::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Organisers::Table)
                    .if_not_exists()
                    .col(integer(Organisers::Id).primary_key())
                    .col(string_len(Organisers::Issuer, 200))
                    .col(string_len(Organisers::Representative, 120))
                    .col(integer_null(Organisers::SealId))
                    .col(timestamp_with_time_zone(Organisers::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_organisers_seal")
                            .from(Organisers::Table, Organisers::SealId)
                            .to(OrganiserSeals::Table, OrganiserSeals::Id),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CertificateSequences::Table)
                    .if_not_exists()
                    .col(integer(CertificateSequences::OrganiserId))
                    .col(integer(CertificateSequences::FiscalYear))
                    .col(integer(CertificateSequences::LastNumber))
                    .primary_key(
                        Index::create().col(CertificateSequences::OrganiserId).col(CertificateSequences::FiscalYear),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Certificates::Table)
                    .if_not_exists()
                    .col(pk_auto(Certificates::Id))
                    .col(string_len(Certificates::Kind, 16))
                    // applications.id for a 受講証明書, practical_applications.id for a 修了証書.
                    .col(integer(Certificates::SubjectId))
                    .col(integer(Certificates::TrainingId))
                    .col(integer(Certificates::OrganiserId))
                    .col(integer(Certificates::FiscalYear))
                    // From certificate_sequences for a 受講証明書; a 修了証書 prints its own number.
                    .col(integer_null(Certificates::Number))
                    .col(string_len(Certificates::VerificationCode, 32))
                    // What the verification page shows, and nothing more.
                    .col(string_len(Certificates::HolderName, 200))
                    .col(text(Certificates::TrainingTitle))
                    .col(string_len(Certificates::Held, 200))
                    .col(string_len_null(Certificates::Hours, 40))
                    // Everything the document prints, as issued (JSON).
                    .col(text(Certificates::Snapshot))
                    .col(timestamp_with_time_zone(Certificates::IssuedAt))
                    .col(timestamp_with_time_zone_null(Certificates::RevokedAt))
                    .col(text_null(Certificates::RevokedReason))
                    .col(integer_null(Certificates::RevokedBy))
                    .foreign_key(
                        ForeignKey::create()
                            .name("fk_certificates_training")
                            .from(Certificates::Table, Certificates::TrainingId)
                            .to(Trainings::Table, Trainings::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        let unique = |name: &str, cols: &[Certificates]| {
            let mut index = Index::create();
            index.name(name).table(Certificates::Table).unique();
            for col in cols {
                index.col(*col);
            }
            index.to_owned()
        };
        // One certificate per application; never two with one number in a year; codes unique.
        manager.create_index(unique("uq_certificates_subject", &[Certificates::Kind, Certificates::SubjectId])).await?;
        manager
            .create_index(unique(
                "uq_certificates_number",
                &[Certificates::OrganiserId, Certificates::FiscalYear, Certificates::Number],
            ))
            .await?;
        manager.create_index(unique("uq_certificates_code", &[Certificates::VerificationCode])).await?;
        manager
            .create_index(
                Index::create()
                    .name("idx_certificates_training")
                    .table(Certificates::Table)
                    .col(Certificates::TrainingId)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            Certificates::Table.into_iden(),
            CertificateSequences::Table.into_iden(),
            Organisers::Table.into_iden(),
            OrganiserSeals::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Trainings {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum OrganiserSeals {
    Table,
    Id,
    OrganiserId,
    ContentType,
    SizeBytes,
    Sha256,
    Content,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Organisers {
    Table,
    Id,
    Issuer,
    Representative,
    SealId,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum CertificateSequences {
    Table,
    OrganiserId,
    FiscalYear,
    LastNumber,
}

#[derive(DeriveIden, Clone, Copy)]
enum Certificates {
    Table,
    Id,
    Kind,
    SubjectId,
    TrainingId,
    OrganiserId,
    FiscalYear,
    Number,
    VerificationCode,
    HolderName,
    TrainingTitle,
    Held,
    Hours,
    Snapshot,
    IssuedAt,
    RevokedAt,
    RevokedReason,
    RevokedBy,
}
