package dev.lip.protocol.openai;

import java.io.Writer;

/** An unsynchronised {@link Writer} into a reusable {@link StringBuilder}. */
final class StringBuilderWriter extends Writer {
  final StringBuilder builder = new StringBuilder(256);

  @Override
  public void write(char[] cbuf, int off, int len) {
    builder.append(cbuf, off, len);
  }

  @Override
  public void write(String str, int off, int len) {
    builder.append(str, off, off + len);
  }

  @Override
  public void write(int c) {
    builder.append((char) c);
  }

  @Override
  public void flush() {
    // nothing buffered here
  }

  @Override
  public void close() {
    // nothing to release
  }
}
