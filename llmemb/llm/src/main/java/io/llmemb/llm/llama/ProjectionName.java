package io.llmemb.llm.llama;

/**
 * The seven linear projections of a decoder block: the LoRA targets of docs/llmemb-method.md §3
 * ({@code q_proj, k_proj, v_proj, o_proj, gate_proj, up_proj, down_proj}). Knows each one's Hugging
 * Face tensor name and shape.
 */
public enum ProjectionName {
  Q("self_attn", "q_proj"),
  K("self_attn", "k_proj"),
  V("self_attn", "v_proj"),
  O("self_attn", "o_proj"),
  /** llama2.c {@code w1}. */
  GATE("mlp", "gate_proj"),
  /** llama2.c {@code w3}. */
  UP("mlp", "up_proj"),
  /** llama2.c {@code w2}. */
  DOWN("mlp", "down_proj");

  private final String module;
  private final String hfName;

  ProjectionName(String module, String hfName) {
    this.module = module;
    this.hfName = hfName;
  }

  /** The PEFT/HF module name, e.g. {@code q_proj}. */
  public String hfName() {
    return hfName;
  }

  /** The weight's tensor name in a {@code LlamaForCausalLM} checkpoint. */
  public String tensorName(int layer) {
    return moduleName(layer) + ".weight";
  }

  /**
   * The full module name, e.g. {@code model.layers.0.self_attn.q_proj} (PEFT's LoRA tensor prefix).
   */
  public String moduleName(int layer) {
    return "model.layers." + layer + "." + module + "." + hfName;
  }

  /** The projection called {@code hfName} ({@code q_proj}, ...); fails naming the known ones. */
  public static ProjectionName byHfName(String hfName) {
    for (ProjectionName p : values()) {
      if (p.hfName.equals(hfName)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown LLaMA projection '"
            + hfName
            + "'; known: "
            + java.util.Arrays.stream(values()).map(ProjectionName::hfName).toList());
  }

  /** Output features for this projection under {@code config}. */
  public int outFeatures(LlamaConfig config) {
    return switch (this) {
      case Q, O, DOWN -> config.dim();
      case K, V -> config.kvDim();
      case GATE, UP -> config.hiddenDim();
    };
  }

  /** Input features for this projection under {@code config}. */
  public int inFeatures(LlamaConfig config) {
    return switch (this) {
      case DOWN -> config.hiddenDim();
      default -> config.dim();
    };
  }
}
