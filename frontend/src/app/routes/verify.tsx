import { useParams } from "react-router";
import { Alert } from "@/components/ui/alert";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import { useVerification } from "@/features/certificates/api/verify-certificate";
import { VerificationResult } from "@/features/certificates/components/verification-result";
import { errorMessage } from "@/lib/api/problem";

/** `/verify/:code` 証明書の確認: where the QR code on a certificate leads. */
export function VerifyCertificatePage() {
  const code = useParams().code ?? "";
  const verification = useVerification(code);
  return (
    <div className="narrow">
      <PageHeading>証明書の確認</PageHeading>
      <p className="lead">受講証明書・修了証書に印刷された検証コードから、証明書が正式に発行されたものかを確認します。</p>
      {verification.isPending ? (
        <Loading />
      ) : verification.isError ? (
        <Alert>{errorMessage(verification.error)}</Alert>
      ) : (
        <VerificationResult result={verification.data} />
      )}
      <p className="muted">検証コード：{code}</p>
    </div>
  );
}
