package io.llmemb.llm.bert;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The parts of an ONNX {@code GraphProto} a weight importer needs: initializers by name and the
 * node list.
 *
 * @param initializers tensors by initializer name (insertion order of the file)
 * @param nodes graph nodes in file (topological) order
 */
public record OnnxGraph(Map<String, OnnxTensor> initializers, List<OnnxNode> nodes) {

  public OnnxGraph {
    Objects.requireNonNull(initializers, "initializers");
    Objects.requireNonNull(nodes, "nodes");
  }

  /** One {@code NodeProto}: operator type, node name and its input/output value names. */
  public record OnnxNode(String opType, String name, List<String> inputs, List<String> outputs) {
    public OnnxNode {
      Objects.requireNonNull(opType, "opType");
      name = name == null ? "" : name;
      inputs = List.copyOf(inputs);
      outputs = List.copyOf(outputs);
    }
  }

  /** One float32 {@code TensorProto} (other element types are skipped by the reader). */
  public record OnnxTensor(String name, long[] dims, float[] data) {
    public OnnxTensor {
      Objects.requireNonNull(name, "name");
      long n = 1;
      for (long d : dims) {
        n *= d;
      }
      if (n != data.length) {
        throw new IllegalArgumentException(
            "tensor " + name + ": dims product " + n + " != data length " + data.length);
      }
    }
  }
}
