package io.llmemb.llm.bert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.llm.bert.OnnxGraph.OnnxNode;
import io.llmemb.llm.bert.OnnxGraph.OnnxTensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Mapping of anonymous MatMul weights on a tiny synthetic one-layer BERT graph (hidden 2, FFN 4).
 */
class BertWeightMapperTest {

  private static final List<String> MODULES = BertLayerWeights.MODULES;

  @Test
  void mapsByNodeNameAndTransposesToPytorchLayout() {
    MappedGraph g = graph(true);
    BertWeightMapper.MappedBert m = BertWeightMapper.map(g.graph, 2, 1e-12f, "synthetic");
    assertEquals(1, m.config().layers());
    assertEquals(4, m.config().intermediate());
    OnnxTensor inter = m.parameters().get("encoder.layer.0.intermediate.dense.weight");
    assertArrayEquals(new long[] {4, 2}, inter.dims());
    // ONNX [in=2, out=4] value (r, c) = 10·r + c becomes PyTorch [out, in] value (c, r)
    assertEquals(13f, inter.data()[3 * 2 + 1]);
  }

  @Test
  void fallsBackToTheBiasAddWhenNodeNamesAreMissing() {
    BertWeightMapper.MappedBert m =
        BertWeightMapper.map(graph(false).graph, 2, 1e-12f, "anonymous");
    assertTrue(m.parameters().containsKey("encoder.layer.0.attention.self.value.weight"));
  }

  @Test
  void unmappableMatMulFailsNamingTheNode() {
    MappedGraph g = graph(true);
    List<OnnxNode> nodes = new ArrayList<>(g.graph.nodes());
    nodes.add(
        new OnnxNode(
            "MatMul", "/pooler/dense/MatMul", List.of("x", "onnx::MatMul_1"), List.of("p")));
    OnnxFormatException e =
        assertThrows(
            OnnxFormatException.class,
            () ->
                BertWeightMapper.map(
                    new OnnxGraph(g.graph.initializers(), nodes), 2, 1e-12f, "extra"));
    assertTrue(e.getMessage().contains("/pooler/dense/MatMul"), e.getMessage());
  }

  private record MappedGraph(OnnxGraph graph) {}

  private static MappedGraph graph(boolean named) {
    Map<String, OnnxTensor> init = new LinkedHashMap<>();
    put(init, "embeddings.word_embeddings.weight", 5, 2);
    put(init, "embeddings.position_embeddings.weight", 8, 2);
    put(init, "embeddings.token_type_embeddings.weight", 2, 2);
    List<OnnxNode> nodes = new ArrayList<>();
    int anon = 1;
    for (String module : MODULES) {
      int in = "output.dense".equals(module) ? 4 : 2;
      int out = "intermediate.dense".equals(module) ? 4 : 2;
      String w = "onnx::MatMul_" + anon++;
      put(init, w, in, out);
      String bias = "encoder.layer.0." + module + ".bias";
      put(init, bias, out);
      String path = "/encoder/layer.0/" + module.replace('.', '/');
      nodes.add(
          new OnnxNode(
              "MatMul", named ? path + "/MatMul" : "", List.of("h", w), List.of(path + "_mm")));
      nodes.add(
          new OnnxNode(
              "Add", named ? path + "/Add" : "", List.of(bias, path + "_mm"), List.of(path)));
    }
    return new MappedGraph(new OnnxGraph(init, nodes));
  }

  private static void put(Map<String, OnnxTensor> init, String name, long... dims) {
    int n = 1;
    for (long d : dims) {
      n *= (int) d;
    }
    float[] data = new float[n];
    for (int i = 0; i < n; i++) {
      data[i] = dims.length == 2 ? 10 * (i / (int) dims[1]) + i % (int) dims[1] : i;
    }
    init.put(name, new OnnxTensor(name, dims, data));
  }
}
