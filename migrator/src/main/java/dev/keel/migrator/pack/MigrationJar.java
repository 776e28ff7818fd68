package dev.keel.migrator.pack;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.keel.cli.ToolRunner;
import dev.keel.datastore.FilesystemDatastore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Builds a migration as one self-running file: a shell header that runs {@code java -jar} on the
 * file itself, followed by a jar holding the migration's classes, the migration SDK and its
 * dependencies (Java finds a jar's entries from its end, so the header in front does no harm).
 */
public final class MigrationJar {
  /**
   * The header; JVM options chosen for a short run (no C2 compiler, serial GC, class data sharing).
   */
  public static final String HEADER =
      "#!/bin/sh\n"
          + "exec \"${JAVA_HOME:+$JAVA_HOME/bin/}java\" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto"
          + " -jar \"$0\" \"$@\"\n";

  private MigrationJar() {}

  /**
   * The jars or class directories the SDK needs at run time, found from the classes loaded here.
   */
  public static List<Path> sdkClasspath() {
    List<Path> paths = new ArrayList<>();
    for (Class<?> c :
        List.of(
            FilesystemDatastore.class,
            ToolRunner.class,
            picocli.CommandLine.class,
            ObjectMapper.class,
            JsonFactory.class,
            JsonAutoDetect.class)) {
      try {
        Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!paths.contains(p)) {
          paths.add(p);
        }
      } catch (URISyntaxException e) {
        throw new IllegalStateException("cannot locate the classes of " + c, e);
      }
    }
    return paths;
  }

  /**
   * The executable's bytes: header, then a jar of {@code classpath} (jars and class directories,
   * the first copy of an entry wins) with {@code mainClass} and any {@code extra} resources.
   */
  public static byte[] build(String mainClass, List<Path> classpath, Map<String, byte[]> extra)
      throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(HEADER.getBytes(StandardCharsets.US_ASCII));
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
    Set<String> seen = new HashSet<>();
    try (JarOutputStream jar = new JarOutputStream(bytes, manifest)) {
      seen.add("META-INF/MANIFEST.MF");
      for (var e : extra.entrySet()) {
        put(jar, seen, e.getKey(), new java.io.ByteArrayInputStream(e.getValue()));
      }
      for (Path entry : classpath) {
        if (Files.isDirectory(entry)) {
          try (Stream<Path> walk = Files.walk(entry)) {
            for (Path f : walk.filter(Files::isRegularFile).sorted().toList()) {
              try (InputStream in = Files.newInputStream(f)) {
                put(jar, seen, entry.relativize(f).toString().replace('\\', '/'), in);
              }
            }
          }
        } else {
          try (JarInputStream in = new JarInputStream(Files.newInputStream(entry))) {
            for (JarEntry je; (je = in.getNextJarEntry()) != null; ) {
              if (!je.isDirectory()) {
                put(jar, seen, je.getName(), in);
              }
            }
          }
        }
      }
    }
    return bytes.toByteArray();
  }

  private static void put(JarOutputStream jar, Set<String> seen, String name, InputStream in)
      throws IOException {
    String upper = name.toUpperCase(java.util.Locale.ROOT);
    boolean signature =
        upper.startsWith("META-INF/")
            && (upper.endsWith(".SF")
                || upper.endsWith(".RSA")
                || upper.endsWith(".DSA")
                || upper.endsWith(".EC"));
    if (signature
        || name.endsWith("module-info.class")
        || upper.startsWith("META-INF/VERSIONS/")
        || upper.equals("META-INF/MANIFEST.MF")
        || !seen.add(name)) {
      return;
    }
    jar.putNextEntry(new JarEntry(name));
    in.transferTo(jar);
    jar.closeEntry();
  }

  /** Writes {@code bytes} to {@code file} with mode 0755. */
  public static void writeExecutable(Path file, byte[] bytes) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(bytes);
    }
    Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
  }
}
