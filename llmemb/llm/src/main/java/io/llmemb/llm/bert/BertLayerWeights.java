package io.llmemb.llm.bert;

import ai.djl.ndarray.NDArray;
import io.llmemb.llm.lora.Projection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One transformer layer's parameters: six projections (replaceable by LoRA-wrapped ones) and two
 * LayerNorms.
 */
final class BertLayerWeights {

  static final String QUERY = "attention.self.query";
  static final String KEY = "attention.self.key";
  static final String VALUE = "attention.self.value";
  static final String ATTN_OUT = "attention.output.dense";
  static final String INTERMEDIATE = "intermediate.dense";
  static final String OUTPUT = "output.dense";
  static final List<String> MODULES = List.of(QUERY, KEY, VALUE, ATTN_OUT, INTERMEDIATE, OUTPUT);

  final Map<String, Projection> projections = new LinkedHashMap<>();
  final NDArray attnLnGamma;
  final NDArray attnLnBeta;
  final NDArray outLnGamma;
  final NDArray outLnBeta;

  BertLayerWeights(
      Map<String, Projection> projections,
      NDArray attnLnGamma,
      NDArray attnLnBeta,
      NDArray outLnGamma,
      NDArray outLnBeta) {
    this.projections.putAll(projections);
    this.attnLnGamma = attnLnGamma;
    this.attnLnBeta = attnLnBeta;
    this.outLnGamma = outLnGamma;
    this.outLnBeta = outLnBeta;
  }

  Projection projection(String module) {
    return projections.get(module);
  }
}
