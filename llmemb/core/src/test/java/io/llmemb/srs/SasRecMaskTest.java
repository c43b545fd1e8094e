package io.llmemb.srs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.llmemb.engine.EngineConfig;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The causal and padding masks of docs/llmemb-method.md §7.2 really cut the information flow. */
class SasRecMaskTest {

  private static final BackboneConfig CONFIG = new BackboneConfig(16, 2, 2, 0f, 8, 0.6f);

  @Test
  void outputAtPositionTIgnoresLaterItemsAndPaddingContent() {
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 1).apply())) {
      SasRec sasrec = new SasRec(CONFIG, 30, m, IdEmbeddings.factory());
      int[] a = {0, 0, 5, 6, 7, 8, 9, 10};
      int[] b = {0, 0, 5, 6, 7, 20, 21, 22}; // differs from position 5 on
      float[] prefixA = prefix(sasrec, m, a, 5);
      float[] prefixB = prefix(sasrec, m, b, 5);
      assertArrayEquals(prefixA, prefixB, 1e-5f, "positions 0..4 must not see positions >= 5");
      float[] lastA = sasrec.encode(m.create(a, new Shape(1, 8)), false).toFloatArray();
      float[] lastB = sasrec.encode(m.create(b, new Shape(1, 8)), false).toFloatArray();
      assertFalse(Arrays.equals(lastA, lastB), "the last position must see the changed items");
      Bert4Rec bert = new Bert4Rec(CONFIG, 30, m, IdEmbeddings.factory());
      float[] bertA = prefix(bert, m, a, 5);
      float[] bertB = prefix(bert, m, b, 5);
      assertFalse(Arrays.equals(bertA, bertB), "Bert4Rec is bidirectional");
    }
  }

  private static float[] prefix(SequentialRecommender model, NDManager m, int[] ids, int upTo) {
    NDArray all = model.encodeAll(m.create(ids, new Shape(1, ids.length)), false);
    return all.get(new NDIndex(":, 2:{}, :", upTo)).toFloatArray();
  }
}
