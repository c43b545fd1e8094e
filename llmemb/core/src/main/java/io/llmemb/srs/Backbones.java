package io.llmemb.srs;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Creates a backbone by its command-line name. */
public final class Backbones {

  /** Accepted names. */
  public static final List<String> NAMES = List.of(SasRec.NAME, Gru4Rec.NAME, Bert4Rec.NAME);

  private Backbones() {}

  /**
   * Initial standard deviation of the plain ID table a backbone trains best from ({@link
   * IdEmbeddings#XAVIER} for the transformers, {@link Gru4Rec#DEFAULT_ITEM_INIT_STD} for GRU4Rec;
   * see there why).
   *
   * @param name backbone name (case-insensitive)
   * @return the std to pass to {@link IdEmbeddings#factory(float)}
   */
  public static float defaultItemInitStd(String name) {
    return Gru4Rec.NAME.equalsIgnoreCase(name)
        ? Gru4Rec.DEFAULT_ITEM_INIT_STD
        : IdEmbeddings.DEFAULT_INIT_STD;
  }

  /**
   * Creates a backbone with its default training objective.
   *
   * @param name {@code sasrec}, {@code gru4rec} or {@code bert4rec} (case-insensitive)
   * @param config hyperparameters
   * @param numItems largest item id
   * @param manager owner of the parameters (its device is used)
   * @param itemFactory item-embedding provider ({@link IdEmbeddings#factory()} for the plain
   *     baseline)
   * @return the backbone
   */
  public static SequentialRecommender create(
      String name,
      BackboneConfig config,
      int numItems,
      NDManager manager,
      ItemEmbeddingProvider.Factory itemFactory) {
    return create(name, config, Optional.empty(), numItems, manager, itemFactory);
  }

  /**
   * @param name {@code sasrec}, {@code gru4rec} or {@code bert4rec} (case-insensitive)
   * @param config hyperparameters
   * @param objective next-item objective; empty = the backbone's default. Bert4Rec trains by cloze
   *     and rejects one.
   * @param numItems largest item id
   * @param manager owner of the parameters (its device is used)
   * @param itemFactory item-embedding provider ({@link IdEmbeddings#factory()} for the plain
   *     baseline)
   * @return the backbone
   */
  public static SequentialRecommender create(
      String name,
      BackboneConfig config,
      Optional<TrainingObjective> objective,
      int numItems,
      NDManager manager,
      ItemEmbeddingProvider.Factory itemFactory) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case SasRec.NAME:
        return new SasRec(
            config, objective.orElse(SasRec.DEFAULT_OBJECTIVE), numItems, manager, itemFactory);
      case Gru4Rec.NAME:
        return new Gru4Rec(
            config, objective.orElse(Gru4Rec.DEFAULT_OBJECTIVE), numItems, manager, itemFactory);
      case Bert4Rec.NAME:
        if (objective.isPresent()) {
          throw new IllegalArgumentException(
              "bert4rec trains by cloze (docs/llmemb-method.md §4); objective '"
                  + objective.get()
                  + "' applies only to "
                  + SasRec.NAME
                  + " and "
                  + Gru4Rec.NAME);
        }
        return new Bert4Rec(config, numItems, manager, itemFactory);
      default:
        throw new IllegalArgumentException(
            "unknown backbone '" + name + "', expected one of " + NAMES);
    }
  }
}
