package io.llmemb.data.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParsersTest {

  @Test
  void pythonDictLiteralKeepsOrderTypesAndEscapes() {
    Object v =
        PythonLiteralParser.parse(
            "{'b': 'it\\'s', \"a\": [1, 2.5, True, None, ('x',)], 'c': {'k': -3}, 'd': '\\u00e9\\n'}");
    Map<?, ?> m = (Map<?, ?>) v;
    assertEquals(List.of("b", "a", "c", "d"), List.copyOf(m.keySet()));
    assertEquals("it's", m.get("b"));
    assertEquals(Arrays.asList(1L, 2.5, true, null, List.of("x")), m.get("a"));
    assertEquals(Map.of("k", -3L), m.get("c"));
    assertEquals("é\n", m.get("d"));
    assertEquals(
        Map.of("t", "é"), PythonLiteralParser.parse("{u't': u'\\xe9'}"), "python 2 prefixes");
    assertThrows(IllegalArgumentException.class, () -> PythonLiteralParser.parse("{'a': 1"));
    assertThrows(IllegalArgumentException.class, () -> PythonLiteralParser.parse("{'a': nope}"));
    assertThrows(IllegalArgumentException.class, () -> PythonLiteralParser.parse("{'a': 1} extra"));
  }

  @Test
  void pythonReprMatchesPythonStr() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Size:", " Big");
    m.put("ok", true);
    m.put("n", null);
    m.put("brand", "L'Oreal");
    m.put("list", List.of(1L, "a"));
    assertEquals(
        "{'Size:': ' Big', 'ok': True, 'n': None, 'brand': \"L'Oreal\", 'list': [1, 'a']}",
        PythonRepr.str(m));
    assertEquals("plain", PythonRepr.str("plain"));
  }

  @Test
  void attributeFormFlattensOnlyWhatThePromptsUse() {
    assertEquals(
        List.of("a", "b"), JsonRecords.attribute(List.of(List.of("a", "b"), List.of("c"))));
    assertEquals(List.of("1", "x"), JsonRecords.attribute(List.of(1L, "x")));
    assertEquals("[{'k': 1}]", JsonRecords.attribute(List.of(Map.of("k", 1L))));
    assertEquals("None", JsonRecords.attribute(null));
  }

  @Test
  void csvLineHandlesQuotesAndRejectsBrokenOnes() {
    assertArrayEquals(
        new String[] {"11", "American President, The (1995)", "Comedy"},
        CsvLine.split("11,\"American President, The (1995)\",Comedy"));
    assertArrayEquals(
        new String[] {"4649", "\"Great\" Cats (1998)", "Musical"},
        CsvLine.split("4649,\"\"\"Great\"\" Cats (1998)\",Musical"));
    assertArrayEquals(new String[] {"1", "", "x"}, CsvLine.split("1,,x"));
    assertThrows(IllegalArgumentException.class, () -> CsvLine.split("777,\"Broken (1990),Drama"));
  }

  @Test
  void movieLensTitles() {
    Map<String, Object> a = MovieLensItems.fromTitle("Babylon 5 (1994) ", "Sci-Fi");
    assertEquals("Babylon 5", a.get("title"));
    assertEquals("1994", a.get("year"));
    assertNull(MovieLensItems.fromTitle("(500) Days", "Drama").get("year"));
    assertEquals(
        "(2007)", MovieLensItems.fromTitle("(2007)", "").get("title"), "a bare year is the title");
  }
}
