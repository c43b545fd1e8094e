package io.llmemb.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.llmemb.files.ArtifactManifests;
import io.llmemb.files.Provenance;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads and writes {@code manifest.json}. Writing sorts every key so equal manifests are byte-equal
 * (and so have one sha256). Reading checks the format version <em>before</em> anything else, so a
 * future bundle is refused with a version message rather than a confusing missing-field one, then
 * checks every field by name.
 */
final class ManifestCodec {

  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
          .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
          .enable(SerializationFeature.INDENT_OUTPUT)
          .build();
  private static final String FILE = BundleManifest.MANIFEST_FILE;

  private ManifestCodec() {}

  static byte[] write(BundleManifest manifest) throws IOException {
    return MAPPER.writeValueAsBytes(manifest);
  }

  static BundleManifest read(byte[] json) throws BundleException {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new BundleException(
          BundleException.Kind.MALFORMED,
          FILE,
          "JSON object",
          String.valueOf(e.getMessage()).lines().findFirst().orElse(""),
          "manifest is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new BundleException(
          BundleException.Kind.MALFORMED,
          FILE,
          "JSON object",
          "not an object",
          "manifest must be a JSON object");
    }
    int version =
        ArtifactManifests.checkVersion(
            FILE,
            "bundle",
            field(root, "formatVersion").toString(),
            BundleManifest.CURRENT_VERSION,
            BundleException.REFUSAL);
    JsonNode prov = objectField(root, "provenance");
    Provenance provenance =
        new Provenance(
            text(prov, "provenance.", "datasetName"),
            text(prov, "provenance.", "datasetSha256"),
            stringMap(objectField(prov, "config"), "provenance.config"),
            text(prov, "provenance.", "encoderId"),
            text(prov, "provenance.", "promptVersion"),
            text(prov, "provenance.", "codeVersion"),
            stringMap(objectField(prov, "libraryVersions"), "provenance.libraryVersions"));
    Map<String, Double> metrics = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = objectField(root, "metrics").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      requireType(e.getValue().isNumber(), "metrics." + e.getKey(), "number", e.getValue());
      metrics.put(e.getKey(), e.getValue().asDouble());
    }
    Map<String, FileEntry> files = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = objectField(root, "files").fields();
        it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String prefix = "files." + e.getKey() + ".";
      JsonNode bytes = field(e.getValue(), prefix, "bytes");
      requireType(
          bytes.isIntegralNumber() && bytes.asLong() >= 0, prefix + "bytes", "integer >= 0", bytes);
      String sha = text(e.getValue(), prefix, "sha256");
      requireType(
          sha.matches("[0-9a-f]{64}"),
          prefix + "sha256",
          "64 lower-case hex characters",
          e.getValue());
      files.put(e.getKey(), new FileEntry(sha, bytes.asLong()));
    }
    return new BundleManifest(
        version,
        text(root, "", "bundleVersion"),
        text(root, "", "modelName"),
        text(root, "", "backbone"),
        text(root, "", "variant"),
        text(root, "", "createdAt"),
        provenance,
        metrics,
        files);
  }

  private static JsonNode field(JsonNode node, String name) throws BundleException {
    return field(node, "", name);
  }

  private static JsonNode field(JsonNode node, String prefix, String name) throws BundleException {
    JsonNode v = node.get(name);
    if (v == null || v.isNull()) {
      throw new BundleException(
          BundleException.Kind.MISSING_FIELD,
          FILE,
          "field '" + prefix + name + "'",
          "none",
          "required manifest field '" + prefix + name + "' is missing");
    }
    return v;
  }

  private static JsonNode objectField(JsonNode node, String name) throws BundleException {
    JsonNode v = field(node, name);
    requireType(v.isObject(), name, "object", v);
    return v;
  }

  private static String text(JsonNode node, String prefix, String name) throws BundleException {
    JsonNode v = field(node, prefix, name);
    requireType(v.isTextual() && !v.asText().isBlank(), prefix + name, "non-blank string", v);
    return v.asText();
  }

  private static Map<String, String> stringMap(JsonNode node, String name) throws BundleException {
    Map<String, String> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      requireType(e.getValue().isTextual(), name + "." + e.getKey(), "string", e.getValue());
      out.put(e.getKey(), e.getValue().asText());
    }
    return out;
  }

  private static void requireType(boolean ok, String field, String expected, JsonNode found)
      throws BundleException {
    if (!ok) {
      throw new BundleException(
          BundleException.Kind.MISSING_FIELD,
          FILE,
          expected,
          String.valueOf(found),
          "manifest field '" + field + "' has the wrong type or value");
    }
  }
}
