/** 個人情報保護方針: the short version shown before consent. */
export function PrivacyPolicy({ organiser }: { organiser: string }) {
  return (
    <details className="disclosure">
      <summary>個人情報保護方針を読む</summary>
      <div className="disclosure-body">
        <p>
          {organiser || "主催者"}
          は、研修のお申し込みでお預かりする個人情報（氏名、勤務先、電話番号、メールアドレス、チェック表の回答）を、次のとおり取り扱います。
        </p>
        <ul>
          <li>研修の受付、ご連絡、出席の確認、受講証明書の発行、アンケートの実施と集計、今後の研修の企画のためにのみ利用します。</li>
          <li>法令に基づく場合を除き、ご本人の同意なく第三者に提供しません。</li>
          <li>研修の実施に必要な範囲で、共催者や研修の委託先と共有することがあります。</li>
          <li>漏えい、紛失、改ざんを防ぐため、適切に管理します。</li>
          <li>ご本人からの開示、訂正、削除のご依頼には、お問い合わせ先で対応します。</li>
        </ul>
      </div>
    </details>
  );
}
