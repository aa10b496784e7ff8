package dev.syncengine.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The limits issue #17 set on the code's shape, checked on the sources so that a change breaking
 * one fails the build: no class in a library module over 400 lines, no {@code main} method over 60
 * lines, and modules that depend on each other in one direction only.
 */
class CodeShapeTest {
  /** The modules a host puts on its class path. */
  private static final List<String> LIBRARY_MODULES =
      List.of(
          "sync-core",
          "sync-webflow",
          "sync-smartsuite",
          "sync-store-jdbc",
          "sync-servlet",
          "sync-spring-boot-starter",
          "sync-testing");

  private static final int MAX_CLASS_LINES = 400;
  private static final int MAX_MAIN_LINES = 60;
  private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
  private static final Pattern IMPORT =
      Pattern.compile("^import (?:static )?(dev\\.syncengine\\.[\\w.]+);", Pattern.MULTILINE);

  @Test
  void noClassInALibraryModuleIsOver400Lines() throws IOException {
    List<String> tooLong = new ArrayList<>();
    for (String module : LIBRARY_MODULES) {
      for (Path file : sources(root().resolve(module))) {
        long lines = Files.readAllLines(file, StandardCharsets.UTF_8).size();
        if (lines > MAX_CLASS_LINES) {
          tooLong.add(root().relativize(file) + " (" + lines + " lines)");
        }
      }
    }
    assertThat(tooLong).as("classes over %d lines", MAX_CLASS_LINES).isEmpty();
  }

  @Test
  void noMainMethodIsOver60Lines() throws IOException {
    List<String> tooLong = new ArrayList<>();
    for (Path file : sources(root())) {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).contains("static void main(")) {
          int length = bodyLength(lines, i);
          if (length > MAX_MAIN_LINES) {
            tooLong.add(root().relativize(file) + ":" + (i + 1) + " (" + length + " lines)");
          }
        }
      }
    }
    assertThat(tooLong).as("main methods over %d lines", MAX_MAIN_LINES).isEmpty();
  }

  @Test
  void noTwoModulesImportEachOther() throws IOException {
    Map<String, String> moduleOfPackage = new HashMap<>();
    Map<String, Set<String>> importsOfModule = new HashMap<>();
    for (String module : LIBRARY_MODULES) {
      for (Path file : sources(root().resolve(module))) {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Matcher p = PACKAGE.matcher(text);
        if (p.find()) {
          moduleOfPackage.put(p.group(1), module);
        }
        Matcher m = IMPORT.matcher(text);
        while (m.find()) {
          importsOfModule.computeIfAbsent(module, k -> new TreeSet<>()).add(packageOf(m.group(1)));
        }
      }
    }
    List<String> circles = new ArrayList<>();
    for (String a : LIBRARY_MODULES) {
      for (String b : LIBRARY_MODULES) {
        if (a.compareTo(b) < 0
            && uses(a, b, importsOfModule, moduleOfPackage)
            && uses(b, a, importsOfModule, moduleOfPackage)) {
          circles.add(a + " <-> " + b);
        }
      }
    }
    assertThat(circles).as("modules importing each other").isEmpty();
    assertThat(uses("sync-core", "sync-webflow", importsOfModule, moduleOfPackage))
        .as("core names no vendor adapter")
        .isFalse();
    assertThat(uses("sync-core", "sync-smartsuite", importsOfModule, moduleOfPackage)).isFalse();
  }

  private static boolean uses(
      String from, String to, Map<String, Set<String>> imports, Map<String, String> moduleOf) {
    return imports.getOrDefault(from, Set.of()).stream()
        .anyMatch(pkg -> to.equals(moduleOf.get(pkg)));
  }

  /** The package of an imported name: the segments before the first capitalised one. */
  private static String packageOf(String imported) {
    StringBuilder pkg = new StringBuilder();
    for (String part : imported.split("\\.")) {
      if (Character.isUpperCase(part.charAt(0))) {
        break;
      }
      pkg.append(pkg.length() == 0 ? "" : ".").append(part);
    }
    return pkg.toString();
  }

  /** Lines from the method's first line to the brace closing it, at the same indentation. */
  private static int bodyLength(List<String> lines, int start) {
    String line = lines.get(start);
    String closing = line.substring(0, line.length() - line.stripLeading().length()) + "}";
    for (int j = start + 1; j < lines.size(); j++) {
      if (lines.get(j).equals(closing)) {
        return j - start + 1;
      }
    }
    return lines.size() - start;
  }

  /** The main (not test) Java sources under a directory. */
  private static List<Path> sources(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".java"))
          .filter(f -> f.toString().contains("/src/main/java/"))
          .filter(f -> !f.toString().contains("/node_modules/"))
          .toList();
    }
  }

  private static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("sync-core/pom.xml"))) {
        return dir;
      }
    }
    throw new AssertionError("the repository root was not found above " + Path.of(""));
  }
}
