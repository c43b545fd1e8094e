package io.llmemb.llm.bert;

import io.llmemb.llm.bert.OnnxGraph.OnnxNode;
import io.llmemb.llm.bert.OnnxGraph.OnnxTensor;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Maps the initializers of a HuggingFace-exported BERT ONNX graph to named BERT parameters.
 *
 * <p>Embeddings, biases and LayerNorm parameters keep their PyTorch names as initializer names
 * ({@code encoder.layer.0.attention.self.query.bias}). The six linear weights per layer are
 * anonymous ({@code onnx::MatMul_787}) and stored transposed ([in, out]). Each is assigned a role
 * through the MatMul node that consumes it, never by position:
 *
 * <ol>
 *   <li>by the node name, {@code /encoder/layer.N/<module path>/MatMul} (the torch.onnx exporter's
 *       scope name);
 *   <li>failing that, by the Add node that consumes the MatMul's output and whose other input is
 *       the named bias {@code encoder.layer.N.<module>.bias}.
 * </ol>
 *
 * The result uses PyTorch names and PyTorch layout ([out, in], i.e. the ONNX matrix transposed),
 * e.g. {@code encoder.layer.0.attention.self.query.weight}. A graph where a role stays unmapped
 * fails with an {@link OnnxFormatException} naming the missing parameter.
 */
public final class BertWeightMapper {

  private static final Pattern MATMUL_NODE =
      Pattern.compile(
          "^/encoder/layer\\.(\\d+)/(attention/self/query|attention/self/key|attention/self/value"
              + "|attention/output/dense|intermediate/dense|output/dense)/MatMul$");
  private static final Pattern BIAS_NAME =
      Pattern.compile("^(encoder\\.layer\\.\\d+\\..+)\\.bias$");
  private static final String WORD = "embeddings.word_embeddings.weight";
  private static final String POSITION = "embeddings.position_embeddings.weight";
  private static final String TOKEN_TYPE = "embeddings.token_type_embeddings.weight";

  private BertWeightMapper() {}

  /** Named parameters in PyTorch layout. */
  public record MappedBert(BertConfig config, Map<String, OnnxTensor> parameters) {}

  /** Maps the graph and derives the config; {@code heads} comes from the spec. */
  public static MappedBert map(OnnxGraph graph, int heads, float eps, String source) {
    Map<String, OnnxTensor> out = new HashMap<>();
    for (OnnxTensor t : graph.initializers().values()) {
      if (!t.name().startsWith("onnx::")) {
        out.put(t.name(), t);
      }
    }
    Map<String, OnnxNode> consumerAdd = addConsumers(graph);
    for (OnnxNode node : graph.nodes()) {
      if (!"MatMul".equals(node.opType()) || node.inputs().size() != 2) {
        continue;
      }
      OnnxTensor w = graph.initializers().get(node.inputs().get(1));
      if (w == null) {
        continue;
      }
      String module = moduleOf(node, consumerAdd, graph);
      if (module == null) {
        throw new OnnxFormatException(
            source
                + ": MatMul node '"
                + node.name()
                + "' with weight "
                + w.name()
                + " cannot be mapped to a BERT module");
      }
      out.put(module + ".weight", transpose(w, module + ".weight"));
    }
    BertConfig config = deriveConfig(out, heads, eps, source);
    for (int l = 0; l < config.layers(); l++) {
      for (String m : BertLayerWeights.MODULES) {
        requireParam(out, "encoder.layer." + l + "." + m + ".weight", source);
        requireParam(out, "encoder.layer." + l + "." + m + ".bias", source);
      }
    }
    return new MappedBert(config, out);
  }

  private static String moduleOf(
      OnnxNode node, Map<String, OnnxNode> consumerAdd, OnnxGraph graph) {
    Matcher m = MATMUL_NODE.matcher(node.name());
    if (m.matches()) {
      return "encoder.layer." + m.group(1) + "." + m.group(2).replace('/', '.');
    }
    OnnxNode add = consumerAdd.get(node.outputs().get(0));
    if (add == null) {
      return null;
    }
    for (String in : add.inputs()) {
      Matcher b = BIAS_NAME.matcher(in);
      if (b.matches() && graph.initializers().containsKey(in)) {
        return b.group(1);
      }
    }
    return null;
  }

  private static Map<String, OnnxNode> addConsumers(OnnxGraph graph) {
    Map<String, OnnxNode> byInput = new HashMap<>();
    for (OnnxNode n : graph.nodes()) {
      if ("Add".equals(n.opType())) {
        n.inputs().forEach(i -> byInput.put(i, n));
      }
    }
    return byInput;
  }

  private static BertConfig deriveConfig(
      Map<String, OnnxTensor> p, int heads, float eps, String source) {
    long[] word = requireParam(p, WORD, source).dims();
    long[] pos = requireParam(p, POSITION, source).dims();
    long[] type = requireParam(p, TOKEN_TYPE, source).dims();
    int layers = 0;
    while (p.containsKey("encoder.layer." + layers + ".attention.self.query.weight")) {
      layers++;
    }
    if (layers == 0) {
      throw new OnnxFormatException(source + ": no encoder layers found (no mapped query weight)");
    }
    long[] inter = requireParam(p, "encoder.layer.0.intermediate.dense.weight", source).dims();
    return new BertConfig(
        (int) word[0],
        (int) word[1],
        layers,
        heads,
        (int) inter[0],
        (int) pos[0],
        (int) type[0],
        eps);
  }

  private static OnnxTensor requireParam(Map<String, OnnxTensor> p, String name, String source) {
    OnnxTensor t = p.get(name);
    if (t == null) {
      throw new OnnxFormatException(
          source + ": BERT parameter " + name + " not found in the graph");
    }
    return t;
  }

  private static OnnxTensor transpose(OnnxTensor t, String name) {
    if (t.dims().length != 2) {
      throw new OnnxFormatException("MatMul weight " + t.name() + " is not 2-D");
    }
    int rows = (int) t.dims()[0];
    int cols = (int) t.dims()[1];
    float[] src = t.data();
    float[] dst = new float[src.length];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        dst[c * rows + r] = src[r * cols + c];
      }
    }
    return new OnnxTensor(name, new long[] {cols, rows}, dst);
  }
}
