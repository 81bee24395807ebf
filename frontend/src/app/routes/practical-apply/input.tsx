import { useNavigate } from "react-router";
import { ApplyClosed } from "@/components/apply/apply-closed";
import { PracticalApplicationForm } from "@/features/practical/components/practical-form";
import { PracticalHeader } from "@/features/practical/components/practical-header";
import { usePracticalFlow } from "@/features/practical/practical-flow";

/** `/trainings/:id/practical-apply` 実践研修 申込 入力 */
export function PracticalInputPage() {
  const flow = usePracticalFlow();
  const navigate = useNavigate();
  return (
    <>
      <PracticalHeader step="input" title="申込 入力" />
      {!flow.open ? (
        <ApplyClosed training={flow.training} />
      ) : (
        <PracticalApplicationForm
          key={flow.generation}
          savedAt={flow.draft.savedAt ?? null}
          onDiscard={flow.discard}
          training={flow.training}
          reference={flow.reference}
          lectureStart={flow.lectureStart}
          initialValues={flow.draft.values}
          onChange={flow.setValues}
          attachment={flow.attachment}
          onAttachment={flow.setAttachment}
          problem={flow.problem}
          onProblem={flow.setProblem}
          backTo={`/trainings/${flow.training.id}`}
          onNext={() => navigate(flow.pathOf("confirm"))}
        />
      )}
    </>
  );
}
