package io.llmemb.serving.encoding;

/** Where the encoder reads the input vector of item id {@code 1..numItems} from. */
@FunctionalInterface
public interface RowSource {

  /** Copies the vector of internal item id {@code id} into {@code out[offset .. offset + H)}. */
  void copy(int id, float[] out, int offset);
}
