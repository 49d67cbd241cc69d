package pinmc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void escapesEverythingJsonAndJavaScriptRequire() {
    assertEquals("\"q\\\" b\\\\ n\\n t\\t c\\u0001 ls\\u2028 é\"", Json.quote("q\" b\\ n\n t\t c\u0001 ls\u2028 é"));
  }

  @Test
  void writesAndParsesBackTheSameTree() {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("s", "x\"y\n\u0000z");
    o.put("n", 42L);
    o.put("neg", -7L);
    o.put("d", 1.5);
    o.put("t", true);
    o.put("nil", null);
    o.put("list", Arrays.asList(1L, "two", List.of(), Map.of()));
    assertEquals(o, Json.parse(Json.write(o)));
  }

  @Test
  void writesIndentedOutput() {
    assertEquals("{\n  \"a\": [\n    1\n  ]\n}", Json.write(Map.of("a", List.of(1))));
  }

  @Test
  void parsesEscapesAndUnicode() {
    assertEquals("a/b\u00e9\t", Json.parse("\"a\\/b\\u00e9\\t\""));
  }

  @Test
  void reportsSyntaxErrorsWithTheirOffset() {
    for (String bad : List.of("", "{", "{\"a\" 1}", "[1,]", "\"open", "tru", "{\"a\":1} x", "\"\\x\"", "01x", "{1:2}")) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(bad), bad);
      assertTrue(e.getMessage().startsWith("JSON syntax error at offset "), e.getMessage());
    }
  }

  @Test
  void refusesNonJsonValues() {
    assertThrows(IllegalArgumentException.class, () -> Json.write(new Object()));
  }
}
