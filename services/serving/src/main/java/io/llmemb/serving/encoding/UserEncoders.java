package io.llmemb.serving.encoding;

import io.llmemb.bundle.ServingModel;
import io.llmemb.srs.BackboneWeights;
import io.llmemb.srs.GruWeights;
import io.llmemb.srs.TransformerWeights;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses how a loaded model encodes users: in plain Java ({@link TransformerUserEncoder}, {@link
 * GruUserEncoder}) when the model hands out its weights and the Java encoding agrees with the
 * engine's on probe histories, else the engine. A disagreement (a backbone change the Java path
 * does not know) is logged and costs speed, never correctness.
 */
public final class UserEncoders {

  /**
   * Largest accepted difference between the two encodings, relative to the engine's largest
   * component: float rounding gives ~1e-6.
   */
  static final float TOLERANCE = 1e-3f;

  private static final int RANDOM_PROBES = 4;
  private static final Logger LOG = LoggerFactory.getLogger(UserEncoders.class);

  private UserEncoders() {}

  /**
   * @param model the loaded model
   * @param rows the input vectors of its items {@code 1..numItems()} (serving's item matrix)
   * @param javaAllowed false forces the engine (configuration)
   */
  public static UserEncoder choose(ServingModel model, RowSource rows, boolean javaAllowed) {
    UserEncoder engine = UserEncoder.engine(model);
    if (!javaAllowed) {
      return engine;
    }
    Optional<BackboneWeights> weights;
    try {
      weights = model.backboneWeights();
    } catch (RuntimeException e) {
      LOG.warn("model {}: no transformer weights ({}); encoding with the engine", model, e);
      return engine;
    }
    if (weights.isEmpty()) {
      return engine;
    }
    RowEncoder java =
        weights.get() instanceof TransformerWeights t
            ? new TransformerUserEncoder(t, rows)
            : new GruUserEncoder((GruWeights) weights.get(), rows);
    UserEncoder candidate = javaEncoder(model, java);
    Optional<String> disagreement = disagreement(model, candidate);
    if (disagreement.isPresent()) {
      LOG.warn(
          "model {} ({}): the Java encoding disagrees with the engine's ({}); encoding with the"
              + " engine",
          model.version(),
          model.backbone(),
          disagreement.get());
      return engine;
    }
    return candidate;
  }

  private static UserEncoder javaEncoder(ServingModel model, RowEncoder java) {
    return new UserEncoder() {
      @Override
      public float[] encode(int[] history) {
        return java.encode(model.inputRow(history));
      }

      @Override
      public String name() {
        return "java-" + java.kernelName();
      }
    };
  }

  /**
   * Compares both encodings on the longest history of the first items, a one-item history and a few
   * seeded random ones; the first difference beyond {@link #TOLERANCE}, if any.
   */
  static Optional<String> disagreement(ServingModel model, UserEncoder candidate) {
    int n = model.numItems();
    int len = model.maxLen();
    Random random = new Random(n * 31L + len);
    int[][] probes = new int[2 + RANDOM_PROBES][];
    probes[0] = new int[Math.min(len, n)];
    for (int i = 0; i < probes[0].length; i++) {
      probes[0][i] = i + 1;
    }
    probes[1] = new int[] {n};
    for (int p = 2; p < probes.length; p++) {
      probes[p] = random.ints(1 + random.nextInt(len + len / 2), 1, n + 1).toArray();
    }
    for (int[] history : probes) {
      float[] expected = model.encodeUser(history);
      float[] actual;
      try {
        actual = candidate.encode(history);
      } catch (RuntimeException e) {
        return Optional.of("it failed: " + e);
      }
      float scale = 1f;
      for (float v : expected) {
        scale = Math.max(scale, Math.abs(v));
      }
      if (actual.length != expected.length) {
        return Optional.of("width " + actual.length + " instead of " + expected.length);
      }
      for (int j = 0; j < expected.length; j++) {
        if (!(Math.abs(actual[j] - expected[j]) <= TOLERANCE * scale)) {
          return Optional.of(
              "history of "
                  + history.length
                  + " items, component "
                  + j
                  + ": "
                  + actual[j]
                  + " instead of "
                  + expected[j]);
        }
      }
    }
    return Optional.empty();
  }
}
