package org.minhu.internal;

import java.nio.charset.StandardCharsets;

/**
 * UTF-8 helpers for the binding. Strings themselves are converted in C++ (minhu_java.i), with
 * the same rules as here: an unpaired surrogate becomes U+FFFD (3 bytes).
 */
public final class Utf8 {
  private Utf8() {}

  /** Decodes; malformed sequences become U+FFFD. */
  public static String decode(byte[] b) {
    return b == null || b.length == 0 ? "" : new String(b, StandardCharsets.UTF_8);
  }

  /**
   * The UTF-16 index in {@code s} of the byte offset {@code byteOffset} in the UTF-8 form of
   * {@code s}; offsets inside a character round down, offsets past the end give {@code
   * s.length()}.
   */
  public static int charIndex(String s, long byteOffset) {
    long bytes = 0;
    int i = 0;
    final int n = s.length();
    while (i < n && bytes < byteOffset) {
      final char c = s.charAt(i);
      int chars = 1;
      int len;
      if (c < 0x80) {
        len = 1;
      } else if (c < 0x800) {
        len = 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < n
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        len = 4;
        chars = 2;
      } else {  // including an unpaired surrogate: U+FFFD in UTF-8
        len = 3;
      }
      if (bytes + len > byteOffset) break;
      bytes += len;
      i += chars;
    }
    return i;
  }
}
