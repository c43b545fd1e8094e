package io.llmemb.experiment;

import io.llmemb.data.ColdItems;
import io.llmemb.data.SequenceSplit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a model trains on: the prepared split ("warm"), or the cold-item protocol's split where a
 * seeded share of items lost every training interaction (docs/llmemb-method.md §11). Every model of
 * a cold regime (the pre-trained SASRec included) trains on the cold split, so no cold item's
 * interaction reaches any of them.
 *
 * @param name {@code warm} or {@code cold}
 * @param cold the cold items ({@link ColdItems#none()} for warm)
 * @param prepared the prepared split
 * @param split the split models of this regime train on
 */
record Regime(String name, ColdItems cold, SequenceSplit prepared, SequenceSplit split) {

  /** Prefix of the report protocols of the cold regime ("cold-sampled", "cold-full"). */
  static final String COLD_PREFIX = "cold-";

  /** The prepared split as is. */
  static Regime warm(SequenceSplit split) {
    return new Regime("warm", ColdItems.none(), split, split);
  }

  /** The cold-item protocol with a selection seeded by the training seed. */
  static Regime cold(SequenceSplit split, double fraction, long seed) {
    ColdItems cold = ColdItems.select(split.numItems(), fraction, seed);
    return new Regime("cold", cold, split, cold.apply(split));
  }

  /** Whether this is the prepared split. */
  boolean isWarm() {
    return cold.isEmpty();
  }

  /**
   * What to hash into stage keys: nothing for warm (keys stay those of a run without the protocol).
   */
  Optional<Map<String, Object>> keyPart() {
    if (isWarm()) {
      return Optional.empty();
    }
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("fraction", cold.fraction());
    k.put("seed", cold.seed());
    k.put("items", cold.size());
    return Optional.of(k);
  }
}
