import { Alert } from "@/components/ui/alert";
import { Loading } from "@/components/ui/loading";
import { errorMessage } from "@/lib/api/problem";
import { useDashboard } from "../api/get-dashboard";

/** The training's numbers at a glance, at the top of its staff page. */
export function TrainingDashboard({ trainingId }: { trainingId: number }) {
  const query = useDashboard(trainingId);
  if (query.isPending) return <Loading />;
  if (query.isError) return <Alert>{errorMessage(query.error)}</Alert>;
  const d = query.data;
  const items: [string, number][] = [
    ["申込", d.applied],
    ["受講確定", d.confirmed],
    ["キャンセル待ち", d.waiting],
    ["キャンセル", d.cancelled],
    ["出席確認", d.checked_in],
    ["受講完了", d.checked_out],
    ["受講証明書 発行", d.certified],
  ];
  return (
    <section aria-labelledby="dashboard-title">
      <h2 id="dashboard-title" className="visually-hidden">
        研修の集計
      </h2>
      <ul className="dashboard">
        {items.map(([label, value]) => (
          <li key={label}>
            <span className="dashboard-label">{label}</span>
            <span className="dashboard-value">
              {value}
              <span className="visually-hidden">名</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
