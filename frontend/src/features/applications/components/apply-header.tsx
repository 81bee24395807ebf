import { FlowHeader } from "@/components/apply/flow-header";
import { useApplyFlow } from "../apply-flow";
import type { ApplyStep } from "../problem-steps";

type Step = ApplyStep | "complete";

const CRUMB_LABELS: Record<Step, string> = {
  input: "申込 入力",
  checklist: "チェック表",
  confirm: "申込 確認",
  complete: "申込 完了",
};

const STEP_LABELS: Record<Step, string> = {
  input: "入力",
  checklist: "チェック表",
  confirm: "確認",
  complete: "完了",
};

/** The simple flow's header: 入力 → (チェック表) → 確認 → 完了. */
export function ApplyHeader({ step, title }: { step: Step; title: string }) {
  const { training, steps, pathOf } = useApplyFlow();
  const all: Step[] = [...steps, "complete"];
  return (
    <FlowHeader
      training={training}
      steps={all.map((s) => ({ key: s, label: STEP_LABELS[s], crumb: CRUMB_LABELS[s], to: pathOf(s) }))}
      current={step}
      title={title}
    />
  );
}
