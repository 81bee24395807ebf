/** `残り12席 / 定員100名` */
export function seatsText(seatsLeft: number, capacity: number): string {
  return `残り${Math.max(0, seatsLeft)}席 / 定員${capacity}名`;
}
