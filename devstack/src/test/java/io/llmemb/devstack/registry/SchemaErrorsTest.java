package io.llmemb.devstack.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Names used but never defined are found through namespaces, nesting, unions, arrays and maps. */
class SchemaErrorsTest {

  @Test
  void definedNamesInAnyFormAreNotReported() {
    String schema =
        """
        {"type":"record","name":"Outer","namespace":"a.b","fields":[
          {"name":"inner","type":{"type":"record","name":"Inner","fields":[{"name":"x","type":"int"}]}},
          {"name":"again","type":"Inner"},
          {"name":"full","type":["null","a.b.Inner"]},
          {"name":"color","type":{"type":"enum","name":"Color","symbols":["RED"]}},
          {"name":"list","type":{"type":"array","items":"Color"}},
          {"name":"missing","type":{"type":"map","values":"Nowhere"}},
          {"name":"typo","type":["null","strng"]}]}""";
    assertEquals(Set.of("Nowhere", "strng"), SchemaErrors.undefinedNames(schema));
  }

  @Test
  void theRegistryMessageNamesTheUndefinedType() {
    RegistryException e =
        assertThrows(RegistryException.class, () -> AvroCanonical.parse("{\"type\":\"recrd\"}"));
    assertEquals(RegistryException.INVALID_SCHEMA, e.errorCode());
    assertEquals(
        "Invalid schema: undefined type name(s) [recrd]: neither an Avro primitive type nor a named type "
            + "defined earlier in the schema",
        e.getMessage());
  }
}
