package io.llmemb.llm;

import ai.djl.ndarray.NDArray;
import io.llmemb.llm.lora.LoraConfig;
import io.llmemb.llm.lora.LoraLinear;
import java.util.List;
import java.util.Map;

/**
 * A {@link TextEncoder} whose frozen projections take LoRA adapters (docs/llmemb-method.md §3):
 * what {@code scft} trains and {@code embed} merges. Both architectures implement it, so the
 * commands do not care which one runs.
 */
public interface LoraTextEncoder extends TextEncoder {

  /** Identifies the frozen base weights; a LoRA checkpoint records it and refuses another base. */
  String baseWeightsId();

  /** The module roles LoRA targets by default (all projections of a layer, as the paper). */
  List<String> defaultLoraTargets();

  /**
   * Wraps the configured projections of every layer with fresh adapters (A from the engine
   * generator seeded with {@code seed}, B zero, so the output is unchanged until training). Returns
   * them by full module name.
   */
  Map<String, LoraLinear> attachLora(LoraConfig config, long seed);

  /**
   * Attaches saved adapters ((A, B) per full module name) with {@code config}'s scale and dropout.
   */
  void attachLora(LoraConfig config, Map<String, NDArray[]> weights);

  /** The attached adapters by full module name (empty when none). */
  Map<String, LoraLinear> loraModules();

  /** Folds every adapter into its base weight for inference. */
  void mergeLora();
}
