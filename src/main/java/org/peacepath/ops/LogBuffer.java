package org.peacepath.ops;

/** A growing buffer whose bytes are written as they lie, not copied out first. */
final class LogBuffer extends java.io.ByteArrayOutputStream {
  private static final int SIZE = 256 * 1024;

  LogBuffer() {
    super(SIZE);
  }

  byte[] array() {
    return buf;
  }

  @Override
  public void write(byte[] bytes) {
    write(bytes, 0, bytes.length);
  }

  void trim() {
    buf = new byte[SIZE];
    count = 0;
  }
}
