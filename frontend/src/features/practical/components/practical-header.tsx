import { FlowHeader } from "@/components/apply/flow-header";
import { usePracticalFlow, type PracticalStep } from "../practical-flow";

const STEPS: { key: PracticalStep; label: string; crumb: string }[] = [
  { key: "input", label: "入力", crumb: "申込 入力" },
  { key: "confirm", label: "確認", crumb: "申込 確認" },
  { key: "complete", label: "完了", crumb: "申込 完了" },
];

/** 入力 → 確認 → 完了 of the practical application, with the training. */
export function PracticalHeader({ step, title }: { step: PracticalStep; title: string }) {
  const { training, pathOf } = usePracticalFlow();
  return (
    <FlowHeader training={training} steps={STEPS.map((s) => ({ ...s, to: pathOf(s.key) }))} current={step} title={title} />
  );
}
