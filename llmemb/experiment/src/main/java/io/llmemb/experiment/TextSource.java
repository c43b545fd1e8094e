package io.llmemb.experiment;

/**
 * Which LLM item embeddings a variant reads (docs/llmemb-method.md §3; the "w/o SCFT" ablation uses
 * the raw encoder).
 */
public enum TextSource {
  /** No text: the plain ID backbone. */
  NONE,
  /** Embeddings of the encoder after supervised contrastive fine-tuning (LoRA merged). */
  SCFT,
  /** Embeddings of the pretrained encoder as shipped. */
  RAW
}
