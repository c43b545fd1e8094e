package io.llmemb.llm.bert;

import io.llmemb.llm.bert.OnnxGraph.OnnxNode;
import io.llmemb.llm.bert.OnnxGraph.OnnxTensor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the initializers and nodes of an ONNX model with a minimal protobuf wire-format parser.
 *
 * <p>Only the handful of fields needed are decoded (field numbers from onnx.proto):
 * ModelProto.graph = 7; GraphProto.node = 1, initializer = 5; NodeProto.input = 1, output = 2, name
 * = 3, op_type = 4; TensorProto.dims = 1, data_type = 2, float_data = 4, name = 8, raw_data = 9,
 * data_location = 14. Every other field is skipped by wire type, so no generated code or protobuf
 * dependency is needed. Only FLOAT (data_type 1) initializers are kept: BERT's weights are all
 * float32, and integer constants (shape helpers) are irrelevant to the weight mapping.
 */
public final class OnnxModelReader {

  private static final int FLOAT = 1;
  private static final int EXTERNAL = 1;

  private OnnxModelReader() {}

  /** Parses a whole model held in memory. */
  public static OnnxGraph read(InputStream in, String source) throws IOException {
    byte[] bytes = in.readAllBytes();
    ProtoCursor model = new ProtoCursor(bytes, 0, bytes.length, source);
    Map<String, OnnxTensor> inits = new LinkedHashMap<>();
    List<OnnxNode> nodes = new ArrayList<>();
    boolean sawGraph = false;
    while (model.hasMore()) {
      int tag = model.tag();
      if (ProtoCursor.field(tag) == 7 && ProtoCursor.wire(tag) == 2) {
        sawGraph = true;
        readGraph(model.sub(), inits, nodes);
      } else {
        model.skip(tag);
      }
    }
    if (!sawGraph) {
      throw new OnnxFormatException(source + ": no GraphProto (field 7) in ModelProto");
    }
    return new OnnxGraph(inits, nodes);
  }

  private static void readGraph(
      ProtoCursor g, Map<String, OnnxTensor> inits, List<OnnxNode> nodes) {
    while (g.hasMore()) {
      int tag = g.tag();
      int field = ProtoCursor.field(tag);
      if (field == 1 && ProtoCursor.wire(tag) == 2) {
        nodes.add(readNode(g.sub()));
      } else if (field == 5 && ProtoCursor.wire(tag) == 2) {
        OnnxTensor t = readTensor(g.sub());
        if (t != null) {
          inits.put(t.name(), t);
        }
      } else {
        g.skip(tag);
      }
    }
  }

  private static OnnxNode readNode(ProtoCursor n) {
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    String name = "";
    String op = null;
    while (n.hasMore()) {
      int tag = n.tag();
      switch (ProtoCursor.field(tag)) {
        case 1 -> inputs.add(n.string());
        case 2 -> outputs.add(n.string());
        case 3 -> name = n.string();
        case 4 -> op = n.string();
        default -> n.skip(tag);
      }
    }
    if (op == null) {
      throw new OnnxFormatException(n.source() + ": node '" + name + "' has no op_type");
    }
    return new OnnxNode(op, name, inputs, outputs);
  }

  private static OnnxTensor readTensor(ProtoCursor t) {
    List<Long> dims = new ArrayList<>();
    int dataType = 0;
    String name = null;
    byte[] raw = null;
    float[] floats = null;
    int location = 0;
    while (t.hasMore()) {
      int tag = t.tag();
      int field = ProtoCursor.field(tag);
      if (field == 1) {
        t.varints(tag, dims);
      } else if (field == 2) {
        dataType = (int) t.varint();
      } else if (field == 4) {
        floats = t.packedFloats(tag);
      } else if (field == 8) {
        name = t.string();
      } else if (field == 9) {
        raw = t.bytes();
      } else if (field == 14) {
        location = (int) t.varint();
      } else {
        t.skip(tag);
      }
    }
    if (dataType != FLOAT || name == null) {
      return null;
    }
    if (location == EXTERNAL) {
      throw new OnnxFormatException(
          t.source()
              + ": initializer "
              + name
              + " uses external data, which this reader does not support");
    }
    long[] shape = dims.stream().mapToLong(Long::longValue).toArray();
    float[] data = floats != null ? floats : littleEndianFloats(raw == null ? new byte[0] : raw);
    return new OnnxTensor(name, shape, data);
  }

  private static float[] littleEndianFloats(byte[] raw) {
    float[] out = new float[raw.length / Float.BYTES];
    ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
    return out;
  }

  /** Cursor over one length-delimited protobuf message. */
  private static final class ProtoCursor {
    private final byte[] buf;
    private final int end;
    private final String source;
    private int pos;

    ProtoCursor(byte[] buf, int start, int end, String source) {
      this.buf = buf;
      this.pos = start;
      this.end = end;
      this.source = source;
    }

    static int field(int tag) {
      return tag >>> 3;
    }

    static int wire(int tag) {
      return tag & 7;
    }

    String source() {
      return source;
    }

    boolean hasMore() {
      return pos < end;
    }

    int tag() {
      return (int) varint();
    }

    long varint() {
      long result = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (pos >= end) {
          throw new OnnxFormatException(source + ": truncated varint at byte " + pos);
        }
        byte b = buf[pos++];
        result |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return result;
        }
      }
      throw new OnnxFormatException(source + ": malformed varint at byte " + pos);
    }

    private int length() {
      long len = varint();
      if (len < 0 || pos + len > end) {
        throw new OnnxFormatException(
            source + ": length " + len + " at byte " + pos + " overruns message");
      }
      return (int) len;
    }

    ProtoCursor sub() {
      int len = length();
      ProtoCursor c = new ProtoCursor(buf, pos, pos + len, source);
      pos += len;
      return c;
    }

    byte[] bytes() {
      int len = length();
      byte[] out = new byte[len];
      System.arraycopy(buf, pos, out, 0, len);
      pos += len;
      return out;
    }

    String string() {
      int len = length();
      String s = new String(buf, pos, len, StandardCharsets.UTF_8);
      pos += len;
      return s;
    }

    void varints(int tag, List<Long> out) {
      if (wire(tag) == 2) {
        ProtoCursor packed = sub();
        while (packed.hasMore()) {
          out.add(packed.varint());
        }
      } else {
        out.add(varint());
      }
    }

    float[] packedFloats(int tag) {
      if (wire(tag) != 2) {
        throw new OnnxFormatException(source + ": unpacked float_data is not supported");
      }
      return littleEndianFloats(bytes());
    }

    void skip(int tag) {
      switch (wire(tag)) {
        case 0 -> varint();
        case 1 -> pos += 8;
        case 2 -> {
          int len = length();
          pos += len;
        }
        case 5 -> pos += 4;
        default ->
            throw new OnnxFormatException(
                source + ": unsupported wire type " + wire(tag) + " at byte " + pos);
      }
    }
  }
}
