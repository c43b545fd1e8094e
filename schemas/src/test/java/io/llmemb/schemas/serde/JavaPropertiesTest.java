package io.llmemb.schemas.serde;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.llmemb.schemas.avro.Interaction;
import io.llmemb.schemas.avro.Item;
import io.llmemb.schemas.avro.ItemEmbedding;
import io.llmemb.schemas.avro.ModelRelease;
import io.llmemb.schemas.avro.Recommendations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * Without Java-only properties, every generated class's schema is exactly the schema of its {@code
 * .avsc}.
 */
class JavaPropertiesTest {

  @Test
  void everyGeneratedSchemaWithoutJavaPropertiesIsItsAvsc() throws IOException {
    for (Schema generated :
        List.of(
            Item.getClassSchema(),
            Interaction.getClassSchema(),
            ItemEmbedding.getClassSchema(),
            ModelRelease.getClassSchema(),
            Recommendations.getClassSchema())) {
      Schema avsc = new Schema.Parser().parse(avsc(generated.getName()));
      assertNotEquals(
          avsc.toString(), generated.toString(), "the generated schema carries Java properties");
      assertEquals(
          avsc.toString(), JavaProperties.remove(generated).toString(), generated.getName());
    }
  }

  @Test
  void nestedPropertiesGoDefaultsStayAndCleanSchemasAreReturnedAsIs() {
    Schema withProps =
        new Schema.Parser()
            .parse(
                """
        {"type":"record","name":"R","java-class":"x.R","fields":[
          {"name":"s","type":{"type":"string","avro.java.string":"String"}},
          {"name":"m","type":{"type":"map","values":"int","java-key-class":"x.K"},
           "default":{"java-class":1}},
          {"name":"a","type":{"type":"array","items":{"type":"string","avro.java.string":"String"},
           "java-element-class":"x.E"}}]}""");
    Schema stripped = JavaProperties.remove(withProps);
    String text = stripped.toString();
    for (String name : JavaProperties.NAMES) {
      assertFalse(text.contains("\"" + name + "\":\""), name + " left in " + text);
    }
    assertTrue(
        text.contains("\"default\":{\"java-class\":1}"),
        "a default is data and must not change: " + text);
    Schema clean = JavaProperties.remove(Item.getClassSchema());
    assertSame(clean, JavaProperties.remove(clean));
  }

  private static String avsc(String name) throws IOException {
    String path = "/avro/io/llmemb/schemas/avro/" + name + ".avsc";
    try (InputStream in = JavaPropertiesTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IOException(path + " is not on the test classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
