package org.minhu.internal;

import java.util.ArrayList;
import java.util.List;
import org.minhu.MinhuException;
import org.minhu.Problem;

/** Called from the JNI layer (minhu_java.i) to build the exception it throws. Not public API. */
public final class NativeErrors {
  private NativeErrors() {}

  static Throwable failure(byte[] code, byte[] message, byte[][] pointers, byte[][] messages) {
    final List<Problem> problems = new ArrayList<Problem>(pointers.length);
    for (int i = 0; i < pointers.length; ++i) {
      problems.add(new Problem(Utf8.decode(pointers[i]), Utf8.decode(messages[i])));
    }
    return new MinhuException(Utf8.decode(code), Utf8.decode(message), problems);
  }
}
