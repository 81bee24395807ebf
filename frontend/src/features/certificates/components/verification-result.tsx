import type { CertificateVerification as Verification } from "@/lib/api/types";

/** 真正 / 取消済み, and for whom: the name, the training, its date and hours. */
export function VerificationResult({ result }: { result: Verification }) {
  const genuine = result.validity === "genuine";
  return (
    <div className={genuine ? "card verification verification-genuine" : "card verification verification-revoked"}>
      <p className="verification-status" role="status">
        {genuine
          ? `この${result.document}は、正式に発行されたものです。`
          : `この${result.document}は、${result.revoked_on ?? ""}に取り消されています。`}
      </p>
      <dl className="facts">
        <div>
          <dt>氏名</dt>
          <dd>{result.holder_name}</dd>
        </div>
        <div>
          <dt>研修</dt>
          <dd>{result.training_title}</dd>
        </div>
        <div>
          <dt>{result.kind === "completion" ? "期間" : "日時"}</dt>
          <dd>{result.held}</dd>
        </div>
        {result.hours && (
          <div>
            <dt>時間</dt>
            <dd>{result.hours}</dd>
          </div>
        )}
      </dl>
    </div>
  );
}
