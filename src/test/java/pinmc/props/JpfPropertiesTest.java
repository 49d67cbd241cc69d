package pinmc.props;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JpfPropertiesTest {
  private static final Path FILE = Path.of("props", "m.jpf");

  private static JpfProperties parse(String... lines) throws PropertiesFileException {
    return JpfProperties.parse(FILE, String.join("\n", lines));
  }

  private static PropertiesFileException problem(String... lines) {
    return assertThrows(PropertiesFileException.class, () -> parse(lines));
  }

  @Test
  void readsKeysAndTrimmedValuesIgnoringCommentsAndBlankLines() throws Exception {
    JpfProperties p = parse("# a comment", "! another", "", "  target =  a.B  ", "x:y", "empty =");
    assertEquals(Optional.of("a.B"), p.get("target"));
    assertEquals(Optional.of("y"), p.get("x"));
    assertEquals(Optional.of(""), p.get("empty"));
    assertEquals(List.of("target", "x", "empty"), List.copyOf(p.keys()));
    assertEquals(4, p.lineOf("target"));
    assertEquals(0, p.lineOf("missing"));
  }

  @Test
  void laterSettingWins() throws Exception {
    JpfProperties p = parse("a = 1", "a = 2");
    assertEquals(Optional.of("2"), p.get("a"));
    assertEquals(2, p.lineOf("a"));
  }

  @Test
  void joinsContinuationLinesDroppingLeadingBlanks() throws Exception {
    JpfProperties p = parse("target.args = buggy,\\", "     4,\\", "  2", "next = n");
    assertEquals(Optional.of("buggy,4,2"), p.get("target.args"));
    assertEquals(1, p.lineOf("target.args"));
    assertEquals(4, p.lineOf("next"));
  }

  @Test
  void anEvenNumberOfBackslashesDoesNotContinue() throws Exception {
    JpfProperties p = parse("a = x\\\\", "b = y");
    assertEquals(Optional.of("x\\"), p.get("a"));
    assertEquals(Optional.of("y"), p.get("b"));
  }

  @Test
  void aCommentEndingInABackslashDoesNotSwallowTheNextLine() throws Exception {
    assertEquals(Optional.of("1"), parse("# see \\", "a = 1").get("a"));
  }

  @Test
  void acceptsWindowsAndOldMacLineEnds() throws Exception {
    JpfProperties p = JpfProperties.parse(FILE, "a = 1\r\nb = 2\rc = 3");
    assertEquals(Optional.of("3"), p.get("c"));
    assertEquals(3, p.lineOf("c"));
  }

  @Test
  void expandsConfigPathConfigEarlierKeysAndSystemProperties() throws Exception {
    JpfProperties p = parse("base = ${config_path}/classes", "cp = ${base}:${java.version}", "me = ${config}");
    Path dir = FILE.toAbsolutePath().normalize().getParent();
    assertEquals(Optional.of(dir + "/classes"), p.get("base"));
    assertEquals(Optional.of(dir + "/classes:" + System.getProperty("java.version")), p.get("cp"));
    assertEquals(Optional.of(FILE.toAbsolutePath().normalize().toString()), p.get("me"));
    assertEquals(dir, p.configPath());
  }

  @Test
  void appendsAndPrependsWithoutSeparatorAsJpfDoes() throws Exception {
    JpfProperties p = parse("classpath = a", "classpath+=,b", "+classpath=z,", "fresh+=x");
    assertEquals(Optional.of("z,a,b"), p.get("classpath"));
    assertEquals(Optional.of("x"), p.get("fresh"));
    assertEquals(3, p.lineOf("classpath"));
  }

  @Test
  void aKeyMayRefertoItselfToExtendItsValue() throws Exception {
    assertEquals(Optional.of("a,b"), parse("l = a", "l = ${l},b").get("l"));
    assertEquals(Optional.of(",b"), parse("l = ${l},b").get("l"));
  }

  @Test
  void nullOrNilRemovesAKey() throws Exception {
    JpfProperties p = parse("a = 1", "a = null", "b = NIL");
    assertFalse(p.get("a").isPresent());
    assertFalse(p.get("b").isPresent());
  }

  @Test
  void unescapesLikeJavaProperties() throws Exception {
    JpfProperties p = parse("a\\ b = tab\\there \\u0041\\=", "c = x\\:y");
    assertEquals(Optional.of("tab\there A="), p.get("a b"));
    assertEquals(Optional.of("x:y"), p.get("c"));
  }

  @Test
  void aLineWithoutSeparatorIsReportedWithFileAndLine() {
    PropertiesFileException e = problem("a = 1", "", "just words");
    assertEquals(3, e.line());
    assertEquals(FILE + ":3: expected 'key = value', found 'just words'", e.getMessage());
  }

  @Test
  void aKeyWithABlankIsRefusedRatherThanSilentlyMisread() {
    PropertiesFileException e = problem("target args = x");
    assertEquals(1, e.line());
    assertTrue(e.problem().contains("a key cannot contain blanks: 'target args'"), e.getMessage());
  }

  @Test
  void aBlankBeforePlusEqualsIsRefusedBecauseJpfWouldStoreIt() {
    PropertiesFileException e = problem("cp = a", "cp += ,b");
    assertEquals(2, e.line());
    assertTrue(e.problem().startsWith("write 'cp+=' with no blank before '+'"), e.getMessage());
  }

  @Test
  void aMissingKeyIsReported() {
    assertEquals("a key is missing before '='", problem("= value").problem());
  }

  @Test
  void anUndefinedReferenceIsReportedRatherThanExpandedToNothing() {
    PropertiesFileException e = problem("a = 1", "b = ${nope}/x");
    assertEquals(2, e.line());
    assertTrue(e.problem().contains("'${nope}' is not defined"), e.getMessage());
  }

  @Test
  void anUnclosedReferenceIsReported() {
    assertTrue(problem("a = ${config_path").problem().contains("without a closing '}'"));
  }

  @Test
  void aBadUnicodeEscapeIsReported() {
    assertTrue(problem("a = \\u12").problem().contains("four hexadecimal digits"));
    assertTrue(problem("a = \\uzzzz").problem().contains("not a hexadecimal"));
  }

  @Test
  void aContinuationOnTheLastLineIsReportedAtItsFirstLine() {
    PropertiesFileException e = problem("a = 1", "b = x,\\", "  y\\");
    assertEquals(2, e.line());
    assertTrue(e.problem().contains("continuation"), e.getMessage());
  }

  @Test
  void anUnknownDirectiveIsReported() {
    assertTrue(problem("@using = jpf-core").problem().contains("unsupported directive '@using'"));
  }

  @Test
  void includesAnotherFileRelativeToThisOne(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("sub"));
    Files.writeString(dir.resolve("sub/common.jpf"), "classpath = ${config_path}/classes\nshared = 1\n");
    Files.writeString(dir.resolve("m.jpf"), "@include = sub/common.jpf\nclasspath+=,more\n");
    JpfProperties p = JpfProperties.load(dir.resolve("m.jpf"));
    assertEquals(Optional.of(dir.resolve("sub") + "/classes,more"), p.get("classpath"));
    assertEquals(Optional.of("1"), p.get("shared"));
    assertEquals(dir.resolve("sub/common.jpf"), p.fileOf("shared"));
    assertEquals(2, p.lineOf("shared"));
  }

  @Test
  void aProblemInAnIncludedFileNamesThatFile(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("bad.jpf"), "ok = 1\nbroken\n");
    Files.writeString(dir.resolve("m.jpf"), "@include = bad.jpf\n");
    PropertiesFileException e = assertThrows(PropertiesFileException.class, () -> JpfProperties.load(dir.resolve("m.jpf")));
    assertEquals(dir.resolve("bad.jpf"), e.file());
    assertEquals(2, e.line());
  }

  @Test
  void anIncludeCycleIsReported(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.jpf"), "@include = b.jpf\n");
    Files.writeString(dir.resolve("b.jpf"), "@include = a.jpf\n");
    PropertiesFileException e = assertThrows(PropertiesFileException.class, () -> JpfProperties.load(dir.resolve("a.jpf")));
    assertTrue(e.problem().contains("forms a cycle"), e.getMessage());
  }

  @Test
  void aMissingFileIsReportedWithoutALine(@TempDir Path dir) {
    Path missing = dir.resolve("nope.jpf");
    PropertiesFileException e = assertThrows(PropertiesFileException.class, () -> JpfProperties.load(missing));
    assertEquals(missing + ": no such file", e.getMessage());
    assertEquals(0, e.line());
  }

  @Test
  void aBinaryFileIsReported(@TempDir Path dir) throws Exception {
    Path binary = dir.resolve("b.jpf");
    Files.write(binary, new byte[] {(byte) 0xC3, (byte) 0x28, 0x0A});
    assertEquals("not a UTF-8 text file", assertThrows(PropertiesFileException.class, () -> JpfProperties.load(binary)).problem());
  }

  @Test
  void aDirectoryIsReportedAsUnreadable(@TempDir Path dir) {
    PropertiesFileException e = assertThrows(PropertiesFileException.class, () -> JpfProperties.load(dir));
    assertTrue(e.problem().startsWith("cannot read"), e.getMessage());
  }
}
