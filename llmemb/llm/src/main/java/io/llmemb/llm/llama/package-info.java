/**
 * LLaMA-family decoder for LLMEmb item embeddings (docs/llmemb-method.md §3), on DJL NDArrays with
 * the PyTorch engine.
 *
 * <p>Entry points: {@link io.llmemb.llm.llama.LlamaModels#fromLlama2c} (llama2.c legacy {@code
 * .bin} + {@code tokenizer.bin}) and {@link io.llmemb.llm.llama.LlamaModels#fromHuggingFace}
 * ({@code config.json} + {@code model.safetensors} or a sharded index + {@code tokenizer.json})
 * return a {@link io.llmemb.llm.llama.LlamaModel}, which implements {@link
 * io.llmemb.llm.TextEncoder}. {@link io.llmemb.llm.llama.HfCheckpointWriter} converts a loaded
 * checkpoint to the Hugging Face layout.
 *
 * <p>RoPE convention: llama2.c checkpoints rotate pairs (2i, 2i+1) ({@link
 * io.llmemb.llm.llama.RopeLayout#INTERLEAVED}), HF checkpoints rotate (i, i + d/2) ({@link
 * io.llmemb.llm.llama.RopeLayout#ROTATE_HALF}) on q/k weights whose rows were permuted by {@link
 * io.llmemb.llm.llama.RopePermutation}. Each loader records the layout in the config, so both
 * compute the same function (tested on stories260K).
 *
 * <p>LoRA seam: every q/k/v/o/gate/up/down map is a {@link io.llmemb.llm.lora.Projection} (frozen
 * {@link io.llmemb.llm.llama.Linear} after loading). {@code io.llmemb.llm.lora} wraps them with
 * {@link io.llmemb.llm.llama.LlamaModel#replaceProjections(ProjectionMapper, String)}; wrapped
 * projections expose their A/B matrices through {@link
 * io.llmemb.llm.lora.Projection#trainableParameters()}, which {@link
 * io.llmemb.llm.llama.LlamaModel#trainableParameters()} gathers for SCFT.
 */
package io.llmemb.llm.llama;
