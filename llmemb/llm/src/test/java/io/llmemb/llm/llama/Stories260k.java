package io.llmemb.llm.llama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;

/**
 * Paths and reference outputs of the stories260K fixture (llama2.c, MIT; see its README in test
 * resources).
 */
final class Stories260k {
  static final int MAX_TOKENS = 128;

  private Stories260k() {}

  static Path resource(String name) {
    try {
      return Path.of(Stories260k.class.getResource("/llama2c-stories260k/" + name).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("test resource llama2c-stories260k/" + name + " missing", e);
    }
  }

  static Path checkpoint() {
    return resource("stories260K.bin");
  }

  static Path tokenizer() {
    return resource("tok512.bin");
  }

  static LlamaModel load() {
    return LlamaModels.fromLlama2c(checkpoint(), tokenizer(), LlamaRuntimeOptions.cpu(MAX_TOKENS));
  }

  static JsonNode reference(String name) {
    try {
      return new ObjectMapper().readTree(resource(name).toFile());
    } catch (IOException e) {
      throw new IllegalStateException(name, e);
    }
  }

  static int[] ints(JsonNode array) {
    int[] out = new int[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asInt();
    }
    return out;
  }

  static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }

  /** Largest |a - b| / max(|b|, 1): relative for large values, absolute near zero. */
  static double maxRelativeError(float[] actual, float[] expected) {
    if (actual.length != expected.length) {
      throw new AssertionError("length " + actual.length + " != " + expected.length);
    }
    double worst = 0;
    for (int i = 0; i < actual.length; i++) {
      worst =
          Math.max(worst, Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), 1.0));
    }
    return worst;
  }
}
