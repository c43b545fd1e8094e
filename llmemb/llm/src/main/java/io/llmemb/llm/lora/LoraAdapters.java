package io.llmemb.llm.lora;

import ai.djl.ndarray.NDList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The LoRA adapters attached to one encoder, by full module name (e.g. {@code
 * encoder.layer.0.attention.self.query}, {@code model.layers.0.self_attn.q_proj}): the bookkeeping
 * both architectures share. Each encoder decides which projections to wrap; this records them,
 * refuses a second attach, merges them and gives the model id suffix that tells adapted weights
 * from the base.
 */
public final class LoraAdapters {

  /** Hex characters of the {@link LoraDigest} in a model id. */
  private static final int DIGEST_PREFIX = 12;

  private final Map<String, LoraLinear> modules = new LinkedHashMap<>();

  /** Throws {@link IllegalStateException} when adapters are already attached. */
  public void requireNone() {
    if (!modules.isEmpty()) {
      throw new IllegalStateException("LoRA already attached");
    }
  }

  /** Records {@code adapter}, installed at module {@code name}. */
  public void put(String name, LoraLinear adapter) {
    modules.put(name, adapter);
  }

  /** Whether no adapter is attached. */
  public boolean isEmpty() {
    return modules.isEmpty();
  }

  /** The attached adapters by full module name (empty when none). */
  public Map<String, LoraLinear> modules() {
    return Map.copyOf(modules);
  }

  /**
   * Folds every adapter into its base weight for inference (docs/llmemb-method.md §3, extraction).
   */
  public void merge() {
    modules.values().forEach(LoraLinear::merge);
  }

  /**
   * The id of the weights in use: {@code baseId} alone without adapters, else {@code
   * baseId+lora:<12 hex>} of the adapters' {@link LoraDigest} (merged or not), so artifacts from
   * different adapter states never share an id.
   */
  public String modelId(String baseId) {
    return modules.isEmpty()
        ? baseId
        : baseId + "+lora:" + LoraDigest.of(modules).substring(0, DIGEST_PREFIX);
  }

  /**
   * A and B of every unmerged adapter in attach order, named {@code <module>.lora_A} / {@code
   * .lora_B}.
   */
  public NDList trainableParameters() {
    NDList out = new NDList();
    modules.forEach(
        (name, l) -> {
          if (!l.isMerged()) {
            l.loraA().setName(name + ".lora_A");
            l.loraB().setName(name + ".lora_B");
            out.add(l.loraA());
            out.add(l.loraB());
          }
        });
    return out;
  }
}
