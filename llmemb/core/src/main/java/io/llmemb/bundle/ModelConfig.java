package io.llmemb.bundle;

import io.llmemb.srs.BackboneConfig;
import java.util.List;
import java.util.Objects;

/**
 * The {@value ModelBundles#CONFIG_PART} part of a model bundle: everything needed to rebuild the
 * backbone before its weights are poured in.
 *
 * @param backbone {@code sasrec}, {@code gru4rec} or {@code bert4rec}
 * @param variant item representation ({@code id}, {@code rat}, ...)
 * @param objective training objective name, informative ({@code all-positions}, {@code cloze}, ...)
 * @param numItems largest internal item id
 * @param backboneConfig hyperparameters
 * @param parameters every trainable parameter, in registration order, with its part and shape
 */
public record ModelConfig(
    String backbone,
    String variant,
    String objective,
    int numItems,
    BackboneConfig backboneConfig,
    List<ParameterPart> parameters) {

  public ModelConfig {
    Objects.requireNonNull(backbone, "backbone");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(backboneConfig, "backboneConfig");
    parameters = List.copyOf(parameters);
  }

  /**
   * One parameter stored as a {@code .npy} part.
   *
   * @param name the parameter's name in the model
   * @param part the bundle part holding it (the name, sanitised)
   * @param shape its shape (1-D or 2-D, as the {@code .npy} part)
   */
  public record ParameterPart(String name, String part, long[] shape) {}
}
