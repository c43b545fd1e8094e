package io.llmemb.llm.bert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our DJL forward pass against ONNX Runtime running the very same .onnx file: mean-pooled
 * embeddings of a padded batch of sentences of different lengths must agree to ~1e-4.
 */
class BertOrtParityTest {

  private static final double TOLERANCE = 1e-4;
  private static final List<String> SENTENCES =
      List.of(
          "The movie has the following attributes: \n title is Toy Story; year is 1995; genres is Animation, "
              + "Children, Comedy",
          "Heat",
          "Un film d'aventure très long avec des accents, et 日本語のテキスト aussi.",
          "The beauty item has the following attributes: \n title is Lipstick; brand is Acme; price is 9.99; "
              + "description is A long-lasting matte lipstick in a range of shades suitable for every skin tone.");

  @ParameterizedTest
  @ValueSource(strings = {"minilm", "bge-small"})
  void meanPooledEmbeddingsMatchOnnxRuntime(String key) throws Exception {
    BertEncoderOptions options = BertEncoderOptions.defaults(key).withMaxTokens(64);
    try (BertTextEncoder encoder = BertTextEncoder.open(options);
        NDManager nd = NDManager.newBaseManager();
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession session =
            env.createSession(
                bytes(options.spec().onnxResource()), new OrtSession.SessionOptions())) {
      NDList batch = encoder.tokenize(nd, SENTENCES);
      long[][] ids = toLong2d(batch.get(0));
      long[][] mask = toLong2d(batch.get(1));
      assertTrue(
          ids[1].length > 4 && mask[1][ids[1].length - 1] == 0, "batch must contain padding");
      float[][][] ort = runOrt(env, session, ids, mask);
      float[] ours = encoder.encode(nd, SENTENCES, false).toFloatArray();
      int h = encoder.dimension();
      double maxAbs = 0;
      double maxRel = 0;
      for (int i = 0; i < ids.length; i++) {
        double[] pooled = meanPool(ort[i], mask[i], h);
        for (int j = 0; j < h; j++) {
          double diff = Math.abs(pooled[j] - ours[i * h + j]);
          maxAbs = Math.max(maxAbs, diff);
          maxRel = Math.max(maxRel, diff / Math.max(Math.abs(pooled[j]), 1e-3));
        }
      }
      System.out.printf(
          "%s vs ONNX Runtime: max abs diff %.3g, max rel diff %.3g%n", key, maxAbs, maxRel);
      assertTrue(maxAbs < TOLERANCE, "max abs diff " + maxAbs);
    }
  }

  private static float[][][] runOrt(
      OrtEnvironment env, OrtSession session, long[][] ids, long[][] mask) throws Exception {
    Map<String, OnnxTensor> inputs = new HashMap<>();
    inputs.put("input_ids", OnnxTensor.createTensor(env, ids));
    inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
    if (session.getInputNames().contains("token_type_ids")) {
      inputs.put(
          "token_type_ids", OnnxTensor.createTensor(env, new long[ids.length][ids[0].length]));
    }
    try (OrtSession.Result result = session.run(inputs)) {
      return (float[][][]) result.get("last_hidden_state").orElseThrow().getValue();
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private static double[] meanPool(float[][] tokens, long[] mask, int h) {
    double[] out = new double[h];
    double n = 0;
    for (int t = 0; t < tokens.length; t++) {
      if (mask[t] == 1) {
        n++;
        for (int j = 0; j < h; j++) {
          out[j] += tokens[t][j];
        }
      }
    }
    assertEquals(true, n > 0);
    for (int j = 0; j < h; j++) {
      out[j] /= n;
    }
    return out;
  }

  private static long[][] toLong2d(NDArray a) {
    int rows = (int) a.getShape().get(0);
    int cols = (int) a.getShape().get(1);
    long[] flat = a.toLongArray();
    long[][] out = new long[rows][cols];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(flat, r * cols, out[r], 0, cols);
    }
    return out;
  }

  private static byte[] bytes(String resource) throws Exception {
    try (InputStream in = BertOrtParityTest.class.getClassLoader().getResourceAsStream(resource)) {
      return in.readAllBytes();
    }
  }
}
