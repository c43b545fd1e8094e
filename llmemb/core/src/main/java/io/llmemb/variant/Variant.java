package io.llmemb.variant;

import ai.djl.ndarray.NDManager;
import io.llmemb.srs.SequentialRecommender;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * One kind of model: how to train it on {@link VariantInputs} and how to rebuild it from what
 * training wrote. Implementations: {@link PlainVariant}, {@link RatVariant}, {@link FusedVariant}.
 */
public interface Variant {

  /** {@code plain}, {@code rat} or {@code fused}. */
  String kind();

  /** Whether {@link VariantInputs#text()} must be present. */
  boolean needsText();

  /** Whether {@link VariantInputs#pretrainedSasrec()} must be present. */
  boolean needsPretrainedSasrec();

  /** Whether the variant starts from {@link VariantInputs#plainModel()} when present. */
  boolean usesPlainModel();

  /** The variant's own settings, as data: recorded with the model and hashed into cache keys. */
  Map<String, Object> settings();

  /**
   * Trains a model; writes its best checkpoint and whatever {@link #load} needs into {@code dir}.
   *
   * @param manager owner of the model's arrays
   * @return the model (best validation weights loaded) and its training curve
   */
  TrainedVariant train(VariantInputs inputs, NDManager manager, Path dir) throws IOException;

  /** Rebuilds the model {@link #train} wrote into {@code dir} from the same inputs. */
  SequentialRecommender load(VariantInputs inputs, NDManager manager, Path dir) throws IOException;

  /** Hyperparameters as text for a bundle's provenance. */
  Map<String, String> describe(VariantInputs inputs);
}
