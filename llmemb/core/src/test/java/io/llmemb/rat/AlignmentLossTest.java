package io.llmemb.rat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.llmemb.engine.EngineConfig;
import io.llmemb.srs.Backbones;
import io.llmemb.srs.SequentialRecommender;
import io.llmemb.srs.TrainBatch;
import io.llmemb.srs.TrainingData;
import io.llmemb.training.AdamOptimizer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The alignment term: decreases when minimised alone, weighted by α, over labelled positions only.
 */
class AlignmentLossTest {

  @Test
  void minimisingItAloneDecreasesIt() {
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 21).apply())) {
      Fixture f = new Fixture(m);
      AlignmentLoss align = AlignmentLoss.paper(f.srs, f.items);
      AdamOptimizer adam = new AdamOptimizer(f.model.parameters().asMap(), 1e-2);
      float first = Float.NaN;
      float last = Float.NaN;
      for (int step = 0; step < 40; step++) {
        try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
          NDArray l = align.compute(f.batch);
          c.backward(l);
          last = l.getFloat();
        }
        if (step == 0) {
          first = last;
        }
        adam.step();
      }
      assertTrue(last < 0.9f * first, "alignment loss " + first + " -> " + last);
    }
  }

  @Test
  void itIsAlphaTimesTheLossOverTheLabelledItems() {
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 21).apply())) {
      Fixture f = new Fixture(m);
      int[] labelled = java.util.Arrays.stream(f.batch.positives()).filter(i -> i != 0).toArray();
      assertTrue(labelled.length > f.batch.size(), "all-position labels expected");
      AlignmentLoss align = new AlignmentLoss(f.srs, f.items, 0.5f, 2f, 0, 0);
      assertEquals(
          0.5f * align.unweighted(labelled).getFloat(), align.compute(f.batch).getFloat(), 1e-5f);
      TrainBatch empty = new TrainBatch(1, 3, 3, new int[] {0, 0, 4}, new int[3], new int[3]);
      assertNull(align.compute(empty), "no labelled position, no term");
      assertNull(
          new AlignmentLoss(f.srs, f.items, 0f, 2f, 0, 0).compute(f.batch), "alpha 0 = w/o align");
      assertTrue(
          Float.isFinite(
              new AlignmentLoss(f.srs, f.items, 1f, 2f, 7, 3).compute(f.batch).getFloat()));
    }
  }

  @Test
  void anSrsTableOfAnotherShapeIsRefused() {
    try (NDManager m = NDManager.newBaseManager(new EngineConfig("cpu", 1, 1, 21).apply())) {
      Fixture f = new Fixture(m);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> AlignmentLoss.paper(new float[f.srs.length - 8], f.items));
      assertTrue(e.getMessage().contains("same items and hidden size"), e.getMessage());
    }
  }

  /** A SASRec with the paper adapter, a random E_srs and one all-position batch. */
  private static final class Fixture {
    final SequentialRecommender model;
    final AdapterEmbeddings items;
    final float[] srs;
    final TrainBatch batch;

    Fixture(NDManager m) {
      LlmTable source = RatFixtures.pcaTable();
      model =
          Backbones.create(
              "sasrec",
              RatFixtures.TINY,
              RatFixtures.ITEMS,
              m,
              AdapterEmbeddings.factory(AdapterConfig.paper(source.dim()), source));
      items = (AdapterEmbeddings) model.items();
      Random rng = new Random(4);
      int h = RatFixtures.TINY.hidden();
      srs = new float[(RatFixtures.ITEMS + 1) * h];
      for (int i = h; i < srs.length; i++) {
        srs[i] = (float) rng.nextGaussian();
      }
      batch =
          model.sampleBatch(
              new int[] {0, 1, 2, 3, 4, 5}, new TrainingData(RatFixtures.SPLIT), new Random(2));
    }
  }
}
