package io.llmemb.serving.encoding;

import io.llmemb.bundle.ServingModel;

/** Turns a user's history into the vector serving scores items against. */
public interface UserEncoder {

  /**
   * @param history the model's internal item ids, oldest first (as {@link ServingModel#encodeUser})
   * @return [H]
   */
  float[] encode(int[] history);

  /** What computes it, for logs: {@code engine} or {@code java-<kernel>}. */
  String name();

  /** The model's own {@link ServingModel#encodeUser} (the engine). */
  static UserEncoder engine(ServingModel model) {
    return new UserEncoder() {
      @Override
      public float[] encode(int[] history) {
        return model.encodeUser(history);
      }

      @Override
      public String name() {
        return "engine";
      }
    };
  }
}
