import { type FormEvent, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Breadcrumbs } from "@/components/ui/breadcrumbs";
import { useConfirm } from "@/components/ui/confirm-dialog";
import { Field } from "@/components/ui/field";
import { Loading } from "@/components/ui/loading";
import { PageHeading } from "@/components/ui/page-heading";
import {
  type ApiToken,
  endOfDayJst,
  SCOPES,
  type Scope,
  useApiTokens,
  useCreateApiToken,
  useRevokeApiToken,
} from "@/features/api-tokens/api/tokens";
import { ApiError, errorMessage } from "@/lib/api/problem";
import { formatWarekiDate, formatWarekiDateTime } from "@/lib/format/wareki";

function fieldError(error: unknown, prefix: string): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  return error.problem.errors?.find((e) => e.field === prefix || e.field.startsWith(`${prefix}[`))?.message;
}

/** The secret of a new token, shown this once, with a copy button. */
function NewSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="card form-card secret-card" role="status">
      <h2>「{name}」のトークンを発行しました</h2>
      <Alert tone="info">
        このトークンは<strong>いまだけ表示されます</strong>。画面を閉じると二度と表示できません。コピーして、連携するシステムに安全に保存してください。メールやチャットには貼り付けないでください。
      </Alert>
      <label className="field-label" htmlFor="new-token-secret">
        トークン
      </label>
      <input id="new-token-secret" className="secret-value" readOnly value={secret} onFocus={(e) => e.target.select()} />
      <p className="actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => {
            void navigator.clipboard?.writeText(secret).then(() => setCopied(true));
          }}
        >
          {copied ? "コピーしました" : "コピーする"}
        </button>
        <button type="button" className="button button-secondary" onClick={onDone}>
          保存したので閉じる
        </button>
      </p>
    </div>
  );
}

function NewTokenForm({ onCreated }: { onCreated: (name: string, secret: string) => void }) {
  const create = useCreateApiToken();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Scope[]>([]);
  const [expires, setExpires] = useState("");
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { name, scopes, expires_at: expires ? endOfDayJst(expires) : null },
      {
        onSuccess: (created) => {
          onCreated(created.token.name, created.secret);
          setName("");
          setScopes([]);
          setExpires("");
        },
      },
    );
  };
  const scopesError = fieldError(create.error, "scopes");
  return (
    <form className="card form-card staff-admin-form" onSubmit={submit} noValidate aria-labelledby="new-token-heading">
      <h2 id="new-token-heading">トークンを発行する</h2>
      <Field id="token-name" label="名前（連携するシステムなど）" required error={fieldError(create.error, "name")}>
        {(c) => <input {...c} type="text" value={name} onChange={(e) => setName(e.target.value)} />}
      </Field>
      <fieldset className={`field${scopesError ? " field-invalid" : ""}`} aria-describedby="token-scopes-hint">
        <legend className="field-label">
          できること（スコープ）<span className="required">必須</span>
        </legend>
        <p className="field-hint" id="token-scopes-hint">
          必要なものだけを選んでください。管理者の操作（アカウント・トークンの管理など）は、どのトークンにもできません。
        </p>
        {scopesError && <p className="field-error">{scopesError}</p>}
        {SCOPES.map(({ scope, label }) => (
          <div className="checkbox-row" key={scope}>
            <input
              id={`scope-${scope}`}
              type="checkbox"
              checked={scopes.includes(scope)}
              onChange={(e) =>
                setScopes(e.target.checked ? [...scopes, scope] : scopes.filter((s) => s !== scope))
              }
            />
            <label htmlFor={`scope-${scope}`}>
              {label}（<code>{scope}</code>）
            </label>
          </div>
        ))}
      </fieldset>
      <Field
        id="token-expires"
        label="有効期限（任意）"
        hint="指定した日の23時59分まで使えます。空欄なら無期限です。"
        error={fieldError(create.error, "expires_at")}
      >
        {(c) => <input {...c} type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />}
      </Field>
      {create.isError && !(create.error instanceof ApiError && create.error.problem.errors?.length) && (
        <Alert>{errorMessage(create.error)}</Alert>
      )}
      <p className="actions">
        <button type="submit" className="button button-primary" disabled={create.isPending}>
          トークンを発行
        </button>
      </p>
    </form>
  );
}

function status(token: ApiToken): string {
  if (token.revoked_at) return "無効化済み";
  if (token.expires_at && Date.parse(token.expires_at) <= Date.now()) return "期限切れ";
  return "有効";
}

function TokenRow({ token }: { token: ApiToken }) {
  const revoke = useRevokeApiToken();
  const { dialog, ask } = useConfirm();
  const active = status(token) === "有効";
  return (
    <tr>
      <td>{token.name}</td>
      <td>
        <code>{token.prefix}…</code>
      </td>
      <td>{token.scopes.join(", ")}</td>
      <td>{token.expires_at ? formatWarekiDate(token.expires_at) : "無期限"}</td>
      <td>{token.last_used_at ? formatWarekiDateTime(token.last_used_at) : "未使用"}</td>
      <td>{status(token)}</td>
      <td>
        {active && (
          <button
            type="button"
            className="button button-small button-secondary"
            disabled={revoke.isPending}
            onClick={async () => {
              const yes = await ask({
                title: `「${token.name}」のトークンを無効にしますか？`,
                body: <p>このトークンを使う連携はすぐに止まります。無効にしたトークンは元に戻せません。</p>,
                confirmLabel: "無効にする",
                danger: true,
              });
              if (yes) revoke.mutate(token.id);
            }}
          >
            無効にする
          </button>
        )}
        {revoke.isError && <Alert>{errorMessage(revoke.error)}</Alert>}
        {dialog}
      </td>
    </tr>
  );
}

/** `/staff/api-tokens` APIトークン（管理者のみ）. */
export function StaffApiTokensPage() {
  const tokens = useApiTokens();
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  return (
    <div>
      <Breadcrumbs items={[{ label: "研修の管理", to: "/staff/trainings" }, { label: "APIトークン" }]} />
      <PageHeading>APIトークン</PageHeading>
      <p className="lead">
        ほかのシステムから研修・申込・名簿を読み書きするためのトークンです。トークンは発行したときに一度だけ表示され、サーバーには復元できない形で保存されます。
      </p>
      {secret && <NewSecret name={secret.name} secret={secret.secret} onDone={() => setSecret(null)} />}
      {tokens.isPending ? (
        <Loading />
      ) : tokens.isError ? (
        <Alert>{errorMessage(tokens.error)}</Alert>
      ) : tokens.data.length === 0 ? (
        <p>発行したトークンはまだありません。</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table tokens-table">
            <caption className="visually-hidden">トークンの一覧</caption>
            <thead>
              <tr>
                <th scope="col">名前</th>
                <th scope="col">先頭</th>
                <th scope="col">スコープ</th>
                <th scope="col">有効期限</th>
                <th scope="col">最終利用</th>
                <th scope="col">状態</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => (
                <TokenRow key={token.id} token={token} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NewTokenForm onCreated={(name, value) => setSecret({ name, secret: value })} />
    </div>
  );
}
