package io.llmemb.srs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import io.llmemb.data.SequenceSplit;
import io.llmemb.engine.EngineConfig;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training batches only hold the user's own training items: no validation or test item leaks in.
 */
class TrainingLeakageTest {

  @ParameterizedTest
  @ValueSource(strings = {"sasrec", "gru4rec", "bert4rec"})
  void batchesHoldOnlyTrainingItems(String backbone) {
    SequenceSplit split = SyntheticSplits.ring(60, 150, 4, 30, 0.7, 3);
    TrainingData data = new TrainingData(split);
    BackboneConfig config = new BackboneConfig(8, 1, 1, 0f, 10, 0.6f);
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 1).apply())) {
      SequentialRecommender model =
          Backbones.create(backbone, config, split.numItems(), m, IdEmbeddings.factory());
      int samples = model.samplesPerEpoch(split.numUsers());
      int[] all = new int[samples];
      Arrays.setAll(all, i -> i);
      TrainBatch b = model.sampleBatch(all, data, new Random(5));
      for (int row = 0; row < samples; row++) {
        int user = row % split.numUsers();
        int[] train = split.train()[user];
        for (int j = 0; j < b.labelLen(); j++) {
          int pos = b.positives()[row * b.labelLen() + j];
          int neg = b.negatives()[row * b.labelLen() + j];
          assertTrue(
              pos == 0 || contains(train, pos),
              backbone + ": label " + pos + " not in user's train");
          assertTrue(pos == 0 ? neg == 0 : neg > 0 && !contains(train, neg), "negative " + neg);
        }
        // Bert4Rec inputs may hold [MASK] or a random replacement (cloze 10 %), which is not a leak
        // of targets.
        if (!backbone.equals(Bert4Rec.NAME)) {
          for (int j = 0; j < b.inputLen(); j++) {
            int in = b.inputs()[row * b.inputLen() + j];
            assertTrue(
                in == 0 || contains(train, in),
                backbone + ": input " + in + " not in user's train");
          }
        }
      }
    }
  }

  private static boolean contains(int[] seq, int item) {
    return Arrays.stream(seq).anyMatch(i -> i == item);
  }
}
