package org.minhu.internal;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * Loads libminhu_java from the JAR: {@code META-INF/native/<platform>/libminhu_java.so} is copied
 * to a temporary file and {@link System#load}ed, so no {@code -Djava.library.path} is needed.
 * {@code -Dminhu.native.library=/path/to/libminhu_java.so} overrides the bundled library (other
 * platforms, debugging).
 */
public final class NativeLoader {
  static final String LIBRARY = "libminhu_java.so";
  private static boolean loaded;

  private NativeLoader() {}

  /** The platform directory name for this JVM, e.g. {@code linux-x86_64}. */
  public static String platform() {
    final String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    final String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
    final String o = os.startsWith("linux") ? "linux" : os.replaceAll("[^a-z0-9]+", "");
    final String a = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64"
        : arch.equals("aarch64") || arch.equals("arm64") ? "aarch64" : arch;
    return o + "-" + a;
  }

  /** Idempotent and thread-safe; throws {@link UnsatisfiedLinkError} when there is no library. */
  public static synchronized void load() {
    if (loaded) return;
    final String override = System.getProperty("minhu.native.library");
    if (override != null && !override.isEmpty()) {
      System.load(new File(override).getAbsolutePath());
      loaded = true;
      return;
    }
    final String resource = "/META-INF/native/" + platform() + "/" + LIBRARY;
    try (InputStream in = NativeLoader.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new UnsatisfiedLinkError("minhu: no native library for " + platform() + " in the JAR ("
            + resource + "); set -Dminhu.native.library=/path/to/" + LIBRARY);
      }
      final Path tmp = Files.createTempFile("libminhu_java-", ".so");
      try {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        System.load(tmp.toAbsolutePath().toString());
      } finally {
        // Once mapped, the file is no longer needed (Linux keeps the mapping); nothing lingers
        // in /tmp even if the JVM is killed.
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          tmp.toFile().deleteOnExit();
        }
      }
    } catch (IOException e) {
      final UnsatisfiedLinkError err =
          new UnsatisfiedLinkError("minhu: cannot extract " + resource + ": " + e);
      err.initCause(e);
      throw err;
    }
    loaded = true;
  }
}
