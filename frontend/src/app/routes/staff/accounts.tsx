import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import {
  ROLE_LABELS,
  type Role,
  type StaffAccount,
  useChangeRole,
  useCreateStaffAccount,
  useResetPassword,
  useSetDisabled,
  useStaffAccounts,
} from "@/features/staff-accounts/api/accounts";
import { ApiError, errorMessage } from "@/lib/api/problem";
import { useSession } from "@/lib/auth/session";
import { formatWarekiDate } from "@/lib/format/wareki";

const ROLES: Role[] = ["admin", "staff", "prefecture"];

/** The message of a field in a 422 problem. */
function fieldError(error: unknown, field: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.problem.errors?.find((e) => e.field === field)?.message;
}

function NewAccountForm() {
  const create = useCreateStaffAccount();
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<Role>("staff");
  const [password, setPassword] = useState("");
  const [created, setCreated] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setCreated(null);
    create.mutate(
      { email, role, password },
      {
        onSuccess: (account) => {
          setCreated(account.email);
          setEmail("");
          setPassword("");
        },
      },
    );
  };
  return (
    <form className="card form-card staff-admin-form" onSubmit={submit} noValidate aria-labelledby="new-account-heading">
      <h2 id="new-account-heading">アカウントを追加する</h2>
      <Field id="account-email" label="メールアドレス" required error={fieldError(create.error, "email")}>
        {(c) => (
          <input {...c} type="email" autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
        )}
      </Field>
      <Field id="account-role" label="権限" required error={fieldError(create.error, "role")}>
        {(c) => (
          <select {...c} value={role} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field
        id="account-password"
        label="初期パスワード"
        required
        hint="12文字以上。ご本人には、メール以外の方法でお伝えください。"
        error={fieldError(create.error, "password")}
      >
        {(c) => (
          <input
            {...c}
            type="text"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      {create.isError && !(create.error instanceof ApiError && create.error.problem.errors?.length) && (
        <Alert>{errorMessage(create.error)}</Alert>
      )}
      {created && <Alert tone="success">{created} のアカウントを作成しました。</Alert>}
      <p className="actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          アカウントを追加
        </button>
      </p>
    </form>
  );
}

function AccountRow({ account, isMe }: { account: StaffAccount; isMe: boolean }) {
  const changeRole = useChangeRole();
  const setDisabled = useSetDisabled();
  const resetPassword = useResetPassword();
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const { dialog, ask } = useConfirm();
  const error = changeRole.error ?? setDisabled.error ?? resetPassword.error;
  return (
    <tr>
      <td>
        {account.email}
        {isMe && <span className="field-hint">（あなた）</span>}
      </td>
      <td>
        <label className="visually-hidden" htmlFor={`role-${account.id}`}>
          {account.email} の権限
        </label>
        <select
          id={`role-${account.id}`}
          value={account.role}
          disabled={changeRole.isPending}
          onChange={(e) => {
            setDone(null);
            changeRole.mutate({ id: account.id, role: e.target.value as Role });
          }}
        >
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </select>
      </td>
      <td>{account.disabled ? "無効" : "有効"}</td>
      <td>{formatWarekiDate(account.created_at)}</td>
      <td>
        <div className="actions">
          <button
            type="button"
            className="button button-small button-secondary"
            disabled={setDisabled.isPending}
            onClick={async () => {
              setDone(null);
              const yes = await ask(
                account.disabled
                  ? {
                      title: `${account.email} を有効に戻しますか？`,
                      body: <p>このアカウントで再びログインできるようになります。</p>,
                      confirmLabel: "有効にする",
                    }
                  : {
                      title: `${account.email} を無効にしますか？`,
                      body: <p>ログインできなくなり、ログイン中の画面もすぐに使えなくなります。</p>,
                      confirmLabel: "無効にする",
                      danger: true,
                    },
              );
              if (yes) setDisabled.mutate({ id: account.id, disabled: !account.disabled });
            }}
          >
            {account.disabled ? "有効にする" : "無効にする"}
          </button>
          <button
            type="button"
            className="button button-small button-secondary"
            onClick={() => {
              setResetting(!resetting);
              setDone(null);
            }}
            aria-expanded={resetting}
          >
            パスワード再設定
          </button>
        </div>
        {resetting && (
          <form
            className="inline-form"
            onSubmit={(event) => {
              event.preventDefault();
              resetPassword.mutate(
                { id: account.id, password },
                {
                  onSuccess: () => {
                    setResetting(false);
                    setPassword("");
                    setDone("パスワードを再設定しました。このアカウントのログインはすべて終了しました。");
                  },
                },
              );
            }}
          >
            <Field
              id={`password-${account.id}`}
              label="新しいパスワード（12文字以上）"
              error={fieldError(resetPassword.error, "password")}
            >
              {(c) => (
                <input
                  {...c}
                  type="text"
                  autoComplete="new-password"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              )}
            </Field>
            <button type="submit" className="button button-primary button-small" disabled={resetPassword.isPending}>
              再設定する
            </button>
          </form>
        )}
        {error && !(error instanceof ApiError && error.problem.errors?.length) && <Alert>{errorMessage(error)}</Alert>}
        {done && <Alert tone="success">{done}</Alert>}
        {dialog}
      </td>
    </tr>
  );
}

/** `/staff/accounts` アカウント管理（管理者のみ）. */
export function StaffAccountsPage() {
  const accounts = useStaffAccounts();
  const me = useSession()?.user.id;
  return (
    <div>
      <Breadcrumbs items={[{ label: "研修の管理", to: "/staff/trainings" }, { label: "アカウント管理" }]} />
      <PageHeading>アカウント管理</PageHeading>
      <p className="lead">
        事務局・北海道のアカウントを追加し、権限の変更、無効化、パスワードの再設定を行います。無効にしたアカウントや、パスワードを再設定したアカウントのログインは、すぐに終了します。
      </p>
      {accounts.isPending ? (
        <Loading />
      ) : accounts.isError ? (
        <Alert>{errorMessage(accounts.error)}</Alert>
      ) : (
        <div className="table-scroll">
          <table className="data-table accounts-table">
            <caption className="visually-hidden">アカウントの一覧</caption>
            <thead>
              <tr>
                <th scope="col">メールアドレス</th>
                <th scope="col">権限</th>
                <th scope="col">状態</th>
                <th scope="col">作成日</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {accounts.data.map((account) => (
                <AccountRow key={account.id} account={account} isMe={account.id === me} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewAccountForm />
    </div>
  );
}
