package io.llmemb.srs;

import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Locale;

/** Creates a backbone by its command-line name. */
public final class Backbones {

  /** Accepted names. */
  public static final List<String> NAMES = List.of(SasRec.NAME, Gru4Rec.NAME, Bert4Rec.NAME);

  private Backbones() {}

  /**
   * @param name {@code sasrec}, {@code gru4rec} or {@code bert4rec} (case-insensitive)
   * @param config hyperparameters
   * @param numItems largest item id
   * @param manager owner of the parameters (its device is used)
   * @param itemFactory item-embedding provider ({@link IdEmbeddings#factory()} for the plain baseline)
   * @return the backbone
   */
  public static SequentialRecommender create(String name, BackboneConfig config, int numItems, NDManager manager,
      ItemEmbeddingProvider.Factory itemFactory) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case SasRec.NAME:
        return new SasRec(config, numItems, manager, itemFactory);
      case Gru4Rec.NAME:
        return new Gru4Rec(config, numItems, manager, itemFactory);
      case Bert4Rec.NAME:
        return new Bert4Rec(config, numItems, manager, itemFactory);
      default:
        throw new IllegalArgumentException("unknown backbone '" + name + "', expected one of " + NAMES);
    }
  }
}
