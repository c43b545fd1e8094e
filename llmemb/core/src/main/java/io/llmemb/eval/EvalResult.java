package io.llmemb.eval;

import java.util.Objects;

/**
 * Metrics of one evaluation (docs/llmemb-method.md §1 "Tail metrics" and §5): every case counts
 * once, in the overall group, in tail-item or popular-item (by target popularity), and in tail-user
 * or long-user (by input length).
 *
 * @param protocol how the numbers were obtained
 * @param overall all cases
 * @param tailItems cases whose target is a long-tail item
 * @param headItems cases whose target is a popular item
 * @param tailUsers cases whose input history is short
 * @param longUsers the other cases
 * @param coldItems cases whose target is a cold item of the cold-item protocol ({@link
 *     io.llmemb.data.ColdItems}); empty (0 cases) when the protocol is off
 */
public record EvalResult(
    EvalProtocol protocol,
    GroupMetrics overall,
    GroupMetrics tailItems,
    GroupMetrics headItems,
    GroupMetrics tailUsers,
    GroupMetrics longUsers,
    GroupMetrics coldItems) {

  /** A result without the cold-item group (the protocol off). */
  public EvalResult(
      EvalProtocol protocol,
      GroupMetrics overall,
      GroupMetrics tailItems,
      GroupMetrics headItems,
      GroupMetrics tailUsers,
      GroupMetrics longUsers) {
    this(protocol, overall, tailItems, headItems, tailUsers, longUsers, new GroupMetrics(0, 0, 0));
  }

  public EvalResult {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(overall, "overall");
    Objects.requireNonNull(tailItems, "tailItems");
    Objects.requireNonNull(headItems, "headItems");
    Objects.requireNonNull(tailUsers, "tailUsers");
    Objects.requireNonNull(longUsers, "longUsers");
    Objects.requireNonNull(coldItems, "coldItems");
    if (tailItems.cases() + headItems.cases() != overall.cases()) {
      throw new IllegalArgumentException(
          "tail + head item cases "
              + (tailItems.cases() + headItems.cases())
              + " != overall "
              + overall.cases());
    }
    if (coldItems.cases() > overall.cases()) {
      throw new IllegalArgumentException(
          "cold item cases " + coldItems.cases() + " > overall " + overall.cases());
    }
  }
}
